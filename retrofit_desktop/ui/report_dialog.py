"""Export the PDF report: options, output path, a background run with Cancel, then offer to open it.

The PDF is written to a temporary file next to the target and renamed only when complete and not
cancelled, so Cancel or an error never leaves a partial report behind.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from retrofit_desktop import palette, services
from retrofit_desktop.i18n import N_, _, current_language
from retrofit_desktop.ui import settings
from retrofit_desktop.ui.tasks import TaskHandle, run_in_background

if TYPE_CHECKING:
    from retrofit_desktop.services import Assessment, AssessOptions, Workspace

#: the Assessment tab's last assessment (None: not run; the dialog then assesses when exporting)
AssessmentProvider = Callable[[], "Assessment | None"]
#: the Assessment tab's current services.AssessOptions (None: tab not opened); ValueError when a field is bad
OptionsProvider = Callable[[], "AssessOptions | None"]

_SECTION_LABELS = {  # ReportOptions.include_* field -> label
    "include_inputs": N_("Equipment ledger (inputs) appendix"),
    "include_rejected": N_("Rejected rows appendix"),
}


def _section_defaults() -> dict[str, bool]:
    """``ReportOptions.include_*`` field -> its default (whether the section is in by default)."""
    return {
        f.name: bool(f.default)
        for f in dataclasses.fields(services.report_options_class())
        if f.name.startswith("include_")
    }


def _region_name(region: str) -> str:
    """The region's name in the UI language; the text as given when it is not a known region."""
    for rid, zh, en in services.regions():
        if region in (rid, zh, en):
            return zh if current_language() == "zh" else en
    return region


