"""Import wizard: file → preview → column mapping → validation report → import (one transaction).

Reading and validating run off the GUI thread (``ui.tasks``); the mapping can be saved under a name
in QSettings and reused for the next ledger of the same layout. Every rejected cell is listed with
sheet, row, column, value and reason, and the counts are shown as read = imported + rejected.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from retrofit_desktop import palette, services
from retrofit_desktop.i18n import _, current_language
from retrofit_desktop.ui.frame_model import FrameModel
from retrofit_desktop.ui.import_tables import REJECTION_COLUMNS, column_letters, rejections_frame
from retrofit_desktop.ui.import_tables import table as _table
from retrofit_desktop.ui.settings import settings as _settings
from retrofit_desktop.ui.tasks import TaskHandle, run_in_background
from retrofit_desktop.ui.value_mapping import ValueMappingBox
from retrofit_desktop.ui.widgets import clear_grid

if TYPE_CHECKING:  # types only: the GUI reaches io through services (tests/test_layering.py)
    from retrofit_desktop.io import ColumnMapping, ImportResult
    from retrofit_desktop.io.readers import RawSheet

PREVIEW_ROWS = 30
MAPPINGS_GROUP = "import_mappings"


def saved_mapping_names() -> list[str]:
    s = _settings()
    s.beginGroup(MAPPINGS_GROUP)
    names = sorted(s.childKeys())
    s.endGroup()
    return names


def save_mapping(name: str, mapping: Any) -> None:
    s = _settings()
    s.setValue(f"{MAPPINGS_GROUP}/{name}", json.dumps(mapping.to_json(), ensure_ascii=False))
    s.sync()


def load_mapping(name: str) -> Any:
    raw = _settings().value(f"{MAPPINGS_GROUP}/{name}")
    if not raw:
        raise KeyError(name)
    return services.mapping_from_json(str(raw))


class _FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Choose the equipment ledger"))
        self.setSubTitle(_("An Excel (.xlsx, .xls) or CSV file, one item per row."))
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {palette.ERROR};")
        self.error.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.error)
        lay.addStretch(1)

    def _browse(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self, _("Choose the equipment ledger"), self.path_edit.text(), _("Ledgers (*.xlsx *.xls *.csv)")
        )
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path_edit.text().strip()).expanduser()
        if not path.is_file():
            self.error.setText(_("{path}: no such file").format(path=path))
            return False
        self.error.clear()
        self.wiz.set_path(path)
        return True


class _PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Preview"))
        self.setSubTitle(_("The first rows of each sheet as they are in the file."))
        self.sheet_combo = QComboBox()
        self.sheet_combo.currentIndexChanged.connect(self._show_sheet)
        self.model = FrameModel()
        self.view = _table(self.model)
        self.status = QLabel()
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Sheet")))
        top.addWidget(self.sheet_combo, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.status)

    def initializePage(self) -> None:
        self.sheet_combo.clear()
        self.model.set_frame(pd.DataFrame())
        self.status.setStyleSheet("")
        self.status.setText(_("Reading the file…"))
        self.wiz.load(self._loaded, self._failed)

    def _loaded(self) -> None:
        r = self.wiz.auto_result
        if r is None:
            return
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for i, sheet in enumerate(self.wiz.sheets):
            self.sheet_combo.addItem(sheet.name or _("(CSV file)"), i)
        self.sheet_combo.blockSignals(False)
        self._show_sheet(0)
        skipped = ", ".join(r.skipped_sheets) if getattr(r, "skipped_sheets", None) else ""
        text = _("{read} data rows found.").format(read=r.read)
        if skipped:
            text += " " + _("Sheets without recognisable columns are skipped: {sheets}").format(
                sheets=skipped
            )
        self.status.setText(text)
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.status.setStyleSheet(f"color: {palette.ERROR};")
        self.status.setText(_("The file could not be read: {error}").format(error=exc))
        self.completeChanged.emit()

    def _show_sheet(self, index: int) -> None:
        if not (0 <= index < len(self.wiz.sheets)):
            return
        grid = self.wiz.sheets[index].grid.head(PREVIEW_ROWS).copy()
        grid.columns = column_letters(grid.shape[1])
        self.model.set_frame(grid)
        self.view.resizeColumnsToContents()

    def isComplete(self) -> bool:
        return self.wiz.auto_result is not None


class _MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Column mapping"))
        self.setSubTitle(
            _(
                "Which field each column holds. Recognised columns are mapped already; "
                "unmapped columns are kept in the notes."
            )
        )
        self.combos: dict[str, QComboBox] = {}
        self.units: dict[str, str | None] = {}
        self.sheet_notes: dict[str, QLabel] = {}  # header -> the sheets that import it as another field
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        self.saved_combo = QComboBox()
        load_button = QPushButton(_("Load"))
        load_button.clicked.connect(lambda: self.apply_saved(self.saved_combo.currentText()))
        save_button = QPushButton(_("Save mapping…"))
        save_button.clicked.connect(self._save_clicked)
        self.message = QLabel()
        self.message.setWordWrap(True)
        saved = QHBoxLayout()
        saved.addWidget(QLabel(_("Saved mappings")))
        saved.addWidget(self.saved_combo, 1)
        saved.addWidget(load_button)
        saved.addWidget(save_button)
        # The choices above are keyed by header text for the whole file, but the import resolves a column
        # per sheet (a field the sheet's product lacks is re-resolved): this shows what each sheet gets.
        self.sheet_combo = QComboBox()
        self.sheet_combo.currentIndexChanged.connect(self._show_sheet_fields)
        self.sheet_model = FrameModel(
            columns=["header", "field"],
            headers={"header": _("Column in the file"), "field": _("Imported as")},
        )
        self.sheet_view = _table(self.sheet_model)
        self.sheet_view.verticalHeader().setVisible(False)
        self.sheet_columns: dict[str, list[tuple[str, str | None]]] = {}
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(QLabel(_("What each sheet imports")))
        sheet_row.addWidget(self.sheet_combo, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(saved)
        lay.addWidget(scroll, 2)
        lay.addLayout(sheet_row)
        lay.addWidget(self.sheet_view, 1)
        lay.addWidget(self.message)

    def initializePage(self) -> None:
        self.saved_combo.clear()
        self.saved_combo.addItems(saved_mapping_names())
        self._build(self.wiz.mapping)
        self.refresh_sheets()

    def refresh_sheets(self) -> None:
        """Re-resolve every sheet under the mapping as now chosen, as the import will."""
        try:
            self.sheet_columns = services.sheet_columns(self.wiz.sheets, self.current_mapping())
        except Exception as exc:
            self.sheet_columns = {}
            self.message.setText(
                _("The columns per sheet could not be worked out: {error}").format(error=exc)
            )
        current = self.sheet_combo.currentText()
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for name in self.sheet_columns:
            self.sheet_combo.addItem(name or _("(CSV file)"), name)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findText(current)))
        self.sheet_combo.blockSignals(False)
        self._show_sheet_fields()
        labels = {name: text for text, name in self._field_items()}
        for header, note in self.sheet_notes.items():
            chosen = self.combos[header].currentData()
            other = [
                _("{sheet}: {field}").format(
                    sheet=sheet or _("(CSV file)"), field=labels.get(f, f) if f else labels[None]
                )
                for sheet, cols in self.sheet_columns.items()
                for h, f in cols
                if h == header and f != chosen
            ]
            note.setText("; ".join(other))

    def sheet_fields(self, sheet: str) -> dict[str, str | None]:
        """Header -> field the import will give this sheet's column (None: kept in the notes)."""
        return dict(self.sheet_columns.get(sheet, []))

    def _show_sheet_fields(self, *_args) -> None:
        labels = {name: text for text, name in self._field_items()}
        cols = self.sheet_columns.get(self.sheet_combo.currentData(), [])
        self.sheet_model.set_frame(
            pd.DataFrame(
                [{"header": h, "field": labels.get(f, f) if f else labels[None]} for h, f in cols],
                columns=["header", "field"],
            )
        )

    def _field_items(self) -> list[tuple[str, str | None]]:
        zh = current_language() == "zh"
        items: list[tuple[str, str | None]] = [(_("(not imported: kept in notes)"), None)]
        seen: set[str] = set()
        groups = [(name_zh if zh else name_en, f) for _gid, name_zh, name_en, f in services.field_groups()]
        for group, fields in groups:
            for f in fields:
                if f.name in seen:
                    continue
                seen.add(f.name)
                label = (f.label_zh if zh else f.label_en) or f.name
                unit = f", {f.unit}" if f.unit else ""
                prefix = f"{group}: " if group else ""
                items.append((f"{prefix}{label} ({f.name}{unit})", f.name))
        return items

    def _build(self, mapping: Any) -> None:
        clear_grid(self.grid)
        self.combos.clear()
        self.units.clear()
        self.sheet_notes.clear()
        items = self._field_items()
        self.grid.addWidget(QLabel(f"<b>{_('Column in the file')}</b>"), 0, 0)
        self.grid.addWidget(QLabel(f"<b>{_('Field')}</b>"), 0, 1)
        self.grid.addWidget(QLabel(f"<b>{_('Unit in the file')}</b>"), 0, 2)
        self.grid.addWidget(QLabel(f"<b>{_('On other sheets')}</b>"), 0, 3)
        for i, (header, choice) in enumerate(mapping.columns.items(), start=1):
            if not header:
                continue
            combo = QComboBox()
            for text, name in items:
                combo.addItem(text, name)
            combo.setCurrentIndex(max(0, combo.findData(choice.field)) if choice.field else 0)
            combo.currentIndexChanged.connect(self.refresh_sheets)
            self.grid.addWidget(QLabel(header), i, 0)
            self.grid.addWidget(combo, i, 1)
            self.grid.addWidget(QLabel(choice.unit or "—"), i, 2)
            self.combos[header] = combo
            self.units[header] = choice.unit
            note = QLabel()
            note.setWordWrap(True)
            self.grid.addWidget(note, i, 3)
            self.sheet_notes[header] = note
        self.grid.setRowStretch(len(mapping.columns) + 1, 1)

    def current_mapping(self) -> Any:
        cols = [(h, c.currentData(), self.units.get(h)) for h, c in self.combos.items()]
        return services.make_mapping(
            cols, getattr(self.wiz.mapping, "sheet_products", None), getattr(self.wiz.mapping, "values", None)
        )

    def set_field(self, header: str, field: str | None) -> None:
        combo = self.combos[header]
        i = combo.findData(field)
        if i < 0:
            raise KeyError(field)
        combo.setCurrentIndex(i)

    def _save_clicked(self) -> None:
        name, ok = QInputDialog.getText(self, _("Save mapping"), _("Name for this column mapping:"))
        if ok and name.strip():
            self.save_as(name.strip())

    def save_as(self, name: str) -> None:
        save_mapping(name, self.current_mapping())
        self.saved_combo.clear()
        self.saved_combo.addItems(saved_mapping_names())
        self.saved_combo.setCurrentText(name)
        self.message.setText(_("Mapping saved as {name}.").format(name=name))

    def apply_saved(self, name: str) -> None:
        if not name:
            return
        try:
            saved = load_mapping(name)
        except (KeyError, ValueError) as exc:
            self.message.setText(
                _("The mapping {name} could not be loaded: {error}").format(name=name, error=exc)
            )
            return
        applied = 0
        self.wiz.mapping = services.with_values(self.wiz.mapping, saved.values)  # the saved value answers
        for header, choice in saved.columns.items():
            if header in self.combos and self.combos[header].findData(choice.field) >= 0:
                self.set_field(header, choice.field)
                applied += 1
        self.message.setText(_("Mapping {name} applied to {n} columns.").format(name=name, n=applied))

    def validatePage(self) -> bool:
        self.wiz.mapping = self.current_mapping()
        return True


