"""Writing a PDF report, and re-checking one: re-compute its embedded inputs, compare the figures,
re-render its pages and compare them with the file's."""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import _
from .assessing import assessment, inputs_frame
from .assessment import Assessment
from .cancel import Cancelled, IsCancelled, Progress
from .importing import InputFileError
from .options import AssessOptions

REL_TOL = 1e-9
ABS_TOL = 1e-12  # figures that are zero in one run and 1e-13 in the other still agree
#: per-item figures compared by `verify_report`, as paths into the item's JSON
ITEM_FIGURES: tuple[tuple[str, ...], ...] = (
    ("savings", "kwh"),
    ("savings", "fuel"),
    ("savings", "tce", "calorific"),
    ("savings", "tce", "equivalent"),
    ("savings", "tco2"),
    ("savings", "cny"),
    ("finance", "investment"),
    ("finance", "capital_subsidy"),
    ("finance", "payback_years"),
    ("finance", "npv"),
    ("finance", "irr"),
    ("finance", "cce_cny_per_kwh"),
    ("finance", "abatement_cny_per_tco2"),
)
SUMMARY_FIGURES: tuple[tuple[str, ...], ...] = (
    ("kwh",),
    ("tce", "calorific"),
    ("tce", "equivalent"),
    ("tco2",),
    ("cny",),
)


def report_options_class() -> type:
    """report.ReportOptions (imported on demand: the report package loads reportlab)."""
    from ..report import ReportOptions

    return ReportOptions


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    differences: list[str] = field(default_factory=list)
    items_checked: int = 0
    payload: dict[str, Any] | None = None  # the embedded payload (None when unreadable)
    #: what the report states and verify checked: report_id, enterprise, date, items, kwh, tce
    #: (equivalent basis), tco2, cny, investment (None when the payload is unreadable)
    checked: dict[str, Any] | None = None
    #: the page comparison: file, rerendered (page counts), identical (bytes), differing, missing
    pages: dict[str, Any] | None = None
    signature: Any = None  # report.signature.SignatureStatus (services.signing), None when not looked at

    def to_json(self) -> dict[str, Any]:
        """The `retrofit verify --json` object (schema 1)."""
        return {
            "schema": 1,
            "ok": self.ok,
            "items_checked": self.items_checked,
            "differences": self.differences,
            "checked": self.checked,
            "pages": self.pages,
            "signature": self.signature.to_json() if self.signature is not None else None,
        }


