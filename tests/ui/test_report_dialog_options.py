"""The report dialog opened before any assessment uses the Assessment tab's options as typed (a price typed
but not run still gives cost figures), shows which options the report will use, and refuses bad ones."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QSettings

from retrofit_desktop import services
from retrofit_desktop.ui import settings, tasks
from retrofit_desktop.ui.main_window import MainWindow
from retrofit_desktop.ui.report_dialog import ReportExportDialog


@pytest.fixture(autouse=True)
def private_settings(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    settings.use_organisation(f"test-{uuid.uuid4().hex}")
    yield
    settings.use_organisation(settings.ORGANISATION)
    assert tasks.wait_for_all(30000)


@pytest.fixture
def ws_eid(tmp_path):
    ws = services.open_workspace(tmp_path / "ws.sqlite3")
    eid = services.create_enterprise(ws, "甲厂")
    # 55 kW IE3-ish motor: a retrofit to the energy-saving tier saves kWh, so a price gives CNY
    services.save_item(
        ws,
        eid,
        {
            "asset_tag": "M-1",
            "product": "motor",
            "rated_power_kw": 55.0,
            "poles": "4",
            "efficiency_pct": 92.0,
            "annual_hours": 6000.0,
            "load_factor": 0.75,
        },
    )
    return ws, eid


def test_typed_but_not_run_options_are_used_and_shown(qtbot, tmp_path, ws_eid):
    ws, eid = ws_eid
    w = MainWindow(ws, str(tmp_path / "ws.sqlite3"), enterprise_id=eid)
    qtbot.addWidget(w)
    w.show()
    w.act_assess.trigger()
    view = w.assessment_view
    view.factors.price_edit.setText("0.65")  # typed on the tab, the assessment never run
    w.act_report.trigger()
    dlg = w._report_dialog
    qtbot.addWidget(dlg)
    assert dlg.assessment() is None
    options, assessed = dlg.assess_options()
    assert options.price_cny_per_kwh == pytest.approx(0.65) and not assessed
    assert "0.65" in dlg.options_label.text()

    out = tmp_path / "r.pdf"
    dlg.path_edit.setText(str(out))
    handle = dlg.export()
    with qtbot.waitSignal(handle.finished, timeout=60000) as blocker:
        pass
    assert blocker.args == ["done"], dlg.message.text()
    from retrofit_desktop.report import read_embedded_payload

    embedded = read_embedded_payload(out)
    assert embedded["options"]["price_cny_per_kwh"] == pytest.approx(0.65)
    summary = embedded["summary"]
    # CNY saved = kWh saved x the typed price (the default options would leave it missing)
    assert summary["kwh"] > 0
    assert summary["cny"] == pytest.approx(summary["kwh"] * 0.65, rel=1e-6)
    dlg.reject()


def test_invalid_tab_options_are_reported_not_replaced_by_defaults(qtbot, tmp_path, ws_eid):
    ws, eid = ws_eid

    def bad():
        raise ValueError("electricity price '0.6x' is not a number.")

    dlg = ReportExportDialog(ws, eid, lambda: None, options_provider=bad)
    qtbot.addWidget(dlg)
    assert "0.6x" in dlg.options_label.text()
    out = tmp_path / "bad.pdf"
    dlg.path_edit.setText(str(out))
    assert dlg.export() is None
    assert "0.6x" in dlg.message.text()
    assert not out.exists() and dlg.export_button.isEnabled()


def test_after_a_run_the_dialog_shows_the_options_of_that_run(qtbot, ws_eid):
    ws, eid = ws_eid
    assessment = services.assessment_enterprise(
        ws, eid, services.AssessOptions(region="hunan", factor_year=None, price_cny_per_kwh=0.7), save=False
    )
    tab = services.AssessOptions(price_cny_per_kwh=0.5)  # changed on the tab since the run
    dlg = ReportExportDialog(ws, eid, lambda: assessment, options_provider=lambda: tab)
    qtbot.addWidget(dlg)
    options, assessed = dlg.assess_options()
    assert assessed and options.price_cny_per_kwh == pytest.approx(0.7) and options.region == "hunan"
    hunan = next((zh, en) for rid, zh, en in services.regions() if rid == "hunan")
    assert "0.7" in dlg.options_label.text() and any(name in dlg.options_label.text() for name in hunan)


def test_report_before_the_assessment_tab_is_opened_uses_its_defaults(qtbot, tmp_path):
    ws = services.open_workspace(tmp_path / "ws.sqlite3")
    eid = services.create_enterprise(ws, "乙厂", region="湖南")
    w = MainWindow(ws, str(tmp_path / "ws.sqlite3"), enterprise_id=eid)
    qtbot.addWidget(w)
    w.show()
    assert w.assessment_view is None
    w.act_report.trigger()
    dlg = w._report_dialog
    qtbot.addWidget(dlg)
    options, assessed = dlg.assess_options()
    # the tab defaults to the enterprise's region, so the report does too (not the national grid)
    assert not assessed and services.find_region(options.region) == "hunan"
    assert w.assessment_view is not None and w.tabs.currentWidget().objectName() != "tab_assessment_view"
    dlg.reject()


def test_without_an_options_provider_the_dialog_says_it_uses_defaults(qtbot, ws_eid):
    ws, eid = ws_eid
    dlg = ReportExportDialog(ws, eid, lambda: None)
    qtbot.addWidget(dlg)
    options, assessed = dlg.assess_options()
    assert options == services.AssessOptions() and not assessed
    assert dlg.options_label.text().count("\n") == 1 and dlg.options_label.text() != ""


def _export(qtbot, dlg, out):
    dlg.path_edit.setText(str(out))
    handle = dlg.export()
    with qtbot.waitSignal(handle.finished, timeout=120000) as blocker:
        pass
    assert blocker.args == ["done"], dlg.message.text()


@pytest.mark.parametrize("named", [True, False])
def test_the_report_leaves_the_tabs_assessment_as_it_was(qtbot, tmp_path, named):
    """The dialog writes from the Assessment tab's result and changes nothing in it; an assessment
    that does not name its enterprise gets the name on the report's copy only."""
    import copy
    import dataclasses

    from retrofit_desktop.report import read_embedded_payload

    ws = services.open_workspace(tmp_path / "ws.sqlite3")
    eid = services.ensure_sample_enterprise(ws)
    w = MainWindow(ws, str(tmp_path / "ws.sqlite3"), enterprise_id=eid)
    qtbot.addWidget(w)
    w.show()
    w.act_assess.trigger()
    view = w.assessment_view
    view.factors.price_edit.setText("0.65")
    handle = view.run()
    with qtbot.waitSignal(handle.finished, timeout=120000):
        pass
    if not named:
        view.assessment = dataclasses.replace(
            view.assessment, header={**view.assessment.header, "enterprise": None}
        )
    held = view.assessment
    header, items = copy.deepcopy(held.header), held.items.copy(deep=True)
    payload = copy.deepcopy(held.to_payload())
    w.act_report.trigger()
    dlg = w._report_dialog
    qtbot.addWidget(dlg)
    out = tmp_path / "r.pdf"
    _export(qtbot, dlg, out)
    assert view.assessment is held
    assert held.header == header and held.items.equals(items)
    assert held.to_payload() == payload
    embedded = read_embedded_payload(out)
    assert embedded["enterprise"]["name"] == services.enterprise_json(ws, eid)["name"]
    assert len(embedded["items"]) == len(held) == 38
    dlg.reject()


def test_the_written_report_lists_every_assessed_item(qtbot, tmp_path):
    """End to end: the dialog assesses (nothing run yet), writes the PDF; the file opens, embeds the
    38 items and its equipment appendix names every asset tag of the enterprise."""
    from pypdf import PdfReader

    from retrofit_desktop.report import read_embedded_payload

    ws = services.open_workspace(tmp_path / "ws.sqlite3")
    eid = services.ensure_sample_enterprise(ws)
    tags = set(services.load_items(ws, eid)["asset_tag"])
    dlg = ReportExportDialog(ws, eid, lambda: None)
    qtbot.addWidget(dlg)
    assert dlg.section_boxes["include_inputs"].isChecked()
    out = tmp_path / "all.pdf"
    _export(qtbot, dlg, out)
    embedded = read_embedded_payload(out)
    assert len(embedded["items"]) == len(tags) == 38
    assert {i["asset_tag"] for i in embedded["items"]} == tags
    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(out)).pages)
    assert all(tag in text for tag in tags), sorted(t for t in tags if t not in text)
    dlg.reject()
