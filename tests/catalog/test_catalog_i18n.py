"""Every message of the catalog package has a Chinese translation in catalog.po."""

from __future__ import annotations

import re
from pathlib import Path

from retrofit_desktop.i18n import translate

PKG = Path(__file__).resolve().parents[2] / "retrofit_desktop" / "catalog"
PO = Path(__file__).resolve().parents[2] / "resources" / "translations" / "zh_CN" / "catalog.po"


def _msgids() -> list[str]:
    ids: list[str] = []
    for p in sorted(PKG.glob("*.py")):
        for m in re.finditer(r'\b_?N?_\(\s*"((?:[^"\\]|\\.)*)"\s*\)', p.read_text(encoding="utf-8")):
            ids.append(m.group(1))
    return sorted(set(ids))


def test_every_catalog_message_is_translated():
    ids = _msgids()
    assert len(ids) > 30
    assert [m for m in ids if translate(m, "zh") == m] == []
    po = PO.read_text(encoding="utf-8")
    assert all(f'msgid "{m}"' in po for m in ids)  # in this area's own file, not borrowed from another
