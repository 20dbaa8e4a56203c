"""ui.settings: what a settings file holds is read back, and a damaged entry does not stop the app."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from retrofit_desktop.ui import settings

pytestmark = pytest.mark.usefixtures("private_settings")


def test_recent_workspaces_round_trip_newest_first():
    settings.add_recent_workspace("sqlite:///a.db")
    settings.add_recent_workspace("sqlite:///b.db")
    settings.add_recent_workspace("sqlite:///a.db")  # opened again: moves to the front, once
    assert settings.recent_workspaces() == ["sqlite:///a.db", "sqlite:///b.db"]


def test_one_recent_workspace_is_read_as_a_list():
    settings.add_recent_workspace("sqlite:///only.db")  # the INI file holds a bare string for one
    assert settings.recent_workspaces() == ["sqlite:///only.db"]


def test_a_recent_list_that_is_not_a_list_reads_as_none():
    # a hand-edited (or foreign) settings file: `recent=@Point(1 2)` is not iterable; it raised
    # TypeError at start-up before
    s = settings.settings()
    s.setValue("workspaces/recent", QPoint(1, 2))
    s.sync()
    assert settings.recent_workspaces() == []
