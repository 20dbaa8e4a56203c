"""Tier chapters: distribution (table + chart), items below entry, and the tier table of all items."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd
from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

from ..catalog.in_force import edition_line
from ..catalog.labels import row_text
from ..domain import TIER_ORDER, Direction, SavingsStatus, Tier
from ..i18n import _
from ..palette import TIER_COLOURS
from .charts import tier_bar_chart
from .context import ReportContext
from .fmt import MISSING, fmt_auto, fmt_num, number
from .labels import (
    KEY_PARAMETERS,
    enum_text,
    indicator_name,
    parameter_label,
    product_name,
    rule_text,
    tier_text,
    verification_text,
)
from .result import EDITION_KEYS, Comparison, object_column
from .styles import FONT

_DARK = {Tier.ADVANCED, Tier.BELOW_ENTRY}


def tiers_after(ctx: ReportContext) -> list[Any]:
    """The tier each item would reach if its estimated measure is carried out (else its tier now)."""
    return [
        target if status == SavingsStatus.OK and target else tier
        for status, target, tier in zip(
            ctx.column("savings_status"), ctx.column("target_tier"), ctx.column("tier"), strict=True
        )
    ]


def distribution(ctx: ReportContext) -> list[Flowable]:
    n = ctx.n_items
    if not n:
        return []
    now = Counter(map(_key, ctx.column("tier")))
    after = Counter(map(_key, tiers_after(ctx)))
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


def _tier_colour_cmds(col: int, first_row: int, tiers: list[Any]) -> list[tuple[Any, ...]]:
    cmds: list[tuple[Any, ...]] = []
    for r, t in enumerate(tiers, start=first_row):
        try:
            tier = Tier(str(t))
        except ValueError:
            continue
        cmds.append(("BACKGROUND", (col, r), (col, r), colors.HexColor(TIER_COLOURS[tier])))
        if tier in _DARK:
            cmds.append(("TEXTCOLOR", (col, r), (col, r), colors.white))
    return cmds


def _params(ctx: ReportContext, i: int, product: Any) -> list[str]:
    """Key nameplate parameters of item `i`, from the item itself (older payloads) or its input row."""
    out = []
    own, pos = ctx.item_extras(i), ctx.input_positions[i]
    for field, word, unit in KEY_PARAMETERS.get(str(product), ()):
        v = own[field] if field in own else ctx.input_index.value(pos, field)
        if v is None or v == "":
            continue
        shown = fmt_auto(v) if number(v) is not None else ctx.memo(enum_text, v, field)
        label = ctx.memo(parameter_label, str(product), field, word)
        out.append(f"{label} {shown}{(' ' + unit) if unit else ''}")
    return out


def _comparison_lines(
    ctx: ReportContext, comps: list[Comparison], product: Any
) -> tuple[list[str], list[str]]:
    values, thresholds = [], []
    for c in comps:
        unit = c.unit or ""
        arrow = "≤" if c.direction == Direction.LOWER.value else "≥"
        name = ctx.memo(indicator_name, c.indicator, product)
        values.append(f"{name} {fmt_auto(c.value)} {unit}".strip())
        thresholds.append(
            arrow + " " + " / ".join(fmt_auto(t) for t in (c.advanced, c.energy_saving, c.entry))
        )
    return values or [MISSING], thresholds or [MISSING]


def _by_product(ctx: ReportContext) -> dict[str, list[int]]:
    """Item positions per product (first seen first)."""
    keys = object_column("" if p is None else str(p) for p in ctx.column("product"))
    codes, uniques = pd.factorize(keys)  # uniques in the order first seen
    if not len(uniques):
        return {}
    order = np.argsort(codes, kind="stable")
    parts = np.split(order, np.cumsum(np.bincount(codes))[:-1])
    return {str(u): part.tolist() for u, part in zip(uniques, parts, strict=True)}


def _citations(comps: list[list[Comparison]], lang: str) -> tuple[list[str], list[str]]:
    """Distinct standard tables and the citations of their thresholds (English form in the English
    edition) used by a group of items (first seen first)."""
    tables: dict[str, None] = {}
    sources: dict[str, None] = {}
    for item in comps:
        for c in item:
            if c.table:
                tables[str(c.table)] = None
            cite = (lang != "zh" and c.source_en) or c.source
            if cite:
                sources[str(cite)] = None
    return list(tables), list(sources)


_PLAIN_RULES = {"table_row", "exact"}  # the default: the row that matches the parameters


def _row_rule(ctx: ReportContext, comps: list[Comparison], item_rule: Any) -> list[str]:
    """Table row id per comparison, plus the rule when it is not the plain matching row."""
    out = []
    for c in comps:
        shown = ctx.memo(rule_text, c.rule) if c.rule and str(c.rule) not in _PLAIN_RULES else ""
        out.append(" · ".join(x for x in (ctx.memo(row_text, c.row or ""), shown) if x) or MISSING)
    return out or [ctx.memo(rule_text, item_rule)]


def tier_table(ctx: ReportContext) -> list[Flowable]:
    """One subsection per product: the standard and threshold sources, then each item's comparison."""
    out: list[Flowable] = [ctx.chapter(_("Tier of every item"))]
    if not ctx.n_items:
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
    for product, group in _by_product(ctx).items():
        out += _product_tier_table(ctx, product, group, header)
    return out


