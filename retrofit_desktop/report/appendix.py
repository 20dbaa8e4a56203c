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
    # (header, value of a row, width); optional columns that are empty in every row are left out
    columns = [
        (_("Sheet:row"), _where, 1.0, False),
        (_("Asset tag"), lambda r: r.get("asset_tag"), 1.0, False),
        (_("Equipment name"), lambda r: r.get("name"), 1.6, False),
        (_("Product category"), lambda r: product_name(r.get("product")), 1.3, False),
        (_("Model"), lambda r: r.get("model"), 1.1, True),
        (_("Manufacturer"), lambda r: r.get("manufacturer"), 1.2, True),
        (_("Year"), lambda r: r.get("year_installed"), 0.5, True),
        (_("Qty"), lambda r: fmt_num(r.get("quantity")) if r.get("quantity") is not None else None, 0.4, True),
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
    out.append(ctx.p(_("{n} problems in the input; a row with an error was not assessed.").format(n=len(rej)), "lead"))
    rows = [[ctx.cell(r.get("sheet")), ctx.cell(r.get("row")), ctx.cell(r.get("column")), ctx.cell(r.get("value")),
             ctx.cell(r.get("reason")), ctx.cell(_severity(r.get("severity")))] for r in rej]
    header = [_("Sheet"), _("Row"), _("Column"), _("Value"), _("Reason"), _("Severity")]
    out.extend(ctx.tables(header, rows, [1.0, 0.5, 1.1, 1.2, 3.2, 0.7]))
    return out


def _severity(value: object) -> str:
    if value == "error":
        return _("error")
    if value == "warning":
        return _("warning")
    return str(value) if value is not None else MISSING
