"""Enumeration values as plants write them -> the catalog's allowed value (one rule for import, the
item editor and the CLI).

The rule, in order:
1. NFKC (full-width letters, digits, brackets and spaces become half-width), case and spaces ignored;
   the whole text is looked up among the allowed values, their Chinese and English labels, their
   synonyms and the field's generic words; a trailing 式/型 is optional ('风冷式' = '风冷').
2. A number with a word unit: '4', '4极', '4P', '4 poles' for poles; '10kV', '10 kV', '10000V' for a
   voltage class in kV.
3. Otherwise the text is cut into parts: the words outside brackets and the content of each bracket,
   split at spaces and list marks. Each part is looked up as in 1-2; parts that name nothing (a
   model, a remark) only qualify and are dropped. When no part names a value, the synonyms (two
   characters or more) written inside the text are used, the longest match first.
4. Words that decide the value (synonyms, labels: '变频', '工频') win over the field's generic words
   that name the kind without deciding ('螺杆', '喷油回转': fixed speed when nothing else is said).
   Two deciding words for different values leave the value unknown.

An unknown value raises `UnknownChoice`, whose message lists the allowed labels in the current
language (never the internal codes).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import _, current_language

if TYPE_CHECKING:
    from .model import FieldSpec

__all__ = ["Choice", "UnknownChoice", "choice_key", "resolve_choice", "choice_label", "allowed_labels"]


@dataclass(frozen=True)
class Choice:
    """One allowed value of an enumeration with its labels and the other ways plants write it."""

    value: str
    label_zh: str
    label_en: str
    synonyms: tuple[str, ...] = ()

    def label(self, lang: str | None = None) -> str:
        return self.label_zh if (lang or current_language()).startswith("zh") else self.label_en


class UnknownChoice(ValueError):
    """A value that names none of a field's allowed values."""

    def __init__(self, spec: FieldSpec, value: Any, ambiguous: tuple[str, ...] = ()):
        self.field = spec.name
        self.value = value
        self.ambiguous = ambiguous
        zh = current_language().startswith("zh")
        field_label = spec.label_zh if zh else spec.label_en
        sep = "、" if zh else "; "
        allowed = sep.join(allowed_labels(spec))
        if ambiguous:
            named = sep.join(choice_label(spec, v) for v in ambiguous)
            msg = _("'{value}' names several {field} values ({named}); allowed: {allowed}").format(
                value=value, field=field_label, named=named, allowed=allowed
            )
        else:
            msg = _("'{value}' is not a known {field}; allowed: {allowed}").format(
                value=value, field=field_label, allowed=allowed
            )
        super().__init__(msg)


