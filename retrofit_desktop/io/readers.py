"""Read the raw cells of a spreadsheet: every sheet as a grid starting at A1 (so a grid index + 1 is
the row number the user sees), with merged ranges where the reader knows them.

.xlsx: python-calamine, falling back to openpyxl (which parses XML through defusedxml);
.xls: xlrd; .csv: pandas, encoding detected (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GBK/GB18030).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..i18n import _
from .safety import InventoryFileError, check_archive

__all__ = ["RawSheet", "read_raw", "detect_encoding"]


@dataclass
class RawSheet:
    name: str | None  # None for CSV
    grid: pd.DataFrame  # object cells, '' or NaN for empty; index 0 = spreadsheet row 1 / CSV line 1
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)  # 0-based
    stripped: bool = False  # the reader knows that no cell has leading or trailing whitespace
    #: CSV only, when quoted cells span lines: the line number each grid row starts on
    line_numbers: np.ndarray | None = None


_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_raw(path: str | Path) -> list[RawSheet]:
    """Every sheet of the file. The content decides the reader when the extension lies (an .xls
    that is really .xlsx, or a CSV text saved as .xls by an ERP export)."""
    path = Path(path)
    if not path.is_file():
        raise InventoryFileError(_("{path}: file not found").format(path=path))
    suffix = path.suffix.lower()
    if suffix not in {".xlsx", ".xlsm", ".xls", ".csv", ".txt"}:
        raise InventoryFileError(
            _("{path}: unsupported file type {suffix}; use .xlsx, .xls or .csv").format(path=path, suffix=suffix)
        )
    with path.open("rb") as fh:
        head = fh.read(512)
    if head.startswith(_ZIP_MAGIC) or (suffix in {".xlsx", ".xlsm"} and not head.lstrip().startswith(b"<")):
        check_archive(path)
        try:
            return _read_calamine(path)
        except InventoryFileError:
            raise
        except Exception:  # calamine cannot read it: try openpyxl (defusedxml underneath)
            return _read_openpyxl(path)
    if head.startswith(_OLE_MAGIC) or (suffix == ".xls" and head[:2] == b"\x09\x08"):  # OLE or raw BIFF8
        return _read_xlrd(path)
    if head.lstrip().lower().startswith((b"<html", b"<!doctype", b"<?xml", b"<table")):
        raise InventoryFileError(
            _("{path}: the file is a web page or XML, not a workbook; open it in Excel or WPS and save it "
              "as .xlsx").format(path=path.name)
        )
    if suffix in {".csv", ".txt", ".xls"}:
        return [_read_csv(path)]
    raise InventoryFileError(
        _("{path}: not a valid .xlsx workbook ({error})").format(path=path.name, error="no zip signature")
    )


def _grid(rows: list[list]) -> pd.DataFrame:
    width = max((len(r) for r in rows), default=0)
    if not rows:
        return pd.DataFrame(dtype=object)
    rows = [r if len(r) == width else [*r, *([""] * (width - len(r)))] for r in rows]
    return pd.DataFrame(rows, columns=range(width), dtype=object)


def _read_calamine(path: Path) -> list[RawSheet]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    with path.open("rb") as fh:  # a file object: the content, not the extension, picks the format
        wb = CalamineWorkbook.from_filelike(fh)
        try:
            out = []
            for meta in wb.sheets_metadata:
                if meta.typ != SheetTypeEnum.WorkSheet:
                    continue
                ws = wb.get_sheet_by_name(meta.name)
                merged = [tuple(map(tuple, m)) for m in (ws.merged_cell_ranges or [])]
                out.append(RawSheet(meta.name, _grid(ws.to_python(skip_empty_area=False)), merged))
            return out
        finally:
            wb.close()


def _read_openpyxl(path: Path) -> list[RawSheet]:
    import openpyxl

    from .safety import require_defused_openpyxl

    require_defused_openpyxl()
    try:
        with path.open("rb") as fh:
            wb = openpyxl.load_workbook(fh, data_only=True)
            sheets = _openpyxl_sheets(wb)
    except Exception as exc:
        if _defused(exc):
            raise InventoryFileError(
                _("{path}: the workbook declares XML entities (unsafe); refused").format(path=path.name)
            ) from exc
        raise InventoryFileError(
            _("{path}: cannot read the workbook ({error})").format(path=path.name, error=exc)
        ) from exc
    return sheets


def _openpyxl_sheets(wb) -> list[RawSheet]:
    out = []
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(min_row=1, min_col=1, values_only=True)]
        merged = [((m.min_row - 1, m.min_col - 1), (m.max_row - 1, m.max_col - 1)) for m in ws.merged_cells.ranges]
        out.append(RawSheet(ws.title, _grid(rows), merged))
    wb.close()
    return out


def _defused(exc: BaseException | None) -> bool:
    from defusedxml import DefusedXmlException

    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _read_xlrd(path: Path) -> list[RawSheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=False, on_demand=True)
    except Exception as exc:
        raise InventoryFileError(
            _("{path}: cannot read the workbook ({error})").format(path=path.name, error=exc)
        ) from exc
    out = []
    for name in book.sheet_names():
        sh = book.sheet_by_name(name)
        rows = [sh.row_values(i) for i in range(sh.nrows)]
        merged = [((r0, c0), (r1 - 1, c1 - 1)) for r0, r1, c0, c1 in getattr(sh, "merged_cells", [])]
        out.append(RawSheet(name, _grid(rows), merged))
    book.release_resources()
    return out


def detect_encoding(data: bytes) -> str:
    """'utf-8-sig', 'utf-16', 'utf-8' or 'gb18030' (a superset of GBK and GB2312)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        raise InventoryFileError(
            _("the file is neither UTF-8 nor GBK/GB18030 text; save it as CSV UTF-8")
        ) from None


