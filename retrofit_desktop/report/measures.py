"""Proposed measures with savings and finance, and the marginal abatement cost (MAC) curve."""

from __future__ import annotations

from collections import Counter
from typing import Any

from reportlab.platypus import Flowable, Spacer, Table

from ..domain import SavingsStatus
from ..i18n import N_, _
from .charts import mac_curve_chart
from .context import ReportContext
from .cover import proposal_payback
from .fmt import MISSING, as_dict, as_list, fmt_num, fmt_pct, fmt_wan, get, number
from .labels import measure_text, missing_fields_text, product_name, tier_text

STATUS_LABELS: dict[str, str] = {
    SavingsStatus.OK: N_("estimated"),
    SavingsStatus.INSUFFICIENT_DATA: N_("insufficient data"),
    SavingsStatus.NOT_APPLICABLE: N_("not applicable"),
}


def status_text(status: object) -> str:
    key = str(status)
    return _(STATUS_LABELS[key]) if key in STATUS_LABELS else (key if status else MISSING)


#: the items columns of the savings table
_SAVINGS_TABLE_COLUMNS = (
    "asset_tag", "name", "measure", "mandatory", "target_tier", "kwh", "fuel_unit", "tce_calorific", "tco2",
    "cny",
    "investment", "payback_years", "npv", "irr",
)  # fmt: skip


def _sum(values: list[Any]) -> float | None:
    nums = [n for n in (number(v) for v in values) if n is not None]
    return sum(nums) if nums else None


def _estimated_by_priority(ctx: ReportContext) -> list[int]:
    """Items with estimated savings: mandatory measures (items below entry) first, then by simple
    payback; unknown payback last."""
    mandatory, payback = ctx.column("mandatory"), ctx.numbers("payback_years")

    def priority(i: int) -> tuple[bool, bool, float]:
        p = payback[i]
        return (mandatory[i] is not True, p is None, p if p is not None else 0.0)

    ok = [i for i, s in enumerate(ctx.column("savings_status")) if s == SavingsStatus.OK]
    return sorted(ok, key=priority)


def measures(ctx: ReportContext) -> list[Flowable]:
    if not ctx.n_items:
        return []
    ok = _estimated_by_priority(ctx)
    status = ctx.column("savings_status")
    statuses = Counter(status)
    out: list[Flowable] = [ctx.chapter(_("Proposed measures, savings and finance"))]
    targets = Counter(t for t in ctx.column("target_tier") if t)
    target = targets.most_common(1)[0][0] if targets else None
    out.append(
        ctx.p(
            _(
                "Each item below its target tier is assumed to be brought to that tier (mostly: {target}). "
                "Savings were "
                "estimated for {ok} items; {insufficient} items lack the data needed and {na} need no "
                "measure. "
                "Mandatory measures (items below the entry tier) come first, then the shortest simple "
                "payback."
            ).format(
                target=tier_text(target),
                ok=statuses.get(SavingsStatus.OK, 0),
                insufficient=statuses.get(SavingsStatus.INSUFFICIENT_DATA, 0),
                na=statuses.get(SavingsStatus.NOT_APPLICABLE, 0),
            )
        )
    )
    by_product = {k: v for k, v in as_dict(ctx.totals.get("by_product")).items() if isinstance(v, dict)}
    by_site = {k: v for k, v in as_dict(ctx.totals.get("by_site")).items() if isinstance(v, dict)}
    if by_product:
        out.append(
            _group_table(ctx, _("Product category"), {product_name(k): v for k, v in by_product.items()})
        )
    if len(by_site) > 1:
        out.append(Spacer(1, 4))
        out.append(_group_table(ctx, _("Site"), by_site))
    if ok:
        out.append(Spacer(1, 4))
        out.extend(_savings_table(ctx, ok))
    missing = [i for i, s in enumerate(status) if s == SavingsStatus.INSUFFICIENT_DATA]
    if missing:
        out.append(Spacer(1, 4))
        out.append(ctx.p(_("Items whose savings could not be estimated, and what is missing:"), "lead"))
        tags, names, fields = ctx.column("asset_tag"), ctx.column("name"), ctx.column("missing_fields")
        rows = [
            [
                ctx.cell(tags[i]),
                ctx.cell(names[i]),
                ctx.cell(ctx.memo(status_text, status[i])),
                ctx.cell(missing_fields_text(as_list(fields[i])) if as_list(fields[i]) else MISSING),
            ]
            for i in missing
        ]
        out.extend(
            ctx.tables(
                [_("Asset tag"), _("Equipment name"), _("Savings status"), _("Missing fields")],
                rows,
                [1.1, 2.0, 1.1, 3.0],
            )
        )
    return out


def _group_table(ctx: ReportContext, label: str, groups: dict[str, dict[str, Any]]) -> Table:
    """Engine totals per product or site (summary.by_product / by_site), as given in the payload; in 万kWh and
    万元 in the Chinese edition, as Chinese reports summarise (the item table below keeps full figures)."""
    wan = ctx.lang == "zh"
    big = fmt_wan if wan else fmt_num
    rows = []
    for name, g in groups.items():
        st = as_dict(g.get("by_status"))
        rows.append(
            [
                ctx.cell(name),
                fmt_num(g.get("items")),
                fmt_num(st.get(SavingsStatus.OK)),
                big(g.get("kwh")),
                fmt_num(g.get("tce_calorific"), 2),
                fmt_num(g.get("tco2"), 2),
                big(g.get("cny")),
                big(g.get("investment")),
            ]
        )
    header = [
        label,
        _("Items"),
        _("Estimated"),
        *([_("10⁴ kWh/yr")] if wan else [_("kWh/yr")]),
        _("tce/yr (calorific)"),
        _("tCO2/yr"),
        *([_("10⁴ CNY/yr"), _("Investment (10⁴ CNY)")] if wan else [_("CNY/yr"), _("Investment (CNY)")]),
    ]
    return ctx.table(
        header,
        rows,
        [2.0, 0.6, 0.7, 1.0, 1.0, 0.9, 0.9, 1.0],
        extra_style=[("ALIGN", (1, 1), (-1, -1), "RIGHT")],
    )


