"""At the app's start the equipment table shows the items before they are classified (issue 12,
point 5): `attach(classify_later=True)` fills the table from the stored rows with 「分级中…」 in the
tier column, a worker loads the catalog and classifies them, and the tiers fill in; closing the
window while that runs is clean."""

from __future__ import annotations

import threading

import pytest

from retrofit_desktop import services
from retrofit_desktop.domain import tier_label
from retrofit_desktop.ui import equipment_loading, tasks
from retrofit_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("private_settings")


def column(w: MainWindow, key: str) -> list[str]:
    col = [c.key for c in w.model.columns()].index(key)
    return [w.model.index(r, col).data() for r in range(w.model.rowCount())]


@pytest.fixture
def sample_ws(ws):
    eid = services.ensure_sample_enterprise(ws)
    assert eid is not None
    return ws, eid


def test_the_items_show_first_and_their_tiers_fill_in(qtbot, sample_ws, tmp_path):
    ws, eid = sample_ws
    items = services.load_items(ws, eid)
    expected = services.classify_items(items)["tier"].set_axis(items["asset_tag"]).to_dict()
    w = MainWindow()
    qtbot.addWidget(w, before_close_func=lambda win: win.editor.revert())
    w.show()
    with qtbot.waitSignal(w.classified, timeout=60_000):
        w.attach(ws, str(tmp_path / "ws.sqlite3"), classify_later=True)
        # on the GUI thread, before the worker has even started: the rows, without their tiers
        assert w.model.rowCount() == len(items) == 38
        assert set(column(w, "tier")) == {"分级中…"} and w.classifying() and w.catalog is None
        assert "工业锅炉" in column(w, "product")  # product names without the tier tables
        assert w.editor.held_id() is None and not w.editor.isEnabled()  # it needs the catalog: not yet
    assert not w.classifying() and w.catalog is not None
    got = dict(zip(column(w, "asset_tag"), column(w, "tier"), strict=True))
    assert got == {tag: tier_label(t, "zh") for tag, t in expected.items()}
    assert w.editor.product_combo.count() == len(w.catalog.products) + 1  # the editor has the catalog
    current = w.model.record(w.table.currentIndex().row())
    assert w.editor.held_id() == current["id"] and w.editor.isEnabled()  # and shows the selected item
    assert "分级中" not in w.tier_status.text() and "低于准入水平" in w.tier_status.text()


def test_closing_the_window_while_classifying_is_clean(qtbot, sample_ws, tmp_path, monkeypatch, caplog):
    ws, _eid = sample_ws
    started, release = threading.Event(), threading.Event()
    real = equipment_loading.tiers_of

    def slow_tiers(frame):
        started.set()
        release.wait(10)
        return real(frame)

    monkeypatch.setattr(equipment_loading, "tiers_of", slow_tiers)
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    emitted = []
    w.classified.connect(lambda: emitted.append(True))
    w.attach(ws, str(tmp_path / "ws.sqlite3"), classify_later=True)
    qtbot.waitUntil(started.is_set, timeout=30_000)
    w.close()  # cancels the window's tasks; the worker is still in tiers_of
    release.set()
    assert tasks.wait_for_all(30_000)  # what app.shut_down waits for at quit
    qtbot.wait(50)  # the worker's late result is delivered, and dropped
    assert emitted == [] and set(column(w, "tier")) == {"分级中…"}
    assert "failed" not in caplog.text


def test_an_empty_workspace_still_gets_the_catalog(qtbot, ws, tmp_path):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.classified, timeout=60_000):
        w.attach(ws, str(tmp_path / "ws.sqlite3"), classify_later=True)
        assert w.model.rowCount() == 0 and w.classifying()
    assert w.catalog is not None and not w.classifying() and w.editor.isEnabled()
    assert w.editor.product_combo.count() == len(w.catalog.products) + 1  # items can be typed in
    assert w.filter_bar.product_combo.count() == len(w.catalog.products) + 1
