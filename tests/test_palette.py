"""One palette for states (retrofit_desktop/palette.py), read by the GUI and the PDF alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from retrofit_desktop import palette
from retrofit_desktop.domain import Tier

PACKAGE = Path(__file__).resolve().parents[1] / "retrofit_desktop"
STATE_COLOURS = {
    palette.ERROR,
    palette.WARNING,
    palette.SUCCESS,
    palette.MUTED,
    *palette.TIER_COLOURS.values(),
    *palette.VERIFICATION_COLOURS.values(),
    *palette.VERIFICATION_BACKGROUNDS.values(),
    *palette.SEVERITY_BACKGROUNDS.values(),
    palette.MAC_SAVES,
    palette.MAC_COSTS,
}
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


def _expand(code: str) -> str:
    code = code.lower()
    return "#" + "".join(c * 2 for c in code[1:]) if len(code) == 4 else code


def test_no_module_spells_a_state_colour_but_the_palette():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "palette.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for code in HEX.findall(line):
                if _expand(code) in STATE_COLOURS:
                    found.append(f"{path.relative_to(PACKAGE)}:{n}: {code}")
    assert found == []


def test_every_tier_has_a_colour():
    assert set(palette.TIER_COLOURS) == set(Tier)


def test_gui_pdf_and_workbook_share_the_tier_colours():
    from retrofit_desktop.io import export
    from retrofit_desktop.report import tiers
    from retrofit_desktop.ui import charts, equipment_model

    for module in (tiers, export, charts, equipment_model):
        assert module.TIER_COLOURS is palette.TIER_COLOURS, module.__name__


@pytest.mark.parametrize(
    ("background", "text"),
    [
        ("#ffffff", palette.BLACK),
        ("#000000", palette.WHITE),
        # 0.299·127 + 0.587·188 + 0.114·65 = 155.8 > 140: black (the charts used to write white on it)
        (palette.TIER_COLOURS[Tier.ENERGY_SAVING], palette.BLACK),
        # 0.299·27 + 0.587·120 + 0.114·55 = 84.8: white
        (palette.TIER_COLOURS[Tier.ADVANCED], palette.WHITE),
        # 0.299·215 + 0.587·48 + 0.114·39 = 97.0: white
        (palette.TIER_COLOURS[Tier.BELOW_ENTRY], palette.WHITE),
        ("#f1b6da", palette.BLACK),
    ],
)
def test_text_on_a_background(background, text):
    assert palette.text_on(background) == text
