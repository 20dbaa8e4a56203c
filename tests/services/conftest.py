from __future__ import annotations

import pytest

from retrofit_desktop import services


@pytest.fixture
def ws(tmp_path):
    w = services.open_workspace(tmp_path / "ws.sqlite3")
    yield w
    w.close()
