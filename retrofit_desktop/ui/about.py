"""About box: version, catalog edition, and the verification status of the catalog's tier data."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from .. import __version__, palette
from ..domain import Verification, verification_label
from ..i18n import _, current_language
from .widgets import named


def data_status(catalog) -> dict[str, int]:
    """Tier rows of the active edition counted by verification status (all statuses present)."""
    counts = {v.value: 0 for v in Verification}
    for spec in (getattr(catalog, "products", {}) or {}).values():
        for status, n in spec.verification_counts().items():
            counts[status] = counts.get(status, 0) + n
    return counts


def about_html(catalog) -> str:
    lang = current_language()
    esc = html.escape
    lines = [f"<h3>{esc(_('Retrofit Desktop'))} {esc(__version__)}</h3>"]
    if catalog is None:
        lines.append(f"<p>{esc(_('No catalog edition is loaded.'))}</p>")
        return "".join(lines)
    from ..catalog.labels import edition_name  # the catalog package imports pandas: not at start-up

    ed = catalog.edition
    title = ed.title_zh if lang == "zh" else ed.title_en
    modelled = len(catalog.products)
    lines.append(f"<p><b>{esc(_('Catalog edition'))}:</b> {esc(title)}<br>")
    lines.append(f"{esc(_('Edition id'))}: {esc(edition_name(ed.id))}<br>")
    lines.append(f"{esc(_('Document no.'))}: {esc(ed.doc_no)}<br>")
    lines.append(
        esc(_("Products modelled: {n} of {total}").format(n=modelled, total=ed.products_total)) + "</p>"
    )
    counts = data_status(catalog)
    rows = "".join(
        f"<tr><td>{esc(verification_label(v, lang))}</td><td align='right'>{counts.get(v.value, 0)}</td></tr>"
        for v in Verification
    )
    lines.append(f"<p><b>{esc(_('Data status (tier rows by verification)'))}</b></p><table>{rows}</table>")
    note = _(
        "Numbers that are not verified are shown with their status in the table, the editor and the report."
    )
    lines.append(f"<p style='color:{palette.MUTED}'>{esc(note)}</p>")
    return "".join(lines)


class AboutDialog(QDialog):
    def __init__(self, catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_("About Retrofit Desktop"))
        lay = QVBoxLayout(self)
        self.text = named(QLabel(about_html(catalog)), "aboutText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        lay.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)


def shortcuts_box(parent: QWidget, actions) -> QMessageBox:
    """Open (non-modal) a message box listing the shortcuts of `actions`."""
    box = QMessageBox(
        QMessageBox.Icon.NoIcon,
        _("Keyboard shortcuts"),
        shortcuts_html(actions),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.RichText)
    box.open()
    return box


def shortcuts_html(actions) -> str:
    """A table of the actions that have keyboard shortcuts (text without '&' and '…')."""
    from PySide6.QtGui import QKeySequence

    rows = []
    seen = set()
    for act in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts()]
        text = act.text().replace("&", "").rstrip("…").strip()
        if not keys or not text or text in seen:
            continue
        seen.add(text)
        rows.append(f"<tr><td>{html.escape(text)}</td><td><b>{html.escape(' / '.join(keys))}</b></td></tr>")
    return f"<table cellpadding='3'>{''.join(rows)}</table>"
