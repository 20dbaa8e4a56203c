"""write_template: a bilingual inventory workbook that read_inventory reads back unchanged.

One sheet per catalog product (named after the product, so rows need no product cell), a mixed
sheet with a product column, and a README sheet. Headers are written '中文 (english_name, unit)';
enumerations get drop-down lists; each column shows its unit and accepted spellings when selected.
Example rows come from the bundled fictitious sample plant (resources/sample/sample_inventory.csv).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog.model import FieldSpec
from ..i18n import _
from ..resources import resource_path
from .fields import COMMON_FIELDS, RETROFIT_FIELDS, Schema, load_schema

if TYPE_CHECKING:  # openpyxl is imported when a template is written (it ships no type hints)
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    from ..catalog.catalog import Catalog

__all__ = ["write_template", "template_header", "NON_DATA_SHEETS", "MIXED_SHEET"]

MIXED_SHEET = "混合 mixed"
README_SHEET = "说明 README"
LISTS_SHEET = "lists"
#: Sheets read_inventory never treats as data (lower-cased).
NON_DATA_SHEETS = {README_SHEET.lower(), LISTS_SHEET, "readme", "说明", "填写说明"}
_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})

# Common columns in template order; product-specific columns follow.
_LEAD = ("asset_tag", "name", "model", "manufacturer", "year_installed", "quantity", "site")
_TRAIL = ("notes",)
_UNIT_HINTS = {
    "kW": "55 kW, 55 KW, 75 hp, 55千瓦",
    "%": "93.5, 93.5%",
    "MPa": "0.8, 0.8 MPa, 8 bar (gauge / 表压)",
    "m³/min": "10, 10 m3/min, 600 m3/h",
    "t/h": "4, 4 t/h",
    "h": "6000, 6000 h",
    "CNY": "12000, 1.2万, 1.2万元",
    "a": "15, 15年",
}


def template_header(f: FieldSpec) -> str:
    """'额定功率 (rated_power_kw, kW)'; text columns '设备编号 (asset_tag)'."""
    label = f.label_zh or f.name
    unit = "" if f.unit in {"", "1", "-"} or f.kind in {"text", "enum"} else f.unit
    return f"{label} ({f.name}, {unit})" if unit else f"{label} ({f.name})"


def _sheet_title(text: str, used: set[str]) -> str:
    base = text.translate(_BAD_SHEET_CHARS).strip()[:31] or "sheet"
    title, i = base, 2
    while title.lower() in used:
        title = f"{base[:28]}~{i}"
        i += 1
    used.add(title.lower())
    return title


def _examples() -> dict[str, dict[str, str]]:
    """First row of each product in the bundled sample inventory (fictitious data)."""
    try:
        path = resource_path("sample", "sample_inventory.csv")
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (FileNotFoundError, OSError):
        rows = []
    out: dict[str, dict[str, str]] = {}
    for r in rows:
        out.setdefault(r.get("product", ""), r)
    return out


def _product_fields(schema: Schema, pid: str) -> list[FieldSpec]:
    lead = {*_LEAD, *_TRAIL, "product"}
    return [f for f in schema.fields_of(pid) if f.name not in lead]


def write_template(path: str | Path, catalog: Catalog | None = None) -> Path:
    """Write the template workbook to `path` (.xlsx) and return the path."""
    from openpyxl import Workbook

    schema = load_schema(catalog)
    common = {f.name: f for f in COMMON_FIELDS}
    examples = _examples()
    wb = Workbook()
    readme = wb.active
    readme.title = README_SHEET
    book = _TemplateBook(wb, schema)
    lead = [common[n] for n in _LEAD]
    trail = [*RETROFIT_FIELDS, *(common[n] for n in _TRAIL)]  # retrofit inputs: optional, any product
    for pid in book.products:
        zh, _en = schema.names.get(pid, (pid, pid))
        rows = [examples[pid]] if pid in examples else []
        book.write_sheet(zh, [*lead, *_product_fields(schema, pid), *trail], rows)
    mixed_fields = _mixed_fields(schema, book.products, [*lead[:2], common["product"], *lead[2:]], trail)
    book.write_sheet(MIXED_SHEET, [*mixed_fields, *trail], _mixed_rows(schema, book.products, examples))
    _write_readme(readme, schema, book.products)
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames))
    path = Path(path)
    wb.save(path)
    return path


class _TemplateBook:
    """The workbook being written: its hidden sheet of drop-down lists and the sheet titles used."""

    def __init__(self, wb: Workbook, schema: Schema):
        from openpyxl.styles import Font, PatternFill

        self.wb = wb
        self.schema = schema
        self.lists = wb.create_sheet(LISTS_SHEET)
        self.lists.sheet_state = "hidden"
        self.used = {README_SHEET.lower(), LISTS_SHEET}
        self.header_font = Font(bold=True)
        self.header_fill = PatternFill("solid", fgColor="DDEBF7")
        self.products = [pid for pid in schema.products if schema.fields_of(pid)]
        self.list_col = 1

    def add_list(self, values: list[str]) -> str:
        """Write `values` into the next column of the lists sheet; the range a drop-down refers to."""
        col = self.list_col
        self.list_col += 1
        letter = self.lists.cell(row=1, column=col).column_letter
        for i, v in enumerate(values, start=1):
            self.lists.cell(row=i, column=col, value=v)
        return f"{LISTS_SHEET}!${letter}$1:${letter}${len(values)}"

    def validation(self, f: FieldSpec) -> DataValidation:
        """The column's drop-down (product names, an enumeration's labels) and its unit prompt."""
        from openpyxl.worksheet.datavalidation import DataValidation

        if f.name == "product":
            names = [self.schema.names[p][0] for p in self.products]
            dv = DataValidation(type="list", formula1=self.add_list(names), allow_blank=True)
        elif f.kind == "enum" and f.allowed:
            # the allowed values by their labels (the import reads a label as its value), never internal codes
            dv = DataValidation(
                type="list",
                formula1=self.add_list([f.value_label(str(a)) for a in f.allowed]),
                allow_blank=True,
            )
        else:
            dv = DataValidation(allow_blank=True)
        hint = _UNIT_HINTS.get(f.unit, f.unit)
        dv.promptTitle = (f.label_zh or f.name)[:32]
        unit_word = _("unit")
        dv.prompt = (f"{f.label_en or f.name}" + (f" — {unit_word}: {hint}" if hint else ""))[:255]
        dv.showInputMessage = True
        return dv

    def write_sheet(self, title: str, fields: list[FieldSpec], rows: list[dict[str, str]]) -> Worksheet:
        """One data sheet: bilingual headers with drop-downs and prompts, then the example rows."""
        from openpyxl.styles import Alignment

        ws = self.wb.create_sheet(_sheet_title(title, self.used))
        for c, f in enumerate(fields, start=1):
            cell = ws.cell(row=1, column=c, value=template_header(f))
            cell.font, cell.fill = self.header_font, self.header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[cell.column_letter].width = max(12, min(28, len(cell.value) + 2))
            letter = cell.column_letter
            dv = self.validation(f)
            dv.add(f"{letter}2:{letter}1000")
            ws.add_data_validation(dv)
        for r, example in enumerate(rows, start=2):
            for c, f in enumerate(fields, start=1):
                value = example.get(f.name, "")
                if value != "" and f.kind == "enum" and f.allowed and value in f.allowed:
                    value = f.value_label(value)
                if value != "":
                    ws.cell(row=r, column=c, value=_typed(value, f))
        ws.freeze_panes = "A2"
        return ws


def _mixed_fields(
    schema: Schema, products: list[str], first: list[FieldSpec], trail: list[FieldSpec]
) -> list[FieldSpec]:
    """The mixed sheet's columns: `first`, then every product's own fields once (not those of `trail`)."""
    fields = list(first)
    seen = {f.name for f in fields} | {f.name for f in trail}
    for pid in products:
        for f in _product_fields(schema, pid):
            if f.name not in seen:
                seen.add(f.name)
                fields.append(f)
    return fields


def _mixed_rows(
    schema: Schema, products: list[str], examples: dict[str, dict[str, str]]
) -> list[dict[str, str]]:
    """Each product's example row again, with its product named and a distinct asset tag."""
    rows = []
    for pid in products:
        if pid in examples:
            row = dict(examples[pid])
            row["asset_tag"] = f"{row.get('asset_tag', pid)}-MIX"
            row["product"] = schema.names.get(pid, (pid,))[0]
            rows.append(row)
    return rows