def _savings_table(ctx: ReportContext, ok: list[int]) -> list[Table]:
    fuel = ctx.numbers("fuel")
    has_fuel = any(fuel[i] is not None for i in ok)
    header = [_("Asset tag / name"), _("Target tier / measure"), _("kWh/yr")]
    if has_fuel:
        header.append(_("Fuel/yr"))
    header += [
        _("tce/yr (calorific)"),
        _("tCO2/yr"),
        _("CNY/yr"),
        _("Investment (CNY)"),
        _("Payback (yr)"),
        _("NPV (CNY)"),
        _("IRR"),
    ]
    c = {k: ctx.column(k) for k in _SAVINGS_TABLE_COLUMNS}
    rows: list[list[Any]] = []
    for i in ok:
        measure = ctx.memo(measure_text, c["measure"][i], c["mandatory"][i])
        row = [
            ctx.lines([c["asset_tag"][i], c["name"][i]]),
            ctx.lines([ctx.memo(tier_text, c["target_tier"][i])] + ([measure] if measure else [])),
            fmt_num(c["kwh"][i]),
        ]
        if has_fuel:
            f = fuel[i]
            digits = 2 if f is not None and abs(f) < 100 else 0
            row.append(
                f"{fmt_num(f, digits)} {c['fuel_unit'][i] or ''}".strip() if f is not None else MISSING
            )
        row += [
            fmt_num(c["tce_calorific"][i], 2),
            fmt_num(c["tco2"][i], 2),
            fmt_num(c["cny"][i]),
            fmt_num(c["investment"][i]),
            fmt_num(c["payback_years"][i], 1),
            fmt_num(c["npv"][i]),
            fmt_pct(c["irr"][i]),
        ]
        rows.append(row)

    def total_of(name: str) -> float | None:
        return _sum([c[name][i] for i in ok])

    total = [ctx.cell(_("Total")), "", fmt_num(total_of("kwh"))]
    if has_fuel:
        total.append("")
    total += [
        fmt_num(total_of("tce_calorific"), 2),
        fmt_num(total_of("tco2"), 2),
        fmt_num(total_of("cny")),
        fmt_num(total_of("investment")),
        fmt_num(proposal_payback(ctx)[0], 1),  # the summary's figure: one payback per proposal
        fmt_num(total_of("npv")),
        "",
    ]
    rows.append(total)
    fractions = [1.5, 1.1, 0.9] + ([0.8] if has_fuel else []) + [0.8, 0.7, 0.8, 0.9, 0.6, 0.9, 0.6]
    style = [("ALIGN", (2, 1), (-1, -1), "RIGHT")]
    return ctx.tables(header, rows, fractions, total_row=True, extra_style=style)


def mac_curve(ctx: ReportContext) -> list[Flowable]:
    points = []
    raw = as_list(ctx.header.get("mac_curve")) or as_list(ctx.totals.get("mac_curve"))
    for p in raw:
        t, m = number(get(p, "tco2")), number(get(p, "cny_per_tco2"))
        if t is not None and m is not None and t > 0:
            label = (
                get(p, "label")
                or " ".join(x for x in (get(p, "asset_tag"), measure_text(get(p, "measure"))) if x)
                or MISSING
            )
            points.append((str(label), t, m))
    if not points:
        return []
    points.sort(key=lambda x: x[2])
    out: list[Flowable] = [ctx.chapter(_("Marginal abatement cost curve"))]
    out.append(
        ctx.p(
            _(
                "Measures sorted by cost per tonne of CO2 avoided; bar width is the CO2 avoided per year. "
                "A negative cost means the measure saves money over its life."
            ),
            "lead",
        )
    )
    out.append(mac_curve_chart(points, ctx.width, _("CO2 avoided (tCO2/yr), cumulative"), _("CNY/tCO2")))
    out.append(ctx.p(_mac_coverage(ctx, points), "note"))
    rows = [[ctx.cell(label), fmt_num(t, 2), fmt_num(m)] for label, t, m in points]
    out.append(
        ctx.table(
            [_("Measure"), _("tCO2/yr"), _("CNY/tCO2")],
            rows,
            [3, 1, 1],
            extra_style=[("ALIGN", (1, 1), (-1, -1), "RIGHT")],
        )
    )
    return out


def _mac_coverage(ctx: ReportContext, points: list[tuple[str, float, float]]) -> str:
    """Caption: how much of the CO2 saving the curve shows, and why the rest is not on it."""
    avoided = [t for t in ctx.numbers("tco2") if t is not None and t > 0]
    shown = sum(t for _label, t, _m in points)
    if len(avoided) <= len(points):
        return _("The curve covers all {n} measures that avoid CO2 ({t} tCO2/yr).").format(
            n=len(points), t=fmt_num(shown, 1)
        )
    return _(
        "The curve covers {n} of the {total} measures that avoid CO2 ({t} of {all} tCO2/yr): measures "
        "without an investment figure (or without a price) have no cost per tonne and are left out."
    ).format(n=len(points), total=len(avoided), t=fmt_num(shown, 1), all=fmt_num(sum(avoided), 1))
