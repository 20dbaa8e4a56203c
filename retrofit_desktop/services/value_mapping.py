"""Enumeration values the catalog's rule cannot read, and the user's answer for them.

An import result lists, per enumeration field, the distinct values written in the file that name no
allowed value (`io.ImportResult.unknown_values`). The wizard (and a mapping file for the CLI) maps
each one to an allowed value; the answer is kept in the column mapping (`ColumnMapping.values`), so a
saved mapping reuses it on the next import.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import _, current_language
from .importing import InputFileError


@dataclass(frozen=True)
class UnknownValues:
    """One enumeration field with values the file writes that the catalog does not read."""

    field: str
    label: str  # the field's name in the current language
    written: tuple[str, ...]
    choices: tuple[tuple[str, str], ...]  # (allowed value, its label in the current language)


def _field_spec(name: str) -> Any:
    from ..io.fields import load_schema

    f = load_schema().by_name.get(name)
    return f if f is not None and f.allowed else None


def unknown_values(result: Any) -> list[UnknownValues]:
    """The unreadable enumeration values of an import result (`check_sheets`/`read_file`), by field."""
    out = []
    zh = current_language() == "zh"
    for name, written in getattr(result, "unknown_values", {}).items():
        spec = _field_spec(name)
        if spec is None:
            continue
        choices = tuple((c.value, c.label()) for c in spec.choices)
        out.append(UnknownValues(name, spec.label_zh if zh else spec.label_en, tuple(written), choices))
    return out


def with_values(mapping: Any, values: dict[str, dict[str, str]]) -> Any:
    """A copy of `mapping` whose value table is `values` (field -> written value -> allowed value)."""
    from ..io import ColumnMapping

    base = mapping if mapping is not None else ColumnMapping()
    data = base.to_json()
    data["values"] = {f: dict(m) for f, m in values.items() if m}
    return ColumnMapping.from_json(data)


def load_mapping_file(path: str | os.PathLike[str]) -> Any:
    """An io.ColumnMapping from a JSON file (as `save_mapping_file` writes it); InputFileError if
    unreadable."""
    from ..io import ColumnMapping

    try:
        return ColumnMapping.load(Path(path))
    except FileNotFoundError as exc:
        raise InputFileError(_("cannot read {path}: no such file").format(path=path)) from exc
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputFileError(
            _("{path} is not a column mapping file: {error}").format(path=path, error=exc)
        ) from exc


def save_mapping_file(result: Any, path: str | os.PathLike[str]) -> None:
    """Write the mapping an import used, with each unreadable value listed under "values" with an empty
    answer: fill in an allowed value (or its label) and pass the file back with --mapping."""
    data = result.mapping.to_json()
    values = data.setdefault("values", {})
    for name, written in getattr(result, "unknown_values", {}).items():
        table = values.setdefault(name, {})
        for w in written:
            table.setdefault(w, "")
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
