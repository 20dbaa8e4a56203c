"""The import graph of retrofit_desktop is a checked contract (docs/architecture.md, "Layers").

Every module is parsed (ast), and every import counts, also the ones inside functions (those run
too, only later); imports under ``if TYPE_CHECKING:`` do not (they never run). Two rules:

1. a module imports only from its own layer and the layers listed under it in ``ALLOWED``; only
   ``ui`` imports Qt (PySide6, shiboken6);
2. no cycle between modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "retrofit_desktop"
QT = {"PySide6", "shiboken6"}

#: the layers, top-level package or module -> layer; every module of the package must be in one
LAYER_OF = {
    "retrofit_desktop": "foundation",  # __version__
    "domain": "foundation",
    "i18n": "foundation",
    "resources": "foundation",
    "units": "foundation",
    "os_reasons": "foundation",
    "values": "foundation",
    "palette": "foundation",
    "user_dirs": "foundation",  # the data folder (store and GUI ask before anything heavy is imported)
    "catalog": "catalog",
    "engine": "engine",
    "io": "io",
    "store": "store",
    "engine_labels": "labels",
    "report": "report",
    "services": "services",
    "logfile": "services",
    "cli": "cli",
    "cli_commands": "cli",
    "cli_errors": "cli",
    "cli_output": "cli",
    "cli_argparse": "cli",
    "__main__": "cli",
    "ui": "ui",
}
#: what each layer may import besides itself (docs/architecture.md draws the same picture)
ALLOWED = {
    "foundation": set(),
    "catalog": {"foundation"},
    "engine": {"foundation", "catalog"},
    "io": {"foundation", "catalog"},
    "store": {"foundation"},
    "labels": {"foundation", "catalog", "engine"},
    "report": {"foundation", "catalog", "engine", "labels"},
    "services": {"foundation", "catalog", "engine", "io", "store", "labels", "report"},
    "cli": {"foundation", "catalog", "labels", "services"},
    "ui": {"foundation", "catalog", "services"},
}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(source: str, name: str, is_package: bool, modules: set[str]) -> tuple[set[str], set[str]]:
    """(modules of the package that `name` imports, top-level names of the other packages it imports).

    ``from pkg import sub`` where ``sub`` is a module counts as an import of ``pkg.sub`` only; an
    import of ``pkg.sub.thing`` that is not a module counts as ``pkg.sub``."""
    inside: set[str] = set()
    outside: set[str] = set()
    top = name.split(".")[0]

    def add(target: str) -> None:
        if target.split(".")[0] != top:
            outside.add(target.split(".")[0])
            return
        parts = target.split(".")
        while parts and ".".join(parts) not in modules:
            parts.pop()
        if parts and ".".join(parts) != name:
            inside.add(".".join(parts))

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node.test):
            for n in node.orelse:
                visit(n)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in modules]
            if len(subs) < len(node.names):
                add(target)
            for sub in subs:
                add(sub)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return inside, outside


def import_graph(root: Path = PACKAGE) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """({module: modules of the package it imports}, {module: other packages it imports})."""
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py")) if "migrations" not in p.parts}
    names = set(files)
    graph, external = {}, {}
    for name, path in files.items():
        graph[name], external[name] = imports_of(
            path.read_text(encoding="utf-8"), name, path.name == "__init__.py", names
        )
    return graph, external


def layer(module: str) -> str:
    parts = module.split(".")
    return LAYER_OF.get(parts[1] if len(parts) > 1 else parts[0], "(none)")


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return found


GRAPH, EXTERNAL = import_graph()


def test_the_whole_package_is_read():
    files = [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts]
    assert len(GRAPH) == len(files) > 100
    assert {
        "retrofit_desktop.ui.main_window",
        "retrofit_desktop.catalog.spec",
        "retrofit_desktop.cli",
    } <= set(GRAPH)
    assert "retrofit_desktop.catalog" in GRAPH["retrofit_desktop.engine.assess"]  # a real edge is seen


def test_every_module_has_a_layer():
    assert [m for m in GRAPH if layer(m) not in ALLOWED] == []  # a new top-level module: add it to LAYER_OF


def test_imports_follow_the_layers():
    wrong = sorted(
        f"{m} -> {d}"
        for m, deps in GRAPH.items()
        for d in deps
        if layer(d) != layer(m) and layer(d) not in ALLOWED[layer(m)]
    )
    assert wrong == []


def test_only_ui_imports_qt():
    assert sorted(m for m, ext in EXTERNAL.items() if ext & QT and layer(m) != "ui") == []


def test_no_cycle_between_modules():
    assert cycles(GRAPH) == []


# -- the checks themselves --------------------------------------------------------------------
MODS = {
    "retrofit_desktop",
    "retrofit_desktop.cli",
    "retrofit_desktop.cli_commands",
    "retrofit_desktop.catalog",
    "retrofit_desktop.catalog.spec",
    "retrofit_desktop.catalog.tiertable",
    "retrofit_desktop.io",
    "retrofit_desktop.io.fields",
}


@pytest.mark.parametrize(
    ("source", "name", "expected"),
    [
        (
            "def main():\n    from . import cli_commands\n",
            "retrofit_desktop.cli",
            {"retrofit_desktop.cli_commands"},
        ),
        (
            "from .spec import ProductSpec",
            "retrofit_desktop.catalog.tiertable",
            {"retrofit_desktop.catalog.spec"},
        ),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .spec import ProductSpec\n",
            "retrofit_desktop.catalog.tiertable",
            set(),
        ),
        ("from .. import io", "retrofit_desktop.catalog.spec", {"retrofit_desktop.io"}),
        (
            "from ..io.fields import load_schema",
            "retrofit_desktop.catalog.spec",
            {"retrofit_desktop.io.fields"},
        ),
        (
            "from . import spec, tiertable",
            "retrofit_desktop.catalog",
            {"retrofit_desktop.catalog.spec", "retrofit_desktop.catalog.tiertable"},
        ),
        ("from .. import __version__", "retrofit_desktop.catalog.spec", {"retrofit_desktop"}),
        ("import retrofit_desktop.io.fields.x", "retrofit_desktop.cli", {"retrofit_desktop.io.fields"}),
    ],
)
def test_imports_are_resolved(source, name, expected):
    assert imports_of(source, name, name == "retrofit_desktop.catalog", MODS)[0] == expected


def test_qt_imports_are_seen_inside_functions():
    source = "def f():\n    from PySide6.QtCore import Qt\n"
    assert imports_of(source, "retrofit_desktop.io.fields", False, MODS)[1] == {"PySide6"}


def test_a_cycle_through_a_function_level_import_is_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_a_wrong_edge_is_reported():
    assert layer("retrofit_desktop.ui.main_window") == "ui"
    assert "io" not in ALLOWED["ui"] and "ui" not in ALLOWED["services"]
    assert all("ui" not in allowed for allowed in ALLOWED.values())
    assert all("cli" not in allowed for allowed in ALLOWED.values())
