"""The product's one message catalogue (gettext), used by the core, the CLI, the PDF and the UI.

Source strings (msgids) are English. Translations live in ``resources/translations/<locale>/*.po``;
every ``.po`` file of a locale is merged into one catalogue (one file per area keeps concurrent
edits apart). The ``.po`` files are compiled in memory with Babel at first use, so there is no
build step and no stale ``.mo``. zh_CN is the default language. Compiling costs 50–80 ms, so the
compiled ``.mo`` bytes are cached in the user cache dir, keyed by the ``.po`` files' names, sizes and
modification times (any edit recompiles; a cache that cannot be read or written is just skipped).

Use ``_("text")`` for a message in the current language and ``N_("text")`` to mark a constant
for extraction without translating it at import time.
"""

from __future__ import annotations

import gettext
import io
import marshal
import os
import sys
import threading
from functools import cache
from pathlib import Path

from .resources import resource_path

LANGUAGES = {"zh": "zh_CN", "en": "en"}
DEFAULT_LANGUAGE = "zh"

_state = threading.local()
_default = {"lang": os.environ.get("RETROFIT_LANG", DEFAULT_LANGUAGE)}


def normalise_language(lang: str | None) -> str:
    """'zh', 'zh_CN', 'zh-CN', 'cn', '中文' -> 'zh'; 'en', 'en_US' -> 'en'."""
    if not lang:
        return DEFAULT_LANGUAGE
    s = lang.strip().lower().replace("-", "_")
    if s.startswith("zh") or s in {"cn", "chs", "中文", "简体中文"}:
        return "zh"
    if s.startswith("en") or s in {"english", "英文"}:
        return "en"
    raise ValueError(f"unsupported language {lang!r}; use zh or en")


#: bump when the cache layout changes
_CACHE_FORMAT = 1
CACHE_DIR_ENV = "RETROFIT_CACHE_DIR"


def cache_dir() -> Path:
    """Where compiled catalogues are kept: ``RETROFIT_CACHE_DIR``, else ``<RETROFIT_DATA_DIR>/cache``,
    else the platform's user cache dir."""
    if os.environ.get(CACHE_DIR_ENV):
        return Path(os.environ[CACHE_DIR_ENV])
    if os.environ.get("RETROFIT_DATA_DIR"):
        return Path(os.environ["RETROFIT_DATA_DIR"]) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("RetrofitDesktop", appauthor=False))


def _compile(po: Path, locale: str) -> bytes:
    from babel.messages.mofile import write_mo  # babel is slow to import: only when compiling
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


def _compiled(files: list[Path], locale: str) -> list[bytes]:
    """The .mo bytes of each .po file, from the cache when its key (names, sizes, mtimes) matches."""
    key = (
        _CACHE_FORMAT,
        sys.version_info[:2],
        str(files[0].parent),
        tuple((f.name, st.st_size, st.st_mtime_ns) for f in files for st in [f.stat()]),
    )
    path = cache_dir() / f"translations-{locale}.bin"
    try:
        cached_key, mos = marshal.loads(path.read_bytes())
        if cached_key == key and len(mos) == len(files) and all(isinstance(m, bytes) for m in mos):
            return list(mos)
    except (OSError, ValueError, EOFError, TypeError):  # no cache yet, or an unreadable one
        pass
    mos = [_compile(f, locale) for f in files]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((key, tuple(mos))))
        os.replace(tmp, path)
    except OSError:  # a read-only home: compile every time
        pass
    return mos


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    locale = LANGUAGES[lang]
    folder = resource_path("translations", locale)
    if not folder.is_dir():
        return gettext.NullTranslations()
    files = sorted(folder.glob("*.po"))
    if not files:
        return gettext.NullTranslations()
    merged = None
    for mo in _compiled(files, locale):
        t = gettext.GNUTranslations(io.BytesIO(mo))
        if merged is None:
            merged = t
        else:
            merged._catalog.update(t._catalog)  # type: ignore[attr-defined]  # one catalogue from several files (private, stable)
    return merged or gettext.NullTranslations()


def set_language(lang: str) -> str:
    """Set the process-wide default language; returns the normalised code ('zh' or 'en')."""
    code = normalise_language(lang)
    _default["lang"] = code
    return code


def current_language() -> str:
    return getattr(_state, "lang", None) or normalise_language(_default["lang"])


class use_language:
    """Context manager: translate in `lang` on this thread only (e.g. a PDF in English)."""

    def __init__(self, lang: str):
        self.lang = normalise_language(lang)

    def __enter__(self) -> use_language:
        self._prev: str | None = getattr(_state, "lang", None)
        _state.lang = self.lang
        return self

    def __exit__(self, *exc: object) -> None:
        _state.lang = self._prev


def gettext_(message: str) -> str:
    return _translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations(current_language()).ngettext(singular, plural, n)


def translate(message: str, lang: str) -> str:
    return _translations(normalise_language(lang)).gettext(message)


_ = gettext_


def N_(message: str) -> str:
    """Mark for extraction only."""
    return message
