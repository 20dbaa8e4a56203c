"""Further product definitions (filled in as their tables are converted)."""

from __future__ import annotations

from .model import TierMapping
from .spec import ProductSpec


def more_products(map_3: TierMapping) -> tuple[ProductSpec, ...]:
    return ()