class _ValidationPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Validation"))
        self.setSubTitle(_("Every rejected cell is listed; a rejected cell rejects its row."))
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.counts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = FrameModel(
            columns=REJECTION_COLUMNS,
            headers={
                "severity": _("Severity"),
                "sheet": _("Sheet"),
                "row": _("Row"),
                "column": _("Column"),
                "value": _("Value"),
                "reason": _("Reason"),
            },
            formatters={
                "severity": lambda v: {"error": _("error"), "note": _("note")}.get(v, _("warning")),
                "row": lambda v: str(int(v)),
            },
            row_colour=lambda r: palette.SEVERITY_BACKGROUNDS.get(
                r["severity"], palette.SEVERITY_BACKGROUNDS["warning"]
            ),
            colour_columns=["severity"],
            tooltips={"reason": "reason", "value": "value"},
        )
        self.view = _table(self.model)
        self.view.verticalHeader().setVisible(False)  # the file's own row numbers are a column
        self.values = ValueMappingBox()
        self.values.applied.connect(self.apply_values)
        lay = QVBoxLayout(self)
        lay.addWidget(self.counts)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.values)
        self.setCommitPage(True)  # "Import" leaves it; there is no way back once written

    def initializePage(self) -> None:
        self.model.set_frame(rejections_frame([]))
        self.counts.setStyleSheet("")
        self.counts.setText(_("Checking every cell…"))
        self.wiz.validate(self._validated, self._failed)

    def _validated(self) -> None:
        r, mapping = self.wiz.checked, self.wiz.mapping
        if r is None or mapping is None:
            return
        rejected_rows = r.read - r.imported
        self.counts.setText(
            _(
                "Rows read: {read} = accepted {imported} + rejected {rejected}. "
                "Problem cells: {errors} errors, {warnings} warnings (warned rows are kept)."
            ).format(
                read=r.read,
                imported=r.imported,
                rejected=rejected_rows,
                errors=len(r.rejected),
                warnings=len(r.warnings),
            )
            + (" " + services.total_rows_text(r.total_rows) if r.total_rows else "")
        )
        self.model.set_frame(rejections_frame(r.rejected, [*r.warnings, *r.total_rows]))
        self.view.resizeColumnsToContents()
        self.values.show_unknown(services.unknown_values(r), mapping.values)
        self.completeChanged.emit()

    def apply_values(self) -> None:
        """The answers go into the column mapping (saved with it); the file is checked again."""
        mapping = self.wiz.mapping
        if mapping is None:
            return
        self.wiz.mapping = services.with_values(mapping, self.values.answers(mapping.values))
        self.initializePage()

    def _failed(self, exc: BaseException) -> None:
        self.counts.setStyleSheet(f"color: {palette.ERROR};")
        self.counts.setText(_("The file could not be checked: {error}").format(error=exc))

    def isComplete(self) -> bool:
        return self.wiz.checked is not None and self.wiz.checked.imported > 0


