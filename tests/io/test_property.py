"""Property: whatever the table, import does not crash and every row is accounted for."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrofit_desktop.io import read_sheets
from retrofit_desktop.io.fields import load_schema
from retrofit_desktop.io.mapping import find_header, resolve_columns
from retrofit_desktop.io.readers import RawSheet, _read_csv

HEADERS = [
    "asset_tag",
    "设备编号",
    "name",
    "设备名称",
    "product",
    "产品类别",
    "rated_power_kw",
    "额定功率(kW)",
    "功率（千瓦）",
    "poles",
    "极数",
    "efficiency_pct",
    "效率(%)",
    "annual_hours",
    "年运行小时",
    "load_factor",
    "负载率",
    "year_installed",
    "投运年份",
    "quantity",
    "数量",
    "备注",
    "巡检人",
    "",
    "额定容量(kVA)",
    "空载损耗(W)",
    "排气压力",
    "比功率",
    "额定功率(t/h)",
    "xyz",
]
CELL_TEXT = st.sampled_from(
    [
        "",
        " ",
        "motor",
        "三相异步电动机",
        "transformer",
        "widget",
        "55",
        "55 kW",
        "75 hp",
        "2 T/h",
        "0.8 MPa(a)",
        "10 Nm3/min",
        "95%",
        "abc",
        "-1",
        "0",
        "1e309",
        "nan",
        "4极",
        "3",
        "2015年",
        "=1+1",
        "M-1",
        "M-2",
        "1,250",
        "0,8",
        "１２",
        "∞",
        "1..2",
        "None",
        "-",
        "喷油螺杆",
        "\t",
        "'",
        '"',
        ";",
    ]
)
CELL = st.one_of(
    CELL_TEXT,
    st.floats(allow_nan=True, allow_infinity=True, width=32),
    st.integers(-(10**6), 10**6),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00"), max_size=8
    ),
)
PY_CELL = st.one_of(CELL, st.booleans(), st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)))


def check(result, data_rows: set[tuple]) -> None:
    """data_rows: (sheet, row) of every non-blank line below the header: each must be imported or
    rejected, none silently lost."""
    rejected_rows = {(r.sheet, r.row) for r in result.rejected}
    kept_rows = set(zip(result.items["sheet"].tolist(), result.items["row"].tolist(), strict=True))
    assert result.read == result.imported + result.rejected_rows
    assert len(kept_rows) == result.imported == len(result.items)
    assert not kept_rows & rejected_rows
    assert kept_rows | rejected_rows == data_rows
    for r in [*result.rejected, *result.warnings]:
        assert r.reason and isinstance(r.row, int)


def nonblank(rows: list[list], first: int) -> set[int]:
    return {i + 1 for i, row in enumerate(rows) if i >= first and any(_filled(c) for c in row)}


def _filled(c) -> bool:
    return c is not None and not (isinstance(c, float) and c != c) and str(c).strip() != ""


def body_start(grid: pd.DataFrame) -> int | None:
    """Index of the first row below the header, or None when the sheet has no recognised column."""
    schema = load_schema()
    top, lines, cells = find_header(schema, grid)
    if not any(c.field for c in resolve_columns(schema, cells)):
        return None
    return top + lines


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    body=st.lists(st.lists(CELL, min_size=0, max_size=9), max_size=12),
)
def test_random_csv_tables(tmp_path_factory, header, body):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in body:
        w.writerow(row)
    path = tmp_path_factory.mktemp("p") / "t.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    sheet = _read_csv(path)
    result = read_sheets([sheet])
    lines = [list(r) for r in csv.reader(io.StringIO(buf.getvalue()))]
    start = body_start(sheet.grid)
    check(result, set() if start is None else {(None, r) for r in nonblank(lines, start)})


@settings(max_examples=80, deadline=None)
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    body=st.lists(st.lists(PY_CELL, min_size=1, max_size=8), max_size=12),
    name=st.sampled_from(["电动机", "Sheet1", "mixed", "空压机", "说明"]),
)
def test_random_sheets_with_python_cells(header, body, name):
    width = max([len(header), *map(len, body)])
    rows = [header + [""] * (width - len(header))] + [r + [""] * (width - len(r)) for r in body]
    grid = pd.DataFrame(rows, columns=range(width), dtype=object)
    result = read_sheets([RawSheet(name, grid), RawSheet(name + "2", grid.copy())])
    sheets = (name, name + "2")
    if name == "说明":  # a README sheet is never data
        assert result.skipped_sheets[0] == "说明"
        sheets = (name + "2",)
    start = body_start(grid)
    check(result, set() if start is None else {(s, r) for s in sheets for r in nonblank(rows, start)})
