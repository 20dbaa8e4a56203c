from __future__ import annotations

import pytest

from retrofit_desktop.store import open_workspace


@pytest.fixture
def ws(tmp_path):
    w = open_workspace(tmp_path / "ws.sqlite3")
    yield w
    w.close()
