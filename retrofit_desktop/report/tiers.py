"""Tier chapters: distribution (table + chart), items below entry, and the tier table of all items."""

from __future__ import annotations

from collections import Counter

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

from ..catalog.in_force import edition_line
from ..catalog.labels import row_text
from ..domain import TIER_ORDER, Direction, SavingsStatus, Tier
from ..i18n import _
from ..palette import TIER_COLOURS
from .charts import tier_bar_chart
from .context import ReportContext
from .fmt import MISSING, as_dict, as_list, fmt_auto, fmt_num, get, number
from .labels import (
    KEY_PARAMETERS,
    enum_text,
    indicator_name,
    product_name,
    rule_text,
    tier_text,
    verification_text,
)
from .styles import FONT

_DARK = {Tier.ADVANCED, Tier.BELOW_ENTRY}


def tier_after(item: dict) -> object:
    """The tier an item would reach if its estimated measure is carried out (else its tier now)."""
    if get(item, "savings", "status") == SavingsStatus.OK and item.get("target_tier"):
        return item.get("target_tier")
    return item.get("tier")


def distribution(ctx: ReportContext) -> list[Flowable]:
    items = ctx.items
    if not items:
        return []
    n = len(items)
    now = Counter(_key(i.get("tier")) for i in items)
    after = Counter(_key(tier_after(i)) for i in items)
    known = {t.value for t in TIER_ORDER}
    tiers = [t for t in TIER_ORDER if now.get(t.value) or after.get(t.value)] or [Tier.ENTRY]
    others = sorted((set(now) | set(after)) - known)

    def pct(v: int) -> str:
        return f"{v / n * 100:.1f} %"

    keys = [t.value for t in tiers] + others
    rows = [
        [ctx.cell(tier_text(k or None)), fmt_num(now.get(k, 0)), pct(now.get(k, 0)), fmt_num(after.get(k, 0))]
        for k in keys
    ]
    rows.append([ctx.cell(_("Total")), fmt_num(n), "100.0 %", fmt_num(n)])
    style = [("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    style += _tier_colour_cmds(0, 1, [t.value for t in tiers])
    out: list[Flowable] = [ctx.chapter(_("Tier distribution"))]
    left = ctx.width * 0.5
    table = ctx.table(
        [_("Tier"), _("Items"), _("Share"), _("After the measures")],
        rows,
        [2.0, 0.8, 0.9, 1.1],
        total_row=True,
        extra_style=style,
        width=left,
    )
    chart = tier_bar_chart(
        [tier_text(t) for t in tiers],
        [now.get(t.value, 0) for t in tiers],
        [TIER_COLOURS[t] for t in tiers],
        ctx.width - left - 8,
    )
    both = Table([[table, chart]], colWidths=[left, ctx.width - left], hAlign="LEFT")
    both.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 8),
            ]
        )
    )
    out.append(both)
    out.append(
        ctx.p(
            _(
                "After the measures: the tier each item would reach if the measure estimated in chapter "
                "“Proposed measures” is carried out; items without an estimate keep their tier."
            ),
            "note",
        )
    )
    return out


def _key(tier: object) -> str:
    return "" if tier is None else str(tier)


def _tier_colour_cmds(col: int, first_row: int, tiers: list) -> list:
    cmds = []
    for r, t in enumerate(tiers, start=first_row):
        try:
            tier = Tier(str(t))
        except ValueError:
            continue
        cmds.append(("BACKGROUND", (col, r), (col, r), colors.HexColor(TIER_COLOURS[tier])))
        if tier in _DARK:
            cmds.append(("TEXTCOLOR", (col, r), (col, r), colors.white))
    return cmds


def _params(ctx: ReportContext, item: dict, inputs: dict) -> list[str]:
    """Key nameplate parameters from the item itself or its input row."""
    row = inputs.get(_item_key(item)) or inputs.get(("tag", item.get("asset_tag"))) or {}
    out = []
    for field, label, unit in KEY_PARAMETERS.get(str(item.get("product")), ()):
        v = item.get(field, row.get(field))
        if v is None or v == "":
            continue
        shown = fmt_auto(v) if number(v) is not None else enum_text(v, field)
        out.append(f"{_(label)} {shown}{(' ' + unit) if unit else ''}")
    return out


def _item_key(item: dict) -> tuple:
    return (item.get("sheet"), item.get("row"), item.get("asset_tag"))


def input_index(ctx: ReportContext) -> dict:
    """Input rows by (sheet, row, asset_tag), and by asset_tag alone where that tag is unique."""
    idx: dict = {}
    by_tag: dict = {}
    for r in as_list(ctx.payload.get("inputs")):
        if isinstance(r, dict):
            idx[(r.get("sheet"), r.get("row"), r.get("asset_tag"))] = r
            by_tag.setdefault(r.get("asset_tag"), []).append(r)
    for tag, rows in by_tag.items():
        if tag is not None and len(rows) == 1:
            idx[("tag", tag)] = rows[0]
    return idx


def _comparison_lines(item: dict) -> tuple[list[str], list[str]]:
    values, thresholds = [], []
    for c in as_list(item.get("comparisons")):
        c = as_dict(c)
        unit = c.get("unit") or ""
        arrow = "≤" if c.get("direction") == Direction.LOWER.value else "≥"
        values.append(
            f"{indicator_name(c.get('indicator'), item.get('product'))} {fmt_auto(c.get('value'))} {unit}".strip()
        )
        th = as_dict(c.get("thresholds"))
        thresholds.append(
            arrow + " " + " / ".join(fmt_auto(th.get(k)) for k in ("advanced", "energy_saving", "entry"))
        )
    return values or [MISSING], thresholds or [MISSING]


