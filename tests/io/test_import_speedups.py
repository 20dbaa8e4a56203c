"""The import's fast paths give exactly what the general paths give (bench/bench_import.py measures
the speed): the UTF-8 CSV reader, the byte-level whitespace check, the alias-in-header search,
parsing each distinct cell text once."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from retrofit_desktop.io.cells import Col, to_int, to_number, to_year
from retrofit_desktop.io.fields import load_schema
from retrofit_desktop.io.inventory import _join_notes, _labelled
from retrofit_desktop.io.mapping import _candidates
from retrofit_desktop.io.readers import (
    _count_lines,
    _padded_cell,
    _padded_utf8,
    _read_any_csv,
    _read_utf8_csv,
)

#: every character str.isspace() calls whitespace, line breaks included, and CJK/ASCII look-alikes
SPACES = [c for c in map(chr, range(0x3001)) if c.isspace()]
TEXT_CHARS = st.sampled_from(
    [
        *SPACES,
        "a",
        "5",
        ".",
        "电",
        "机",
        "、",
        "。",
        "\u3001",
        "\u2030",
        "\u00c2",
        "\u00e2",
        "\u200b",
        "\ufeff",
        ",",
        ";",
        "\t",
        "-",
        '"',
    ]
)


@settings(max_examples=300, deadline=None)
@given(text=st.text(TEXT_CHARS, max_size=40), delimiter=st.sampled_from([",", ";", "\t"]))
def test_whitespace_check_on_utf8_bytes_matches_the_code_point_check(text, delimiter):
    assert _padded_utf8(text.encode("utf-8"), delimiter) == _padded_cell(text, delimiter)


CELL = st.one_of(
    st.sampled_from(
        ["", " ", "55", " 55 ", "75 hp", "电机", "\u3000", "M-1", "\xa0x", "1e309", "nan", "NA", "x\t"]
    ),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters='\r\n\x00"'), max_size=6),
)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.lists(CELL, min_size=1, max_size=6), min_size=1, max_size=10),
    delimiter=st.sampled_from([",", ";", "\t"]),
    bom=st.booleans(),
)
def test_utf8_csv_reader_gives_the_general_readers_cells(rows, delimiter, bom):
    text = "\n".join(delimiter.join(row) for row in rows) + "\n"  # a cell holding the delimiter: ragged
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    general = _read_any_csv(data)
    fast = _read_utf8_csv(data)
    if fast is None:  # ragged rows: only the general reader handles them
        return
    pd.testing.assert_frame_equal(fast.grid, general.grid)
    assert (fast.stripped, fast.line_numbers) == (general.stripped, general.line_numbers)


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        TEXT_CHARS | st.sampled_from(["\n", "\r", "\r\n", "\x0b", "\x1c", "\x85", "\u2028"]), max_size=30
    ).map("".join)
)
def test_line_count_on_utf8_bytes_matches_splitlines(text):
    assert _count_lines(text.encode("utf-8")) == len(text.splitlines())


QUOTED_CELL = st.one_of(
    CELL, st.sampled_from(["a,b", '"x"', ' "q" ', "a;b", "tab\tx", "第一行\n第二行", "cr\rx", '\u3000"'])
)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.lists(QUOTED_CELL, min_size=1, max_size=6), min_size=1, max_size=10),
    delimiter=st.sampled_from([",", ";", "\t"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
)
def test_quoted_csv_gives_the_general_readers_cells_and_line_numbers(rows, delimiter, quoting):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n", quoting=quoting).writerows(rows)
    data = buf.getvalue().encode("utf-8")
    general = _read_any_csv(data)
    fast = _read_utf8_csv(data)
    if fast is None:  # ragged, or a cell spanning lines: the general reader numbers the lines
        return
    pd.testing.assert_frame_equal(fast.grid, general.grid)
    assert (fast.stripped, fast.line_numbers) == (general.stripped, general.line_numbers)


def test_multi_line_cells_and_other_encodings_go_to_the_general_reader():
    assert _read_utf8_csv('编号,名称\n"M\n1",x\n'.encode()) is None
    assert _read_utf8_csv('编号,名称\n"M,1",x\n'.encode()).grid.to_numpy().tolist() == [
        ["编号", "名称"],
        ["M,1", "x"],
    ]
    assert _read_utf8_csv("编号,名称\nM-1,电机\n".encode("gb18030")) is None
    assert _read_utf8_csv("编号,名称\nM-1,电机\n".encode("utf-16")) is None
    sheet = _read_utf8_csv("编号,名称\nM-1,电机\n".encode())
    assert sheet.grid.to_numpy().tolist() == [["编号", "名称"], ["M-1", "电机"]]


def test_alias_search_finds_the_longest_contained_alias_first_in_order():
    schema = load_schema()
    longs = [k for k in schema.aliases if len(k) >= 3]

    def scan(key: str) -> list[str]:  # the rule as docs/import.md states it, by brute force
        best = [k for k in longs if k in key]
        return list(schema.aliases[max(best, key=len)]) if best else []

    keys = [
        "电机额定功率",
        "额定功率kw",
        "设备编号x",
        "abc",
        "x",
        "",
        "所在车间名",
        "巡检人",
        *(("a" + k + "b")[:16] for k in longs),
        *(k[1:] for k in longs),
    ]
    for key in keys:
        if key and key not in schema.aliases and len(key) <= 16:
            assert _candidates(schema, key, None) == scan(key), key


NUMBER_TEXT = st.sampled_from(
    [
        "55",
        "55.0",
        " 7.5",
        "0.75 ",
        "75 hp",
        "95%",
        "abc",
        "",
        "nan",
        "-",
        "1e309",
        "-1e309",
        "1,250",
        "２２",
        "+3",
        "0x10",
        "1_000",
        "2015",
        "2015年",
        "4.5",
        "9000",
    ]
)


@settings(max_examples=120, deadline=None)
@given(cells=st.lists(NUMBER_TEXT, max_size=30))
def test_parsing_each_distinct_text_once_matches_parsing_each_cell(cells):
    f = load_schema().by_name["rated_power_kw"]
    col = Col(pd.Series(cells, dtype=object), stripped=False)
    whole = to_number(col, f, "kW")
    for conv in (to_year, to_int):
        every = conv(Col(pd.Series(cells, dtype=object)))
        alone = [conv(Col(pd.Series([c], dtype=object))) for c in cells]
        assert every.values.tolist() == [a.values.iat[0] for a in alone]
        assert every.bad.tolist() == [bool(a.bad[0]) for a in alone]
        assert every.reasons == {i: a.reasons[0] for i, a in enumerate(alone) if a.reasons}
    for i, c in enumerate(cells):
        one = to_number(Col(pd.Series([c], dtype=object), stripped=False), f, "kW")
        assert np.array_equal(whole.values.iloc[[i]].to_numpy(), one.values.to_numpy(), equal_nan=True), c
        assert bool(whole.bad[i]) == bool(one.bad[0])
        assert whole.reasons.get(i) == one.reasons.get(0)


def test_text_columns_without_missing_cells_keep_blank_and_kind():
    for cells in (["a", "", " b"], ["", ""], ["x"], ["a", np.nan, ""], [np.nan, ""]):
        arr = np.array(cells, dtype=object)
        na = pd.isna(arr) | (arr == "")
        col = Col(pd.Series(cells, dtype=object))
        assert col.kind == pd.api.types.infer_dtype(np.where(na, None, arr), skipna=True)
        assert col.blank.tolist() == [(not isinstance(c, str)) or c.strip() == "" for c in cells]


#: to_text gives NaN, never "", for a blank cell
NOTE = st.one_of(st.none(), st.sampled_from(["张三", "a; b", "铭牌模糊", "x"]))


@settings(max_examples=100, deadline=None)
@given(
    own=st.lists(NOTE, min_size=3, max_size=3),
    parts=st.lists(st.lists(NOTE, min_size=3, max_size=3), max_size=3),
    has_own=st.booleans(),
)
def test_notes_join_the_ledgers_own_then_each_labelled_column(own, parts, has_own):
    def series(cells):
        return pd.Series([np.nan if c is None else c for c in cells], dtype="str")

    labelled = [_labelled(f"h{i}", series(p)) for i, p in enumerate(parts)]
    got = _join_notes(series(own) if has_own else None, labelled, 3)
    for row in range(3):  # the rule, row by row: filled pieces in order, 'header: value', '; ' between
        pieces = [own[row]] if has_own and own[row] is not None else []
        pieces += [f"h{i}: {p[row]}" for i, p in enumerate(parts) if p[row] is not None]
        assert (got.iat[row] if pd.notna(got.iat[row]) else None) == ("; ".join(pieces) or None)
    assert got.dtype == pd.StringDtype(na_value=np.nan)


def test_a_bare_carriage_return_in_a_quoted_cell_does_not_crash_the_general_reader():
    # found by hypothesis: csv.reader over a StringIO without newline="" raised
    # "_csv.Error: new-line character seen in unquoted field"
    data = '"第一行\n第二行"\r\n"\u3000""";"cr\rx"\r\n'.encode()
    sheet = _read_any_csv(data)
    assert sheet.grid.iloc[0, 0] == "第一行\n第二行"


def test_no_column_alias_is_a_plain_number():
    """find_header skips plain-number cells when scoring rows; that is only right while no alias is one."""
    from retrofit_desktop.io.fields import load_schema
    from retrofit_desktop.io.mapping import _PLAIN_NUMBER

    schema = load_schema(None)
    assert len(schema.aliases) > 100
    assert not [a for a in schema.aliases if _PLAIN_NUMBER.fullmatch(a)]
