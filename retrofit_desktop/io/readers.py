"""Read the raw cells of a spreadsheet: every sheet as a grid starting at A1 (so a grid index + 1 is
the row number the user sees), with merged ranges where the reader knows them.

.xlsx: python-calamine, falling back to openpyxl (which parses XML through defusedxml);
.xls: xlrd; .csv: pandas, encoding detected (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GBK/GB18030).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..i18n import _
from .safety import InventoryFileError, check_archive

if TYPE_CHECKING:  # openpyxl ships no type hints; imported when a workbook is read
    from openpyxl import Workbook

__all__ = ["RawSheet", "read_raw", "detect_encoding"]


@dataclass
class RawSheet:
    name: str | None  # None for CSV
    grid: pd.DataFrame  # object cells, '' or NaN for empty; index 0 = spreadsheet row 1 / CSV line 1
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)  # 0-based
    stripped: bool = False  # the reader knows that no cell has leading or trailing whitespace
    #: CSV only, when quoted cells span lines: the line number each grid row starts on
    line_numbers: np.ndarray | None = None
    all_text: bool = False  # every cell is a str ('' when empty): CSV


_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_raw(path: str | os.PathLike[str]) -> list[RawSheet]:
    """Every sheet of the file. The content decides the reader when the extension lies (an .xls
    that is really .xlsx, or a CSV text saved as .xls by an ERP export)."""
    path = Path(path)
    if not path.is_file():
        raise InventoryFileError(_("{path}: file not found").format(path=path))
    suffix = path.suffix.lower()
    if suffix not in {".xlsx", ".xlsm", ".xls", ".csv", ".txt"}:
        raise InventoryFileError(
            _("{path}: unsupported file type {suffix}; use .xlsx, .xls or .csv").format(
                path=path, suffix=suffix
            )
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
            _(
                "{path}: the file is a web page or XML, not a workbook; open it in Excel or WPS and save it "
                "as .xlsx"
            ).format(path=path.name)
        )
    if suffix in {".csv", ".txt", ".xls"}:
        return [_read_csv(path)]
    raise InventoryFileError(
        _("{path}: not a valid .xlsx workbook ({error})").format(path=path.name, error="no zip signature")
    )


def _grid(rows: list[list[Any]]) -> pd.DataFrame:
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
                merged = [
                    ((int(a[0]), int(a[1])), (int(b[0]), int(b[1]))) for a, b in (ws.merged_cell_ranges or [])
                ]
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


def _openpyxl_sheets(wb: Workbook) -> list[RawSheet]:
    out = []
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(min_row=1, min_col=1, values_only=True)]
        merged = [
            ((m.min_row - 1, m.min_col - 1), (m.max_row - 1, m.max_col - 1)) for m in ws.merged_cells.ranges
        ]
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


_BOM = b"\xef\xbb\xbf"
_HEAD_CHARS = 65536  # the delimiter and the width are taken from the first 64 lines of this much text


def _read_csv(path: Path) -> RawSheet:
    data = path.read_bytes()
    sheet = _read_utf8_csv(data)
    return sheet if sheet is not None else _read_any_csv(data)


def _read_any_csv(data: bytes) -> RawSheet:
    """Any supported encoding, quoted cells spanning lines, ragged rows."""
    text = data.decode(detect_encoding(data))
    if text.startswith("\ufeff"):
        text = text[1:]
    delimiter, width = _dialect(text[:_HEAD_CHARS])
    try:
        grid = pd.read_csv(
            io.StringIO(text),
            header=None,
            names=range(width),
            dtype=object,
            keep_default_na=False,
            skip_blank_lines=False,
            sep=delimiter,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError):
        rows = list(
            csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        )  # ragged: later rows wider
        grid = _grid(rows)
    lines = None
    if '"' in text and len(grid) != len(text.splitlines()):  # a quoted cell spans several lines
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        starts, line = [], 1
        for _row in reader:
            starts.append(line)
            line = reader.line_num + 1
        if len(starts) == len(grid):
            lines = np.asarray(starts, dtype=np.int64)
    return RawSheet(None, grid, stripped=not _padded_cell(text, delimiter), line_numbers=lines, all_text=True)


def _dialect(head_text: str) -> tuple[str, int]:
    """The delimiter (sniffed among , ; tab) and the number of columns of the first 64 lines.

    Lines end where the CSV readers end a record (\n, \r, \r\n), not at every break str.splitlines
    knows: a \x1c or U+2028 inside a header cell otherwise cut the header in two, the width came
    out too small and pandas turned the extra leading columns into the index."""
    head = [line.rstrip("\r\n") for line in itertools.islice(io.StringIO(head_text, newline=""), 64)]
    try:
        delimiter = csv.Sniffer().sniff("\n".join(head), delimiters=",;\t").delimiter if head else ","
    except csv.Error:
        delimiter = ","
    return delimiter, max((len(r) for r in csv.reader(head, delimiter=delimiter)), default=1)


def _read_utf8_csv(data: bytes) -> RawSheet | None:
    """The common case read without decoding the whole file in Python: UTF-8 (with or without BOM),
    no quoted cell spanning lines. pandas decodes every cell strictly, so a file that is not UTF-8
    raises and goes, like a ragged file or one with multi-line cells, to the general path (None).
    Same cells, same whitespace verdict as that path."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    skip = 3 if data.startswith(_BOM) else 0
    skip += 3 if data.startswith(_BOM, skip) else 0  # the general path strips a second BOM too
    body = memoryview(data)[skip:]  # no copy of the file
    limit = 4 * _HEAD_CHARS + 4  # UTF-8 takes at most 4 bytes a character
    try:
        head = codecs.getincrementaldecoder("utf-8")().decode(body[:limit], final=len(body) <= limit)
    except UnicodeDecodeError:
        return None
    delimiter, width = _dialect(head[:_HEAD_CHARS])
    source = io.BytesIO(data)  # shares the bytes; reading starts after the BOM
    source.seek(skip)
    try:
        grid = pd.read_csv(
            source,
            encoding="utf-8",
            header=None,
            names=range(width),
            dtype=object,
            keep_default_na=False,
            skip_blank_lines=False,
            sep=delimiter,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError):  # UnicodeDecodeError is a ValueError
        return None
    if data.find(b'"', skip) >= 0 and len(grid) != _count_lines(body):  # a quoted cell spans lines
        return None
    return RawSheet(None, grid, stripped=not _padded_utf8(body, delimiter), all_text=True)


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


