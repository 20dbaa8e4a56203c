"""Every message of the report package has a Chinese translation."""

from __future__ import annotations

import ast
from pathlib import Path

from babel.messages.pofile import read_po

import retrofit_desktop.report as report_pkg
from retrofit_desktop.resources import resource_path


def _msgids() -> dict[str, str]:
    ids = {}
    for f in sorted(Path(report_pkg.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                ids.setdefault(node.args[0].value, f.name)
    return ids


def test_every_report_message_is_translated_in_report_po():
    with resource_path("translations", "zh_CN", "report.po").open("rb") as fh:
        po = {m.id: m.string for m in read_po(fh) if m.id}
    ids = _msgids()
    assert len(ids) > 100  # the scan found the messages
    missing = sorted(k for k in ids if not po.get(k))
    assert not missing, missing


def test_translations_keep_their_placeholders():
    import re

    with resource_path("translations", "zh_CN", "report.po").open("rb") as fh:
        for m in read_po(fh):
            if m.id and m.string:
                assert sorted(re.findall(r"\{[^}]*\}", m.id)) == sorted(re.findall(r"\{[^}]*\}", m.string)), (
                    m.id
                )


def test_no_other_catalogue_translates_a_report_message_differently():
    """All .po files of a locale merge into one catalogue, so a shared msgid must agree everywhere."""
    folder = resource_path("translations", "zh_CN")
    cats = {}
    for f in sorted(folder.glob("*.po")):
        with f.open("rb") as fh:
            cats[f.name] = {m.id: m.string for m in read_po(fh) if m.id and m.string}
    mine = cats.pop("report.po")
    clashes = [
        (name, k, mine[k], v) for name, c in cats.items() for k, v in c.items() if k in mine and mine[k] != v
    ]
    assert not clashes, clashes


def test_every_character_of_the_report_texts_has_a_glyph_in_the_bundled_font():
    """No tofu boxes: each character of every translation, msgid and symbol the report prints is in the
    font."""
    from reportlab.pdfbase import pdfmetrics

    from retrofit_desktop.domain import TIER_LABELS, VERIFICATION_LABELS
    from retrofit_desktop.report.styles import FONT, register_font

    register_font()
    cmap = pdfmetrics.getFont(FONT).face.charToGlyph
    with resource_path("translations", "zh_CN", "report.po").open("rb") as fh:
        texts = [t for m in read_po(fh) if m.id for t in (m.id, m.string)]
    texts += [s for pair in (*TIER_LABELS.values(), *VERIFICATION_LABELS.values()) for s in pair]
    texts += ["≥≤—…·•×−m³/h", "²₂"]
    missing = sorted({ch for t in texts for ch in t if not ch.isspace() and ord(ch) not in cmap})
    assert not missing, missing
