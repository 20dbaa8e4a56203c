"""Verify a PDF report (services.verify_report off the GUI thread) and show what was found.

The verdict (same / different), what was checked (the report's number, enterprise, date, items and
headline totals when the result carries them, else the number of items re-computed), every
difference, and the signature's status against the trusted keys folder of the preferences.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from retrofit_desktop import palette
from retrofit_desktop.i18n import N_, _
from retrofit_desktop.ui import settings
from retrofit_desktop.ui.tasks import TaskHandle, run_in_background
from retrofit_desktop.ui.widgets import named

OK_STYLE = f"color: {palette.SUCCESS}; font-weight: bold;"
BAD_STYLE = f"color: {palette.ERROR}; font-weight: bold;"
NOTE_STYLE = f"color: {palette.WARNING};"

CHECKED_LABELS = {  # VerifyResult.checked keys -> label
    "report_id": N_("Report ID"), "enterprise": N_("Enterprise"), "date": N_("Report date"),
    "items": N_("Items"), "kwh": N_("Electricity saved (kWh/yr)"),
    "tce.calorific": N_("Standard coal saved, calorific basis (tce/yr)"),
    "tce.equivalent": N_("Standard coal saved, equivalent basis (tce/yr)"),
    "tco2": N_("CO2 avoided (t/yr)"), "cny": N_("Cost saved (CNY/yr)"),
    "cny_priced": N_("Cost saved by the priced items (CNY/yr)"),
    "cny_unpriced_items": N_("Items without a price"), "investment": N_("Investment (CNY)"),
}  # fmt: skip


def checked_lines(result: Any) -> list[str]:
    """What verify checked, one 'label: value' line each (VerifyResult.checked, else the item count)."""
    checked = getattr(result, "checked", None)
    if dataclasses.is_dataclass(checked) and not isinstance(checked, type):
        checked = dataclasses.asdict(checked)
    if not isinstance(checked, Mapping):
        return [_("Items re-computed from the embedded inputs: {n}").format(n=result.items_checked)]
    lines = []
    flat: dict[str, Any] = {}
    for key, value in checked.items():
        if isinstance(value, Mapping):  # tce: {calorific, equivalent}
            flat.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            flat[key] = value
    for key, value in flat.items():
        if value is None or isinstance(value, Mapping | list):
            continue
        text = f"{value:,.2f}" if isinstance(value, float) else str(value)
        label = _(CHECKED_LABELS[key]) if key in CHECKED_LABELS else key
        lines.append(_("{label}: {value}").format(label=label, value=text))
    pages = getattr(result, "pages", None)
    if isinstance(pages, Mapping) and pages.get("file") is not None:
        lines.append(
            _("Pages: {file} in the file, {rerendered} re-rendered from the embedded data{identical}").format(
                file=pages.get("file"),
                rerendered=pages.get("rerendered"),
                identical=_("; the file is byte-identical to the re-render")
                if pages.get("identical")
                else "",
            )
        )
    return lines


def trusted_paths() -> list[str] | None:
    """The trusted keys folder of the preferences as verify's `trusted` argument (None: not set)."""
    folder = settings.trusted_keys_folder()
    return [folder] if folder else None


