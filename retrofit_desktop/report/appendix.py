"""Appendices: the equipment ledger (inputs) and the rejected input rows."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..i18n import _
from .context import ReportContext
from .fmt import MISSING, as_list, fmt_num
from .labels import product_name


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
    out.append(ctx.p(_("All {n} input rows used in the assessment; every field is in the embedded "
                       "retrofit-payload.json.").format(n=len(rows_in)), "lead"))
    rows = [[ctx.cell(_where(r)), ctx.cell(r.get("asset_tag")), ctx.cell(r.get("name")),
             ctx.cell(product_name(r.get("product"))), ctx.cell(r.get("model")), ctx.cell(r.get("manufacturer")),
             ctx.cell(r.get("year_installed")), fmt_num(r.get("quantity")) if r.get("quantity") is not None else MISSING,
             ctx.cell(r.get("site"))] for r in rows_in]
    header = [_("Sheet:row"), _("Asset tag"), _("Name"), _("Product"), _("Model"), _("Manufacturer"), _("Year"),
              _("Qty"), _("Site")]
    out.append(ctx.table(header, rows, [1.0, 1.0, 1.5, 1.3, 1.1, 1.2, 0.5, 0.4, 0.8]))
    return out


def rejected(ctx: ReportContext) -> list[Flowable]:
    rej = [r for r in as_list(ctx.payload.get("rejected")) if isinstance(r, dict)]
    if not ctx.options.include_rejected or not rej:
        return []
    out: list[Flowable] = [ctx.heading(_("Appendix B  Rejected input rows"))]
    out.append(ctx.p(_("{n} problems in the input; a row with an error was not assessed.").format(n=len(rej)), "lead"))
    rows = [[ctx.cell(r.get("sheet")), ctx.cell(r.get("row")), ctx.cell(r.get("column")), ctx.cell(r.get("value")),
             ctx.cell(r.get("reason")), ctx.cell(_severity(r.get("severity")))] for r in rej]
    header = [_("Sheet"), _("Row"), _("Column"), _("Value"), _("Reason"), _("Severity")]
    out.append(ctx.table(header, rows, [1.0, 0.5, 1.1, 1.2, 3.2, 0.7]))
    return out


def _severity(value: object) -> str:
    if value == "error":
        return _("error")
    if value == "warning":
        return _("warning")
    return str(value) if value is not None else MISSING