_BRACKETS = str.maketrans(
    {
        "【": "(",
        "】": ")",
        "〔": "(",
        "〕": ")",
        "[": "(",
        "]": ")",
        "{": "(",
        "}": ")",
        "〈": "(",
        "〉": ")",
        "《": "(",
        "》": ")",
    }
)
_SPACE = re.compile(r"\s+")
_SPLIT = re.compile(r"[\s/,;、，；+&]+")
_NUMBER_UNIT = re.compile(r"^([-+]?\d+(?:\.\d+)?)\s*(极|p|poles?|pole|kv|v)?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def choice_key(text: object) -> str:
    """Comparable form of a written value: NFKC, lower case, no spaces."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(text)).translate(_BRACKETS).strip().lower())


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFKC", str(value)).translate(_BRACKETS).strip()


@dataclass(frozen=True)
class _Table:
    strong: dict[str, str]  # key -> value (values, labels, synonyms)
    weak: dict[str, str]  # key -> value (generic words)
    numbers: dict[str, str]  # '4' -> '4' for numeric values ('10kV' -> '10')
    contained: tuple[tuple[str, str, bool], ...]  # (key, value, strong) of 2+ characters, longest first


_TABLES: dict[int, tuple[Any, _Table]] = {}


def _table(spec: FieldSpec) -> _Table:
    hit = _TABLES.get(id(spec))
    if hit is not None and hit[0] is spec:
        return hit[1]
    strong: dict[str, str] = {}
    weak: dict[str, str] = {}
    numbers: dict[str, str] = {}
    for c in spec.choices:
        for text in (c.value, c.label_zh, c.label_en, *c.synonyms):
            if text:
                strong.setdefault(choice_key(text), c.value)
        n = _number(c.value)
        if n is not None:
            numbers.setdefault(n, c.value)
    for text, value in spec.generic_words.items():
        weak.setdefault(choice_key(text), value)
    contained = sorted(
        {(k, v, True) for k, v in strong.items() if len(k) >= 2 and _CJK.search(k)}
        | {(k, v, False) for k, v in weak.items() if len(k) >= 2 and _CJK.search(k)},
        key=lambda t: (-len(t[0]), t[0]),
    )
    table = _Table(strong, weak, numbers, tuple(contained))
    _TABLES[id(spec)] = (spec, table)
    return table


def _number(text: str) -> str | None:
    """'4', '4.0', '4极', '4P', '10kV' -> '4' / '10'; '10000V' -> '10' (volts to kV); else None."""
    m = _NUMBER_UNIT.match(choice_key(text))
    if not m:
        return None
    x = float(m.group(1))
    if m.group(2) == "v" and x >= 100:
        x /= 1000
    return f"{x:g}"


def _lookup(t: _Table, key: str) -> tuple[str, bool] | None:
    """(value, decides) for one written word, or None."""
    for k in (key, key[:-1] if len(key) > 1 and key[-1] in "式型" else None):
        if not k:
            continue
        if k in t.strong:
            return t.strong[k], True
        if k in t.weak:
            return t.weak[k], False
    n = _number(key)
    if n is not None and n in t.numbers:
        return t.numbers[n], True
    return None


def _parts(text: str) -> list[str]:
    """Words outside brackets and the content of each bracket (nested brackets flattened)."""
    outside = re.sub(r"\([^()]*\)", " ", text)
    while outside != (o := re.sub(r"\([^()]*\)", " ", outside)):
        outside = o
    inside = re.findall(r"\(([^()]*)\)", text)
    words = [
        w for chunk in (outside, *inside) for w in _SPLIT.split(chunk.replace("(", " ").replace(")", " "))
    ]
    return [w for w in words if w]


def _decide(found: list[tuple[str, bool]]) -> str | tuple[str, ...] | None:
    """A value, a tuple of conflicting deciding values, or None when nothing was named."""
    deciding = list(dict.fromkeys(v for v, strong in found if strong))
    if len(deciding) == 1:
        return deciding[0]
    if len(deciding) > 1:
        return tuple(deciding)
    generic = list(dict.fromkeys(v for v, _strong in found))
    if len(generic) == 1:
        return generic[0]
    return tuple(generic) if generic else None


def _contained(t: _Table, key: str) -> list[tuple[str, bool]]:
    """Synonyms written inside the text; a match inside a longer match does not count."""
    covered = [False] * len(key)
    found = []
    for k, value, strong in t.contained:
        start = key.find(k)
        while start >= 0:
            span = range(start, start + len(k))
            if not any(covered[i] for i in span):
                for i in span:
                    covered[i] = True
                found.append((value, strong))
            start = key.find(k, start + 1)
    return found


def resolve_choice(spec: FieldSpec, value: Any, user_values: Mapping[str, str] | None = None) -> str | None:
    """The allowed value `value` names (None for an empty cell); raises UnknownChoice.

    `user_values` (written value -> allowed value or its label, from a saved import mapping) are tried
    first.
    """
    if value is None:
        return None
    text = _text(value)
    if not text:
        return None
    key = choice_key(text)
    if user_values:
        for written, target in user_values.items():
            if choice_key(written) == key and target:
                try:  # the target may be written as a label ('喷油回转式（工频）') as well as a value
                    return target if target in (spec.allowed or ()) else resolve_choice(spec, target)
                except UnknownChoice:
                    break  # a stale target: the written value is judged by the rule alone
    t = _table(spec)
    hit = _lookup(t, key)
    if hit is not None:
        return hit[0]
    found = [h for w in _parts(text) if (h := _lookup(t, choice_key(w))) is not None]
    if not found:
        found = _contained(t, key)
    decided = _decide(found)
    if isinstance(decided, str):
        return decided
    written = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
    raise UnknownChoice(spec, written, decided or ())


def choice_label(spec: FieldSpec, value: str, lang: str | None = None) -> str:
    """The label of an allowed value in `lang` (default: the current language)."""
    for c in spec.choices:
        if c.value == value:
            return c.label(lang)
    return value


def allowed_labels(spec: FieldSpec, lang: str | None = None) -> list[str]:
    return [c.label(lang) for c in spec.choices]
