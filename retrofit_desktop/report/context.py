"""What every section builder gets: the typed result (report.result), styles, language, options and
table helpers.

Table cells are built lazily (``Cell``): once the column width is known, text that fits on its lines
becomes a plain table string (not parsed as markup, cheap to lay out), and only text that needs
wrapping becomes an escaped ``Paragraph``. Most cells of a large report fit, which keeps a
several-thousand-item report fast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import InitVar, dataclass, field
from functools import cached_property, lru_cache
from typing import Any, TypeVar

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table

from .fmt import MISSING, as_dict, esc, number
from .options import ReportOptions
from .result import Comparison, ResultView, SummaryView, comparisons_by_item, result_from_payload
from .styles import CELL_PAD, FONT, Styles, grid_style

T = TypeVar("T")
PAGE_MARGIN = 16 * mm
CHUNK_ROWS = 250  # rows per table chunk of a long list (see ReportContext.tables)


@lru_cache(maxsize=1 << 16)
def _width(line: str, size: float) -> float:
    """stringWidth in the report font (a long report repeats most of its cell texts)."""
    return float(stringWidth(line, FONT, size))


@dataclass(frozen=True)
class Cell:
    """Text for a table cell: one or more lines of raw (unescaped) text and the paragraph style name."""

    lines: tuple[str, ...]
    style: str = "cell"


#: A table row cannot be split over pages, so a cell is clipped to fit well inside one page;
#: the full text is always in the embedded retrofit-payload.json.
MAX_CELL_CHARS = 400
MAX_CELL_LINES = 24


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return MISSING
    text = str(value)
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


def _clip_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    if len(lines) <= MAX_CELL_LINES:
        return lines
    return (*lines[: MAX_CELL_LINES - 1], f"… (+{len(lines) - MAX_CELL_LINES + 1})")


MAX_CELL_HEIGHT_LINES = 30


def _fit(lines: tuple[str, ...], room: float, size: float) -> tuple[str, ...]:
    """Clip text so that, wrapped into `room` points, it stays within about 30 lines
    (a full-width CJK character is `size` points wide, so this errs on the safe side)."""
    budget = max(8, int(room / size)) * MAX_CELL_HEIGHT_LINES
    out = []
    for line in lines:
        if budget <= 0:
            break
        out.append(line if len(line) <= budget else line[: max(budget - 1, 1)] + "…")
        budget -= max(len(line), int(room / size))  # a short line still takes a whole line
    return tuple(out)


class InputIndex:
    """The input rows by (sheet, row, asset_tag), and by asset_tag alone where that tag is unique."""

    def __init__(self, inputs: Any) -> None:
        self._inputs = inputs
        n = len(inputs)
        sheets, rows, tags = (
            inputs[c].tolist() if c in inputs.columns else [None] * n for c in ("sheet", "row", "asset_tag")
        )
        self._pos: dict[tuple[Any, ...], int] = {}
        by_tag: dict[Any, list[int]] = {}
        for i, key in enumerate(zip(sheets, rows, tags, strict=True)):
            self._pos[key] = i
            by_tag.setdefault(key[2], []).append(i)
        for tag, found in by_tag.items():
            if tag is not None and len(found) == 1:
                self._pos[("tag", tag)] = found[0]

    def find(self, sheet: Any, row: Any, tag: Any) -> int | None:
        """The position of an item's input row: by sheet, row and tag, else by a unique tag."""
        pos = self._pos.get((sheet, row, tag))
        return pos if pos is not None else self._pos.get(("tag", tag))

    def value(self, pos: int | None, name: str) -> Any:
        if pos is None or name not in self._inputs.columns:
            return None
        return self._inputs[name].iat[pos]


