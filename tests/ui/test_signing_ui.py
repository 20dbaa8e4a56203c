"""GUI for signed reports: signing-key preferences, "sign with my key" on export, and Verify report…"""

from __future__ import annotations

import os

import pytest
from ui_helpers import finished

from retrofit_desktop import i18n, services
from retrofit_desktop.ui import settings
from retrofit_desktop.ui.report_dialog import ReportExportDialog
from retrofit_desktop.ui.signing_prefs import SigningPreferencesDialog
from retrofit_desktop.ui.verify_dialog import VerifyReportDialog, checked_lines

CSV = (
    "asset_tag,name,product,rated_power_kw,poles,efficiency_pct,annual_hours,load_factor\n"
    "M1,空压机电机,motor,55,4,93.0,6000,0.75\n"
    "M2,水泵电机,motor,30,4,95.0,4000,0.7\n"
)


@pytest.fixture(autouse=True)
def _english():
    with i18n.use_language("en"):  # texts are matched in English
        yield


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A small enterprise, keys of alice (trusted) and mallory (not), a report signed by each, one
    unsigned."""
    d = tmp_path_factory.mktemp("signing_ui")
    (d / "ledger.csv").write_text(CSV, encoding="utf-8")
    ws = services.open_workspace(f"sqlite:///{d / 'ws.sqlite'}")
    eid, _report = services.import_file_as(ws, d / "ledger.csv", "湘江机械")
    assessment = services.assessment_enterprise(
        ws, eid, services.AssessOptions(price_cny_per_kwh=0.65), save=False
    )
    payload = assessment.to_payload()
    (d / "trusted").mkdir()
    services.generate_signing_key(d / "trusted" / "alice", "张三 / 某某节能咨询公司")
    os.replace(d / "trusted" / "alice", d / "alice")  # the private key lives elsewhere; the .pub is trusted
    os.replace(d / "trusted" / "alice.pub", d / "alice.pub")
    (d / "trusted" / "alice.pub").write_bytes((d / "alice.pub").read_bytes())
    services.generate_signing_key(d / "mallory", "Mallory")
    services.write_report(payload, d / "alice.pdf", sign_key=d / "alice")
    services.write_report(payload, d / "mallory.pdf", sign_key=d / "mallory")
    services.write_report(payload, d / "plain.pdf")
    return d, ws, eid, assessment


def test_preferences_make_a_key_show_it_and_store_both_paths(qtbot, private_settings, made, tmp_path):
    d = made[0]
    dlg = SigningPreferencesDialog()
    qtbot.addWidget(dlg)
    assert "No signing key set" in dlg.key_label.text()
    assert dlg.generate_key(str(tmp_path / "mine"), "我的单位")
    info = services.signing_key_info(tmp_path / "mine")
    assert dlg.key_edit.text() == str(tmp_path / "mine") and info.fingerprint in dlg.key_label.text()
    assert not dlg.generate_key(str(tmp_path / "mine"), "again")  # never overwritten; the reason is shown
    assert str(tmp_path / "mine") in dlg.key_label.text()
    dlg.folder_edit.setText(str(d / "trusted"))
    assert "张三" in dlg.folder_label.text()
    dlg.accept()
    assert (settings.signing_key(), settings.trusted_keys_folder()) == (
        str(tmp_path / "mine"),
        str(d / "trusted"),
    )


def test_sign_checkbox_is_disabled_without_a_key(qtbot, private_settings, made):
    _d, ws, eid, assessment = made
    dlg = ReportExportDialog(ws, eid, lambda: assessment)
    qtbot.addWidget(dlg)
    assert not dlg.sign_box.isEnabled() and dlg.sign_box.toolTip()
    assert dlg.sign_key() is None


def test_export_signed_with_my_key(qtbot, private_settings, made, tmp_path):
    d, ws, eid, assessment = made
    settings.set_signing_key(str(d / "alice"))
    dlg = ReportExportDialog(ws, eid, lambda: assessment)
    qtbot.addWidget(dlg)
    assert dlg.sign_box.isEnabled() and not dlg.sign_box.isChecked()
    dlg.sign_box.setChecked(True)
    out = tmp_path / "signed.pdf"
    dlg.path_edit.setText(str(out))
    assert finished(qtbot, dlg.export()) == "done", dlg.message.text()
    status = services.check_signature(out, [d / "alice.pub"])
    assert (status.valid, status.trusted) == (True, True)


def test_export_refuses_a_broken_key_before_any_work(qtbot, private_settings, made, tmp_path):
    d, ws, eid, assessment = made
    settings.set_signing_key(str(d / "alice.pub"))  # a public key chosen by mistake
    dlg = ReportExportDialog(ws, eid, lambda: assessment)
    qtbot.addWidget(dlg)
    dlg.sign_box.setChecked(True)
    dlg.path_edit.setText(str(tmp_path / "x.pdf"))
    assert dlg.export() is None
    assert "alice.pub" in dlg.message.text() and not (tmp_path / "x.pdf").exists()


def _verify(qtbot, pdf):
    dlg = VerifyReportDialog(pdf=pdf)
    qtbot.addWidget(dlg)
    assert finished(qtbot, dlg.verify()) == "done", dlg.verdict.text()
    return dlg


def test_verify_dialog_trusted_untrusted_and_unsigned(qtbot, private_settings, made):
    d = made[0]
    settings.set_trusted_keys_folder(str(d / "trusted"))
    dlg = _verify(qtbot, d / "alice.pdf")
    assert dlg.result.ok and dlg.result.signature.trusted
    assert "张三" in dlg.signature.text() and dlg.differences.toPlainText() == ""
    lines = checked_lines(dlg.result)  # report number, enterprise, totals (verify's own summary)
    assert "Enterprise: 湘江机械" in lines and "Items: 2" in lines
    assert any(line.startswith("Pages:") and "byte-identical" in line for line in lines)
    tce = dlg.result.payload["summary"]["tce"]
    assert f"Standard coal saved, calorific basis (tce/yr): {tce['calorific']:,.2f}" in lines
    assert f"Standard coal saved, equivalent basis (tce/yr): {tce['equivalent']:,.2f}" in lines
    dlg = _verify(qtbot, d / "mallory.pdf")
    assert not dlg.result.ok and dlg.result.signature.valid and dlg.result.signature.trusted is False
    assert "Mallory" in dlg.signature.text() and dlg.differences.toPlainText()
    dlg = _verify(qtbot, d / "plain.pdf")
    assert not dlg.result.ok and not dlg.result.signature.present


def test_verify_dialog_without_trusted_folder_only_reports_the_claim(qtbot, private_settings, made):
    d = made[0]
    dlg = _verify(qtbot, d / "mallory.pdf")
    assert dlg.result.ok and dlg.result.signature.trusted is None and "Mallory" in dlg.signature.text()


def test_tools_menu_has_verify_and_signing_keys(window):
    names = {a.objectName() for m in window.menuBar().actions() if m.menu() for a in m.menu().actions()}
    assert {"actVerifyReport", "actSigningKeys"} <= names
