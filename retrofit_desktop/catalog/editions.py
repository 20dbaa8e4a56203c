"""Editions kept side by side in the user data dir; the active one is what get_catalog() returns."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import platformdirs

from ..i18n import _
from .catalog import Catalog, file_sha256, load_builtin
from .model import EditionInfo
from .tiertable import read_long_csv

_lock = threading.Lock()
_cache: dict[str, Catalog] = {}
_stamps: dict[str, tuple[str, int, int]] = {}


def data_dir() -> Path:
    env = os.environ.get("RETROFIT_DATA_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir("RetrofitDesktop"))


def editions_dir() -> Path:
    return data_dir() / "catalog_editions"


def _builtin() -> Catalog:
    with _lock:
        if "builtin" not in _cache:
            from .cache import cached_builtin  # a pickle in the cache dir, keyed by data and source

            _cache["builtin"] = cached_builtin(load_builtin)
        return _cache["builtin"]


def builtin_edition() -> EditionInfo:
    return _builtin().edition


def list_editions() -> list[EditionInfo]:
    out = [_builtin().edition]
    root = editions_dir()
    if root.is_dir():
        for d in sorted(root.iterdir()):
            meta = d / "edition.json"
            if meta.is_file():
                out.append(EditionInfo(**json.loads(meta.read_text(encoding="utf-8"))))
    return out


def active_edition_id() -> str:
    f = editions_dir() / "active.json"
    if f.is_file():
        return str(json.loads(f.read_text(encoding="utf-8"))["id"])
    return _builtin().edition.id


def set_active_edition(edition_id: str) -> EditionInfo:
    ids = {e.id: e for e in list_editions()}
    if edition_id not in ids:
        raise KeyError(
            _("unknown catalog edition {id}; known: {known}").format(
                id=repr(edition_id), known=", ".join(ids)
            )
        )
    editions_dir().mkdir(parents=True, exist_ok=True)
    (editions_dir() / "active.json").write_text(json.dumps({"id": edition_id}), encoding="utf-8")
    return ids[edition_id]


def get_catalog(edition_id: str | None = None) -> Catalog:
    """The active edition (cached), or the named one."""
    builtin = _builtin()
    eid = edition_id or active_edition_id()
    if eid == builtin.edition.id:
        return builtin
    with _lock:
        d = editions_dir() / eid
        tiers = d / "tiers.csv"
        if not tiers.is_file():
            raise KeyError(_("unknown catalog edition {id}").format(id=repr(eid)))
        st = tiers.stat()
        stamp = (str(tiers), st.st_mtime_ns, st.st_size)
        cached = _cache.get(eid)
        if cached is not None and _stamps.get(eid) == stamp:
            return cached  # unchanged file: skip re-hashing
        sha = file_sha256(tiers)
        if cached is None or cached.edition.sha256 != sha:
            info = EditionInfo(**json.loads((d / "edition.json").read_text(encoding="utf-8")))
            if info.sha256 != sha:
                raise ValueError(
                    _("catalog edition {id}: tiers.csv changed since import (SHA-256 differs)").format(
                        id=repr(eid)
                    )
                )
            _cache[eid] = Catalog(info, read_long_csv(tiers))
        _stamps[eid] = stamp
        return _cache[eid]
