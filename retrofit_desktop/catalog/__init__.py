"""The 2024 tier catalog: products, tier tables, classification, edition packs, elimination lists.

Knows nothing of savings. See docs/architecture.md (contract) and docs/catalog.md (data and rules).
"""

from __future__ import annotations

from .catalog import Catalog
from .editions import get_catalog, list_editions, set_active_edition
from .labels import rule_label
from .model import (
    BetweenRule,
    Classification,
    Comparison,
    EditionInfo,
    EliminationEntry,
    EliminationResult,
    FieldSpec,
    IndicatorSpec,
    PackError,
    TierMapping,
    UnknownProduct,
)
from .packs import import_pack
from .spec import GROUPS, ProductSpec

__all__ = [
    "BetweenRule",
    "Catalog",
    "Classification",
    "Comparison",
    "EditionInfo",
    "EliminationEntry",
    "EliminationResult",
    "FieldSpec",
    "GROUPS",
    "IndicatorSpec",
    "PackError",
    "ProductSpec",
    "TierMapping",
    "UnknownProduct",
    "get_catalog",
    "import_pack",
    "list_editions",
    "rule_label",
    "set_active_edition",
]
