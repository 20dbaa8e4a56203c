"""The factor-set form shared by the assessment view and the scenarios dialog: region, factor year,
electricity and fuel prices, discount rate and tce convention, each with the value and source the
assessment would use (``services.preview_factors``)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from retrofit_desktop import palette, services
from retrofit_desktop.domain import verification_label
from retrofit_desktop.i18n import N_, _, current_language
from retrofit_desktop.ui.frame_model import format_value

if TYPE_CHECKING:
    from retrofit_desktop.services import AssessOptions, Factors

_FACTOR_KEYS = {  # what the form shows -> the engine FactorSet's key for it
    "grid": "grid_co2",
    "price": "price_electricity",
    "discount": "discount_rate",
    "calorific": "tce_electricity_calorific",
    "equivalent": "tce_electricity_equivalent",
}


#: fuel kinds with a price field: (kind, label msgid) — the engine's canonical unit is added to the label
FUEL_FIELDS = (("natural_gas", N_("Natural gas price")), ("coal", N_("Coal price")))


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


def normalise_decimal(text: str) -> str:
    """'3,200' and '1,250.5' use a thousands separator (the usual writing in China); a lone decimal
    comma ('0,65') is read as a decimal point. Full-width commas count as commas."""
    t = text.strip().replace("，", ",")
    if _THOUSANDS.fullmatch(t):
        return t.replace(",", "")
    return t.replace(",", ".")


def with_source(field: QWidget, key: str, sources: dict[str, QLabel]) -> QVBoxLayout:
    """`field` over a small grey, selectable label for the source of its value (kept in sources[key])."""
    src = QLabel()
    src.setObjectName(f"source_{key}")
    src.setWordWrap(True)
    src.setStyleSheet(f"color: {palette.MUTED};")
    src.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    sources[key] = src
    box = QVBoxLayout()
    box.setSpacing(1)
    box.addWidget(field)
    box.addWidget(src)
    return box


def parse_price(text: str) -> float | None:
    """CNY/kWh from the price field; empty = not given (None). Raises ValueError with a message."""
    return parse_number(text, _("Electricity price, CNY/kWh"), positive=True)


def parse_number(text: str, label: str, *, positive: bool, unit: str | None = None) -> float | None:
    """A number typed in a form field; empty = not given (None). Raises ValueError naming the field.

    ``positive``: more than 0 (prices); otherwise 0 or more (shares, caps, years). ``unit`` ("CNY",
    "a"): the field's unit, so that money and years written as the ledger import reads them ('50万',
    '5年') are accepted (``services.parse_amount``); without it only a number is."""
    t = normalise_decimal(text)
    if not t:
        return None
    try:
        v = float(t)
    except ValueError:
        if unit is None:
            raise ValueError(_("{field}: {text!r} is not a number").format(field=label, text=text)) from None
        try:
            v = services.parse_amount(text, unit)
        except ValueError as exc:
            raise ValueError(_("{field}: {problem}").format(field=label, problem=exc)) from None
    if not math.isfinite(v) or v < 0 or (positive and v == 0):
        msg = (
            _("{field} must be more than 0, got {text}")
            if positive
            else _("{field} must be 0 or more, got {text}")
        )
        raise ValueError(msg.format(field=label, text=text))
    return v


def parse_fuel_price(text: str, label: str) -> float | None:
    """CNY per canonical fuel unit; empty = not given (None). Raises ValueError naming the field."""
    return parse_number(text, label, positive=True)


def parse_rate(text: str) -> float | None:
    """Discount rate as a fraction from '0.08' or '8%'; empty = the default. Raises ValueError."""
    t = text.strip().replace("％", "%")
    if not t:
        return None
    percent = t.endswith("%")
    try:
        v = float(t.rstrip("%").strip())
    except ValueError:
        raise ValueError(
            _("Discount rate {text!r} is not a number (write 0.08 or 8%)").format(text=text)
        ) from None
    if percent:
        v /= 100.0
    if not -1 < v < 1:
        raise ValueError(
            _("Discount rate {text!r} is out of range: write a fraction such as 0.08, or 8%").format(
                text=text
            )
        )
    return v


#: factor units written as words (translated); symbols such as kgCO2/kWh are shown as they are
_UNIT_WORDS = {N_("percentage points"), N_("years")}


def factor_entry(factors: Factors | None, key: str) -> Mapping[str, Any] | None:
    """One factor of a FactorSet (value, unit, year, source, status), None when it is not there."""
    entry = factors.factors.get(key) if factors is not None else None
    return entry if isinstance(entry, Mapping) else None


def factor_text(f: Mapping[str, Any] | None) -> str:
    """'0.4900 kgCO2/kWh (2022) — source [status]'; a fraction is shown as a percentage."""
    if not f:
        return _("no source")
    value, unit = f.get("value"), f.get("unit", "") or ""
    if unit in _UNIT_WORDS:
        unit = _(unit)
    unit = services.factor_unit_text(unit)
    if value is None:
        head = _("not given")
    elif isinstance(value, str):
        head = f"{value} {unit}".strip()
    elif unit == "fraction":
        head = f"{float(value):.2%}".replace(".00%", "%")
    else:
        head = f"{format_value(value)} {unit}".strip()
    year = f" ({f['year']})" if f.get("year") else ""
    # the citation in Chinese; its English form in the English edition
    source = (current_language() != "zh" and f.get("source_en")) or f.get("source") or _("no source")
    status = f.get("status")
    try:
        status_text = verification_label(status, current_language()) if status else ""
    except ValueError:
        status_text = str(status)
    tail = f" [{status_text}]" if status_text else ""
    return f"{head}{year} — {source}{tail}"


class FactorForm(QWidget):
    """Region, factor year, electricity and fuel prices, discount rate, tce convention, each with its
    source."""

    changed = Signal()
    basis_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lang = current_language()
        self.region_combo = QComboBox()
        self.region_combo.setEditable(True)
        self.region_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for rid, zh, en in services.regions():
            self.region_combo.addItem(zh if lang == "zh" else en, rid)
        self.year_combo = QComboBox()
        self.year_combo.addItem(_("Latest available"), None)
        for y in services.grid_years():
            self.year_combo.addItem(str(y), y)
        self.price_edit = QLineEdit()
        self.price_edit.setPlaceholderText(_("not given (CNY/kWh)"))
        units = services.fuel_units()
        self.fuel_edits: dict[str, QLineEdit] = {}
        self.fuel_labels: dict[str, str] = {}
        for kind, msgid in FUEL_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(_("not given (CNY/{unit})").format(unit=units[kind]))
            self.fuel_edits[kind] = edit
            self.fuel_labels[kind] = _("{label}, CNY/{unit}").format(label=_(msgid), unit=units[kind])
        self.rate_edit = QLineEdit()
        self.rate_edit.setPlaceholderText(_("default (e.g. 0.08 or 8%)"))
        self.basis_combo = QComboBox()
        self.basis_combo.addItem(_("Calorific value basis (当量值)"), "calorific")
        self.basis_combo.addItem(_("Equivalent value basis (等价值)"), "equivalent")
        self.sources: dict[str, QLabel] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for key, label, field in (
            ("grid", _("Region"), self.region_combo),
            ("year", _("Factor year"), self.year_combo),
            ("price", _("Electricity price, CNY/kWh"), self.price_edit),
            *((f"fuel:{k}", self.fuel_labels[k], e) for k, e in self.fuel_edits.items()),
            ("discount", _("Discount rate"), self.rate_edit),
            ("basis", _("tce convention"), self.basis_combo),
        ):
            form.addRow(label, with_source(field, key, self.sources))
        self.region_combo.currentTextChanged.connect(self._changed)
        self.year_combo.currentIndexChanged.connect(self._changed)
        self.price_edit.textChanged.connect(self._changed)
        self.rate_edit.textChanged.connect(self._changed)
        for edit in self.fuel_edits.values():
            edit.textChanged.connect(self._changed)
        self.basis_combo.currentIndexChanged.connect(self._basis_changed)
        self.preview()

    # --- values ------------------------------------------------------------------------------
    def set_region(self, name: str) -> None:
        """Select a region by id, Chinese or English name or alias ('湖南', 'Hunan', 'hunan', '湖南省')."""
        i = self.region_combo.findData(name)
        if i < 0:
            i = self.region_combo.findText(name)
        if i < 0:
            try:
                i = self.region_combo.findData(services.find_region(name))
            except ValueError:
                i = -1
        if i >= 0:
            self.region_combo.setCurrentIndex(i)
        else:
            self.region_combo.setEditText(name)  # unknown: shown as typed, reported on preview/run

    def region(self) -> str | None:
        text = self.region_combo.currentText().strip()
        i = self.region_combo.findText(text)
        return self.region_combo.itemData(i) if i >= 0 else (text or None)

    def year(self) -> int | None:
        year = self.year_combo.currentData()
        return int(year) if year is not None else None

    def price(self) -> float | None:
        try:
            return parse_price(self.price_edit.text())
        except ValueError:
            return None

    def fuel_prices(self) -> dict[str, float] | None:
        """Fuel kind -> CNY per canonical unit for the filled fields; ValueError names a bad one."""
        prices = {}
        for kind, edit in self.fuel_edits.items():
            v = parse_fuel_price(edit.text(), self.fuel_labels[kind])
            if v is not None:
                prices[kind] = v
        return prices or None

    def basis(self) -> str:
        """The tce convention shown: "calorific" (当量值) or "equivalent" (等价值); a display choice,
        both figures are in every assessment."""
        return str(self.basis_combo.currentData())

    def assess_options(self, target: str, lang: str) -> AssessOptions:
        """services.AssessOptions for these factors; ValueError names the bad field."""
        return services.AssessOptions(
            region=self.region(),
            factor_year=self.year(),
            price_cny_per_kwh=parse_price(self.price_edit.text()),
            target=target,
            discount_rate=parse_rate(self.rate_edit.text()),
            lang=lang,
            fuel_prices=self.fuel_prices(),
        )

    # --- sources -----------------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        self.preview()
        self.changed.emit()

    def _basis_changed(self, *_args: object) -> None:
        self.preview()
        self.basis_changed.emit()

    def preview(self) -> None:
        """Show each factor's value and source for the current choices (before any run)."""
        errors = {}
        try:
            price = parse_price(self.price_edit.text())
        except ValueError as exc:
            errors["price"], price = str(exc), None
        try:
            rate = parse_rate(self.rate_edit.text())
        except ValueError as exc:
            errors["discount"], rate = str(exc), None
        fuels = {}
        for kind, edit in self.fuel_edits.items():
            try:
                v = parse_fuel_price(edit.text(), self.fuel_labels[kind])
            except ValueError as exc:
                errors[f"fuel:{kind}"], v = str(exc), None
            if v is not None:
                fuels[kind] = v
        try:
            factors = services.Factors.from_json(
                services.preview_factors(
                    services.AssessOptions(
                        region=self.region(),
                        factor_year=self.year(),
                        price_cny_per_kwh=price,
                        discount_rate=rate,
                        fuel_prices=fuels or None,
                    )
                )
            )
        except ValueError as exc:  # engine FactorError: unknown region, year not available
            errors["grid"] = str(exc)
            factors = None
        self.show_sources(factors, errors)

    def show_sources(self, factors: Factors | None, errors: Mapping[str, str] | None = None) -> None:
        """Fill the source lines from the factors an assessment used (``Summary.factors``) or would
        use (``services.preview_factors``); None: every factor without a source."""
        errors = dict(errors or {})
        grid = factor_entry(factors, _FACTOR_KEYS["grid"])
        grid_text = factor_text(grid)
        fallback = (factors.grid_resolution or {}).get("fallback") if factors is not None else None
        if fallback:
            grid_text += "\n" + str(fallback)
        texts = {
            "grid": grid_text,
            "year": _("Grid factor year used: {year}").format(year=(grid or {}).get("year") or "—"),
            "price": factor_text(factor_entry(factors, _FACTOR_KEYS["price"]))
            if self.price_edit.text().strip()
            else _("Not given: cost figures will be missing"),
            "discount": factor_text(factor_entry(factors, _FACTOR_KEYS["discount"])),
            **{
                f"fuel:{k}": factor_text(factor_entry(factors, f"price_fuel_{k}"))
                if e.text().strip()
                else _("Not given: fuel cost figures will be missing")
                for k, e in self.fuel_edits.items()
            },
            "basis": factor_text(factor_entry(factors, _FACTOR_KEYS[self.basis()])),
        }
        for key, label in self.sources.items():
            message = errors.get(key)
            label.setStyleSheet(f"color: {palette.ERROR if message else palette.MUTED};")
            label.setText(message or texts.get(key, ""))
