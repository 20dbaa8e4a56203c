"""The limits of `store.limits` as the ORM models define them (String lengths, Integer ranges,
NOT NULL): the source `limits.COLUMN_LIMITS` is checked against, and the enterprise fields' lengths."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from sqlalchemy import Column, Float, Integer, String, Table

from .items import COMMON_COLUMNS, PROVENANCE
from .limits import INT32, INT64, Limit
from .models import Enterprise, Equipment, Site


def _limit(name: str, col: Column[Any]) -> Limit:
    t = col.type
    length = t.length if isinstance(t, String) else None
    int_range = None
    if isinstance(t, Integer):
        int_range = INT64 if t.__class__.__name__ == "BigInteger" else INT32
    required = not col.nullable and col.default is None and not col.primary_key
    return Limit(name, length, int_range, isinstance(t, Float), required)


def limits_from_models() -> dict[str, Limit]:
    """Frame column -> its Limit, read from the models (what `limits.COLUMN_LIMITS` must equal)."""
    table = cast(Table, Equipment.__table__)
    out: dict[str, Limit] = {}
    for name in COMMON_COLUMNS:
        if name == "site":  # a site's name, but an item's site is optional (site_id may be NULL)
            out[name] = replace(_limit(name, cast(Table, Site.__table__).c.name), required=False)
        else:
            out[name] = _limit(name, table.c[name])
    for key, attr in PROVENANCE.items():
        out[key] = _limit(key, table.c[attr])
    return out


def enterprise_limit(field: str) -> int | None:
    """The maximal length of an enterprise text field (name, credit_code, region, industry)."""
    t = cast(Table, Enterprise.__table__).c[field].type
    return t.length if isinstance(t, String) else None
