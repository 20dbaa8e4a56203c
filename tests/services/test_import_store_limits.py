"""What the database cannot store is a rejected cell of its row, on every back end (issue 10, B6).

PostgreSQL refused a site name over 200 characters or an asset tag over 100 with a traceback, or
refused the whole file without naming the row; SQLite stored them silently. The limits come from
the ORM models, so the expectations below are read from the models too.
"""

from __future__ import annotations

import pytest

from retrofit_desktop import services
from retrofit_desktop.i18n import use_language
from retrofit_desktop.store import StoreError
from retrofit_desktop.store.limits import INT32, column_limits
from retrofit_desktop.store.models import Equipment, Site

SITE_MAX = Site.__table__.c.name.type.length
TAG_MAX = Equipment.__table__.c.asset_tag.type.length
NAME_MAX = Equipment.__table__.c.name.type.length


def test_the_limits_are_the_models_lengths_and_ranges():
    lim = column_limits()
    assert (lim["site"].max_length, lim["asset_tag"].max_length, lim["product"].max_length) == (200, 100, 64)
    assert lim["asset_tag"].required and not lim["site"].required and not lim["quantity"].required
    assert lim["year_installed"].int_range == INT32 == (-(2**31), 2**31 - 1)
    assert lim["annual_hours"].finite and lim["notes"].max_length is None


def _ledger(tmp_path):
    long_site = "车" * (SITE_MAX + 1)
    long_tag = "T" * (TAG_MAX + 1)
    lines = [
        "设备编号,设备名称,产品,所在车间,额定功率(kW),极数,效率(%)",
        "M-1,好电机,motor,一车间,11,4,90",  # line 2
        f"M-2,车间名太长,motor,{long_site},11,4,90",  # line 3
        f"{long_tag},编号太长,motor,一车间,11,4,90",  # line 4
        f"M-4,{'名' * (NAME_MAX + 1)},motor,一车间,11,4,90",  # line 5
        f"M-5,刚好{SITE_MAX}字,motor,{'边' * SITE_MAX},11,4,90",  # line 6: exactly at the limit is fine
    ]
    path = tmp_path / "长字段.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_over_long_cells_are_rejected_rows_named_by_row_and_column(ws, tmp_path):
    path = _ledger(tmp_path)
    with use_language("en"):
        eid, rep = services.import_file_as(ws, path, "长字段企业")
    assert (rep.read, rep.imported, rep.rejected_rows) == (5, 2, 3)
    got = {(r.row, r.column): r for r in rep.rejected}
    assert set(got) == {(3, "所在车间"), (4, "设备编号"), (5, "设备名称")}
    assert got[(3, "所在车间")].reason == "longer than 200 characters"
    assert got[(4, "设备编号")].reason == "longer than 100 characters"
    assert got[(5, "设备名称")].reason == "longer than 200 characters"
    shown = got[(3, "所在车间")].value
    assert shown.startswith("车" * 40 + "…") and "201" in shown and len(shown) < 80
    frame = services.load_items(ws, eid)
    assert sorted(frame["asset_tag"]) == ["M-1", "M-5"]
    assert set(frame["site"]) == {"一车间", "边" * SITE_MAX}
    [record] = services.import_history(ws, eid)
    assert (record.read, record.imported, record.rejected) == (5, 2, 3)
    assert [(c["row"], c["column"]) for c in record.rejected_cells] == [
        (3, "所在车间"),
        (4, "设备编号"),
        (5, "设备名称"),
    ]


def test_the_reason_is_in_chinese_in_the_chinese_edition(ws, tmp_path):
    _eid, rep = services.import_file_as(ws, _ledger(tmp_path), "中文原因")
    assert {r.reason for r in rep.rejected} == {"超过 200 个字符", "超过 100 个字符"}


def test_the_import_preview_shows_the_same_rejections(tmp_path):
    result = services.preview_file(_ledger(tmp_path))
    assert sorted((r.row, r.column) for r in result.rejected) == [
        (3, "所在车间"),
        (4, "设备编号"),
        (5, "设备名称"),
    ]
    assert result.imported == 2 and len(result.items) == 2


def test_a_whole_number_outside_the_integer_range_is_a_rejected_cell(ws, tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("设备编号,产品,数量,额定功率(kW),极数,效率(%)\nA,motor,1,11,4,90\nB,motor,3000000000,11,4,90\n",
                    encoding="utf-8")  # fmt: skip
    with use_language("en"):
        eid, rep = services.import_file_as(ws, path, "大数企业")
    assert rep.imported == 1 and [(r.row, r.column) for r in rep.rejected] == [(3, "数量")]
    assert "2147483647" in rep.rejected[0].reason
    assert list(services.load_items(ws, eid)["asset_tag"]) == ["A"]


def test_the_store_itself_names_the_row_of_a_value_it_cannot_hold(ws):
    import pandas as pd

    eid = services.create_enterprise(ws, "直接写入")
    frame = pd.DataFrame({"asset_tag": ["ok", "x" * (TAG_MAX + 1)], "sheet": ["台账", "台账"], "row": [2, 3]})
    with use_language("en"), pytest.raises(StoreError, match=r"台账!3.*longer than 100 characters"):
        ws.upsert_items(eid, frame)
    assert ws.item_count(eid) == 0


def test_an_over_long_enterprise_name_is_a_clear_error(ws):
    with use_language("en"), pytest.raises(StoreError, match="longer than 200 characters"):
        services.create_enterprise(ws, "企" * 201)
