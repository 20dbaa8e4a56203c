"""Schema-1 JSON of an `Assessment`: a streaming writer, and the item and input dicts of the payload.

Both come from the same texts (`assessment_texts`: encoded from the columns a chunk of rows at a time,
no dict per item): `write_json` writes them as they are made, so its memory does not grow with the
output; `item_dicts`/`input_dicts` parse them (orjson), so the payload dict and the written JSON
cannot differ.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

import orjson
import pandas as pd

from .assessment_texts import input_texts, item_texts
from .json_rows import dumps
from .jsonsafe import json_list

if TYPE_CHECKING:
    from .assessment import Assessment

__all__ = ["CHUNK", "dumps", "input_dicts", "item_dicts", "json_list", "write_json"]

#: rows encoded at a time: big enough for whole-column work, small enough to keep memory flat
CHUNK = 20_000


def _parsed(texts: list[bytes]) -> list[dict[str, Any]]:
    parsed: list[dict[str, Any]] = orjson.loads(b"[" + b",".join(texts) + b"]")
    return parsed


def item_dicts(a: Assessment, start: int, stop: int, shared: bool = False) -> list[dict[str, Any]]:
    """Schema-1 dicts of items start..stop (same keys and values as one item of the payload).

    `shared` is accepted for callers that allowed shared sub-dicts; every dict is now its own."""
    return _parsed(item_texts(a, start, stop))


def input_dicts(frame: pd.DataFrame, start: int, stop: int) -> list[dict[str, Any]]:
    """Input rows start..stop as JSON-safe dicts without their missing values (`jsonsafe.frame_records`)."""
    return _parsed(input_texts(frame, start, stop))


def write_json(a: Assessment, out: IO[bytes]) -> None:
    """The schema-1 payload of `a` as JSON, items and input rows written as they are encoded.

    One item or input row per line; the content is the same as `to_payload()`'s."""
    out.write(b"{")
    for key, value in a.header.items():
        out.write(dumps(key) + b": " + dumps(value) + b",\n")
    _write_array(out, b"items", _chunks(len(a.items), item_texts, a))
    for key, value in a.tail_json().items():
        out.write(b",\n" + dumps(key) + b": " + dumps(value))
    out.write(b",\n")
    _write_array(out, b"inputs", _chunks(len(a.inputs), input_texts, a.inputs))
    out.write(b',\n"input_columns": ' + dumps([str(c) for c in a.inputs.columns]))
    if a.imports is not None:
        out.write(b',\n"imports": ' + dumps(a.imports))
    out.write(b"}\n")


def _chunks(n: int, texts: Any, *args: Any) -> Iterable[list[bytes]]:
    for start in range(0, n, CHUNK):
        yield texts(*args, start, min(start + CHUNK, n))


def _write_array(out: IO[bytes], key: bytes, chunks: Iterable[list[bytes]]) -> None:
    out.write(b'"' + key + b'": [')
    sep = b"\n"
    for texts in chunks:
        if texts:
            out.write(sep + b",\n".join(texts))
            sep = b",\n"
    out.write(b"\n]")
