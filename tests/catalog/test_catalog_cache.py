"""The built-in catalog is cached as a pickle in the cache dir (catalog/cache.py): a later process loads
it instead of building it, it classifies exactly as a freshly built one, and a changed key (data,
source, version) or an unreadable file builds it again."""

from __future__ import annotations

import pandas as pd
import pytest

from retrofit_desktop.catalog import cache
from retrofit_desktop.catalog.catalog import load_builtin
from retrofit_desktop.resources import resource_path


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("RETROFIT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def counting_build(calls: list[int]):
    def build():
        calls.append(1)
        return load_builtin()

    return build


def test_a_second_process_loads_the_cache_and_classifies_the_same(cache_dir):
    calls: list[int] = []
    first = cache.cached_builtin(counting_build(calls), key="k1")
    assert calls == [1] and (cache_dir / cache.CACHE_NAME).is_file()
    second = cache.cached_builtin(counting_build(calls), key="k1")
    assert calls == [1] and second is not first  # read back from the file, not built
    items = pd.read_csv(resource_path("sample", "sample_inventory.csv"))
    fresh = load_builtin()
    pd.testing.assert_frame_equal(second.classify_frame(items), fresh.classify_frame(items))
    assert second.edition == fresh.edition and list(second.products) == list(fresh.products)


def test_another_key_or_a_broken_file_builds_again(cache_dir):
    calls: list[int] = []
    cache.cached_builtin(counting_build(calls), key="k1")
    cache.cached_builtin(counting_build(calls), key="k2")  # data, source or version changed
    assert calls == [1, 1]
    (cache_dir / cache.CACHE_NAME).write_bytes(b"not a pickle")
    assert cache.cached_builtin(counting_build(calls), key="k2").edition.builtin
    assert calls == [1, 1, 1]


def test_the_key_follows_the_files(tmp_path):
    (tmp_path / "a.csv").write_text("x")
    before = cache.cache_key((tmp_path,))
    assert cache.cache_key((tmp_path,)) == before
    (tmp_path / "a.csv").write_text("y")
    assert cache.cache_key((tmp_path,)) != before