_U8 = np.uint8


def _padded_utf8(body: bytes | memoryview, delimiter: str) -> bool:
    """_padded_cell on UTF-8 bytes: is a whitespace character (as str.isspace, except line breaks and
    a whitespace delimiter) next to a delimiter, a line break or either end of the text, directly or
    across a quote? Whitespace is found first (rarer than delimiters), then its neighbours."""
    u = np.frombuffer(body, dtype=_U8)
    n = len(u)
    if not n:
        return False
    low = np.flatnonzero(u <= 0x20)
    c = u[low]
    ascii_ws = (c == 9) | (c == 11) | (c == 12) | (c >= 28)
    if delimiter.isspace():
        ascii_ws &= c != ord(delimiter)
    low = low[ascii_ws]
    # Multi-byte whitespace: U+0085, U+00A0 (C2 85, C2 A0); U+1680 (E1 9A 80); U+2000-U+200A,
    # U+2028, U+2029, U+202F (E2 80 xx); U+205F (E2 81 9F); U+3000 (E3 80 80).
    lead = np.flatnonzero((u - _U8(0xC2)) <= 0xE3 - 0xC2)  # C2..E3 in one pass (then the exact bytes)
    b0, b1, b2 = u[lead], _byte_at(u, lead + 1), _byte_at(u, lead + 2)
    two = (b0 == 0xC2) & ((b1 == 0x85) | (b1 == 0xA0))
    three = (
        ((b0 == 0xE1) & (b1 == 0x9A) & (b2 == 0x80))
        | ((b0 == 0xE2) & (b1 == 0x80) & ((b2 <= 0x8A) | (b2 == 0xA8) | (b2 == 0xA9) | (b2 == 0xAF)))
        | ((b0 == 0xE2) & (b1 == 0x81) & (b2 == 0x9F))
        | ((b0 == 0xE3) & (b1 == 0x80) & (b2 == 0x80))
    )
    first = np.concatenate((low, lead[two], lead[three]))  # first byte of each whitespace character
    last = np.concatenate((low, lead[two] + 1, lead[three] + 2))  # its last byte
    if not len(first):
        return False
    # Delimiters, quotes and line breaks are ASCII: the byte before a character's first byte (after
    # its last byte) is the previous (next) character when it is one of them.
    edges, quote = (ord(delimiter), 10, 13), ord('"')
    before, after = first - 1, last + 1
    if (before < 0).any() or (after >= n).any():
        return True
    prev, nxt = u[before], u[after]
    if np.isin(prev, edges).any() or np.isin(nxt, edges).any():
        return True
    beyond_before = before[prev == quote] - 1  # ,"  x  : whitespace at the start of a quoted cell
    beyond_after = after[nxt == quote] + 1  # x  ",
    if (beyond_before < 0).any() or (beyond_after >= n).any():
        return True
    return bool(np.isin(u[beyond_before], edges).any() or np.isin(u[beyond_after], edges).any())


def _byte_at(u: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """u[pos], 0 past the end (no padded copy of the whole text)."""
    out: np.ndarray = u[np.minimum(pos, len(u) - 1)]
    out[pos >= len(u)] = 0
    return out


def _count_lines(body: bytes | memoryview) -> int:
    """len(body.decode().splitlines()) without decoding: every line boundary str.splitlines knows
    (\n, \r, \r\n, \v, \f, \x1c-\x1e, U+0085, U+2028, U+2029), no empty piece after the last."""
    u = np.frombuffer(body, dtype=_U8)
    if not len(u):
        return 0
    pos = np.flatnonzero(((u - _U8(10)) <= 3) | ((u - _U8(0x1C)) <= 2))  # \n \v \f \r, \x1c-\x1e
    breaks = int(((u[pos] != 13) | (_byte_at(u, pos + 1) != 10)).sum())  # \r\n is one boundary
    lead = np.flatnonzero((u == 0xC2) | (u == 0xE2))
    b0, b1, b2 = u[lead], _byte_at(u, lead + 1), _byte_at(u, lead + 2)
    breaks += int(
        ((b0 == 0xC2) & (b1 == 0x85)).sum()
        + ((b0 == 0xE2) & (b1 == 0x80) & ((b2 == 0xA8) | (b2 == 0xA9))).sum()
    )
    last = int(u[-1])
    tail = bytes(u[-3:])
    ends = (
        10 <= last <= 13
        or 0x1C <= last <= 0x1E
        or tail.endswith((b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9"))
    )
    return breaks + (0 if ends else 1)
