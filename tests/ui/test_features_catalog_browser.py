"""ui.catalog_browser: the edition, its products, the motor's tier rows with sources, pack import errors."""

from __future__ import annotations

from PySide6.QtCore import Qt

from retrofit_desktop.catalog import get_catalog
from retrofit_desktop.ui import tasks
from retrofit_desktop.ui.catalog_browser import CatalogBrowser, tier_rows_frame


def _column(model, name):
    return model.columns().index(name)


def _cells(model, name):
    c = _column(model, name)
    return [model.data(model.index(r, c)) for r in range(model.rowCount())]


def test_lists_the_motor_and_its_tier_rows_with_sources(qtbot, qtmodeltester):
    w = CatalogBrowser()
    qtbot.addWidget(w)
    cat = get_catalog()
    ids = _cells(w.products_model, "id")
    assert "motor" in ids
    assert len(ids) == len(cat.products)
    motor = cat.products["motor"]
    assert motor.name_zh in _cells(w.products_model, "name_zh")
    assert cat.edition.doc_no in w.edition_label.text()

    w.filter_edit.setText("18613")  # the motor's standard
    assert _cells(w.products_model, "id") == ["motor"]
    w.show_product("motor")
    assert "GB 18613" in w.product_label.text()
    model = w.rows_model
    assert model.rowCount() == len(motor.rows)
    sources = set(_cells(model, "source"))
    assert sources == {r["source"] for r in motor.rows}  # every row shows the source it came from
    assert all(s and s != "—" for s in sources)
    statuses = {model.row_series(r)["verification"] for r in range(model.rowCount())}
    assert statuses == {r["verification"] for r in motor.rows}
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(w.products_model, force_py=True)


def test_motor_thresholds_come_from_the_mapped_grades(qapp):
    spec = get_catalog().products["motor"]
    frame = tier_rows_frame(spec)
    mapping = spec.tier_mapping
    first = spec.rows[0]
    # independent expectation: advanced/energy_saving/entry are the grade columns the tier mapping names
    assert frame.loc[0, "advanced"] == float(first[f"grade{mapping.advanced}"])
    assert frame.loc[0, "energy_saving"] == float(first[f"grade{mapping.energy_saving}"])
    assert frame.loc[0, "entry"] == float(first[f"grade{mapping.entry}"])
    # along a row, the better tier needs the higher efficiency (motor efficiency: higher is better)
    known = frame.dropna(subset=["advanced", "energy_saving", "entry"])
    assert len(known) > 0
    assert (known["advanced"] >= known["energy_saving"]).all()
    assert (known["energy_saving"] >= known["entry"]).all()


def test_a_bad_pack_is_reported_inline_and_nothing_changes(qtbot, tmp_path):
    w = CatalogBrowser()
    qtbot.addWidget(w)
    before = get_catalog().edition.id
    bad = tmp_path / "pack.csv"
    bad.write_text("product,table\nno_such_product,T1\n", encoding="utf-8")
    handle = w.import_pack_file(bad)
    with qtbot.waitSignal(handle.finished, timeout=10000) as blocker:
        pass
    assert blocker.args == ["error"]
    assert not w.error_label.isHidden()
    assert not w.problems_view.isHidden()
    assert w.problems_model.rowCount() >= 1
    messages = " ".join(_cells(w.problems_model, "message"))
    assert messages.strip() and messages != "—"
    assert w.import_button.isEnabled()
    assert get_catalog().edition.id == before
    assert tasks.wait_for_all(5000)


def test_empty_filter_shows_all_and_no_match_clears_the_detail(qtbot):
    w = CatalogBrowser()
    qtbot.addWidget(w)
    n = w.products_model.rowCount()
    w.filter_edit.setText("zzzz-no-such-product")
    assert w.products_model.rowCount() == 0
    assert w.rows_model.rowCount() == 0
    w.filter_edit.setText("")
    assert w.products_model.rowCount() == n
    assert w.products_view.selectionModel().selectedRows()[0].row() == 0
    assert w.products_model.headerData(0, Qt.Orientation.Horizontal) == "ID"
