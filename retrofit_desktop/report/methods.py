"""Methods and factors with their sources, catalog edition and data-verification notes, sign-off."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from reportlab.platypus import Flowable, Spacer

from ..domain import VERIFICATION_ORDER, Verification
from ..engine_labels import factor_label, factor_note, factor_scope, factor_source, grid_place, method_label
from ..engine_labels import unit_text as factor_unit_text
from ..i18n import N_, _
from .context import ReportContext
from .fmt import MISSING, as_dict, fmt_auto, fmt_num, get, number
from .labels import verification_text
from .styles import grid_style


def factor_entries(totals: Mapping[str, Any]) -> tuple[list[tuple[str, dict[str, Any]]], dict[str, Any]]:
    """(name, factor) pairs and the grid-factor resolution of the summary's ``factors``, from either a
    flat ``{name: factor}`` map or the engine's ``{"factors": {...}, "grid_resolution": {...}}`` form."""
    raw = as_dict(totals.get("factors"))
    grid = as_dict(raw.get("grid_resolution"))
    nested = raw.get("factors")
    if isinstance(nested, dict) and all(isinstance(v, dict) for v in nested.values()):
        raw = nested
    return [(str(k), v) for k, v in sorted(raw.items()) if isinstance(v, dict)], grid


_FUEL_PREFIXES = ("fuel_tce_", "fuel_co2_", "price_fuel_")


def fuels_used(ctx: ReportContext) -> set[str]:
    """Fuel kinds that appear in the items or inputs (their factors are the relevant ones)."""
    found = set(ctx.column("fuel_kind")) | set(ctx.input_column("fuel_kind"))
    return {str(f) for f in found if f}


def relevant_factors(
    ctx: ReportContext, entries: list[tuple[str, dict[str, Any]]]
) -> list[tuple[str, dict[str, Any]]]:
    """Drop per-fuel factors of fuels no item uses; everything else is shown."""
    fuels = fuels_used(ctx)
    out = []
    for name, f in entries:
        prefix = next((p for p in _FUEL_PREFIXES if name.startswith(p)), None)
        if prefix is None or name[len(prefix) :] in fuels:
            out.append((name, f))
    return out


def electricity_price(options: Mapping[str, Any], totals: Mapping[str, Any]) -> float | None:
    """The electricity price used: the assessment option, else a price-per-kWh factor."""
    price = number(options.get("price_cny_per_kwh"))
    if price is not None:
        return price
    entries, _grid = factor_entries(totals)
    for name, f in entries:
        unit = str(f.get("unit") or "").lower()
        if "price" in name.lower() and ("kwh" in unit or "elec" in name.lower()):
            return number(f.get("value"))
    return None


#: factor units written as words (translated); symbols such as kgCO2/kWh are shown as they are
_UNIT_WORDS = {N_("fraction"), N_("percentage points"), N_("years"), N_("date")}


def unit_text(unit: object) -> object:
    """A factor's unit for display: a word unit ('fraction', 'years') translated, a symbol as it is."""
    return _(unit) if isinstance(unit, str) and unit in _UNIT_WORDS else factor_unit_text(unit)