def write_report(
    payload: Mapping[str, Any] | Assessment,
    out_pdf: str | os.PathLike[str],
    lang: str = "zh",
    options: Any = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    sign_key: str | os.PathLike[str] | None = None,
) -> Path:
    """Render the PDF (report.render_report) of an assessment: the typed `Assessment` or its schema-1
    payload (the same report either way); the payload is embedded with its SHA-256.

    ``progress(done, total)`` counts the report's sections (built, then laid out). ``cancelled()`` is
    checked before every section and laid-out flowable (a long table: every page); when it turns True
    the render stops, no file is left (not even the temporary one) and Cancelled is raised.
    `sign_key`: a private key file from ``retrofit keygen``; the report is then signed (SigningError
    when the key cannot be used).
    """
    from ..report import render_report

    last: list[tuple[int, int]] = []

    def step(done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None and (not last or last[0] != (done, total)):
            last[:] = [(done, total)]
            progress(done, total)

    if cancelled is not None and cancelled():
        raise Cancelled()
    data = payload.to_payload() if isinstance(payload, Assessment) else dict(payload)
    if sign_key is not None:
        from .signing import write_signed_report

        path = write_signed_report(data, out_pdf, sign_key, lang, options, step)
    else:
        path = render_report(data, out_pdf, lang=lang, options=options, progress=step)
    return Path(path)


def verify_report(
    pdf_path: str | os.PathLike[str], trusted: Sequence[str | os.PathLike[str]] | None = None
) -> VerifyResult:
    """`_verify_report` and the report's signature (services.signing): `trusted` .pub files or folders
    of them; given, the report must carry a valid signature by one of those keys."""
    from .signing import load_trusted_keys, with_signature

    keys = None if trusted is None else load_trusted_keys(trusted)  # a bad key file: before any work
    result: VerifyResult = with_signature(_verify_report(pdf_path), pdf_path, keys)
    return result


def _verify_report(pdf_path: str | os.PathLike[str]) -> VerifyResult:
    """Re-compute a report from the inputs embedded in it, re-render its pages from the embedded
    inputs and options, and list every difference.

    A missing, non-PDF or unreadable (damaged, truncated) file raises InputFileError; a PDF whose
    payload is absent or altered (SHA-256 mismatch) is a failed verification with the reason as its
    difference.
    """
    from ..report import EmbeddedPayloadError, read_embedded_payload
    from ..report.attachment import UnreadablePdfError

    path = Path(pdf_path)
    if not path.is_file():
        raise InputFileError(_("cannot read {path}: no such file").format(path=path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError(
            _("cannot read {path}: {error}").format(path=path, error=exc.strerror or exc)
        ) from exc
    if not data.startswith(b"%PDF-"):
        raise InputFileError(_("{path} is not a PDF file").format(path=path))
    try:
        payload = read_embedded_payload(path)
    except UnreadablePdfError as exc:
        raise InputFileError(str(exc)) from exc
    except EmbeddedPayloadError as exc:
        return VerifyResult(False, [str(exc)])
    checked = checked_figures(payload)
    if payload.get("schema") != 1:
        return VerifyResult(
            False,
            [_("unsupported payload schema {schema!r}").format(schema=payload.get("schema"))],
            0,
            payload,
            checked,
        )
    diffs, items_checked = _recompute(payload)
    page_diffs, pages = _check_pages(data, payload)
    diffs += page_diffs
    return VerifyResult(not diffs, diffs, items_checked, payload, checked, pages)


def _recompute(payload: dict[str, Any]) -> tuple[list[str], int]:
    """Differences between the embedded figures and a re-computation of the embedded inputs."""
    from ..catalog import get_catalog

    diffs: list[str] = []
    cat_info = payload.get("catalog") or {}
    try:
        catalog = get_catalog(cat_info.get("edition")) if cat_info.get("edition") else get_catalog()
    except Exception as exc:  # an edition this installation does not have
        return [_("catalog edition {edition!r} of the report is not available here: {error}").format(
            edition=cat_info.get("edition"), error=exc)], 0  # fmt: skip
    if cat_info.get("sha256") and catalog.edition.sha256 != cat_info["sha256"]:
        diffs.append(
            _("catalog data differ: the report used SHA-256 {old}, this installation has {new}").format(
                old=cat_info["sha256"], new=catalog.edition.sha256
            )
        )
    summary = payload.get("summary") or {}
    try:
        rerun = assessment(
            inputs_frame(payload),
            AssessOptions.from_json(payload.get("options")),
            read=summary.get("read"),
            catalog=catalog,
            traces=False,  # comparisons are not compared; tiers and figures are
        )
    except (ValueError, KeyError, TypeError) as exc:  # options or inputs this version cannot use
        return [*diffs, _("the report cannot be re-computed here: {error}").format(error=exc)], 0
    return diffs + compare_payloads(payload, rerun), len(rerun)


def _check_pages(data: bytes, payload: dict[str, Any]) -> tuple[list[str], dict[str, Any] | None]:
    """Differences between the file and the report re-rendered from its payload, and the page summary."""
    from .. import __version__
    from ..report import ReportError
    from ..report.pagecheck import check_pages
    from ..report.pagetext import PageTextError
    from ..report.render import rerender
    from ..report.reproduce import RerenderError, written_by
    from ..report.signature import embedded_signature

    version = written_by(payload)
    other = version is not None and version != __version__
    note = (
        _(
            "the report was written by Retrofit Desktop {old}, this is {new}: a different version may lay "
            "out the pages differently"
        ).format(old=version, new=__version__)
        if other
        else None
    )
    try:
        check = check_pages(data, rerender(payload, embedded_signature(data)))
    except (RerenderError, ReportError, PageTextError, ValueError, KeyError, TypeError) as exc:
        text = _("the pages cannot be re-rendered from the embedded data: {error}").format(error=exc)
        return [text, *([note] if note else [])], None
    except (
        Exception
    ) as exc:  # e.g. a layout error on crafted data: still a failed check; the traceback to the log
        from ..logfile import setup_logging

        setup_logging()
        logging.getLogger(__name__).exception("re-rendering the pages of a report failed")
        text = _("the pages cannot be re-rendered from the embedded data: {error}").format(
            error=f"{type(exc).__name__}: {exc}"
        )
        return [text, *([note] if note else [])], None
    diffs = list(check.differences)
    if diffs and note:
        diffs.append(note)
    return diffs, check.to_json()


def checked_figures(payload: dict[str, Any]) -> dict[str, Any]:
    """What the report states: its number, enterprise, date, item count and headline totals."""
    summary = payload.get("summary") or {}
    section: Mapping[str, Any] = payload["report"] if isinstance(payload.get("report"), Mapping) else {}
    enterprise: Mapping[str, Any] = (
        payload["enterprise"] if isinstance(payload.get("enterprise"), Mapping) else {}
    )
    items = [i for i in payload.get("items") or [] if isinstance(i, Mapping)]
    invest = [v for v in (_dig(i, ("finance", "investment")) for i in items) if isinstance(v, int | float)]
    return {
        "report_id": section.get("report_id"),
        "enterprise": enterprise.get("name"),
        "date": str(payload["generated_at"])[:10] if payload.get("generated_at") else None,
        "items": len(items),
        "kwh": _number(summary.get("kwh")),
        "tce": {
            "calorific": _number(_dig(summary, ("tce", "calorific"))),
            "equivalent": _number(_dig(summary, ("tce", "equivalent"))),
        },
        "tco2": _number(summary.get("tco2")),
        "cny": _number(summary.get("cny")),
        # the priced part when some items have no price (the summary's cny is then null)
        "cny_priced": _number(summary.get("cny_priced")),
        "cny_unpriced_items": _number(summary.get("cny_unpriced_items")),
        "investment": float(sum(invest)) if invest else None,
    }


def _number(value: Any) -> float | int | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def compare_payloads(reported: Mapping[str, Any], recomputed: Mapping[str, Any] | Assessment) -> list[str]:
    """Differences in tiers and figures between a reported payload and a re-computed one (a payload
    or the typed result, whose items are then read a chunk at a time)."""
    diffs: list[str] = []
    old_items = list(reported.get("items") or [])
    if isinstance(recomputed, Assessment):
        new_items: Any = recomputed.iter_item_json(shared=True)
        n_new, new_s = len(recomputed), recomputed.summary.to_json()
    else:
        new_items = list(recomputed.get("items") or [])
        n_new, new_s = len(new_items), recomputed.get("summary") or {}
    if len(old_items) != n_new:
        diffs.append(
            _("the report lists {old} items, re-computing its inputs gives {new}").format(
                old=len(old_items), new=n_new
            )
        )
    for old, new in zip(old_items, new_items, strict=False):
        label = _item_label(old)
        if old.get("asset_tag") != new.get("asset_tag"):
            diffs.append(
                _("{item}: asset tag differs from the inputs ({new})").format(
                    item=label, new=new.get("asset_tag")
                )
            )
        for key in ("tier", "target_tier"):
            if old.get(key) != new.get(key):
                diffs.append(
                    _("{item}: {field} is {old} in the report, {new} re-computed").format(
                        item=label, field=key, old=old.get(key), new=new.get(key)
                    )
                )
        old_e, new_e = (
            (old.get("elimination") or {}).get("status"),
            (new.get("elimination") or {}).get("status"),
        )
        if old_e is not None and old_e != new_e:
            diffs.append(
                _("{item}: {field} is {old} in the report, {new} re-computed").format(
                    item=label, field="elimination", old=old_e, new=new_e
                )
            )
        for path in ITEM_FIGURES:
            _compare_figure(diffs, label, ".".join(path), _dig(old, path), _dig(new, path))
    old_s = reported.get("summary") or {}
    for path in SUMMARY_FIGURES:
        _compare_figure(diffs, _("summary"), ".".join(path), _dig(old_s, path), _dig(new_s, path))
    diffs += _factor_differences(old_s.get("factors"), new_s.get("factors"))
    old_t = {k: v for k, v in (old_s.get("by_tier") or {}).items() if v}
    new_t = {k: v for k, v in (new_s.get("by_tier") or {}).items() if v}
    if old_t != new_t:
        diffs.append(
            _("summary: items by tier {old} in the report, {new} re-computed").format(old=old_t, new=new_t)
        )
    return diffs


def _factor_table(factors: Any) -> dict[str, Any]:
    if not isinstance(factors, Mapping):
        return {}
    inner = factors.get("factors")
    return dict(inner) if isinstance(inner, Mapping) else {}


def _factor_differences(old: Any, new: Any) -> list[str]:
    """Stated factors that differ from the ones this installation uses for the same options."""
    diffs: list[str] = []
    old_f, new_f = _factor_table(old), _factor_table(new)
    for key in sorted(set(old_f) | set(new_f)):
        a, b = (old_f.get(key) or {}).get("value"), (new_f.get(key) or {}).get("value")
        if isinstance(a, int | float) and isinstance(b, int | float):
            if math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL):
                continue
        elif a == b:
            continue
        diffs.append(
            _("factor {key} is {old} in the report, {new} here").format(key=key, old=_num(a), new=_num(b))
        )
    return diffs


def _dig(obj: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(obj, Mapping):
            return None
        obj = obj.get(key)
    return obj


def _compare_figure(diffs: list[str], label: str, name: str, old: Any, new: Any) -> None:
    if old is None and new is None:
        return
    same = (
        isinstance(old, int | float)
        and isinstance(new, int | float)
        and math.isclose(old, new, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    )
    if not same:
        diffs.append(
            _("{item}: {field} is {old} in the report, {new} re-computed").format(
                item=label, field=name, old=_num(old), new=_num(new)
            )
        )


def _num(v: Any) -> str:
    return "—" if v is None else repr(v)


def _item_label(item: Mapping[str, Any]) -> str:
    where = item.get("asset_tag") or "?"
    if item.get("row") is not None:
        where += " (" + _("row {row}").format(row=item["row"]) + ")"
    return where
