"""A header cell holding a character that str.splitlines treats as a line break (\\x1c-\\x1e, \\x85,
U+2028, U+2029, \\v, \\f) with data rows narrower than the header: the CSV readers end records only at
\\n, \\r and \\r\\n, so the file has one header line. The width used to be taken from splitlines, came
out too small, and pandas turned the leading columns into the index: an IndexError on import."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrofit_desktop.io import read_inventory
from retrofit_desktop.io.readers import read_raw

BREAKS = ["\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\x0b", "\x0c"]
HEADER = ["asset_tag", "name", "product", "model", "rated_power_kw", "poles", "efficiency_pct"]


def _write(path, header_cells, rows, encoding):
    text = ",".join(header_cells) + "\r\n" + "".join(",".join(r) + "\r\n" for r in rows)
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "gb18030"])  # the fast path and the general one
@pytest.mark.parametrize("ch", BREAKS, ids=[f"U+{ord(c):04X}" for c in BREAKS])
def test_break_character_in_header_with_narrow_rows_imports(tmp_path, ch, encoding):
    header = [*HEADER[:2], HEADER[2] + ch, *HEADER[3:]]  # 'product\x1c': the third of seven cells
    rows = [["M1", "电机一", "motor"], ["M2", "电机二", "motor", "YE3", "11"]]
    path = _write(tmp_path / "ledger.csv", header, rows, encoding)

    grid = read_raw(path)[0].grid
    assert grid.shape == (3, 7)  # one header line of seven cells, two data lines
    assert list(grid.index) == [0, 1, 2]  # a plain row index, no cell turned into the index
    assert grid.iloc[0, 2] == HEADER[2] + ch and grid.iloc[2, 4] == "11"

    result = read_inventory(path)  # the header cell is 'product' once stripped (the break is whitespace)
    assert (result.read, result.imported) == (2, 2)
    items = result.items
    assert items["asset_tag"].tolist() == ["M1", "M2"]
    assert items["product"].tolist() == ["motor", "motor"]
    assert items["row"].tolist() == [2, 3]  # CSV line numbers, header included
    assert items["rated_power_kw"].tolist()[1] == 11.0


@settings(deadline=None, max_examples=40)
@given(
    ch=st.sampled_from(BREAKS),
    cell=st.integers(min_value=0, max_value=len(HEADER) - 1),
    at=st.integers(min_value=0, max_value=9),
    widths=st.lists(st.integers(min_value=1, max_value=len(HEADER)), min_size=1, max_size=6),
)
def test_raw_grid_keeps_every_header_cell_and_row(tmp_path_factory, ch, cell, at, widths):
    header = list(HEADER)
    word = header[cell]
    header[cell] = word[: min(at, len(word))] + ch + word[min(at, len(word)) :]
    rows = [[f"r{i}c{j}" for j in range(w)] for i, w in enumerate(widths)]
    path = _write(tmp_path_factory.mktemp("csv") / "f.csv", header, rows, "utf-8")
    grid = read_raw(path)[0].grid
    assert grid.shape == (1 + len(rows), len(HEADER))
    assert grid.iloc[0].tolist() == header
    for i, row in enumerate(rows, start=1):
        assert grid.iloc[i].tolist() == row + [""] * (len(HEADER) - len(row))