def _by_product(items: list[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for it in items:
        groups.setdefault(str(it.get("product")) if it.get("product") is not None else "", []).append(it)
    return groups


def _citations(items: list[dict], lang: str) -> tuple[list[str], list[str]]:
    """Distinct standard tables and the citations of their thresholds (English form in the English
    edition) used by a group of items (first seen first)."""
    tables: dict[str, None] = {}
    sources: dict[str, None] = {}
    for it in items:
        for c in map(as_dict, as_list(it.get("comparisons"))):
            if c.get("table"):
                tables[str(c["table"])] = None
            cite = (lang != "zh" and c.get("source_en")) or c.get("source")
            if cite:
                sources[str(cite)] = None
    return list(tables), list(sources)


_PLAIN_RULES = {"table_row", "exact"}  # the default: the row that matches the parameters


def _row_rule(item: dict) -> list[str]:
    """Table row id per comparison, plus the rule when it is not the plain matching row."""
    out = []
    for c in map(as_dict, as_list(item.get("comparisons"))):
        rule = c.get("rule")
        shown = rule_text(rule) if rule and str(rule) not in _PLAIN_RULES else ""
        out.append(" · ".join(x for x in (row_text(c.get("row") or ""), shown) if x) or MISSING)
    return out or [rule_text(item.get("rule"))]


def tier_table(ctx: ReportContext) -> list[Flowable]:
    """One subsection per product: the standard and threshold sources, then each item's comparison."""
    items = ctx.items
    out: list[Flowable] = [ctx.chapter(_("Tier of every item"))]
    if not items:
        return [*out, ctx.p(_("No items were assessed."))]
    out.append(
        ctx.p(
            _(
                "Thresholds are listed as advanced / energy-saving / entry; ≥ means higher is better, "
                "≤ lower is better. A value exactly on a threshold meets it. The table row is the one that "
                "matches the item's parameters unless another rule (e.g. interpolation) is named."
            ),
            "lead",
        )
    )
    inputs = input_index(ctx)
    header = [
        _("Asset tag"),
        _("Equipment name"),
        _("Key parameters"),
        _("Indicator value"),
        _("Thresholds"),
        _("Table row · rule"),
        _("Tier"),
        _("Verification"),
    ]
    for product, group in _by_product(items).items():
        tables, sources = _citations(group, ctx.lang)
        title = product_name(product or None)
        out.append(ctx.p(f"{title}（{len(group)}）" if ctx.lang == "zh" else f"{title} ({len(group)})", "h2"))
        if tables or sources:
            out.append(
                ctx.p(
                    _("Standard: {tables}. Threshold source: {sources}").format(
                        tables="; ".join(tables) or MISSING, sources="; ".join(sources[:3]) or MISSING
                    )
                    + (" " + _("(and {n} more)").format(n=len(sources) - 3) if len(sources) > 3 else ""),
                    "lead",
                )
            )
        first = group[0]
        if first.get("standard_edition") or first.get("catalog_edition_cited"):
            out.append(
                ctx.p(
                    _("Edition judged: {line}").format(
                        line=edition_line(
                            first.get("standard_edition"),
                            first.get("edition_effective"),
                            first.get("catalog_edition_cited"),
                        )
                    ),
                    "lead",
                )
            )
        rows, tiers = [], []
        for it in group:
            values, thresholds = _comparison_lines(it)
            rows.append(
                [
                    ctx.cell(it.get("asset_tag")),
                    ctx.cell(it.get("name")),
                    ctx.lines(_params(ctx, it, inputs) or [MISSING]),
                    ctx.lines(values),
                    ctx.lines(thresholds),
                    ctx.lines(_row_rule(it)),
                    ctx.cell(tier_text(it.get("tier"))),
                    ctx.cell(verification_text(it.get("verification"))),
                ]
            )
            tiers.append(it.get("tier"))
        style = _tier_colour_cmds(6, 1, tiers)
        out.extend(ctx.tables(header, rows, [1.0, 1.3, 1.1, 1.5, 1.85, 1.15, 1.1, 0.9], extra_style=style))
    return out


def below_entry(ctx: ReportContext) -> list[Flowable]:
    below = [i for i in ctx.items if i.get("tier") == Tier.BELOW_ENTRY.value]
    out: list[Flowable] = [ctx.chapter(_("Items below the entry tier"))]
    if not below:
        return [*out, ctx.p(_("No item is below the entry tier."))]
    out.append(
        ctx.p(
            _(
                "These {n} items do not reach the entry tier (the mandatory minimum of the cited standard) "
                "and should be replaced or retrofitted first."
            ).format(n=len(below))
        )
    )
    rows = []
    for it in below:
        values, thresholds = _comparison_lines(it)
        entry = [fmt_auto(get(c, "thresholds", "entry")) for c in as_list(it.get("comparisons"))] or [MISSING]
        rows.append(
            [
                ctx.cell(it.get("asset_tag")),
                ctx.cell(it.get("name")),
                ctx.cell(product_name(it.get("product"))),
                ctx.lines(values),
                ctx.lines(entry),
                ctx.cell(tier_text(it.get("target_tier"))),
                ctx.cell(verification_text(it.get("verification"))),
            ]
        )
    header = [
        _("Asset tag"),
        _("Equipment name"),
        _("Product category"),
        _("Indicator value"),
        _("Entry threshold"),
        _("Target tier"),
        _("Verification"),
    ]
    out.extend(ctx.tables(header, rows, [1.1, 1.6, 1.4, 1.6, 1.0, 1.0, 0.9]))
    return out
