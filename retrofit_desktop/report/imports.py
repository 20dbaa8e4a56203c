"""The ledger files the enterprise's items were imported from (the payload's ``imports``)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..i18n import _
from .context import ReportContext
from .fmt import fmt_num

SHA_SHOWN = 12  # hex digits of the SHA-256 shown; the payload has all 64


def imported_files(ctx: ReportContext) -> list[Flowable]:
    records = ctx.result.imports or []
    if not records:
        return []
    out: list[Flowable] = [ctx.p(_("Imported ledger files"), "h2")]
    out.append(ctx.p(_("{n} imports, oldest first; the row counts of the summary are those of the latest "
                       "import of each file. The full SHA-256 of each file is in the embedded payload.")
                     .format(n=len(records)), "lead"))  # fmt: skip
    rows = [
        [ctx.cell(r.get("file")), ctx.cell(str(r.get("sha256") or "")[:SHA_SHOWN]),
         ctx.cell(str(r.get("imported_at") or "").replace("T", " ")[:19]),
         ctx.num(fmt_num(r.get("read"))), ctx.num(fmt_num(r.get("imported"))),
         ctx.num(fmt_num(r.get("rejected")))]
        for r in records
    ]  # fmt: skip
    header = [
        _("Ledger file"),
        "SHA-256",
        _("Time (UTC)"),
        _("Rows read"),
        _("Rows imported"),
        _("Rows rejected"),
    ]
    out.extend(ctx.tables(header, rows, [2.2, 1.2, 1.5, 0.7, 0.7, 0.7]))
    return out
