"""The elimination-list check (淘汰落后设备核查, T6): items whose model is on an elimination list.

Shown when the items carry ``elimination`` = {status: listed | not_listed | unknown, entries: [...],
note} (catalog.EliminationResult.to_json()). A listed unit fails regardless of its efficiency.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ..catalog.citations import elimination_entry_label
from ..i18n import N_, _
from .context import ReportContext
from .fmt import MISSING, as_dict, as_list
from .labels import verification_text
from .styles import CELL_PAD, CELL_SIZE, FONT

STATUS = {
    "listed": N_("listed"),
    "unknown": N_("cannot be decided"),
    "not_listed": N_("not listed"),
}


def elimination_statuses(ctx: ReportContext) -> list[Any]:
    """Each item's elimination status (None: the item carries no elimination check)."""
    statuses = [e.get("status") for e in ctx.result.elimination_results]
    return [statuses[c] for c in ctx.result.elimination_code.tolist()]


def elimination_counts(ctx: ReportContext) -> Counter[str] | None:
    """Items by elimination status, or None when no item carries an elimination check."""
    checked = [str(s) for s in elimination_statuses(ctx) if s is not None]
    return Counter(checked) if checked else None


def elimination(ctx: ReportContext) -> list[Flowable]:
    counts = elimination_counts(ctx)
    if counts is None:
        return []
    out: list[Flowable] = [ctx.chapter(_("Elimination-list check"))]
    out.append(
        ctx.p(
            _(
                "{listed} items match an entry of an elimination list (such a unit fails regardless of its "
                "efficiency "
                "and needs a disposal plan); for {unknown} items the data do not decide it; {clear} are not "
                "listed."
            ).format(
                listed=counts.get("listed", 0),
                unknown=counts.get("unknown", 0),
                clear=counts.get("not_listed", 0),
            )
        )
    )
    inputs, where = ctx.input_index, ctx.input_positions
    results, codes = ctx.result.elimination_results, ctx.result.elimination_code.tolist()
    tags, names = ctx.column("asset_tag"), ctx.column("name")
    rows = []
    for i, code in enumerate(codes):
        e = results[code]
        if e.get("status") not in ("listed", "unknown"):
            continue
        entries = [as_dict(x) for x in as_list(e.get("entries"))]
        status_msgid = STATUS[e["status"]]  # marked with N_ where STATUS is defined
        rows.append(
            [
                ctx.cell(tags[i]),
                ctx.cell(names[i]),
                ctx.lines(
                    [
                        inputs.value(where[i], k) or ctx.item_extras(i).get(k)
                        for k in ("model", "year_installed")
                    ]
                ),
                ctx.cell(_(status_msgid)),
                ctx.lines([_entry_text(x, ctx.lang) for x in entries] or [e.get("note") or MISSING]),
                ctx.lines([x.get("condition") or MISSING for x in entries] or [MISSING]),
                ctx.lines([verification_text(x.get("verification")) for x in entries] or [MISSING]),
            ]
        )
    if rows:
        header = [
            _("Asset tag"),
            _("Equipment name"),
            _("Model / year"),
            _("Status"),
            _("List entry"),
            _("Condition"),
            _("Verification"),
        ]
        fractions = [1.0, 1.4, 1.1, 0.8, 2.4, 1.6, 0.8]
        # neither the status (列入淘汰目录) nor the last header (Verification) may break mid-word
        _widen(fractions, 3, [_(s) for s in STATUS.values()], ctx.width)
        _widen(fractions, 6, [header[6]], ctx.width)
        out.extend(ctx.tables(header, rows, fractions))
    return out


def _entry_text(entry: dict[str, Any], lang: str) -> str:
    """The list and entry as cited (《…淘汰目录（第三批）》第1-1项), then the entry's product name; the
    full citation (issuer, 文号) is in the appendix of data sources."""
    cite = (
        elimination_entry_label(str(entry.get("batch") or ""), str(entry.get("item_no") or ""), lang)
        if entry.get("batch") and entry.get("item_no")
        else ""
    )
    return " ".join(filter(None, [cite, str(entry.get("product_name") or "")]))


def _widen(fractions: list[float], col: int, texts: list[str], width: float) -> None:
    """Make column `col` wide enough for the longest text on one line, but at most a sixth of the
    table; a longer one (English) wraps between words."""
    need = min(max(stringWidth(t, FONT, CELL_SIZE) for t in texts) + 2 * CELL_PAD + 1, width / 6)
    others = sum(fractions) - fractions[col]
    fractions[col] = max(fractions[col], others * need / (width - need))
