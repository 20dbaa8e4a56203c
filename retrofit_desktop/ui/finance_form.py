"""Finance settings of an assessment: capital subsidy, equipment-renewal loan with its interest
subsidy, income-tax credit — each with the value and source the assessment would use
(``services.preview_factors``), like the factors of ``FactorForm``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QWidget

from retrofit_desktop import palette, services
from retrofit_desktop.i18n import _
from retrofit_desktop.ui.factor_form import factor_entry, factor_text, parse_number, with_source
from retrofit_desktop.ui.frame_model import format_value

if TYPE_CHECKING:
    from retrofit_desktop.services import Factors


def _number(text: str, label: str, unit: str | None = None) -> float | None:
    return parse_number(text, label, positive=False, unit=unit)


def parse_cny(text: str, label: str) -> float | None:
    """An amount in yuan: '500000', '50万', '50万元' or '1,200元'; empty = not given."""
    return _number(text, label, unit="CNY")


def parse_share(text: str, label: str) -> float | None:
    """A share as a fraction from '0.2' or '20%'; empty = not given. Raises ValueError naming the field."""
    t = text.strip().replace("％", "%")
    percent = t.endswith("%")
    v = _number(t.rstrip("%"), label)
    if v is None:
        return None
    if percent:
        v /= 100.0
    if v > 1:
        raise ValueError(
            _("{field}: {text!r} is not a share (write 0.2 or 20%)").format(field=label, text=text)
        )
    return v


def parse_whole(text: str, label: str) -> int | None:
    """A whole number of years: '5' or '5年'; empty = not given."""
    v = _number(text, label, unit="a")
    if v is not None and not v.is_integer():
        raise ValueError(_("{field}: {text!r} is not a whole number of years").format(field=label, text=text))
    return None if v is None else int(v)


def _parser(key: str) -> Callable[[str, str], float | int | None]:
    """How a finance field's text is read, by what its name ends in."""
    if key.endswith("_share"):
        return parse_share
    if key.endswith("_years"):
        return parse_whole
    if key.endswith("_cny"):
        return parse_cny
    return _number


class FinanceForm(QWidget):
    """Capital subsidy share and cap, loan share and term, interest subsidy points and years, tax credit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, str] = {}
        self.sources: dict[str, QLabel] = {}
        rows = (
            ("capital_subsidy_share", _("Capital subsidy, share of investment"), _("none (e.g. 20% or 0.2)")),
            ("capital_subsidy_cap_cny", _("Capital subsidy cap per measure, CNY"), _("no cap")),
            ("loan_share", _("Share financed by a renewal loan"), _("no loan (e.g. 50%)")),
            ("loan_term_years", _("Loan term, years"), _("not given")),
            ("loan_subsidy_points", _("Loan interest subsidy, percentage points"), _("cited default")),
            ("loan_subsidy_years", _("Loan interest subsidy, years"), _("cited default")),
        )
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key, label, placeholder in rows:
            edit = QLineEdit()
            edit.setObjectName(f"finance_{key}")
            edit.setPlaceholderText(placeholder)
            edit.textChanged.connect(self._changed)
            self.edits[key], self.labels[key] = edit, label
            form.addRow(label, with_source(edit, key, self.sources))
        self.tax_credit = QCheckBox(_("Apply the income-tax credit for energy-saving equipment"))
        self.tax_credit.setObjectName("finance_tax_credit")
        self.tax_credit.toggled.connect(self._changed)
        form.addRow(with_source(self.tax_credit, "tax_credit", self.sources))
        self.preview()

    # --- values ------------------------------------------------------------------------------
    def _parsed(self) -> tuple[dict[str, Any], dict[str, str]]:
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for key, edit in self.edits.items():
            try:
                values[key] = _parser(key)(edit.text(), self.labels[key])
            except ValueError as exc:
                errors[key], values[key] = str(exc), None
        values["tax_credit"] = self.tax_credit.isChecked()
        return values, errors

    def option_kwargs(self) -> dict[str, Any]:
        """services.AssessOptions keywords (not given: the option's default); ValueError names a bad field."""
        values, errors = self._parsed()
        if errors:
            raise ValueError(next(iter(errors.values())))
        if values["capital_subsidy_share"] is None:
            values["capital_subsidy_share"] = 0.0
        return values

    # --- sources -----------------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        self.preview()
        self.changed.emit()

    def preview(self) -> None:
        values, errors = self._parsed()
        loan = {
            k: values[k] for k in ("loan_subsidy_points", "loan_subsidy_years") if values.get(k) is not None
        }
        try:
            factors = services.Factors.from_json(services.preview_factors(services.AssessOptions(**loan)))
        except ValueError as exc:
            errors.setdefault("loan_subsidy_points", str(exc))
            factors = None
        self.show_sources(factors, errors)

    def show_sources(self, factors: Factors | None, errors: Mapping[str, str] | None = None) -> None:
        """Source lines from the factors an assessment used (``Summary.factors``) or would use
        (``services.preview_factors``)."""
        errors = dict(errors or {})
        values, _errors = self._parsed()
        share, cap = values.get("capital_subsidy_share"), values.get("capital_subsidy_cap_cny")
        loan = values.get("loan_share")
        texts = {
            "capital_subsidy_share": _("Entered: {share} of each measure's investment").format(
                share=f"{share:.0%}" if share is not None and (share * 100).is_integer() else f"{share:.1%}"
            )
            if share
            else _("No capital subsidy"),
            "capital_subsidy_cap_cny": _("Entered: at most {cap} CNY per measure").format(
                cap=format_value(cap)
            )
            if cap is not None
            else _("No cap"),
            "loan_share": _("Entered: {share} of the investment is borrowed").format(share=f"{loan:.0%}")
            if loan
            else _("No loan: no interest subsidy is applied"),
            "loan_term_years": _("Entered: equal principal repayments over {n} years").format(
                n=values["loan_term_years"]
            )
            if values.get("loan_term_years")
            else _("Not given: the principal is outstanding throughout"),
            "loan_subsidy_points": factor_text(factor_entry(factors, "loan_subsidy_points")),
            "loan_subsidy_years": factor_text(factor_entry(factors, "loan_subsidy_years")),
            "tax_credit": (_("Applied: ") if values.get("tax_credit") else _("Not applied; rule: "))
            + factor_text(factor_entry(factors, "tax_credit_rate")),
        }
        for key, label in self.sources.items():
            message = errors.get(key)
            label.setStyleSheet(f"color: {palette.ERROR if message else palette.MUTED};")
            label.setText(message or texts.get(key, ""))
