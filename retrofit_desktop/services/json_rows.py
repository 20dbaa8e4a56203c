"""JSON texts of table rows, built a column at a time: no dict and no encoder call per row.

A column becomes a `Coded`: each distinct value's JSON text once, and each row's code into them
(``pandas.factorize``). A row's text is a template of ``(prefix, column)`` fields: the constant
texts between values (``b'{"tier":'``, ``b',"unit":'``, ``b'},"finance":{'`` ...) and the columns.
Runs of fields that repeat few values (tiers, units, sources, editions, nulls ...) are rendered once
per distinct combination and looked up per row; only the fields that differ from row to row (figures,
asset tags) are joined per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import repeat
from typing import Any, Union

import numpy as np
import orjson
import pandas as pd

from .jsonsafe import json_list

_OPTS = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY
_NUMBERS = frozenset({int, float, bool, type(None)})
_TEXTS = frozenset({str, type(None)})
_SCALARS = frozenset({str, int, float, bool})
#: a field repeats few values when it has at most this many, or at most one per SPARSE rows
FEW = 64
SPARSE = 4
#: the codes of a run of fields are combined into one int64 (a mixed-radix number) below this
_RADIX_LIMIT = 1 << 62

_dumps = partial(orjson.dumps, option=_OPTS)  # (a C callable: no Python frame per value)


def dumps(value: Any) -> bytes:
    return orjson.dumps(value, option=_OPTS)


def numbers(values: list[int | float | bool | None]) -> list[bytes]:
    """The JSON texts of numbers, booleans and nulls: they hold no comma, so one call encodes them all."""
    return orjson.dumps(values)[1:-1].split(b",") if values else []


def encode(values: list[Any]) -> list[bytes]:
    """The JSON text of each JSON-safe value (see `jsonsafe.json_list`)."""
    if not values:
        return []
    kinds = set(map(type, values))
    if kinds <= _NUMBERS:
        return numbers(values)
    if kinds <= _TEXTS:
        distinct = dict.fromkeys(values)
        texts = dict(zip(distinct, map(orjson.dumps, distinct), strict=True))
        return [texts[v] for v in values]
    return list(map(_dumps, values))


@dataclass(frozen=True)
class Coded:
    """A column's JSON texts: row i's text is ``texts[codes[i]]``."""

    codes: np.ndarray  # intp, one per row
    texts: list[bytes]
    identity: bool = False  # codes are 0, 1, 2 ...: texts are the rows' texts

    def __len__(self) -> int:
        return len(self.codes)

    def rows(self) -> list[bytes]:
        """Each row's text."""
        if self.identity:
            return self.texts
        rows: list[bytes] = np.array(self.texts, dtype=object)[self.codes].tolist()
        return rows

    def take(self, positions: np.ndarray) -> Coded:
        return Coded(self.codes[positions], self.texts)

    @classmethod
    def constant(cls, text: bytes, n: int) -> Coded:
        return cls(np.zeros(n, dtype=np.intp), [text])

    @classmethod
    def per_row(cls, texts: list[bytes]) -> Coded:
        return cls(np.arange(len(texts), dtype=np.intp), texts, identity=True)


def _factorized(values: Any, texts_of: Any) -> Coded:
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    texts = texts_of(uniques)
    if len(codes) and codes.min() < 0:  # missing
        codes = np.where(codes < 0, len(texts), codes)
        texts = [*texts, b"null"]
    return Coded(np.asarray(codes, dtype=np.intp), texts)


def coded(col: pd.Series) -> Coded:
    """The column's values as JSON (as `jsonsafe.json_list` gives them), each distinct value once."""
    dtype = col.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "fiub":  # NaN and infinity are null in JSON
        arr = col.to_numpy()
        if len(arr) > 4 * FEW and len(np.unique(arr[: 2 * FEW])) > FEW:  # figures: each row its own
            return Coded.per_row(numbers(json_list(arr)))
        return _factorized(arr, lambda u: numbers(json_list(np.asarray(u))))
    if isinstance(dtype, pd.StringDtype):
        return _factorized(col.array, lambda u: list(map(orjson.dumps, np.asarray(u, dtype=object))))
    return coded_values(json_list(col))


