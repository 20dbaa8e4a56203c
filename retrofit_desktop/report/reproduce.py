"""What makes a report reproducible: its options travel in the payload, and nothing comes from the clock.

The embedded ``retrofit-payload.json`` carries a ``report`` section (report id, prepared by, the
include flags, the language, the logo's bytes and the software version that wrote the PDF), so
``rerender(payload)`` gives the same bytes as the file that was written, with the same software.
The PDF's dates come from the assessment's ``generated_at`` and its /ID from the payload digest.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
from collections.abc import Mapping
from typing import Any

from .. import __version__
from ..i18n import _
from .options import ReportOptions

REPORT_KEY = "report"
#: the date of a payload without ``generated_at`` (reportlab's own invariant date)
FALLBACK_DATE = _dt.datetime(2000, 1, 1, tzinfo=_dt.UTC)


class RerenderError(ValueError):
    """The embedded payload does not say how the report was rendered."""


def assessment_part(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload without its report section (what the assessment produced)."""
    return {k: v for k, v in payload.items() if k != REPORT_KEY}


def report_section(
    options: ReportOptions, lang: str, report_id: str, written_by: str | None = None
) -> dict[str, Any]:
    """The options of a rendered report, as stored in its payload (schema 1, additive); `written_by`
    is the software version that rendered it (default: this one)."""
    logo = None
    if options.logo_data:
        logo = {
            "base64": base64.b64encode(options.logo_data).decode("ascii"),
            "sha256": hashlib.sha256(options.logo_data).hexdigest(),
        }
    signer = {"signer_name": options.signer_name, "signer_fingerprint": options.signer_fingerprint}
    return {
        **{k: v for k, v in signer.items() if v},  # a signed report's cover line (never key material)
        "report_id": report_id,
        "prepared_by": options.prepared_by,
        "include_inputs": bool(options.include_inputs),
        "include_rejected": bool(options.include_rejected),
        "language": lang,
        "logo": logo,
        "software_version": written_by or __version__,
    }


def options_from_section(section: Any) -> tuple[ReportOptions, str]:
    """(ReportOptions, language) of a report section; RerenderError when it is missing or malformed."""
    if not isinstance(section, Mapping):
        raise RerenderError(
            _("the embedded data do not record the report's options (written by an older version)")
        )
    try:
        logo = section.get("logo")
        data = base64.b64decode(logo["base64"], validate=True) if logo else None
        options = ReportOptions(
            report_id=str(section["report_id"]),
            prepared_by=section.get("prepared_by"),
            include_inputs=bool(section.get("include_inputs", True)),
            include_rejected=bool(section.get("include_rejected", True)),
            logo_data=data,
            signer_name=section.get("signer_name"),
            signer_fingerprint=section.get("signer_fingerprint"),
        )
        lang = str(section["language"])
    except (KeyError, TypeError, ValueError) as exc:
        raise RerenderError(
            _("the embedded report options cannot be read: {error}").format(error=exc)
        ) from exc
    return options, lang


def written_by(pdf_payload: Mapping[str, Any]) -> str | None:
    """The software version that rendered the PDF (else the one that assessed it)."""
    section = pdf_payload.get(REPORT_KEY)
    version = section.get("software_version") if isinstance(section, Mapping) else None
    return str(version or pdf_payload.get("software_version") or "") or None


def assessment_time(payload: Mapping[str, Any]) -> _dt.datetime:
    """``generated_at`` as an aware datetime (UTC when it has no offset); FALLBACK_DATE when absent."""
    value = payload.get("generated_at")
    try:
        when = _dt.datetime.fromisoformat(str(value)) if value else FALLBACK_DATE
    except ValueError:
        return FALLBACK_DATE
    return when if when.tzinfo else when.replace(tzinfo=_dt.UTC)


class FixedTimeStamp:
    """Stands in for reportlab's TimeStamp: CreationDate and ModDate of the assessment, not the clock."""

    def __init__(self, when: _dt.datetime):
        offset = when.utcoffset() or _dt.timedelta(0)
        minutes = int(offset.total_seconds() // 60)
        self.t = when.timestamp()
        self.lt = when.timetuple()
        self.YMDhms = tuple(self.lt)[:6]
        self.dhh, self.dmm = int(minutes / 60), abs(minutes) % 60
        self.tzname = when.tzname() or "UTC"


def document_id(digest_hex: str) -> bytes:
    """The PDF trailer's /ID array (two equal 16-byte strings) derived from the payload digest."""
    from reportlab.pdfbase.pdfdoc import DummyDoc, PDFText

    raw: bytes = PDFText(bytes.fromhex(digest_hex)[:16], enc="raw").format(DummyDoc())
    return b"\n[" + raw + raw + b"]\n"
