"""Plain-text output of the CLI: aligned tables (CJK-aware) and readable summaries."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from .catalog.labels import edition_name
from .domain import TIER_ORDER, Tier, tier_label, verification_label
from .i18n import N_, _, current_language
from .services.jsonsafe import jsonable

MAX_ITEM_LINES = 30


def text_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], right: Sequence[int] = ()) -> str:
    """Columns padded to the widest cell; columns whose index is in `right` are right-aligned."""
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in r] for r in rows]
    widths = [max(text_width(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, r in enumerate(cells):
        parts = []
        for i, v in enumerate(r):
            pad = " " * (widths[i] - text_width(v))
            parts.append(pad + v if i in right else v + pad)
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def num(value: Any, digits: int = 0) -> str:
    if value is None:
        return "—"
    if isinstance(value, int | float):
        return f"{value:,.{digits}f}"
    return str(value)


def dump_json(data: Any, out: TextIO | None = None) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    (out or sys.stdout).write(text + "\n")


def print_rejections(
    rejections: Sequence[Mapping[str, Any]], out: TextIO | None = None, title: str | None = None
) -> None:
    """Rejected rows / warnings, one per line: sheet!row, column, value, reason."""
    out = out or sys.stderr
    if not rejections:
        return
    if title:
        print(title, file=out)
    for r in rejections:
        where = (f"{r['sheet']}!" if r.get("sheet") else "") + (
            str(r["row"]) if r.get("row") is not None else "?"
        )
        col = r.get("column") or "—"
        val = "" if r.get("value") in (None, "") else f" = {r['value']!r}"
        print(
            "  "
            + _("row {row}, column {column}{value}: {reason}").format(
                row=where, column=col, value=val, reason=r.get("reason")
            ),
            file=out,
        )


def tier_text(tier: str | None) -> str:
    try:
        return tier_label(Tier(str(tier)), current_language())
    except ValueError:
        return str(tier)


def indicator_text(name: object) -> str:
    """An indicator's label in Chinese ('efficiency_pct' -> '额定效率'); its name in English (what
    --value takes)."""
    if current_language() == "en" or not name:
        return "" if name is None else str(name)
    from .catalog.labels import field_label

    return field_label(str(name)) or str(name)


def product_text(product: str | None) -> str:
    """A catalog product id as its name in the output language ('motor' -> '三相异步电动机')."""
    if not product:
        return ""
    from .catalog.labels import product_label

    return product_label(product)


DIRECTIONS = {"higher_is_better": N_("higher is better"), "lower_is_better": N_("lower is better")}


def direction_text(direction: str) -> str:
    return _(DIRECTIONS[direction]) if direction in DIRECTIONS else direction


def cited(d: Mapping[str, Any]) -> str:
    """The citation of a factor or comparison: Chinese, or its English form in the English edition."""
    return str((current_language() != "zh" and d.get("source_en")) or d.get("source") or "")


def standard_text(p: Mapping[str, Any]) -> str:
    """The standard of a catalog product, marked where the cited standard or edition is to be confirmed."""
    std = str(p.get("standard") or "")
    if not p.get("standard_to_confirm"):
        return std
    return (
        _("{standard} (cited edition to be confirmed)").format(standard=std)
        if std
        else _("cited standard to be confirmed")
    )


def status_text(status: str | None) -> str:
    try:
        return verification_label(str(status), current_language())
    except ValueError:
        return "" if status is None else str(status)


def assessment_summary(result: Any, source: str) -> str:
    """What `retrofit assess` prints without --json (`result`: a services.Assessment)."""
    s = result.summary
    cat = result.header.get("catalog") or {}
    lines = [
        _("Assessment of {source}").format(source=source),
        _("Catalog: {title} (edition {edition})").format(
            title=cat.get("title") or "—", edition=edition_name(cat.get("edition"))
        ),
        _("Rows read: {read}, imported: {imported}, rejected: {rejected}").format(
            read=s.read, imported=s.imported, rejected=s.rejected
        ),
        "",
        *_edition_lines(result),
    ]
    by_tier = s.by_tier
    rows = [[tier_text(t.value), by_tier.get(t.value, 0)] for t in TIER_ORDER if by_tier.get(t.value)]
    lines += [table([_("Tier"), _("Items")], rows, right=(1,)), ""]
    lines += [
        table(
            [_("Annual savings"), _("Value")],
            [
                [_("Electricity (kWh/yr)"), num(s.kwh)],
                [_("Standard coal, calorific basis (tce/yr)"), num(s.tce_calorific, 2)],
                [_("Standard coal, equivalent basis (tce/yr)"), num(s.tce_equivalent, 2)],
                [_("CO2 (t/yr)"), num(s.tco2, 2)],
                [_("Cost (CNY/yr)"), num(s.cny)],
                *_priced_part(s.totals),
            ],
            right=(1,),
        ),
        "",
    ]
    lines += _factor_lines(s.totals.get("factors"))
    for note in s.notes:
        lines.append(_("Note: {note}").format(note=note))
    if s.notes:
        lines.append("")
    below = result.below_entry()
    if len(below):
        lines.append(_("Items below the entry tier (must be replaced or improved):"))
        shown = below.head(MAX_ITEM_LINES)
        kwh = shown["kwh"] if "kwh" in shown.columns else [None] * len(shown)
        rows = [
            [jsonable(tag), jsonable(name) or "", product_text(jsonable(product)), num(jsonable(k))]
            for tag, name, product, k in zip(
                _col(shown, "asset_tag"), _col(shown, "name"), _col(shown, "product"), kwh, strict=True
            )
        ]
        lines.append(table([_("Asset tag"), _("Name"), _("Product"), _("kWh/yr saved")], rows, right=(3,)))
        if len(below) > MAX_ITEM_LINES:
            lines.append(_("… and {n} more").format(n=len(below) - MAX_ITEM_LINES))
    return "\n".join(lines)


def _col(frame: Any, name: str) -> list[Any]:
    return frame[name].tolist() if name in frame.columns else [None] * len(frame)


#: factors shown in the plain-text summary (all of them are in the JSON)
SHOWN_FACTORS = ("grid_co2", "tce_electricity_calorific", "tce_electricity_equivalent", "price_electricity")


def _priced_part(s: dict[str, Any]) -> list[list[str]]:
    """The cost saving of the items that have a price, when the total is missing because some have none."""
    priced, unpriced = s.get("cny_priced"), s.get("cny_unpriced_items")
    if s.get("cny") is not None or priced is None or not unpriced:
        return []
    return [[_("Cost without the {n} unpriced items (CNY/yr)").format(n=unpriced), num(priced)]]


def _factor_lines(factors: Any) -> list[str]:
    if not isinstance(factors, Mapping):
        return []
    from .engine_labels import factor_label, factor_scope, unit_text  # the engine has run: no import cost

    nested = factors.get("factors")
    table_of: Mapping[str, Any] = nested if isinstance(nested, Mapping) else factors
    grid = factors.get("grid_resolution") if isinstance(factors.get("grid_resolution"), Mapping) else None
    rows = []
    for key in SHOWN_FACTORS:
        f = table_of.get(key)
        if isinstance(f, Mapping):
            scope = factor_scope(key, f.get("scope"), grid, f.get("scope_zh"))
            value = num(f.get("value"), 4) if f.get("value") is not None else "—"
            rows.append([factor_label(key, f.get("series")), value, unit_text(f.get("unit") or ""), scope,
                         status_text(f.get("status")), cited(f)])  # fmt: skip
    if not rows:
        return []
    out = [table([_("Factor"), _("Value"), _("Unit"), _("Scope"), _("Status"), _("Source")], rows)]
    grid = factors.get("grid_resolution")
    if isinstance(grid, Mapping) and grid.get("fallback"):
        out.append(_("Grid factor fallback: {fallback}").format(fallback=grid["fallback"]))
    return [*out, ""]


def _edition_lines(result: Any) -> list[str]:
    """The standard edition each product present was judged by (beside the tiers)."""
    from .catalog.in_force import edition_line

    options = result.header.get("options") or {}
    seen = {p: edition_line(*ed) for p, ed in result.editions_by_product().items()}
    if not seen:
        return []
    head = (
        _("Editions judged: as the catalog cites them (assessment date {date})")
        if options.get("edition") == "catalog"
        else _("Editions judged: in force on the assessment date {date}")
    ).format(date=options.get("assessment_date"))
    rows = [[product_text(p), line] for p, line in seen.items()]
    return [head, table([_("Product"), _("Standard edition")], rows), ""]


def classification_text(c: Mapping[str, Any]) -> str:
    lines = [
        _("Product: {product}").format(product=c.get("product")),
        _("Tier: {tier}").format(tier=tier_text(c.get("tier"))),
        _("Data verification: {status}").format(status=status_text(c.get("verification"))),
    ]
    if c.get("standard_edition") or c.get("catalog_edition_cited"):
        from .catalog.in_force import edition_line

        lines.append(
            _("Standard edition: {line}").format(
                line=edition_line(
                    c.get("standard_edition"), c.get("edition_effective"), c.get("catalog_edition_cited")
                )
            )
        )
    if c.get("rule"):
        from .catalog.labels import rule_label

        lines.append(_("Rule: {rule}").format(rule=rule_label(c["rule"])))
    rows = []
    for comp in c.get("comparisons") or []:
        thr = comp.get("thresholds") or {}
        value = num(comp.get("value"), 2) if comp.get("value") is not None else "—"
        rows.append([
            indicator_text(comp.get("indicator")), value,
            comp.get("unit") or "", *(num(thr.get(t.value), 2) if thr.get(t.value) is not None else "—"
                                       for t in (Tier.ADVANCED, Tier.ENERGY_SAVING, Tier.ENTRY)),
            comp.get("table") or "", cited(comp),
        ])  # fmt: skip
    if rows:
        head = [_("Indicator"), _("Value"), _("Unit"), tier_text("advanced"), tier_text("energy_saving"),
                tier_text("entry"), _("Table"), _("Source")]  # fmt: skip
        lines += ["", table(head, rows, right=(1, 3, 4, 5))]
        lines += _comparison_notes(c)
    if c.get("note"):
        from .catalog.labels import note_text

        lines += ["", _("Note: {note}").format(note=note_text(c["note"]))]
    return "\n".join(lines)


def _comparison_notes(c: Mapping[str, Any]) -> list[str]:
    """Which indicator decided a multi-indicator item, and each comparison's rule where it is not a plain
    table row ('—' cells, a limit value only, a value the row does not require)."""
    from .catalog.labels import rule_label

    out = []
    comps = c.get("comparisons") or []
    if c.get("decided_by") and len(comps) > 1:
        out.append(
            _(
                "Decided by: {indicator} (every indicator the row requires applies; the weakest decides)"
            ).format(indicator=indicator_text(c["decided_by"]))
        )
    for comp in comps:
        rule = str(comp.get("rule") or "")
        if any(k in rule for k in ("no_standard_value", "limit_value_only", "indicator_not_required")):
            out.append(f"{comp.get('indicator')}: {rule_label(rule)}")
    return [""] + out if out else []


def _checked_cny(checked: Mapping[str, Any]) -> str:
    if checked.get("cny") is not None:
        return _("{cny} CNY").format(cny=num(checked["cny"]))
    if checked.get("cny_priced") is not None and checked.get("cny_unpriced_items"):
        return _("{cny} CNY for the priced items ({n} items without a price)").format(
            cny=num(checked["cny_priced"]), n=checked["cny_unpriced_items"]
        )
    return _("CNY not priced")


def checked_lines(checked: Mapping[str, Any] | None, pages: Mapping[str, Any] | None) -> list[str]:
    """What `retrofit verify` checked: the report's number, enterprise, date, items, totals and pages."""
    lines = []
    if checked:
        lines.append(
            _("Report {id} · {enterprise} · date {date} · {n} items").format(
                id=checked.get("report_id") or "—",
                enterprise=checked.get("enterprise") or "—",
                date=checked.get("date") or "—",
                n=checked.get("items"),
            )
        )
        given = checked.get("tce")
        tce: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
        lines.append(
            _(
                "Annual savings: {kwh} kWh · {calorific} tce (calorific basis) / {equivalent} tce "
                "(equivalent basis) · {tco2} tCO2 · {cny}; investment {investment} CNY"
            ).format(
                kwh=num(checked.get("kwh")),
                calorific=num(tce.get("calorific"), 2),
                equivalent=num(tce.get("equivalent"), 2),
                tco2=num(checked.get("tco2"), 2),
                cny=_checked_cny(checked),
                investment=num(checked.get("investment")),
            )
        )
    if pages:
        if pages.get("identical"):
            same = _("the file is byte-identical to the re-rendered report")
        elif (
            not pages.get("differing")
            and not pages.get("missing")
            and pages.get("file") == pages.get("rerendered")
        ):
            same = _(
                "every page is drawn as in the re-rendered report "
                "(the file was saved again: its bytes differ)"
            )
        else:
            same = _("pages differ from the re-rendered report")
        lines.append(
            _("Pages: {file} in the file, {new} re-rendered; {same}").format(
                file=pages.get("file"), new=pages.get("rerendered"), same=same
            )
        )
    return lines
