"""ui-features strings: every _() has Chinese, placeholders survive, and this area overrides no one."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from babel.messages.pofile import read_po

from retrofit_desktop.i18n import translate
from retrofit_desktop.resources import resource_path

UI = Path(__file__).resolve().parents[2] / "retrofit_desktop" / "ui"
MODULES = [
    "tasks",
    "frame_model",
    "charts",
    "assessment_figures",
    "catalog_browser",
    "assessment_view",
    "report_dialog",
    "import_wizard",
    "scenarios",
    "factor_form",
    "signing_prefs",
    "verify_dialog",
]
OWN_PO = "ui_features.po"


def _catalogs() -> dict[str, dict[str, str]]:
    out = {}
    for po in sorted(resource_path("translations", "zh_CN").glob("*.po")):
        with po.open("rb") as fh:
            out[po.name] = {m.id: m.string for m in read_po(fh) if m.id}
    return out


def _msgids() -> set[str]:
    ids: set[str] = set()
    for name in MODULES:
        tree = ast.parse((UI / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                ids.add(node.args[0].value)
    return ids


def _fields(s: str) -> set[str]:
    return {f for _t, f, _s, _c in string.Formatter().parse(s) if f is not None}


def test_every_string_has_chinese():
    ids = _msgids()
    assert len(ids) > 150
    translated = {k for cat in _catalogs().values() for k, v in cat.items() if v}
    missing = sorted(i for i in ids if i not in translated)
    assert missing == []
    # and the merged catalogue really serves it (e.g. the wizard's buttons)
    assert translate("Next >", "zh") == "下一步 >"
    assert translate("Every scenario needs a name.", "en") == "Every scenario needs a name."


def test_placeholders_survive_translation():
    own = _catalogs()[OWN_PO]
    bad = [k for k, v in own.items() if v and _fields(k) != _fields(v)]
    assert bad == []


def test_no_msgid_of_another_area_is_overridden():
    cats = _catalogs()
    own = set(cats.pop(OWN_PO))
    clashes = sorted(own & {k for cat in cats.values() for k in cat})
    assert clashes == []  # ui_features.po loads last: a shared msgid would change another area's text


def test_no_stray_entries():
    own = set(_catalogs()[OWN_PO])
    unused = sorted(own - _msgids())
    assert unused == []
