"""Test set-up: headless Qt, a private data dir, and the `gui` marker applied automatically."""

from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # an explicit QT_QPA_PLATFORM still wins
# Never touch the user's real workspace or settings from tests.
_DATA_DIR = tempfile.mkdtemp(prefix="retrofit-test-data-")
os.environ["RETROFIT_DATA_DIR"] = _DATA_DIR
os.environ.setdefault("RETROFIT_LANG", "zh")

# CI runs the property tests with a fixed derivation of examples, so a landing never depends on a lucky
# draw; local runs keep exploring new examples (and remember failures in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

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