def _product_tier_table(
    ctx: ReportContext, product: str, group: list[int], header: list[str]
) -> list[Flowable]:
    """The subsection of one product: its standard, threshold sources and edition, then its items."""
    out: list[Flowable] = []
    comps = ctx.comparisons
    tables, sources = _citations([comps[i] for i in group], ctx.lang)
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
    edition, effective, cited = (ctx.column(k)[first] for k in EDITION_KEYS)
    if edition or cited:
        out.append(
            ctx.p(_("Edition judged: {line}").format(line=edition_line(edition, effective, cited)), "lead")
        )
    tags, names, tiers, checks, rules, products = (
        ctx.column(k) for k in ("asset_tag", "name", "tier", "verification", "rule", "product")
    )
    rows = []
    for i in group:
        values, thresholds = _comparison_lines(ctx, comps[i], products[i])
        rows.append(
            [
                ctx.cell(tags[i]),
                ctx.cell(names[i]),
                ctx.lines(_params(ctx, i, products[i]) or [MISSING]),
                ctx.lines(values),
                ctx.lines(thresholds),
                ctx.lines(_row_rule(ctx, comps[i], rules[i])),
                ctx.cell(ctx.memo(tier_text, tiers[i])),
                ctx.cell(ctx.memo(verification_text, checks[i])),
            ]
        )
    style = _tier_colour_cmds(6, 1, [tiers[i] for i in group])
    out.extend(ctx.tables(header, rows, [1.0, 1.3, 1.1, 1.5, 1.85, 1.15, 1.1, 0.9], extra_style=style))
    return out


def below_entry(ctx: ReportContext) -> list[Flowable]:
    below = [i for i, t in enumerate(ctx.column("tier")) if t == Tier.BELOW_ENTRY.value]
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
    tags, names, products, targets, checks = (
        ctx.column(k) for k in ("asset_tag", "name", "product", "target_tier", "verification")
    )
    rows = []
    for i in below:
        comps = ctx.comparisons[i]
        values, _thresholds = _comparison_lines(ctx, comps, products[i])
        entry = [fmt_auto(c.entry) for c in comps] or [MISSING]
        rows.append(
            [
                ctx.cell(tags[i]),
                ctx.cell(names[i]),
                ctx.cell(ctx.memo(product_name, products[i])),
                ctx.lines(values),
                ctx.lines(entry),
                ctx.cell(ctx.memo(tier_text, targets[i])),
                ctx.cell(ctx.memo(verification_text, checks[i])),
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
