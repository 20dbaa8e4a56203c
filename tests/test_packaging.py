"""The wheel ships the runtime package only: the build-time tools (converters, fixture and sample
generators) live in tools/, outside the packages pyproject.toml selects."""

from __future__ import annotations

import tomllib
from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[1]
BUILD_TOOLS = (
    "convert_reference",
    "convert_products",
    "convert_hvac",
    "convert_util",
    "convert_elimination",
    "convert_editions",
    "convert_grid",
    "make_ledger_xlsx",
    "make_rev0001_fixture",
    "synthetic_items",
)


def test_wheel_packages_hold_no_build_time_tool():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = find_packages(str(ROOT), include=include)
    assert "retrofit_desktop" in packages and not [
        p for p in packages if p.split(".")[0] in ("tools", "tests")
    ]
    shipped = {f.stem for p in packages for f in (ROOT / p.replace(".", "/")).glob("*.py")}
    assert not shipped & set(BUILD_TOOLS), shipped & set(BUILD_TOOLS)
    # the tools exist, and nothing in the package imports them
    assert all((ROOT / "tools" / f"{name}.py").is_file() for name in BUILD_TOOLS)
    for f in (ROOT / "retrofit_desktop").rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        assert "from tools" not in text and "import tools" not in text, f
