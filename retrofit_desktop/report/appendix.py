"""Appendices: the equipment ledger (inputs), the rejected input rows, and the data sources with their
verification status and provenance (「数据来源与核实状态」)."""

from __future__ import annotations

import re

from reportlab.platypus import Flowable

from ..engine_labels import factor_label
from ..i18n import _
from .context import ReportContext
from .fmt import MISSING, as_list, fmt_num
from .labels import product_name, verification_text


def _where(row: dict) -> str:
    sheet, n = row.get("sheet"), row.get("row")
    if sheet and n is not None:
        return f"{sheet}:{n}"
    return str(n) if n is not None else MISSING


def inputs(ctx: ReportContext) -> list[Flowable]:
    rows_in = [r for r in as_list(ctx.payload.get("inputs")) if isinstance(r, dict)]
    if not ctx.options.include_inputs or not rows_in:
        return []
    out: list[Flowable] = [ctx.heading(_("Appendix A  Equipment ledger (inputs)"))]
    out.append(
        ctx.p(
            _(
                "All {n} input rows used in the assessment; every field is in the embedded "
                "retrofit-payload.json."
            ).format(n=len(rows_in)),
            "lead",
        )
    )
    # (header, value of a row, width); optional columns that are empty in every row are left out
    columns = [
        (_("Sheet:row"), _where, 1.0, False),
        (_("Asset tag"), lambda r: r.get("asset_tag"), 1.0, False),
        (_("Equipment name"), lambda r: r.get("name"), 1.6, False),
        (_("Product category"), lambda r: product_name(r.get("product")), 1.3, False),
        (_("Model"), lambda r: r.get("model"), 1.1, True),
        (_("Manufacturer"), lambda r: r.get("manufacturer"), 1.2, True),
        (_("Year"), lambda r: r.get("year_installed"), 0.5, True),
        (
            _("Qty"),
            lambda r: fmt_num(r.get("quantity")) if r.get("quantity") is not None else None,
            0.4,
            True,
        ),
        (_("Site"), lambda r: r.get("site"), 0.8, True),
    ]
    columns = [c for c in columns if not c[3] or any(_present(c[1](r)) for r in rows_in)]
    rows = [[ctx.cell(c[1](r)) for c in columns] for r in rows_in]
    out.extend(ctx.tables([c[0] for c in columns], rows, [c[2] for c in columns]))
    return out


def _present(value: object) -> bool:
    return value is not None and value != "" and value == value  # NaN != NaN


def rejected(ctx: ReportContext) -> list[Flowable]:
    rej = [r for r in as_list(ctx.payload.get("rejected")) if isinstance(r, dict)]
    if not ctx.options.include_rejected or not rej:
        return []
    out: list[Flowable] = [ctx.heading(_("Appendix B  Rejected input rows"))]
    out.append(
        ctx.p(
            _("{n} problems in the input; a row with an error was not assessed.").format(n=len(rej)), "lead"
        )
    )
    rows = [
        [
            ctx.cell(r.get("sheet")),
            ctx.cell(r.get("row")),
            ctx.cell(r.get("column")),
            ctx.cell(r.get("value")),
            ctx.cell(r.get("reason")),
            ctx.cell(_severity(r.get("severity"))),
        ]
        for r in rej
    ]
    header = [_("Sheet"), _("Row"), _("Column"), _("Value"), _("Reason"), _("Severity")]
    out.extend(ctx.tables(header, rows, [1.0, 0.5, 1.1, 1.2, 3.2, 0.7]))
    return out


def _severity(value: object) -> str:
    if value == "error":
        return _("error")
    if value == "warning":
        return _("warning")
    return str(value) if value is not None else MISSING


def _table_name(line: dict, lang: str) -> str:
    if line.get("kind") == "factor":
        sep = "、" if lang == "zh" else ", "
        return sep.join(factor_label(k.strip()) for k in str(line.get("table") or "").split(","))
    name = str((line.get("table_en") if lang != "zh" else None) or line.get("table") or "")
    if lang == "zh" or line.get("kind") != "tier_table":
        return name
    # "GB 19761-2020 表1 离心通风机（…）" -> "GB 19761-2020 Table 1" (the caption is Chinese)
    m = re.match(r"(.+?)\s*表\s*(\w+)", name)
    return f"{m.group(1)} Table {m.group(2)}" if m else name


def data_sources(ctx: ReportContext) -> list[Flowable]:
    """One line per table of data used: what it is, its citation, its verification status and how the
    numbers reached the product (the only place the transcription chain is printed)."""
    lines = [x for x in as_list(ctx.payload.get("data_sources")) if isinstance(x, dict)]
    if not lines:
        return []
    out: list[Flowable] = [ctx.heading(_("Appendix C  Data sources and verification status"))]
    out.append(
        ctx.p(
            _(
                "One line per table of data the assessment used. The citation is the official document "
                "the values come from; the last column says how the values reached this software "
                "(transcription or copy), for checking against the official text."
            ),
            "lead",
        )
    )
    rows = []
    for x in lines:
        cite = (ctx.lang != "zh" and x.get("source_en")) or x.get("source") or MISSING
        status = verification_text(x.get("verification")) if x.get("verification") else MISSING
        rows.append(
            [
                ctx.cell(_table_name(x, ctx.lang)),
                ctx.cell(cite),
                ctx.cell(status),
                ctx.cell(x.get("provenance") or MISSING),
            ]
        )
    header = [_("Data table"), _("Citation"), _("Verification"), _("Transcription source (internal)")]
    out.extend(ctx.tables(header, rows, [1.6, 3.0, 0.8, 2.6]))
    return out