def _read_csv(path: Path) -> RawSheet:
    data = path.read_bytes()
    text = data.decode(detect_encoding(data))
    if text.startswith("\ufeff"):
        text = text[1:]
    head = text[:65536].splitlines()[:64]
    try:
        delimiter = csv.Sniffer().sniff("\n".join(head), delimiters=",;\t").delimiter if head else ","
    except csv.Error:
        delimiter = ","
    width = max((len(r) for r in csv.reader(head, delimiter=delimiter)), default=1)
    try:
        grid = pd.read_csv(
            io.StringIO(text), header=None, names=range(width), dtype=object, keep_default_na=False,
            skip_blank_lines=False, sep=delimiter, engine="c",
        )
    except (pd.errors.ParserError, ValueError):
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))  # ragged: later rows wider
        grid = _grid(rows)
    lines = None
    if '"' in text and len(grid) != len(text.splitlines()):  # a quoted cell spans several lines
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        starts, line = [], 1
        for _row in reader:
            starts.append(line)
            line = reader.line_num + 1
        if len(starts) == len(grid):
            lines = np.asarray(starts, dtype=np.int64)
    return RawSheet(None, grid, stripped=not _padded_cell(text, delimiter), line_numbers=lines)


#: Code points str.strip() removes (str.isspace), except the line breaks that end CSV records.
_WS = np.array(sorted(c for c in range(0x3001) if chr(c).isspace() and chr(c) not in "\r\n"), dtype=np.uint32)


def _padded_cell(text: str, delimiter: str) -> bool:
    """Might a cell start or end with whitespace? Checked on the characters next to delimiters and
    line breaks (and quotes) with numpy, so that clean files skip stripping every cell; a false alarm
    only costs the slower path."""
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if not len(cp):
        return False
    bounds = np.flatnonzero((cp == ord(delimiter)) | (cp == 10) | (cp == 13))
    edges = np.concatenate(([-1], bounds, [len(cp)]))
    quote = ord('"')
    near = []
    for step in (1, -1):
        nxt = edges + step
        nxt = nxt[(nxt >= 0) & (nxt < len(cp))]
        near.append(cp[nxt])
        quoted = nxt[cp[nxt] == quote] + step  # ," x  or  x",
        quoted = quoted[(quoted >= 0) & (quoted < len(cp))]
        near.append(cp[quoted])
    neighbours = np.concatenate(near)
    neighbours = neighbours[(neighbours <= 0x20) | ((neighbours >= 0x85) & (neighbours <= 0x3000))]
    if delimiter.isspace():
        neighbours = neighbours[neighbours != ord(delimiter)]
    return bool(np.isin(neighbours, _WS).any())
