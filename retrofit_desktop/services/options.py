"""Options of an assessment as the user states them (serialisable, so a report can be re-computed)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
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

    def __post_init__(self) -> None:
        target = self.target.value if isinstance(self.target, Tier) else str(self.target)
        if target not in TARGETS:
            raise ValueError(
                _("target tier must be one of {allowed}, not {value!r}").format(
                    allowed=", ".join(TARGETS), value=target
                )
            )
        object.__setattr__(self, "target", target)
        if self.price_cny_per_kwh is not None and not self.price_cny_per_kwh > 0:
            raise ValueError(
                _("electricity price must be positive, not {value}").format(value=self.price_cny_per_kwh)
            )

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> AssessOptions:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in names})

    def engine_options(self) -> Any:
        """The engine's AssessmentOptions with the FactorSet these options ask for."""
        from ..engine import AssessmentOptions, FactorSet

        fs = FactorSet.default(
            region=self.region,
            year=self.factor_year,
            price_cny_per_kwh=self.price_cny_per_kwh,
            discount_rate=self.discount_rate,
        )
        return AssessmentOptions(target=Tier(self.target), factors=fs)
