"""The one message catalogue: every translatable string has Chinese, and no msgid means two things."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
ZH = ROOT / "resources" / "translations" / "zh_CN"


def _zh_catalogue() -> dict[str, list[tuple[str, str]]]:
    seen: dict[str, list[tuple[str, str]]] = {}
    for po in sorted(ZH.glob("*.po")):
        with po.open("rb") as fh:
            for m in read_po(fh):
                if m.id:
                    key = m.id if isinstance(m.id, str) else m.id[0]
                    seen.setdefault(key, []).append((po.name, str(m.string)))
    return seen


def test_no_msgid_is_translated_two_ways():
    clashes = {k: v for k, v in _zh_catalogue().items() if len({s for _, s in v}) > 1}
    assert not clashes, f"same msgid, different Chinese in different .po files: {clashes}"


def test_every_translatable_string_in_the_code_has_chinese():
    zh = _zh_catalogue()
    missing = []
    for filename, _lineno, message, _comments, _ctx in extract_from_dir(
        str(ROOT / "retrofit_desktop"), method_map=[("**.py", "python")], keywords={"_": None, "N_": None}
    ):
        msg = message if isinstance(message, str) else message[0]
        if msg and not any(s for _, s in zh.get(msg, [])):
            missing.append(f"{filename}: {msg!r}")
    assert not missing, "untranslated (add to the area's zh_CN .po):\n" + "\n".join(missing[:50])
