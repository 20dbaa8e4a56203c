"""The filter bar above the equipment table: kind, tier, site, two quick checks and a search box."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from ..domain import TIER_ORDER, tier_label
from ..i18n import _, current_language
from .equipment_model import ItemFilter

W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)  # (PySide6's stubs do not take objectName= in the constructor)
    return widget


class FilterBar(QWidget):
    """Emits `changed(ItemFilter)`; typing in the search box is debounced by 150 ms."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 2)
        grid.setVerticalSpacing(2)
        self.product_combo = _named(QComboBox(), "filterProduct")
        self.product_combo.setToolTip(
            _("Show one product kind; its parameters and indicators become columns")
        )
        self.tier_combo = _named(QComboBox(), "filterTier")
        self.site_combo = _named(QComboBox(), "filterSite")
        self.below_entry = _named(QCheckBox(_("Below entry")), "filterBelowEntry")
        self.below_entry.setToolTip(_("Only items below the entry tier (准入水平), the mandatory minimum"))
        self.weak_verification = _named(QCheckBox(_("Not single-source verified")), "filterWeak")
        self.weak_verification.setToolTip(
            _(
                "Only items whose thresholds are unverified or from another edition "
                "(weaker than single source)"
            )
        )
        self.search = _named(QLineEdit(), "filterSearch")
        self.search.setPlaceholderText(_("Search tag, name, model or pinyin initials (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)

        for combo in (self.product_combo, self.tier_combo, self.site_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        top = QHBoxLayout()
        for label, combo in (
            (_("Kind:"), self.product_combo),
            (_("Tier:"), self.tier_combo),
            (_("Site:"), self.site_combo),
        ):
            top.addWidget(QLabel(label))
            top.addWidget(combo, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.search, 1)
        bottom.addWidget(self.below_entry)
        bottom.addWidget(self.weak_verification)
        grid.addLayout(top, 0, 0)
        grid.addLayout(bottom, 1, 0)

        self.tier_combo.addItem(_("All tiers"), None)
        lang = current_language()
        for tier in TIER_ORDER:
            self.tier_combo.addItem(tier_label(tier, lang), tier.value)
        self.set_products({})
        self.set_sites([])

        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(self._debounce.start)
        for combo in (self.product_combo, self.tier_combo, self.site_combo):
            combo.currentIndexChanged.connect(self._emit)
        for box in (self.below_entry, self.weak_verification):
            box.toggled.connect(self._emit)

    def set_products(self, labels: dict[str, str]) -> None:
        """Offer these product ids (id -> display name), keeping the current choice if still there."""
        self._refill(self.product_combo, _("All kinds"), sorted(labels.items(), key=lambda kv: kv[1]))

    def set_sites(self, sites: list[str]) -> None:
        self._refill(self.site_combo, _("All sites"), [(s, s) for s in sites])

    def _refill(self, combo: QComboBox, all_text: str, entries: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for value, label in entries:
            combo.addItem(label, value)
        i = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(i, 0))
        combo.blockSignals(False)
        if current is not None and i < 0:
            self._emit()

    def current(self) -> ItemFilter:
        return ItemFilter(
            product=self.product_combo.currentData(),
            tier=self.tier_combo.currentData(),
            site=self.site_combo.currentData(),
            below_entry=self.below_entry.isChecked(),
            weak_verification=self.weak_verification.isChecked(),
            text=self.search.text(),
        )

    def _emit(self) -> None:
        self.changed.emit(self.current())
