"""docs/architecture.md's layer table says what tests/test_layering.py checks, module for module."""

from __future__ import annotations

import re
from pathlib import Path

from tests.test_layering import ALLOWED, LAYER_OF

DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"


def doc_table() -> dict[str, tuple[set[str], set[str]]]:
    """layer -> (the modules its row names, the layers it may import), from the 'Layers' table."""
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] not in ALLOWED:
            continue
        modules = {m.rstrip("/").removesuffix(".py") for m in re.findall(r"`([^`]+)`", cells[1])}
        allowed = set() if cells[2] == "—" else {w.strip() for w in cells[2].split(",")}
        rows[cells[0]] = (modules, allowed)
    return rows


def test_the_doc_table_has_every_layer_with_its_allowed_imports():
    table = doc_table()
    assert set(table) == set(ALLOWED)
    assert {name: allowed for name, (_m, allowed) in table.items()} == ALLOWED


def test_the_doc_table_names_every_top_level_module_in_its_layer():
    named = {
        module: name
        for name, (modules, _a) in doc_table().items()
        for module in modules
        if not module.startswith("retrofit_desktop")
    }
    named["retrofit_desktop"] = named.pop("__version__")  # the package's own __init__
    assert named == LAYER_OF