def methods(ctx: ReportContext) -> list[Flowable]:
    out: list[Flowable] = [ctx.chapter(_("Methods and factors"))]
    for line in (
        _(
            "Tier: each indicator value is compared with the thresholds of the catalog row that matches the "
            "item's parameters; the worst indicator decides. Tiers map to the cited standard's grades "
            "(advanced = grade 1, energy-saving = grade 2, entry = grade 3)."
        ),
        _(
            "Electricity: standard coal (calorific basis) = kWh × calorific factor; (equivalent basis) = "
            "kWh × "
            "equivalent factor; CO2 = kWh × grid emission factor; cost = kWh × electricity price."
        ),
        _(
            "Fuels: standard coal = fuel saved × conversion coefficient (GB/T 2589); CO2 = fuel saved × fuel "
            "emission factor."
        ),
        _(
            "Finance: simple payback = (investment − upfront subsidy − residual value) / (annual saving − "
            "O&M "
            "change), for each item and, summed, for the proposal; NPV discounts the annual "
            "savings over the service life at the discount rate; IRR is the rate at which NPV = 0."
        ),
    ):
        out.append(ctx.p(line, "note"))
    convention = get(ctx.totals, "tce", "convention")
    if convention:
        out.append(ctx.p(_("Standard-coal convention: {text}").format(text=convention), "note"))
    used = Counter(str(m) for m in ctx.column("method") if m)
    if used:
        out.append(ctx.p(_("Savings methods used:"), "lead"))
        for method, n in used.most_common():
            out.append(
                ctx.p("• " + _("{method} ({n} items)").format(method=method_label(method), n=n), "note")
            )
    entries, grid = factor_entries(ctx.totals)
    if grid:
        place = grid_place(grid)
        if place:
            out.append(
                ctx.p(
                    _("Grid emission factor: {label}, {place}, {year}. {fallback}").format(
                        label=factor_label("grid_co2", grid.get("series")),
                        place=place,
                        year=grid.get("year") or MISSING,
                        fallback=grid.get("fallback") or "",
                    ),
                    "lead",
                )
            )
        else:
            out.append(
                ctx.p(
                    _("Grid emission factor: {series} series, {region} ({level}), {year}. {fallback}").format(
                        series=grid.get("series") or MISSING,
                        region=grid.get("region") or MISSING,
                        level=grid.get("level") or MISSING,
                        year=grid.get("year") or MISSING,
                        fallback=grid.get("fallback") or "",
                    ),
                    "lead",
                )
            )
    if not entries:
        return [*out, ctx.p(_("The payload lists no factors."), "warn")]
    shown = relevant_factors(ctx, entries)
    if len(shown) < len(entries):
        out.append(
            ctx.p(
                _(
                    "{n} factors for fuels that no item uses are not listed here; every factor is in the "
                    "embedded retrofit-payload.json."
                ).format(n=len(entries) - len(shown)),
                "lead",
            )
        )
    entries = shown
    rows = []
    for name, f in entries:
        scope = factor_scope(name, f.get("scope"), grid, f.get("scope_zh"))
        label = [factor_label(name, grid.get("series"))] + ([scope] if scope else [])
        note = factor_note(name, f.get("note"), f.get("note_zh"))
        source = [factor_source(f.get("source"), f.get("source_en")) or MISSING] + ([note] if note else [])
        status = verification_text(f.get("status"))
        if f.get("origin") == "user":
            status += " · " + _("user input")
        rows.append(
            [
                ctx.lines(label),
                fmt_auto(f.get("value")),
                ctx.cell(unit_text(f.get("unit"))),
                ctx.cell(f.get("year")),
                ctx.lines(source),
                ctx.cell(status),
            ]
        )
    out.append(
        ctx.table(
            [_("Factor"), _("Value"), _("Unit"), _("Year"), _("Source"), _("Status")],
            rows,
            [2.2, 0.8, 0.9, 0.5, 3.4, 0.9],
            extra_style=[("ALIGN", (1, 1), (1, -1), "RIGHT")],
        )
    )
    missing = [name for name, f in entries if f.get("value") is None]
    if missing:
        out.append(
            ctx.p(
                _("Factors without a value (figures that need them are left blank): {names}").format(
                    names=("、" if ctx.lang == "zh" else ", ").join(
                        factor_label(n, grid.get("series")) for n in missing
                    )
                ),
                "warn",
            )
        )
    return out


def _status(value: object) -> str:
    """A verification status as today's vocabulary names it (old payloads say "edition_mismatch")."""
    try:
        return Verification(str(value)).value
    except ValueError:
        return str(value)