def coded_values(values: list[Any]) -> Coded:
    """JSON-safe values, each distinct value once (one type and null: 1 and True never meet)."""
    kinds = set(map(type, values))
    kinds.discard(type(None))
    if len(kinds) <= 1 and kinds <= _SCALARS:
        arr = np.empty(len(values), dtype=object)
        arr[:] = values
        return _factorized(arr, lambda u: encode(list(u)))
    if kinds == {list}:  # lists of names (missing fields, names not in the standard)
        return coded_lists(values)
    return Coded.per_row(encode(values))


def coded_lists(values: list[Any]) -> Coded:
    """Lists (or None), each distinct list once (their items must be JSON-safe)."""
    index: dict[tuple[Any, ...] | None, int] = {}
    codes = [index.setdefault(None if v is None else tuple(v), len(index)) for v in values]
    texts = [b"null" if k is None else _dumps(list(k)) for k in index]
    return Coded(np.asarray(codes, dtype=np.intp), texts)


#: a template: fields ``(prefix, column)``; a nested object is ``(prefix, [fields])``
Field = tuple[str, Union[Coded, "Template"]]
Template = Sequence[Field]


def flatten(template: Template) -> tuple[list[tuple[bytes, Coded]], bytes]:
    """A JSON object template as ``(text before the value, column)`` pairs and the closing text."""
    fields: list[tuple[bytes, Coded]] = []
    pending = [b"{"]

    def walk(members: Template) -> None:
        for i, (key, value) in enumerate(members):
            pending.append((b"," if i else b"") + orjson.dumps(key) + b":")
            if isinstance(value, Coded):
                fields.append((b"".join(pending), value))
                pending.clear()
            else:
                pending.append(b"{")
                walk(value)
                pending.append(b"}")

    walk(template)
    pending.append(b"}")
    return fields, b"".join(pending)


def render(template: Template, n: int) -> list[bytes]:
    """Each of the n rows' JSON object text."""
    fields, closing = flatten(template)
    parts: list[bytes | list[bytes]] = []
    run: list[tuple[bytes, Coded]] = []
    radix = 1
    for prefix, col in fields:
        k = len(col.texts)
        if k > FEW and k * SPARSE > n:  # a figure or a tag: joined per row
            parts += _run(run, n)
            run, radix = [], 1
            parts += [prefix, col.rows()]
            continue
        if radix * k >= _RADIX_LIMIT:
            parts += _run(run, n)
            run, radix = [], 1
        run.append((prefix, col))
        radix *= k
    parts += _run(run, n)
    parts.append(closing)
    return join_rows(parts, n)


def _run(run: list[tuple[bytes, Coded]], n: int) -> list[bytes | list[bytes]]:
    """A run of few-valued fields: each distinct combination rendered once, then looked up per row."""
    if not run:
        return []
    if all(len(col.texts) == 1 for _p, col in run):
        return [b"".join(p + col.texts[0] for p, col in run)]
    key = np.zeros(n, dtype=np.int64)
    for _p, col in run:
        key = key * len(col.texts) + col.codes
    distinct, inverse = np.unique(key, return_inverse=True)
    digits = []
    rest = distinct
    for _p, col in reversed(run):
        digits.append((rest % len(col.texts)).tolist())
        rest = rest // len(col.texts)
    digits.reverse()
    texts = [
        b"".join(p + col.texts[d] for (p, col), d in zip(run, combo, strict=True))
        for combo in zip(*digits, strict=True)
    ]
    return [np.array(texts, dtype=object)[inverse.reshape(-1)].tolist()]


def join_rows(parts: Iterable[bytes | Sequence[bytes]], n: int) -> list[bytes]:
    """Row i's text: the parts concatenated, a constant as it is and a column's i-th text."""
    merged: list[bytes | Sequence[bytes]] = []
    for p in parts:
        if isinstance(p, bytes) and merged and isinstance(merged[-1], bytes):
            merged[-1] = merged[-1] + p
        else:
            merged.append(p)
    columns = [repeat(p, n) if isinstance(p, bytes) else p for p in merged]
    return list(map(b"".join, zip(*columns, strict=True)))
