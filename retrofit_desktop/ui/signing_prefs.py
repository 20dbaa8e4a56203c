"""Preferences for signed reports: "my signing key" (a private key file) and the trusted keys folder.

Both are stored in QSettings (ui/settings.py). The dialog shows who a key signs as and its
fingerprint, or why it cannot be used, and can make a new key pair (services.generate_signing_key).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from retrofit_desktop import palette
from retrofit_desktop.i18n import _, current_language
from retrofit_desktop.ui import settings

ERROR_STYLE = f"color: {palette.ERROR};"


class _Services:
    """retrofit_desktop.services on first use: the main window's Tools menu imports this module before
    its first paint, and the services import pandas and SQLAlchemy."""

    def __getattr__(self, name: str) -> Any:
        from retrofit_desktop import services as real

        return getattr(real, name)


services = _Services()


def key_status(path: str) -> tuple[bool, str]:
    """(usable, text) for a signing key file: its signer and fingerprint, or why it cannot be used."""
    if not path:
        return False, _("No signing key set: reports cannot be signed.")
    try:
        info = services.signing_key_info(path)
    except services.SigningError as exc:
        return False, str(exc)
    return True, _("Signs as {name}; fingerprint {fingerprint}").format(
        name=info.name, fingerprint=info.fingerprint
    )


def folder_status(path: str) -> tuple[bool, str]:
    """(usable, text) for a trusted keys folder: how many keys it holds and whose, or what is wrong."""
    if not path:
        return False, _(
            "No trusted keys folder set: signatures are shown but not checked against trusted keys."
        )
    if not Path(path).is_dir():
        return False, _("The folder {folder} does not exist.").format(folder=path)
    try:
        keys = services.load_trusted_keys([path])
    except services.SigningError as exc:
        return False, str(exc)
    names = ("、" if current_language() == "zh" else ", ").join(k.name for k in keys[:5]) + (
        "…" if len(keys) > 5 else ""
    )
    return True, _("{n} trusted key(s): {names}").format(n=len(keys), names=names)


def _path_row(edit: QLineEdit, *buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    for b in buttons:
        row.addWidget(b)
    return row


class SigningPreferencesDialog(QDialog):
    """My signing key and the trusted keys folder; OK stores them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Signing keys"))
        self.key_edit = QLineEdit(settings.signing_key())
        self.key_edit.setObjectName("signingKeyEdit")
        browse_key = QPushButton(_("Choose…"))
        browse_key.clicked.connect(self._choose_key)
        new_key = QPushButton(_("New key…"))
        new_key.setObjectName("newKeyButton")
        new_key.clicked.connect(self._new_key)
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        self.folder_edit = QLineEdit(settings.trusted_keys_folder())
        self.folder_edit.setObjectName("trustedFolderEdit")
        browse_folder = QPushButton(_("Choose…"))
        browse_folder.clicked.connect(self._choose_folder)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow(_("My signing key"), _path_row(self.key_edit, browse_key, new_key))
        form.addRow("", self.key_label)
        form.addRow(_("Trusted keys folder"), _path_row(self.folder_edit, browse_folder))
        form.addRow("", self.folder_label)
        note = QLabel(
            _(
                "Keep the signing key file private: whoever has it can sign reports in your name. "
                "Give the .pub file next to it to those who check your reports; put the .pub files "
                "of signers you trust into the trusted keys folder."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.key_edit.textChanged.connect(self.refresh)
        self.folder_edit.textChanged.connect(self.refresh)
        self.refresh()
        self.resize(640, self.sizeHint().height())

    def refresh(self) -> None:
        for label, (ok, text) in (
            (self.key_label, key_status(self.key_edit.text().strip())),
            (self.folder_label, folder_status(self.folder_edit.text().strip())),
        ):
            label.setText(text)
            label.setStyleSheet("" if ok else ERROR_STYLE)

    def _choose_key(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose your signing key"), self.key_edit.text())
        if path:
            self.key_edit.setText(path)

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, _("Choose the trusted keys folder"), self.folder_edit.text()
        )
        if path:
            self.folder_edit.setText(path)

    def _new_key(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the new signing key as"), str(Path.home() / "signing-key")
        )
        if not path:
            return
        name, ok = QInputDialog.getText(
            self, _("New key"), _("Signer's name or organisation (shown on signed reports):")
        )
        if ok and name.strip():
            self.generate_key(path, name)

    def generate_key(self, path: str, name: str) -> bool:
        """Make a key pair at `path` (+ .pub) and select it; False with the reason shown when it fails."""
        try:
            services.generate_signing_key(path, name)
        except services.SigningError as exc:
            self.key_label.setText(str(exc))
            self.key_label.setStyleSheet(ERROR_STYLE)
            return False
        self.key_edit.setText(path)
        return True

    def accept(self) -> None:
        settings.set_signing_key(self.key_edit.text().strip())
        settings.set_trusted_keys_folder(self.folder_edit.text().strip())
        super().accept()