class VerifyReportDialog(QDialog):
    """Choose a PDF, verify it in the background, show verdict, checks, differences and signature."""

    def __init__(self, parent: QWidget | None = None, pdf: str | Path | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Verify report"))
        self.task: TaskHandle | None = None
        self.result: Any = None
        self.path_edit = QLineEdit(str(pdf) if pdf else "")
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        folder = settings.trusted_keys_folder()
        self.trust_label = QLabel(
            folder
            or _(
                "not set (Tools › Signing keys…): the signature is shown but not checked against trusted keys"
            )
        )
        self.trust_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Report (PDF)"), row)
        form.addRow(_("Trusted keys folder"), self.trust_label)

        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.checked = QLabel()
        self.checked.setWordWrap(True)
        self.checked.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.signature = QLabel()
        self.signature.setWordWrap(True)
        self.signature.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.differences = QPlainTextEdit()
        self.differences.setReadOnly(True)
        self.differences.setPlaceholderText(_("Differences found are listed here."))

        self.buttons = QDialogButtonBox()
        self.verify_button = self.buttons.addButton(_("Verify"), QDialogButtonBox.ButtonRole.ActionRole)
        self.verify_button.clicked.connect(self.verify)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.verdict)
        layout.addWidget(self.checked)
        layout.addWidget(self.signature)
        layout.addWidget(self.differences, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 520)

    def _choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a report"), self.path_edit.text(), _("PDF files (*.pdf)")
        )
        if path:
            self.path_edit.setText(path)

    def verify(self) -> TaskHandle | None:
        text = self.path_edit.text().strip()
        if not text:
            self._verdict(_("Choose the PDF report to verify."), BAD_STYLE)
            return None
        pdf, trusted = Path(text).expanduser(), trusted_paths()
        self.result = None
        self.checked.clear()
        self.signature.clear()
        self.differences.clear()
        self._verdict(_("Verifying…"), "")
        self.verify_button.setEnabled(False)
        from retrofit_desktop import (
            services,  # not at the top: imported by the main window before its first paint
        )

        self.task = run_in_background(
            self,
            lambda _progress, _cancelled: services.verify_report(pdf, trusted=trusted),
            _("Verifying report"),
            self.show_result,
            self._on_error,
            kind="verify",
        )
        handle = self.task
        handle.finished.connect(
            lambda _status: self.verify_button.setEnabled(True) if handle is self.task else None
        )
        return handle

    def show_result(self, result: Any) -> None:
        self.result = result
        if result.ok:
            self._verdict(_("Same: the pages, the embedded inputs and a re-computation agree."), OK_STYLE)
        else:
            self._verdict(
                _("Different: {n} difference(s) found.").format(n=len(result.differences)), BAD_STYLE
            )
        self.checked.setText(_("Checked:") + "\n" + "\n".join("  " + line for line in checked_lines(result)))
        status = getattr(result, "signature", None)
        if status is not None:
            from retrofit_desktop import services

            self.signature.setText(services.signature_summary(status))
            good = status.valid and status.trusted
            self.signature.setStyleSheet(OK_STYLE if good else BAD_STYLE if status.failed else NOTE_STYLE)
        self.differences.setPlainText("\n".join(result.differences))

    def _on_error(self, exc: BaseException) -> None:
        self._verdict(_("The report could not be verified: {error}").format(error=exc), BAD_STYLE)

    def _verdict(self, text: str, style: str) -> None:
        self.verdict.setStyleSheet(style)
        self.verdict.setText(text)

    def reject(self) -> None:
        if self.task is not None and self.task.is_running():
            self.task.cancel()
        super().reject()


def add_actions(window: QWidget, menu: QMenu) -> list[QAction]:
    """'Verify report…' and 'Signing keys…' in `menu` (the main window's Tools menu)."""
    from retrofit_desktop.ui.errors import show_error
    from retrofit_desktop.ui.signing_prefs import SigningPreferencesDialog

    def opener(make: Callable[[], QDialog]) -> Callable[[bool], None]:
        def run(_checked: bool = False) -> None:
            try:
                make().exec()
            except Exception as exc:  # shown, never a traceback only
                show_error(window, exc)

        return run

    verify = named(QAction(_("Verify report…"), window), "actVerifyReport")
    verify.triggered.connect(opener(lambda: VerifyReportDialog(window)))
    keys = named(QAction(_("Signing keys…"), window), "actSigningKeys")
    keys.triggered.connect(opener(lambda: SigningPreferencesDialog(window)))
    menu.addSeparator()
    menu.addActions([verify, keys])
    return [verify, keys]
