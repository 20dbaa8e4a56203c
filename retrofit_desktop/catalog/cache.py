"""A pickled copy of the built-in catalog in the cache dir (``i18n.cache_dir()``), so a process that
classifies does not rebuild it from the tier CSV: building took 0.2-0.45 s of CPU on a loaded 2-core
machine, loading the pickle 0.02 s. The key is the SHA-256 of the package data (tier table, edition,
standard editions …) and of the catalog package's source (its products, fields and rules are code),
and the version: any difference, or an unreadable file, builds the catalog again and rewrites it."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from ..i18n import cache_dir
from .catalog import DATA_DIR, Catalog

CACHE_NAME = "catalog-builtin.pickle"
_SOURCES = Path(__file__).resolve().parent


def cache_key(folders: tuple[Path, ...] = (DATA_DIR, _SOURCES)) -> str:
    """SHA-256 over the names and bytes of the files the built-in catalog is built from."""
    digest = hashlib.sha256(__version__.encode())
    for folder in folders:
        for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix != ".pyc"):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cached_builtin(build: Callable[[], Catalog], key: str | None = None) -> Catalog:
    """The cached catalog if its key matches, else `build()` (then cached for the next process)."""
    key = cache_key() if key is None else key
    path = cache_dir() / CACHE_NAME
    try:
        with path.open("rb") as fh:
            cached_key, catalog = pickle.load(fh)  # our own file in the user's cache dir
        if cached_key == key and isinstance(catalog, Catalog):
            return catalog
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        pass  # none yet, or written by another version: build it
    catalog = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump((key, catalog), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:  # a read-only home: build it every time
        pass
    return catalog
