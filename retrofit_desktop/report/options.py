"""Options of a rendered report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ReportOptions:
    """What to put in the PDF besides the payload.

    report_id: shown on the cover and in every footer; default derived from the payload digest
    (``RD-`` + first 12 hex digits), so the same payload always gets the same id.
    prepared_by: 编制单位 shown on the cover (a consultant's firm); None leaves a blank line to sign.
    include_inputs / include_rejected: the equipment-ledger and rejected-rows appendices.
    embed_payload: attach ``retrofit-payload.json`` (turn off only for previews).
    logo_path: a PNG or JPEG placed at the top of the cover (a consultant's logo), scaled to fit.
    logo_data: the logo's bytes instead of a path (a report re-rendered from its embedded options);
    the bytes are what is drawn and embedded, so the logo file may change or vanish afterwards.
    signer_name / signer_fingerprint: the signer shown on the cover of a signed report (set by
    ``report.signed.render_signed_report`` from the signing key; never the key itself).
    """

    report_id: str | None = None
    prepared_by: str | None = None
    include_inputs: bool = True
    include_rejected: bool = True
    embed_payload: bool = True
    logo_path: str | Path | None = None
    logo_data: bytes | None = None
    signer_name: str | None = None
    signer_fingerprint: str | None = None