class _ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Import"))
        self.setSubTitle(_("The accepted rows are written in one transaction: all of them or none."))
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QVBoxLayout(self)
        lay.addWidget(self.result)
        lay.addStretch(1)

    def initializePage(self) -> None:
        self.result.setStyleSheet("")
        self.result.setText(_("Importing…"))
        self.wiz.run_import(self._imported, self._failed)

    def _imported(self, late: bool = False) -> None:
        rep = self.wiz.report
        if rep is None:
            return
        text = _(
            "Imported into the enterprise: {added} added, {updated} updated, {unchanged} "
            "unchanged. Rows read: {read}; rejected rows: {rejected}."
        ).format(
            added=rep.added,
            updated=rep.updated,
            unchanged=rep.unchanged,
            read=rep.read,
            rejected=rep.read - rep.imported,
        )
        if late:
            text = _("The import had already been written when Cancel was pressed.") + " " + text
        self.result.setText(text)
        self.completeChanged.emit()

    def cancelling(self) -> None:
        self.result.setStyleSheet("")
        self.result.setText(_("Cancelling: the rows written so far are being rolled back…"))

    def rolled_back(self) -> None:
        self.result.setStyleSheet(f"color: {palette.ERROR};")
        self.result.setText(_("Import cancelled: rolled back, nothing was written."))
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.result.setStyleSheet(f"color: {palette.ERROR};")
        self.result.setText(_("Nothing was imported: {error}").format(error=exc))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.wiz.report is not None


