"""ui.report_dialog: writes a PDF of an assessment off the GUI thread; Cancel leaves no file, partial or
complete."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtGui import QDesktopServices

from retrofit_desktop import services
from retrofit_desktop.ui.report_dialog import ReportExportDialog, safe_file_name, temp_path_for


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    ws = services.open_workspace(f"sqlite:///{tmp_path_factory.mktemp('ws') / 'ws.sqlite'}")
    eid = services.ensure_sample_enterprise(ws)
    assessment = services.assessment_enterprise(
        ws, eid, services.AssessOptions(region="hunan", price_cny_per_kwh=0.65), save=False
    )
    return ws, eid, assessment


def test_writes_a_pdf_and_offers_to_open_it(qtbot, tmp_path, sample, monkeypatch):
    ws, eid, assessment = sample
    dlg = ReportExportDialog(ws, eid, lambda: assessment)
    qtbot.addWidget(dlg)
    name = services.enterprise_json(ws, eid)["name"]
    default = dlg.path_edit.text()
    assert safe_file_name(name) in default and default.endswith(
        ".pdf"
    )  # default file named after the enterprise
    out = tmp_path / "报告.pdf"
    dlg.path_edit.setText(str(out))
    dlg.company_edit.setText("长沙某节能咨询有限公司")
    dlg.lang_combo.setCurrentIndex(dlg.lang_combo.findData("en"))
    assert dlg.open_button.isHidden()
    handle = dlg.export()
    with qtbot.waitSignal(handle.finished, timeout=60000) as blocker:
        pass
    assert blocker.args == ["done"], dlg.message.text()
    assert out.read_bytes()[:5] == b"%PDF-"
    assert not temp_path_for(out).exists()
    assert str(out) in dlg.message.text()
    assert not dlg.open_button.isHidden()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    assert dlg.open_pdf()
    assert opened == [str(out)]
    # the PDF carries the assessment that was asked for, and the options chosen
    from retrofit_desktop.report import read_embedded_payload

    embedded = read_embedded_payload(out)
    assert embedded["summary"]["kwh"] == pytest.approx(assessment.summary.kwh)
    assert len(embedded["items"]) == len(assessment) == 38
    assert dlg.report_options().prepared_by == "长沙某节能咨询有限公司"


def test_cancel_during_writing_leaves_no_file(qtbot, tmp_path, sample, monkeypatch):
    ws, eid, assessment = sample
    entered, release = threading.Event(), threading.Event()
    real = services.write_report

    def slow_write(*args, **kwargs):  # the real renderer, held open until the test has cancelled
        path = real(*args, **kwargs)
        entered.set()
        release.wait(30)
        return path

    monkeypatch.setattr(services, "write_report", slow_write)
    dlg = ReportExportDialog(ws, eid, lambda: assessment)
    qtbot.addWidget(dlg)
    out = tmp_path / "cancelled.pdf"
    dlg.path_edit.setText(str(out))
    handle = dlg.export()
    qtbot.waitUntil(entered.is_set, timeout=60000)
    assert temp_path_for(out).exists()  # the partial file exists while writing
    handle.cancel()
    release.set()
    qtbot.waitUntil(handle.worker_returned, timeout=30000)
    assert handle.status == "cancelled"
    assert not out.exists()
    assert not temp_path_for(out).exists()
    assert list(tmp_path.iterdir()) == []
    assert dlg.export_button.isEnabled()
    assert dlg.open_button.isHidden()


def test_bad_folder_is_reported_and_nothing_runs(qtbot, tmp_path, sample):
    ws, eid, assessment = sample
    dlg = ReportExportDialog(ws, eid, lambda: assessment)
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(tmp_path / "no" / "such" / "dir" / "r.pdf"))
    assert dlg.export() is None
    assert "no" in dlg.message.text() and dlg.export_button.isEnabled()


def test_without_an_assessment_the_dialog_assesses_first(qtbot, tmp_path, sample):
    ws, eid, _assessment = sample
    dlg = ReportExportDialog(ws, eid, lambda: None)
    qtbot.addWidget(dlg)
    out = tmp_path / "fresh"  # no suffix: .pdf is added
    dlg.path_edit.setText(str(out))
    handle = dlg.export()
    with qtbot.waitSignal(handle.finished, timeout=60000) as blocker:
        pass
    assert blocker.args == ["done"], dlg.message.text()
    assert (tmp_path / "fresh.pdf").read_bytes()[:5] == b"%PDF-"


def test_safe_file_name():
    assert safe_file_name('a/b:c*?"<>|d') == "a_b_c_d"
    assert safe_file_name("湘江机械有限公司") == "湘江机械有限公司"
    assert safe_file_name(" .. ") == "report"


def test_logo_goes_on_the_cover_and_a_bad_logo_is_reported(qtbot, tmp_path, sample):
    from pypdf import PdfReader
    from PySide6.QtGui import QColor, QImage

    ws, eid, assessment = sample
    dlg = ReportExportDialog(ws, eid, lambda: assessment)
    qtbot.addWidget(dlg)
    assert not dlg.logo_edit.isHidden()
    logo = tmp_path / "logo.png"
    img = QImage(120, 40, QImage.Format.Format_RGB32)
    img.fill(QColor("#1b7837"))
    assert img.save(str(logo))
    out = tmp_path / "with_logo.pdf"
    dlg.path_edit.setText(str(out))
    dlg.logo_edit.setText(str(logo))
    handle = dlg.export()
    with qtbot.waitSignal(handle.finished, timeout=60000) as blocker:
        pass
    assert blocker.args == ["done"], dlg.message.text()
    assert len(PdfReader(str(out)).pages[0].images) >= 1  # the logo is on the cover (none without one)

    fake = tmp_path / "fake.png"
    fake.write_text("not an image", encoding="utf-8")
    out2 = tmp_path / "bad_logo.pdf"
    dlg.path_edit.setText(str(out2))
    dlg.logo_edit.setText(str(fake))
    handle = dlg.export()
    with qtbot.waitSignal(handle.finished, timeout=60000) as blocker:
        pass
    assert blocker.args == ["error"]
    assert "fake.png" in dlg.message.text()
    assert not out2.exists() and not temp_path_for(out2).exists()