@dataclass
class ReportContext:
    payload: InitVar[Mapping[str, Any] | ResultView]  # the typed result, or a payload to read it from
    lang: str
    options: ReportOptions
    styles: Styles
    report_id: str
    sha256: str | None
    width: float  # usable frame width in points
    _chapter: int = field(default=0)
    result: ResultView = field(init=False)
    _columns: dict[str, list[Any]] = field(default_factory=dict, init=False, repr=False)
    _memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self, payload: Mapping[str, Any] | ResultView) -> None:
        self.result = payload if isinstance(payload, ResultView) else result_from_payload(payload)

    @property
    def header(self) -> dict[str, Any]:
        return self.result.header

    @property
    def items(self) -> Any:
        """The items table (pandas DataFrame, one row per item, values as the payload gives them)."""
        return self.result.items

    @property
    def n_items(self) -> int:
        return len(self.result.items)

    @property
    def summary(self) -> SummaryView:
        return self.result.summary

    @property
    def totals(self) -> dict[str, Any]:
        """The engine's summary figures (kwh, tce, factors, by_product, notes, ...)."""
        return self.result.summary.totals

    @property
    def enterprise(self) -> dict[str, Any]:
        return as_dict(self.header.get("enterprise"))

    @property
    def catalog(self) -> dict[str, Any]:
        return as_dict(self.header.get("catalog"))

    @property
    def assess_options(self) -> dict[str, Any]:
        """The assessment's options (the payload's ``options``)."""
        return as_dict(self.header.get("options"))

    def column(self, name: str) -> list[Any]:
        """An items column as a list (None for every item when the payload has no such field)."""
        found = self._columns.get(name)
        if found is None:
            items = self.result.items
            found = self._columns[name] = (
                items[name].tolist() if name in items.columns else [None] * len(items)
            )
        return found  # shared: callers do not change it

    def numbers(self, name: str) -> list[float | None]:
        """An items column as finite floats (None where a value is missing or not a number)."""
        return [number(v) for v in self.column(name)]

    def memo(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(*args), computed once per report (labels: the same few values on thousands of rows)."""
        key = (fn, *args)
        try:
            found: T = self._memo[key]
            return found
        except KeyError:
            made = self._memo[key] = fn(*args)
            return made
        except TypeError:  # a value that cannot be a key (a list in a hand-made payload)
            return fn(*args)

    def item_extras(self, i: int) -> dict[str, Any]:
        """Fields an older payload gives on item `i` itself, beyond the schema's (e.g. parameters)."""
        extras = self.result.item_extras
        return extras[i] if i < len(extras) else {}

    def input_column(self, name: str) -> list[Any]:
        inputs = self.result.inputs
        return inputs[name].tolist() if name in inputs.columns else [None] * len(inputs)

    @cached_property
    def comparisons(self) -> list[list[Comparison]]:
        """Each item's comparisons (from the long table)."""
        return comparisons_by_item(self.result.comparisons, self.n_items)

    @cached_property
    def input_index(self) -> InputIndex:
        return InputIndex(self.result.inputs)

    @cached_property
    def input_positions(self) -> list[int | None]:
        """Each item's row in the inputs: by (sheet, row, asset_tag), else by a unique asset_tag."""
        find = self.input_index.find
        keys = zip(self.column("sheet"), self.column("row"), self.column("asset_tag"), strict=True)
        return [find(*key) for key in keys]

    def chapter(self, title: str) -> Paragraph:
        """A numbered chapter heading; numbers follow the chapters actually present."""
        self._chapter += 1
        return Paragraph(f"{self._chapter}&nbsp;&nbsp;{esc(title)}", self.styles.h1)

    def heading(self, title: str) -> Paragraph:
        return Paragraph(esc(title), self.styles.h1)

    def p(self, text: str, style: str = "body") -> Paragraph:
        """A paragraph of plain text (escaped here)."""
        return Paragraph(esc(text), getattr(self.styles, style))

    def cell(self, value: Any, style: str = "cell") -> Cell:
        return Cell((_text(value),), style)

    def num(self, text: Any) -> Cell:
        """A right-aligned figure (already formatted); shrunk rather than wrapped when too wide."""
        return Cell((_text(text),), "num")

    def lines(self, values: Sequence[Any], style: str = "cell") -> Cell:
        """Several values in one cell, one per line."""
        return Cell(_clip_lines(tuple(_text(v) for v in values)) or (MISSING,), style)

    def materialise(self, value: Any, width: float) -> Any:
        """A Cell as a plain string when every line fits `width`, else as an escaped Paragraph."""
        if not isinstance(value, Cell):
            return value
        style = getattr(self.styles, value.style)
        room = width - 2 * CELL_PAD - 0.5
        widest = max(_width(line, style.fontSize) for line in value.lines)
        if widest <= room:
            return "\n".join(value.lines)
        if value.style == "num":  # a number never wraps: it gets a smaller font instead
            size = max(4.5, style.fontSize * room / widest)
            small = ParagraphStyle("num_small", parent=style, fontSize=size, leading=size * 1.25)
            return Paragraph("<br/>".join(esc(line) for line in value.lines), small)
        return Paragraph("<br/>".join(esc(line) for line in _fit(value.lines, room, style.fontSize)), style)

    def grid(self, rows: Sequence[Sequence[Any]], col_widths: Sequence[float], **kw: Any) -> Table:
        """A Table whose cells are materialised for their column widths; a plain ``str`` is a figure
        (shrunk, never wrapped, when it does not fit)."""
        data = [
            [
                self.materialise(Cell((v,), "num") if isinstance(v, str) and v else v, col_widths[c])
                for c, v in enumerate(row)
            ]
            for row in rows
        ]
        return Table(data, colWidths=list(col_widths), **kw)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        fractions: Sequence[float],
        total_row: bool = False,
        extra_style: list[Any] | None = None,
        width: float | None = None,
    ) -> Table:
        """A grid (full width unless `width`) whose header repeats on every page; widths as fractions."""
        scale = (width or self.width) / sum(fractions)
        widths = [f * scale for f in fractions]
        head = [self.cell(h, "cell_head") for h in header]
        t = self.grid([head, *rows], widths, repeatRows=1, hAlign="LEFT")
        t.setStyle(grid_style(1, total_row, extra_style))
        return t

    def tables(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        fractions: Sequence[float],
        total_row: bool = False,
        extra_style: list[Any] | None = None,
    ) -> list[Table]:
        """Like ``table`` for a long list: consecutive tables of at most CHUNK_ROWS rows, each with the
        header.

        reportlab re-measures all remaining rows at every page break, so one table of n rows costs
        O(n²); chunks keep a several-thousand-item report linear. Style commands for a single row
        (e.g. a tier colour) follow their row into its chunk; range commands apply to every chunk.
        """
        if len(rows) <= CHUNK_ROWS:
            return [self.table(header, rows, fractions, total_row, extra_style)]
        single: dict[int, list[Any]] = {}
        ranges = []
        for cmd in extra_style or []:
            r0, r1 = cmd[1][1], cmd[2][1]
            if r0 == r1 and r0 >= 1:
                single.setdefault(r0 - 1, []).append(cmd)
            else:
                ranges.append(cmd)
        out = []
        for start in range(0, len(rows), CHUNK_ROWS):
            chunk = rows[start : start + CHUNK_ROWS]
            style = list(ranges)
            for i in range(start, start + len(chunk)):
                for cmd in single.get(i, ()):
                    r = i - start + 1
                    style.append((cmd[0], (cmd[1][0], r), (cmd[2][0], r), *cmd[3:]))
            last = start + CHUNK_ROWS >= len(rows)
            out.append(self.table(header, chunk, fractions, total_row and last, style))
        return out

    def key_values(
        self, pairs: Sequence[tuple[str, Any]], columns: int = 1, key_frac: float = 0.32
    ) -> Flowable:
        """A two-column (or 2×`columns`) table of label / value pairs."""
        rows: list[list[Any]] = []
        for i in range(0, len(pairs), columns):
            row: list[Any] = []
            for label, value in pairs[i : i + columns]:
                row += [
                    self.cell(label, "cell_head"),
                    value if isinstance(value, Flowable | Cell) else self.cell(value),
                ]
            row += [""] * (2 * columns - len(row))
            rows.append(row)
        kw, vw = key_frac / columns, (1 - key_frac) / columns
        t = self.grid(rows, [self.width * f for f in [kw, vw] * columns], hAlign="LEFT")
        style = grid_style(0)
        for c in range(0, 2 * columns, 2):
            style.add("BACKGROUND", (c, 0), (c, -1), "#e8eef4")
        t.setStyle(style)
        return t