class ImportWizard(QWizard):
    """Import a ledger into an enterprise; ``imported`` carries the services.ImportReport."""

    imported = Signal(object)

    def __init__(
        self, workspace, enterprise_id: int, path: str | Path | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(_("Import equipment ledger"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.workspace = workspace
        self.enterprise_id = enterprise_id
        self.path: Path | None = None
        self.sheets: list[RawSheet] = []
        self.auto_result: ImportResult | None = None
        self.mapping: ColumnMapping | None = None
        self.checked: ImportResult | None = None
        self.report: services.ImportReport | None = None
        self.change: services.changes.ItemsChange | None = None  # what the import wrote (for undo)
        self.task: TaskHandle | None = None
        self.import_task: TaskHandle | None = None
        self.file_page = _FilePage(self)
        self.preview_page = _PreviewPage(self)
        self.mapping_page = _MappingPage(self)
        self.validation_page = _ValidationPage(self)
        self.import_page = _ImportPage(self)
        for page in (
            self.file_page,
            self.preview_page,
            self.mapping_page,
            self.validation_page,
            self.import_page,
        ):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, _("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< Back"))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("Import"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.resize(900, 640)
        if path is not None:
            self.file_page.path_edit.setText(str(path))

    def set_path(self, path: Path) -> None:
        if path != self.path:
            self.path, self.sheets, self.auto_result, self.mapping, self.checked = path, [], None, None, None

    # --- background steps --------------------------------------------------------------------
    def _run(self, fn, title: str, on_done, on_error, cancellable: bool = True) -> TaskHandle:
        self.task = run_in_background(
            self, fn, title, on_done, on_error, kind="import", cancellable=cancellable
        )
        return self.task

    def load(self, on_done, on_error) -> TaskHandle:
        path = self.path

        def work(progress, cancelled):
            progress(0, 0)
            sheets = services.read_sheets(path)  # read once; preview and validation work on these cells
            return sheets, services.check_sheets(sheets)

        def done(result):
            self.sheets, self.auto_result = result
            if self.mapping is None:
                self.mapping = self.auto_result.mapping
            on_done()

        return self._run(work, _("Reading the file"), done, on_error)

    def validate(self, on_done, on_error) -> TaskHandle:
        mapping = self.mapping

        def done(result):
            self.checked = result
            on_done()

        sheets = self.sheets

        def work(progress, cancelled):
            progress(0, 0)
            return services.check_sheets(sheets, mapping=mapping)  # the import itself re-reads the file

        return self._run(work, _("Checking the file"), done, on_error)

    def run_import(self, on_done, on_error) -> TaskHandle:
        ws, path, eid, mapping = self.workspace, self.path, self.enterprise_id, self.mapping

        def done(result):
            self.report, self.change = result  # the change: for the window's undo stack
            on_done()
            self.imported.emit(self.report)

        def work(progress, cancelled):  # one transaction; Cancel rolls it back (checked every row batch)
            return services.changes.import_file_with_changes(
                ws, path, eid, mapping=mapping, progress=progress, cancelled=cancelled
            )

        handle = self._run(work, _("Importing"), done, on_error)
        self.import_task = handle
        handle.finished.connect(self._import_finished)
        handle.worker_finished.connect(self._import_worker_finished)
        return handle

    def import_in_progress(self) -> bool:
        """True from the start of the import until its worker has committed or rolled back."""
        return self.import_task is not None and not self.import_task.worker_returned()

    def _import_finished(self, status: str) -> None:
        if status == "cancelled" and shiboken6.isValid(self) and self.import_in_progress():
            self.import_page.cancelling()
            self.button(QWizard.WizardButton.CancelButton).setEnabled(False)

    def _import_worker_finished(self, outcome: str) -> None:  # after Cancel: rolled back, or committed first
        handle = self.import_task
        if handle is None or not shiboken6.isValid(self) or handle.status != "cancelled":
            return  # a normal end: on_done / on_error have said it
        self.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        if outcome == "done":  # the commit came first: say what was written
            self.report, self.change = handle.worker_result
            self.import_page._imported(late=True)
            self.imported.emit(self.report)
        else:
            self.import_page.rolled_back()

    def reject(self) -> None:
        task = self.task
        if self.import_in_progress():  # stay open until the rollback has finished
            if task is not None and task is self.import_task and task.is_running():
                task.cancel()
            return
        if task is not None and task.is_running() and task.cancellable:
            task.cancel()
        super().reject()
