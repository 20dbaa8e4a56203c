"""Writing a PDF report, and re-checking one: re-compute its embedded inputs and compare the figures."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import _
from .assessing import Cancelled, IsCancelled, Progress, assess, inputs_frame
from .importing import InputFileError
from .options import AssessOptions

REL_TOL = 1e-9
ABS_TOL = 1e-12  # figures that are zero in one run and 1e-13 in the other still agree
#: per-item figures compared by `verify_report`, as paths into the item's JSON
ITEM_FIGURES = (
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
SUMMARY_FIGURES = (("kwh",), ("tce", "calorific"), ("tce", "equivalent"), ("tco2",), ("cny",))


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


def write_report(
    payload: Mapping[str, Any],
    out_pdf: str | os.PathLike,
    lang: str = "zh",
    options: Any = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Path:
    """Render the PDF (report.render_report); the payload is embedded with its SHA-256.

    ``progress(done, total)`` counts the report's sections (built, then laid out). ``cancelled()`` is
    checked before every section and laid-out flowable (a long table: every page); when it turns True
    the render stops, no file is left (not even the temporary one) and Cancelled is raised.
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
    path = render_report(dict(payload), out_pdf, lang=lang, options=options, progress=step)
    return Path(path)


def verify_report(pdf_path: str | os.PathLike) -> VerifyResult:
    """Re-compute a report from the inputs and options embedded in it and list every difference.

    A missing or non-PDF file raises InputFileError; a PDF whose payload is absent or altered
    (SHA-256 mismatch) is a failed verification with the reason as its difference.
    """
    from ..catalog import get_catalog
    from ..report import EmbeddedPayloadError, read_embedded_payload

    path = Path(pdf_path)
    if not path.is_file():
        raise InputFileError(_("cannot read {path}: no such file").format(path=path))
    with path.open("rb") as fh:
        if fh.read(5) != b"%PDF-":
            raise InputFileError(_("{path} is not a PDF file").format(path=path))
    try:
        payload = read_embedded_payload(path)
    except EmbeddedPayloadError as exc:
        return VerifyResult(False, [str(exc)])
    if payload.get("schema") != 1:
        return VerifyResult(
            False,
            [_("unsupported payload schema {schema!r}").format(schema=payload.get("schema"))],
            0,
            payload,
        )
    diffs: list[str] = []
    cat_info = payload.get("catalog") or {}
    try:
        catalog = get_catalog(cat_info.get("edition")) if cat_info.get("edition") else get_catalog()
    except Exception as exc:  # an edition this installation does not have
        return VerifyResult(
            False,
            [_("catalog edition {edition!r} of the report is not available here: {error}").format(
                edition=cat_info.get("edition"), error=exc
            )],
            0,
            payload,
        )  # fmt: skip
    if cat_info.get("sha256") and catalog.edition.sha256 != cat_info["sha256"]:
        diffs.append(
            _("catalog data differ: the report used SHA-256 {old}, this installation has {new}").format(
                old=cat_info["sha256"], new=catalog.edition.sha256
            )
        )
    summary = payload.get("summary") or {}
    try:
        rerun = assess(
            inputs_frame(payload),
            AssessOptions.from_json(payload.get("options")),
            read=summary.get("read"),
            catalog=catalog,
            traces=False,  # comparisons are not compared; tiers and figures are
        )
    except (ValueError, KeyError, TypeError) as exc:  # options or inputs this version cannot use
        return VerifyResult(
            False, [*diffs, _("the report cannot be re-computed here: {error}").format(error=exc)], 0, payload
        )
    diffs += compare_payloads(payload, rerun)
    return VerifyResult(not diffs, diffs, len(rerun["items"]), payload)


def compare_payloads(reported: Mapping[str, Any], recomputed: Mapping[str, Any]) -> list[str]:
    """Differences in tiers and figures between a reported payload and a re-computed one."""
    diffs: list[str] = []
    old_items, new_items = list(reported.get("items") or []), list(recomputed.get("items") or [])
    if len(old_items) != len(new_items):
        diffs.append(
            _("the report lists {old} items, re-computing its inputs gives {new}").format(
                old=len(old_items), new=len(new_items)
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
        old_e, new_e = (old.get("elimination") or {}).get("status"), (new.get("elimination") or {}).get("status")
        if old_e is not None and old_e != new_e:
            diffs.append(_("{item}: {field} is {old} in the report, {new} re-computed").format(
                item=label, field="elimination", old=old_e, new=new_e))
        for path in ITEM_FIGURES:
            _compare_figure(diffs, label, ".".join(path), _dig(old, path), _dig(new, path))
    old_s, new_s = reported.get("summary") or {}, recomputed.get("summary") or {}
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