def safe_file_name(name: str) -> str:
    """A file name from an enterprise name: characters Windows and Linux refuse are replaced."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(" .")
    return cleaned or "report"


def temp_path_for(out: Path) -> Path:
    return out.with_name(f".{out.name}.part")


def _with_enterprise(a: Assessment, ws: Workspace | None, eid: int | None) -> Assessment:
    """`a`, or (when it does not name its enterprise) a copy that does: the report's cover needs it.
    The assessment the caller holds is never changed."""
    if ws is None or eid is None or a.header.get("enterprise"):
        return a
    return dataclasses.replace(a, header={**a.header, "enterprise": services.enterprise_json(ws, eid)})


class ReportExportDialog(QDialog):
    """Options → ``services.write_report`` off the GUI thread → "Open PDF"."""

    written = Signal(object)  # Path of the finished PDF

    def __init__(
        self,
        workspace: Workspace | None,
        enterprise_id: int | None,
        assessment_provider: AssessmentProvider | None,
        parent: QWidget | None = None,
        options_provider: OptionsProvider | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(_("Export PDF report"))
        self.workspace = workspace
        self.enterprise_id = enterprise_id
        self.assessment_provider = assessment_provider
        self.options_provider = options_provider
        self._defaults = False
        self.task: TaskHandle | None = None
        self.output: Path | None = None

        form = self._build_form()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(self._build_done_row())
        layout.addWidget(self._build_buttons())
        self.refresh_options()
        self.resize(620, self.sizeHint().height())

    # --- building ------------------------------------------------------------------------------
    def _build_form(self) -> QFormLayout:
        """The assessment's options (read only), language, company, logo, sections, signature, path."""
        self.options_label = QLabel()
        self.options_label.setWordWrap(True)
        self.options_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lang_combo = QComboBox()
        self.lang_combo.addItem(_("Chinese"), "zh")
        self.lang_combo.addItem(_("English"), "en")
        self.lang_combo.setCurrentIndex(0 if current_language() == "zh" else 1)
        self.company_edit = QLineEdit()
        self.company_edit.setPlaceholderText(
            _("Prepared by (consultancy or department); empty = blank line to sign")
        )
        form = QFormLayout()
        form.addRow(_("Assessment"), self.options_label)
        form.addRow(_("Language"), self.lang_combo)
        form.addRow(_("Company name"), self.company_edit)
        form.addRow(_("Logo file"), self._build_logo_row())
        form.addRow(_("Sections"), self._build_section_boxes())
        self.sign_box = QCheckBox(_("Sign with my key"))
        self.sign_box.setObjectName("signBox")
        self._set_up_signing()
        form.addRow(_("Signature"), self.sign_box)
        form.addRow(_("Save as"), self._build_path_row())
        return form

    def _build_section_boxes(self) -> QVBoxLayout:
        """One checkbox per ``ReportOptions.include_*`` field, checked as its default."""
        self.section_boxes: dict[str, QCheckBox] = {}
        sections = QVBoxLayout()
        for name, default in _section_defaults().items():
            box = QCheckBox(_(_SECTION_LABELS.get(name, name.removeprefix("include_").replace("_", " "))))
            box.setChecked(default)
            self.section_boxes[name] = box
            sections.addWidget(box)
        return sections

    def _build_logo_row(self) -> QHBoxLayout:
        self.logo_edit = QLineEdit()
        logo_button = QPushButton(_("Choose…"))
        logo_button.clicked.connect(self._choose_logo)
        row = QHBoxLayout()
        row.addWidget(self.logo_edit, 1)
        row.addWidget(logo_button)
        return row

    def _build_path_row(self) -> QHBoxLayout:
        self.path_edit = QLineEdit(str(self._default_path()))
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self._choose_path)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        return row

    def _build_done_row(self) -> QHBoxLayout:
        """ "Open PDF" and "Open folder", shown once a report is written."""
        self.open_button = QPushButton(_("Open PDF"))
        self.open_button.clicked.connect(self.open_pdf)
        self.open_button.hide()
        self.folder_button = QPushButton(_("Open folder"))
        self.folder_button.clicked.connect(self.open_folder)
        self.folder_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        return row

    def _build_buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(_("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        return self.buttons

    # --- inputs ------------------------------------------------------------------------------
    def _set_up_signing(self) -> None:
        """The checkbox is usable only with a signing key set in the preferences (Tools › Signing keys…)."""
        key = settings.signing_key()
        self.sign_box.setEnabled(bool(key))
        self.sign_box.setToolTip(
            _("Signs with {path}").format(path=key)
            if key
            else _("No signing key set: choose or make one in Tools › Signing keys…")
        )

    def sign_key(self) -> str | None:
        """The key file to sign with (None: unsigned); SigningError when the key cannot be used."""
        if not (self.sign_box.isEnabled() and self.sign_box.isChecked()):
            return None
        key = settings.signing_key()
        services.signing_key_info(key)  # found here, on the GUI thread, before any work
        return key

    def _enterprise_name(self) -> str:
        if self.workspace is None or self.enterprise_id is None:
            return _("report")
        try:
            return str(services.enterprise_json(self.workspace, self.enterprise_id)["name"])
        except Exception:  # a name is only used for the default file name
            return _("report")

    def _default_path(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(
            Path.home()
        )
        return Path(folder) / f"{safe_file_name(self._enterprise_name())}_{_('retrofit report')}.pdf"

    def _choose_path(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save report as"), self.path_edit.text(), _("PDF files (*.pdf)")
        )
        if path:
            self.path_edit.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def _choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a logo"), "", _("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            self.logo_edit.setText(path)

    def report_options(self) -> Any:
        kwargs: dict[str, Any] = {name: box.isChecked() for name, box in self.section_boxes.items()}
        company = self.company_edit.text().strip()
        kwargs["prepared_by"] = company or None
        if self.logo_edit.text().strip():
            kwargs["logo_path"] = self.logo_edit.text().strip()
        return services.report_options_class()(**kwargs)

    def _validate(self) -> Path:
        text = self.path_edit.text().strip()
        if not text:
            raise ValueError(_("Choose where to save the report."))
        out = Path(text).expanduser()
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        if not out.parent.is_dir():
            raise ValueError(_("The folder {folder} does not exist.").format(folder=out.parent))
        logo = self.logo_edit.text().strip()
        if logo and not Path(logo).is_file():
            raise ValueError(_("The logo file {path} does not exist.").format(path=logo))
        return out

    def assessment(self) -> Assessment | None:
        """The assessment the report is written from (None: assess when exporting)."""
        return self.assessment_provider() if self.assessment_provider is not None else None

    def assess_options(self) -> tuple[AssessOptions, bool]:
        """(services.AssessOptions the report will use, whether an assessment already ran with them).
        Without an assessment the Assessment tab's current options are used; ValueError when they are bad."""
        assessment = self.assessment()
        if assessment is not None:
            return services.AssessOptions.from_json(assessment.header.get("options")), True
        options = self.options_provider() if self.options_provider is not None else None
        self._defaults = options is None
        return (options if options is not None else services.AssessOptions()), False

    def refresh_options(self) -> bool:
        """Show which options the report will use; False (with the reason shown) when they are invalid."""
        try:
            options, assessed = self.assess_options()
        except ValueError as exc:
            self.options_label.setStyleSheet(f"color: {palette.ERROR};")
            self.options_label.setText(
                _(
                    "The options on the Assessment tab are invalid: {error} Correct them before exporting."
                ).format(error=exc)
            )
            return False
        price = options.price_cny_per_kwh
        text = _("Region: {region}; factor year: {year}; electricity price: {price}").format(
            region=_region_name(options.region) if options.region else _("national grid"),
            year=options.factor_year if options.factor_year is not None else _("latest available"),
            price=_("{value} CNY/kWh").format(value=f"{price:g}")
            if price is not None
            else _("not given (no cost figures)"),
        )
        if assessed:
            source = _("from the last assessment run")
        elif self._defaults:
            source = _("default options; the items are assessed with them when exporting")
        else:
            source = _("from the Assessment tab; the items are assessed with them when exporting")
        self.options_label.setStyleSheet("")
        self.options_label.setText(f"{text}\n({source})")
        return True

    # --- running -----------------------------------------------------------------------------
    def export(self) -> TaskHandle | None:
        try:
            out = self._validate()
            options = self.report_options()
            sign_key = self.sign_key()
        except (ValueError, TypeError, services.SigningError) as exc:
            self._say(str(exc), error=True)
            return None
        if not self.refresh_options():
            self._say(self.options_label.text(), error=True)
            return None
        assessment = self.assessment()
        assess_options, _assessed = self.assess_options()
        ws, eid, lang = self.workspace, self.enterprise_id, self.lang_combo.currentData()
        assess_options = dataclasses.replace(assess_options, lang=lang)
        tmp = temp_path_for(out)

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Path:
            a = assessment
            if a is None:  # nothing assessed yet: assess with the Assessment tab's options first
                if ws is None or eid is None:
                    raise ValueError(_("Create or choose an enterprise first."))
                a = services.assessment_enterprise(
                    ws, eid, assess_options, progress=progress, cancelled=cancelled, save=False
                )
            a = _with_enterprise(a, ws, eid)
            try:
                services.write_report(
                    a,
                    tmp,
                    lang=lang,
                    options=options,
                    progress=progress,
                    cancelled=cancelled,
                    sign_key=sign_key,
                )
                if cancelled():
                    raise services.Cancelled()
                os.replace(tmp, out)
            finally:
                tmp.unlink(missing_ok=True)
            return out

        self.task = run_in_background(
            self, work, _("Writing PDF report"), self._on_done, self._on_error, kind="report"
        )
        self.export_button.setEnabled(False)
        self.open_button.hide()
        self.folder_button.hide()
        self._say(_("Writing the report…"))
        handle = self.task
        handle.finished.connect(lambda status: self._on_finished(status) if handle is self.task else None)
        handle.worker_finished.connect(lambda outcome: self._on_worker_finished(handle, outcome))
        return self.task

    def _on_done(self, out: Path) -> None:
        self.output = Path(out)
        self._say(_("Report written: {path}").format(path=self.output))
        self.open_button.show()
        self.folder_button.show()
        self.written.emit(self.output)

    def _on_error(self, exc: BaseException) -> None:
        self._say(_("The report could not be written: {error}").format(error=exc), error=True)

    def _on_finished(self, status: str) -> None:
        self.export_button.setEnabled(True)
        if status == "cancelled":  # the worker stops at its next check; what it left is said then
            self._say(_("Cancelling…"))

    def _on_worker_finished(self, handle: TaskHandle, outcome: str) -> None:
        if handle is not self.task or handle.status != "cancelled" or not shiboken6.isValid(self):
            return
        if outcome == "done":  # Cancel came after the file was in place
            self._on_done(handle.worker_result)
            self._say(
                _("The report had already been written when Cancel was pressed: {path}").format(
                    path=handle.worker_result
                )
            )
        else:
            self._say(_("Cancelled; no file was written."))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {palette.ERROR};" if error else "")
        self.message.setText(text)

    def open_pdf(self) -> bool:
        return self.output is not None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.output)))

    def open_folder(self) -> bool:
        return self.output is not None and QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.output.parent))
        )

    def reject(self) -> None:
        if self.task is not None and self.task.is_running():
            self.task.cancel()
        super().reject()