def catalog_and_verification(ctx: ReportContext) -> list[Flowable]:
    cat = ctx.catalog
    out: list[Flowable] = [ctx.chapter(_("Catalog edition and data verification"))]
    colon, sep = ("：", "；") if ctx.lang == "zh" else (": ", "; ")
    # the data edition is named in words; an internal id is shown only for an edition the user imported
    data_edition = cat.get("data_edition") or ("" if cat.get("builtin", True) else cat.get("edition"))
    parts = [
        f"{label}{colon}{value}"
        for label, value in (
            (_("Catalog"), cat.get("title")),
            (_("Document number"), cat.get("doc_no")),
            (_("Data edition"), data_edition),
            (_("Catalog data SHA-256"), cat.get("sha256")),
        )
        if value
    ]
    if parts:
        out.append(ctx.p(sep.join(parts), "note"))
    else:
        out.append(ctx.p(_("The payload does not name the catalog edition."), "warn"))
    options = ctx.assess_options
    if options.get("assessment_date"):
        by_catalog = options.get("edition") == "catalog"
        out.append(
            ctx.p(
                (
                    _(
                        "Tiers are judged by the edition of each standard that the catalog cites, as chosen "
                        "for this "
                        "assessment ({date})."
                    )
                    if by_catalog
                    else _(
                        "Tiers are judged by the edition of each cited standard in force on the assessment "
                        "date ({date}): as "
                        "reported, the catalog's notice defers to the product standards' own provisions; "
                        "the notice text "
                        "itself was not found. The edition judged and the edition the catalog cites are "
                        "named beside each "
                        "product's tiers."
                    )
                ).format(date=options["assessment_date"]),
                "note",
            )
        )
    if not ctx.n_items:
        return out
    by_item = Counter(_status(v) for v in ctx.column("verification") if v)
    comparisons = ctx.result.comparisons
    checks = comparisons["verification"].tolist() if "verification" in comparisons.columns else []
    by_cmp = Counter(_status(v) for v in checks if v)
    weak = {v: by_item.get(v.value, 0) for v in VERIFICATION_ORDER if v is not Verification.VERIFIED}
    out.append(
        ctx.p(
            _(
                "Every threshold carries a verification status. Of the {n} items, {single} rest on "
                "single-source "
                "thresholds, {unverified} on unverified thresholds and {mismatch} on thresholds of the "
                "edition in force, "
                "which replaced the edition the catalog cites; their tiers should be confirmed against the "
                "official text "
                "before they are used for compliance decisions."
            ).format(
                n=ctx.n_items,
                single=weak[Verification.SINGLE_SOURCE],
                unverified=weak[Verification.UNVERIFIED],
                mismatch=weak[Verification.SUCCESSOR_EDITION],
            )
        )
    )
    rows = [
        [verification_text(v), fmt_num(by_item.get(v.value, 0)), fmt_num(by_cmp.get(v.value, 0))]
        for v in VERIFICATION_ORDER
    ]
    known = {v.value for v in VERIFICATION_ORDER}
    rows += [
        [k, fmt_num(by_item.get(k, 0)), fmt_num(by_cmp.get(k, 0))]
        for k in sorted((set(by_item) | set(by_cmp)) - known)
    ]
    out.append(
        ctx.table(
            [_("Verification status"), _("Items"), _("Threshold comparisons")],
            rows,
            [3, 1, 1.4],
            extra_style=[("ALIGN", (1, 1), (-1, -1), "RIGHT")],
        )
    )
    out.append(
        ctx.p(
            _(
                "A comparison's status is that of the thresholds that decided it, and an item's status is "
                "the "
                "weakest of its comparisons': an item counted as verified has only verified comparisons."
            ),
            "note",
        )
    )
    return out


def sign_off(ctx: ReportContext) -> list[Flowable]:
    """Validity notes (注意事项) and blank signature/seal fields, as Chinese reports carry them."""
    notes = [
        _("The report is invalid without the seal of the preparing organisation."),
        _(
            "The report is invalid without the signatures of the persons who prepared, reviewed and "
            "approved it."
        ),
        _("The report covers only the data and methods of this assessment."),
        _(
            "An altered report is invalid; so is a report whose embedded data no longer match the SHA-256 "
            "on the cover."
        ),
        _("The report may not be copied in part without permission."),
    ]
    out: list[Flowable] = [Spacer(1, 4), ctx.p(_("Notes and sign-off"), "h2")]
    out.append(ctx.p(" ".join(f"{i}. {n}" for i, n in enumerate(notes, start=1)), "lead"))
    first = [_("Prepared (signature)"), _("Reviewed (signature)"), _("Approved (signature)")]
    second = [
        _("Legal representative of the enterprise (signature)"),
        _("Head of the preparing organisation (signature, seal)"),
        _("Enterprise seal"),
    ]
    date = ctx.cell(_("Date:"))
    rows = [
        [ctx.cell(x, "cell_head") for x in first],
        [date] * 3,
        [ctx.cell(x, "cell_head") for x in second],
        [date] * 3,
    ]
    t = ctx.grid(rows, [ctx.width / 3] * 3, rowHeights=[None, 26, None, 26])
    style = grid_style(1)
    style.add("BACKGROUND", (0, 2), (-1, 2), "#e8eef4")
    style.add("VALIGN", (0, 1), (-1, 1), "BOTTOM")  # room to sign above the date
    style.add("VALIGN", (0, 3), (-1, 3), "BOTTOM")
    t.setStyle(style)
    return [*out, t]
