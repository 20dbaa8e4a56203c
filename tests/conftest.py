"""Test set-up: headless Qt, a private data dir, and the `gui` marker applied automatically."""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # an explicit QT_QPA_PLATFORM still wins
# Never touch the user's real workspace or settings from tests.
_DATA_DIR = tempfile.mkdtemp(prefix="retrofit-test-data-")
os.environ["RETROFIT_DATA_DIR"] = _DATA_DIR
os.environ.setdefault("RETROFIT_LANG", "zh")

_QT_FIXTURES = {"qtbot", "qapp", "qtmodeltester"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _QT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _reset_language():
    from retrofit_desktop import i18n

    i18n.set_language("zh")
    yield
    i18n.set_language("zh")
