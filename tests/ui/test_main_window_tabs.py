"""The ui-features pieces are reachable from the main window and get the current enterprise."""

from __future__ import annotations

import pytest

from retrofit_desktop import services
from retrofit_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("private_settings")


@pytest.fixture
def window(qtbot, tmp_path):
    ws = services.open_workspace(tmp_path / "ws.sqlite3")
    eid = services.create_enterprise(ws, "甲厂")
    services.save_item(
        ws,
        eid,
        {
            "asset_tag": "M-1",
            "product": "motor",
            "rated_power_kw": 55.0,
            "poles": "4",
            "efficiency_pct": 93.0,
        },
    )
    w = MainWindow(ws, str(tmp_path / "ws.sqlite3"), enterprise_id=eid)
    qtbot.addWidget(w)
    w.show()
    return w


def test_assessment_tab_is_built_on_demand_for_the_current_enterprise(window):
    assert window.assessment_view is None  # not built at start-up
    window.act_assess.trigger()
    view = window.assessment_view
    assert view is not None and view.enterprise_id == window.enterprise_id and view.workspace is window.ws
    assert window.tabs.currentWidget().widget() is view
    other = services.create_enterprise(window.ws, "乙厂")
    window.reload_enterprises(select=other)
    assert view.enterprise_id == other


def test_catalog_tab_scenarios_and_report_open(window, qtbot):
    window.act_catalog.trigger()
    assert window.catalog_browser is not None
    assert window.tabs.currentWidget().widget() is window.catalog_browser
    window.act_scenarios.trigger()
    qtbot.addWidget(window._scenarios)
    assert window._scenarios.isVisible()
    window._scenarios.reject()
    window.act_report.trigger()
    qtbot.addWidget(window._report_dialog)
    assert window._report_dialog.enterprise_id == window.enterprise_id
    assert window._report_dialog.assessment() is None  # nothing assessed yet
    window._report_dialog.reject()
