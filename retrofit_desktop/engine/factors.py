"""Conversion and emission factors, prices and finance defaults, each with its source and status.

Data files (shipped in the package): ``data/grid_factors.csv`` (grid CO2 by series, level, region,
year), ``data/factors.csv`` (standard-coal, fuel CO2, finance and physical constants) and
``data/regions.csv``. Nothing is invented: a factor without a value (electricity price, biomass
tce) stays ``None`` and every figure that needs it stays ``None`` too.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from types import MappingProxyType
from typing import Any

from ..domain import Verification, verification_label
from ..i18n import N_, _, translate
from .regions import DATA_DIR, FactorError, fallback_chain, find_region

#: Fuel kinds the engine knows, with the canonical unit in which quantities are expressed.
FUEL_UNITS: dict[str, str] = {
    "coal": "t",
    "natural_gas": "m3",
    "oil": "t",
    "diesel": "t",
    "lpg": "t",
    "biomass": "t",
    "heat": "GJ",
}
GRID_SERIES = ("average", "residual", "fossil", "ets")

ELECTRICITY_PRICE_SCOPE = "average delivered electricity price 到户电价"
_PRICE_MISSING = N_("not given: enter the average price from the electricity bill; cost figures are missing")
_NOT_GIVEN = N_("not given")


# factor unit → multiplier giving tce (or tCO2) per canonical fuel unit
_PER_CANONICAL = {
    "kgce/kg": 1.0,  # kgce/kg == tce/t
    "kgce/m3": 1e-3,
    "kgce/MJ": 1.0,  # kgce/MJ == tce/GJ
    "tCO2/t": 1.0,
    "kgCO2/m3": 1e-3,
    "tCO2/GJ": 1.0,
}


@dataclass(frozen=True)
class Factor:
    """One number used in a calculation, with where it comes from."""

    key: str
    value: float | str | None
    unit: str
    source: str
    status: Verification | None  # None when the value is missing
    year: int | None = None
    scope: str = ""
    note: str = ""
    origin: str = "default"  # "default" (shipped data) or "user" (entered/overridden)
    scope_zh: str = ""  # Chinese display forms of scope and note (the English fields stay the reference)
    note_zh: str = ""
    #: ``source`` is the citation users read (Chinese, as an inspector writes it); ``source_en`` its English
    #: form; ``provenance`` how the number reached the product (report appendix and payload only)
    source_en: str = ""
    provenance: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "value": self.value,
            "unit": self.unit,
            "year": self.year,
            "scope": self.scope,
            "source": self.source,
            "status": self.status.value if self.status else None,
            "note": self.note,
            "origin": self.origin,
            "scope_zh": self.scope_zh,
            "note_zh": self.note_zh,
            "source_en": self.source_en,
            "provenance": self.provenance,
        }


@dataclass(frozen=True)
class GridResolution:
    """How the grid factor was chosen: what was asked and which level/year answered."""

    requested_region: str
    requested_year: int | None
    series: str
    region: str  # region id that answered
    level: str
    year: int
    fallback: str | None  # human-readable statement when a broader level was used
    mapping_status: Verification | None  # status of the province → region mapping, when used

    def to_json(self) -> dict[str, Any]:
        return {
            "requested_region": self.requested_region,
            "requested_year": self.requested_year,
            "series": self.series,
            "region": self.region,
            "level": self.level,
            "year": self.year,
            "fallback": self.fallback,
            "mapping_status": self.mapping_status.value if self.mapping_status else None,
        }


def _year(text: str) -> int | None:
    return int(text) if text else None


def _value(text: str) -> float | str | None:
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        return text  # dates


@cache
def _grid_rows() -> tuple[dict[str, str], ...]:
    with (DATA_DIR / "grid_factors.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@cache
def base_factors() -> Mapping[str, Factor]:
    out = {}
    with (DATA_DIR / "factors.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            value = _value(row["value"])
            out[row["key"]] = Factor(
                key=row["key"],
                value=value,
                unit=row["unit"],
                source=row["source"],
                status=Verification(row["status"]) if row["status"] else None,
                year=_year(row["year"]),
                scope=row["scope"],
                note=row["note"],
                scope_zh=row["scope_zh"],
                note_zh=row["note_zh"],
                source_en=row.get("source_en") or "",
                provenance=row.get("provenance") or "",
            )
    return MappingProxyType(out)


def grid_years(region_id: str, series: str = "average") -> list[int]:
    return sorted(int(r["year"]) for r in _grid_rows() if r["region"] == region_id and r["series"] == series)


def resolve_grid(
    region: str | None = None, year: int | None = None, series: str = "average"
) -> tuple[Factor, GridResolution]:
    """Grid CO2 factor: the asked year (or the latest) at the asked level, else province → region →
    national."""
    if series not in GRID_SERIES:
        raise FactorError(
            _("Unknown grid factor series {series!r}; use one of {known}").format(
                series=series, known=", ".join(GRID_SERIES)
            )
        )
    asked = find_region(region)
    chain = fallback_chain(asked)
    for level_region in chain:
        rows = [r for r in _grid_rows() if r["region"] == level_region.id and r["series"] == series]
        if year is not None:
            rows = [r for r in rows if int(r["year"]) == int(year)]
        if not rows:
            continue
        row = max(rows, key=lambda r: int(r["year"]))
        used_year = int(row["year"])
        fallback = None
        if level_region.id != asked.id:
            fallback = _(
                "No {series} grid factor for {asked} ({year}); used {used} {used_year} instead"
            ).format(
                series=series,
                asked=f"{asked.name_zh}/{asked.name_en}",
                year=year if year is not None else _("any year"),
                used=f"{level_region.name_zh}/{level_region.name_en}",
                used_year=used_year,
            )
        mapping_status = (
            asked.status if asked.level == "province" and level_region.level == "regional" else None
        )
        res = GridResolution(
            requested_region=asked.id,
            requested_year=int(year) if year is not None else None,
            series=series,
            region=level_region.id,
            level=level_region.level,
            year=used_year,
            fallback=fallback,
            mapping_status=mapping_status,
        )
        note, note_zh = row["note"], row.get("note_zh") or ""
        if mapping_status is not None:
            mapping = N_("province → grid region mapping: {status}")
            note = (note + "; " if note else "") + _(mapping).format(status=mapping_status.value)
            # a data-file note without a Chinese form is kept verbatim in front of the Chinese mapping remark
            note_zh = "；".join(
                filter(
                    None,
                    (
                        note_zh or row["note"],
                        translate(mapping, "zh").format(status=verification_label(mapping_status, "zh")),
                    ),
                )
            )
        factor = Factor(
            key="grid_co2",
            value=float(row["value"]),
            unit=row["unit"],
            source=row["source"],
            status=Verification(row["status"]),
            year=used_year,
            scope=f"{series} grid CO2, {level_region.level} {level_region.name_zh}/{level_region.name_en}",
            note=note,
            note_zh=note_zh,
            source_en=row.get("source_en") or "",
            provenance=row.get("provenance") or "",
        )
        return factor, res
    available = sorted(
        {int(r["year"]) for r in _grid_rows() if r["series"] == series and r["region"] == "national"}
    )
    raise FactorError(
        _(
            "No {series} grid CO2 factor for {year} at {region} or any broader level; years available "
            "nationally: {years}"
        ).format(series=series, year=year, region=asked.name_zh, years=", ".join(map(str, available)))
    )


@dataclass(frozen=True)
class FactorSet:
    """All factors of one assessment. Immutable; ``with_overrides`` returns an edited copy."""

    factors: Mapping[str, Factor]
    grid: GridResolution
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def default(
        cls,
        region: str | None = None,
        year: int | None = None,
        price_cny_per_kwh: float | None = None,
        *,
        grid_series: str = "average",
        fuel_prices: Mapping[str, float] | None = None,
        discount_rate: float | None = None,
        tce_equivalent: float | None = None,
    ) -> FactorSet:
        grid, resolution = resolve_grid(region, year, grid_series)
        facts = dict(base_factors())
        facts["grid_co2"] = grid
        facts["price_electricity"] = Factor(
            key="price_electricity",
            value=None,
            unit="CNY/kWh",
            source="",
            status=None,
            scope=ELECTRICITY_PRICE_SCOPE,
            note=_(_PRICE_MISSING),
            note_zh=translate(_PRICE_MISSING, "zh"),
        )
        for fuel, unit in FUEL_UNITS.items():
            facts[f"price_fuel_{fuel}"] = Factor(
                key=f"price_fuel_{fuel}",
                value=None,
                unit=f"CNY/{unit}",
                source="",
                status=None,
                scope=f"{fuel} price",
                note=_(_NOT_GIVEN),
                note_zh=translate(_NOT_GIVEN, "zh"),
            )
        fs = cls(factors=MappingProxyType(facts), grid=resolution)
        overrides: dict[str, Any] = {}
        if price_cny_per_kwh is not None:
            overrides["price_electricity"] = price_cny_per_kwh
        for fuel, price in (fuel_prices or {}).items():
            overrides[f"price_fuel_{fuel}"] = price
        if discount_rate is not None:
            overrides["discount_rate"] = discount_rate
        if tce_equivalent is not None:
            overrides["tce_electricity_equivalent"] = tce_equivalent
        return fs.with_overrides(**overrides) if overrides else fs

    def with_overrides(self, source: str | None = None, **values: float | str | None) -> FactorSet:
        """Copy with some values replaced by user-entered ones (status unverified, origin "user")."""
        facts = dict(self.factors)
        for key, value in values.items():
            if key not in facts:
                raise FactorError(
                    _("Unknown factor {key!r}; known factors: {known}").format(
                        key=key, known=", ".join(sorted(facts))
                    )
                )
            if key == "loan_subsidy_end" and value is not None:
                try:
                    value = date.fromisoformat(str(value)).isoformat()
                except ValueError as exc:
                    raise FactorError(
                        _("Factor {key} must be a date (YYYY-MM-DD), got {value!r}").format(
                            key=key, value=value
                        )
                    ) from exc
            elif value is not None and not isinstance(value, str):
                value = float(value)
                if value != value or (value < 0 and key != "discount_rate"):
                    raise FactorError(
                        _("Factor {key} must be a non-negative number, got {value}").format(
                            key=key, value=value
                        )
                    )
                if key == "discount_rate" and not -1 < value < 1:
                    raise FactorError(
                        _(
                            "Discount rate must be a fraction between -1 and 1 (e.g. 0.08), got {value}"
                        ).format(value=value)
                    )
            facts[key] = replace(
                facts[key],
                value=value,
                source=source or _("user-entered"),
                source_en="",
                provenance="",  # the shipped citation no longer applies to the user's value
                status=Verification.UNVERIFIED if value is not None else None,
                origin="user",
                # a default's note (e.g. "not given: cost figures are missing") no longer applies
                note="" if value is not None else facts[key].note,
                note_zh="" if value is not None else facts[key].note_zh,
            )
        return FactorSet(factors=MappingProxyType(facts), grid=self.grid, extra=self.extra)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FactorSet:
        """Rebuild a FactorSet from ``to_json()`` output (e.g. a report's ``summary.factors``), user edits
        included."""
        try:
            g = data["grid_resolution"]
            grid = GridResolution(
                requested_region=g["requested_region"],
                requested_year=g["requested_year"],
                series=g["series"],
                region=g["region"],
                level=g["level"],
                year=int(g["year"]),
                fallback=g["fallback"],
                mapping_status=Verification(g["mapping_status"]) if g.get("mapping_status") else None,
            )
            facts = {}
            for key, f in data["factors"].items():
                facts[key] = Factor(
                    key=key,
                    value=f["value"],
                    unit=f["unit"],
                    source=f["source"],
                    status=Verification(f["status"]) if f.get("status") else None,
                    year=f.get("year"),
                    scope=f.get("scope", ""),
                    note=f.get("note", ""),
                    origin=f.get("origin", "default"),
                    scope_zh=f.get("scope_zh") or "",
                    note_zh=f.get("note_zh") or "",
                    source_en=f.get("source_en") or "",
                    provenance=f.get("provenance") or "",
                )
        except (KeyError, TypeError, ValueError) as exc:
            raise FactorError(_("Not a factor set: {error}").format(error=exc)) from exc
        missing = set(base_factors()) - set(facts)
        if missing:
            raise FactorError(_("Factor set lacks {keys}").format(keys=", ".join(sorted(missing))))
        return cls(factors=MappingProxyType(facts), grid=grid)

    def __getitem__(self, key: str) -> Factor:
        return self.factors[key]

    def value(self, key: str) -> float | None:
        v = self.factors[key].value
        return None if v is None else float(v)

    def number(self, key: str) -> float:
        """The value of a factor every calculation needs (grid CO2, tce, constants); FactorError if it has
        none."""
        v = self.factors[key].value
        if v is None:
            raise FactorError(_("factor {key} has no value").format(key=key))
        return float(v)

    @property
    def grid_co2(self) -> float:
        """kgCO2/kWh (numerically tCO2/MWh)."""
        return self.number("grid_co2")

    @property
    def tce_calorific(self) -> float:
        return self.number("tce_electricity_calorific")

    @property
    def tce_equivalent(self) -> float:
        return self.number("tce_electricity_equivalent")

    @property
    def price_electricity(self) -> float | None:
        return self.value("price_electricity")

    @property
    def discount_rate(self) -> float:
        return self.number("discount_rate")

    def fuel_tce(self, fuel: str) -> float | None:
        """tce per canonical unit of the fuel (None when the factor is missing)."""
        f = self.factors[f"fuel_tce_{_fuel(fuel)}"]
        return None if f.value is None else float(f.value) * _PER_CANONICAL[f.unit]

    def fuel_co2(self, fuel: str) -> float | None:
        """tCO2 per canonical unit of the fuel."""
        f = self.factors[f"fuel_co2_{_fuel(fuel)}"]
        return None if f.value is None else float(f.value) * _PER_CANONICAL[f.unit]

    def fuel_price(self, fuel: str) -> float | None:
        """CNY per canonical unit of the fuel, or None when not given."""
        return self.value(f"price_fuel_{_fuel(fuel)}")

    def to_json(self) -> dict[str, Any]:
        """Every factor with its value, unit, source and status, plus how the grid factor was chosen."""
        return {
            "grid_resolution": self.grid.to_json(),
            "factors": {k: f.to_json() for k, f in sorted(self.factors.items())},
        }


def _fuel(fuel: str) -> str:
    if fuel not in FUEL_UNITS:
        raise FactorError(
            _("Unknown fuel {fuel!r}; use one of {known}").format(fuel=fuel, known=", ".join(FUEL_UNITS))
        )
    return fuel
