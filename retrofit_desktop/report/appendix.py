"""Appendices: the equipment ledger (inputs), the rejected input rows, and the data sources with their
verification status and, in words, how the values were obtained (「数据来源与核实状态」; the raw
provenance is only in the embedded payload)."""

from __future__ import annotations

import re
from typing import Any

from reportlab.platypus import Flowable

from ..engine_labels import factor_label
from ..i18n import _
from .context import ReportContext
from .fmt import MISSING, fmt_num
from .labels import product_name, verification_text
from .source_route import route_text


def _where(sheet: Any, n: Any) -> str:
    if sheet and n is not None:
        return f"{sheet}:{n}"
    return str(n) if n is not None else MISSING


def _quantity(value: Any) -> str | None:
    return fmt_num(value) if value is not None else None


def inputs(ctx: ReportContext) -> list[Flowable]:
    n = len(ctx.result.inputs)
    if not ctx.options.include_inputs or not n:
        return []
    out: list[Flowable] = [ctx.heading(_("Appendix A  Equipment ledger (inputs)"))]
    out.append(
        ctx.p(
            _(
                "All {n} input rows used in the assessment; every field is in the embedded "
                "retrofit-payload.json."
            ).format(n=n),
            "lead",
        )
    )
    col = ctx.input_column
    # (header, the column's values, width, optional); optional columns empty in every row are left out
    columns = [
        (_("Sheet:row"), list(map(_where, col("sheet"), col("row"))), 1.0, False),
        (_("Asset tag"), col("asset_tag"), 1.0, False),
        (_("Equipment name"), col("name"), 1.6, False),
        (_("Product category"), [ctx.memo(product_name, p) for p in col("product")], 1.3, False),
        (_("Model"), col("model"), 1.1, True),
        (_("Manufacturer"), col("manufacturer"), 1.2, True),
        (_("Year"), col("year_installed"), 0.5, True),
        (_("Qty"), list(map(_quantity, col("quantity"))), 0.4, True),
        (_("Site"), col("site"), 0.8, True),
    ]
    columns = [c for c in columns if not c[3] or any(map(_present, c[1]))]
    cells = [list(map(ctx.cell, c[1])) for c in columns]
    rows = [list(row) for row in zip(*cells, strict=True)]
    out.extend(ctx.tables([c[0] for c in columns], rows, [c[2] for c in columns]))
    return out


def _present(value: object) -> bool:
    return value is not None and value != "" and value == value  # NaN != NaN


def rejected(ctx: ReportContext) -> list[Flowable]:
    rej = ctx.result.rejected
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
            ctx.cell(r.sheet),
            ctx.cell(r.row),
            ctx.cell(r.column),
            ctx.cell(r.value),
            ctx.cell(r.reason),
            ctx.cell(_severity(r.severity)),
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


def _table_name(line: dict[str, Any], lang: str) -> str:
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
    lines = ctx.result.data_sources or []
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
                ctx.cell(route_text(x.get("provenance"), x.get("verification"))),
            ]
        )
    header = [_("Data table"), _("Citation"), _("Verification"), _("How the values were obtained")]
    out.extend(ctx.tables(header, rows, [1.6, 3.0, 0.8, 2.6]))
    return out