def _typed(value: str, f: FieldSpec) -> str | int | float:
    if f.kind in {"number", "int"}:
        try:
            x = float(value)
            return int(x) if f.kind == "int" or x.is_integer() else x
        except ValueError:
            return value
    return value


def _write_readme(ws: Worksheet, schema: Schema, products: list[str]) -> None:
    from openpyxl.styles import Font

    lines = [
        ("设备台账导入模板 / Equipment inventory template", True),
        ("每种产品一个工作表；“混合 mixed”表可混填各类产品（需填产品类别）。", False),
        ("One sheet per product; the 'mixed' sheet takes any product (fill in the product column).", False),
        ("表头格式：中文名 (english_name, 单位)。数值可带单位，如 75 hp、0.8 MPa、10 m3/min、95%。", False),
        (
            "Headers: Chinese label (english_name, unit). Numbers may carry a unit: 75 hp, 0.8 MPa, 95%.",
            False,
        ),
        ("空白单元格表示未知（不会当作 0）。设备编号必填且不可重复。", False),
        ("Empty cells mean unknown (never 0). The asset tag is required and must be unique.", False),
        ("示例行来自虚构的示例企业，可删除。/ Example rows are fictitious; delete them.", False),
        ("", False),
        ("产品 / Product", True),
    ]
    for pid in products:
        zh, en = schema.names.get(pid, (pid, pid))
        lines.append((f"{pid}: {zh} / {en}", False))
    for r, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(row=r, column=1, value=text)
        if bold:
            cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 100
