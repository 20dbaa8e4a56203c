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
    assert str(bad) in w.error_label.text()  # the file is named
    assert any(r not in (None, "—") for r in _cells(w.problems_model, "row"))  # problems carry row numbers
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


def test_a_valid_pack_becomes_a_second_edition(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("RETROFIT_DATA_DIR", str(tmp_path / "data"))  # editions are stored here
    builtin = get_catalog()
    rows = builtin.rows[builtin.rows["product"] == "motor"].copy()
    first = rows.index[0]
    grade = f"grade{builtin.products['motor'].tier_mapping.entry}"
    rows.loc[first, grade] = str(float(rows.loc[first, grade]) - 0.1)  # a "corrected" entry threshold
    pack = tmp_path / "corrected.csv"
    rows.to_csv(pack, index=False, encoding="utf-8")

    w = CatalogBrowser()
    qtbot.addWidget(w)
    handle = w.import_pack_file(pack)
    with qtbot.waitSignal(w.pack_imported, timeout=30000) as blocker:
        pass
    info = blocker.args[0]
    assert handle.status == "done"
    assert w.error_label.isHidden()
    ids = [w.edition_combo.itemData(i) for i in range(w.edition_combo.count())]
    assert ids == [builtin.edition.id, info.id]
    assert w.catalog.edition.id == info.id  # the browser shows the new edition
    assert get_catalog().edition.id == builtin.edition.id  # not active until the user says so
    w.show_product("motor")
    shown = tier_rows_frame(w.catalog.products["motor"])
    row_id = rows.loc[first, "row_id"]
    entry = shown.set_index("row_id").loc[row_id, "entry"]
    assert entry == float(builtin.rows.loc[first, grade]) - 0.1
    w.edition_combo.setCurrentIndex(1)
    w.activate_button.click()
    assert get_catalog().edition.id == info.id
    from retrofit_desktop.i18n import _

    assert w.edition_combo.itemText(1).endswith(_("(active)"))
    assert not w.edition_combo.itemText(0).endswith(_("(active)"))
