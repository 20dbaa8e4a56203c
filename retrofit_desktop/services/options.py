"""Options of an assessment as the user states them (serialisable, so a report can be re-computed)."""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain import Tier
from ..i18n import _

TARGETS = (Tier.ENERGY_SAVING.value, Tier.ADVANCED.value)


@dataclass(frozen=True)
class AssessOptions:
    region: str | None = None  # "hunan", "湖南", "national", a grid region; None = national
    factor_year: int | None = None  # None = latest year available at that level
    price_cny_per_kwh: float | None = None  # None = no cost figures
    target: str = Tier.ENERGY_SAVING.value  # "energy_saving" | "advanced"
    discount_rate: float | None = None  # None = the engine's default
    lang: str = "zh"
    #: fuel kind (engine.factors.FUEL_UNITS: coal, natural_gas, …) -> CNY per canonical unit (t, m3, GJ)
    fuel_prices: Mapping[str, float] | None = None
    capital_subsidy_share: float = 0.0  # share of the investment paid by a capital grant
    capital_subsidy_cap_cny: float | None = None  # per measure; None = no cap
    loan_share: float | None = None  # share financed by an equipment-renewal loan; None = no loan
    loan_term_years: int | None = None
    loan_disbursed: str | None = None  # ISO date; None = eligibility assumed (stated in the notes)
    loan_subsidy_points: float | None = None  # None = the engine's cited default (factor table)
    loan_subsidy_years: int | None = None
    loan_subsidy_end: str | None = None  # ISO date
    tax_credit: bool = False  # income-tax credit for energy-saving equipment (unverified rule)
    #: which edition of a product's standard judges its tier: "in_force" on the assessment date (default)
    #: or "catalog", the edition the 2024 catalog cites (catalog.in_force)
    edition: str = "in_force"
    assessment_date: str | None = None  # ISO date; None = today (assess() records the date it used)

    def __post_init__(self) -> None:
        target = self.target.value if isinstance(self.target, Tier) else str(self.target)
        if target not in TARGETS:
            raise ValueError(
                _("target tier must be one of {allowed}, not {value!r}").format(
                    allowed=", ".join(TARGETS), value=target
                )
            )
        object.__setattr__(self, "target", target)
        self._check_finance()
        if self.price_cny_per_kwh is not None and not self.price_cny_per_kwh > 0:
            raise ValueError(
                _("electricity price must be positive, not {value}").format(value=self.price_cny_per_kwh)
            )

    def _check_finance(self) -> None:
        if self.fuel_prices is not None:
            from ..engine.factors import FUEL_UNITS

            prices = {}
            for kind, price in dict(self.fuel_prices).items():
                if kind not in FUEL_UNITS:
                    raise ValueError(
                        _("unknown fuel {fuel!r}; use one of {known}").format(
                            fuel=kind, known=", ".join(FUEL_UNITS)
                        )
                    )
                if (
                    isinstance(price, bool)
                    or not isinstance(price, int | float)
                    or not (math.isfinite(price) and price > 0)
                ):
                    raise ValueError(
                        _("price of {fuel} must be a positive number, not {value!r}").format(
                            fuel=kind, value=price
                        )
                    )
                prices[kind] = float(price)
            object.__setattr__(self, "fuel_prices", prices or None)
        for name in ("capital_subsidy_share", "loan_share"):
            v = getattr(self, name)
            if v is not None and not 0 <= v <= 1:
                raise ValueError(
                    _("{name} must be a share between 0 and 1, not {value}").format(name=name, value=v)
                )
        from ..catalog.in_force import MODES

        if self.edition not in MODES:
            raise ValueError(
                _("edition must be one of {allowed}, not {value!r}").format(
                    allowed=", ".join(MODES), value=self.edition
                )
            )
        for name in ("loan_disbursed", "loan_subsidy_end", "assessment_date"):
            v = getattr(self, name)
            if v is not None:
                try:
                    object.__setattr__(self, name, date.fromisoformat(str(v)).isoformat())
                except ValueError:
                    raise ValueError(
                        _("{name} must be a date (YYYY-MM-DD), not {value!r}").format(name=name, value=v)
                    ) from None
        object.__setattr__(self, "tax_credit", bool(self.tax_credit))

    def __hash__(self) -> int:  # fuel_prices is a dict
        return hash(json.dumps(self.to_json(), sort_keys=True))

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["fuel_prices"] = dict(self.fuel_prices) if self.fuel_prices else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> AssessOptions:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in names})

    def judging(self) -> Any:
        """catalog.in_force.Judging for these options (the assessment date defaults to today)."""
        from ..catalog.in_force import Judging

        return Judging(
            self.edition, date.fromisoformat(self.assessment_date) if self.assessment_date else None
        )

    def engine_options(self) -> Any:
        """The engine's AssessmentOptions with the FactorSet these options ask for."""
        from ..engine import AssessmentOptions, FactorSet
        from ..engine.finance_frame import FinanceSettings

        fs = FactorSet.default(
            region=self.region,
            year=self.factor_year,
            price_cny_per_kwh=self.price_cny_per_kwh,
            discount_rate=self.discount_rate,
            fuel_prices=self.fuel_prices,
        )
        loan = {
            k: getattr(self, k)
            for k in ("loan_subsidy_points", "loan_subsidy_years", "loan_subsidy_end")
            if getattr(self, k) is not None
        }
        if loan:
            fs = fs.with_overrides(**loan)
        finance = FinanceSettings(
            capital_subsidy_share=self.capital_subsidy_share,
            capital_subsidy_cap_cny=self.capital_subsidy_cap_cny,
            loan_share=self.loan_share,
            loan_term_years=self.loan_term_years,
            loan_disbursed=date.fromisoformat(self.loan_disbursed) if self.loan_disbursed else None,
            tax_credit=self.tax_credit,
        )
        return AssessmentOptions(target=Tier(self.target), factors=fs, finance=finance)
