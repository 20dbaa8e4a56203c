"""EquipmentTableModel: columnar sort/filter/search, checked against pandas computations and qtmodeltester."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from retrofit_desktop.domain import Tier
from retrofit_desktop.palette import TIER_COLOURS
from retrofit_desktop.ui.equipment_keys import (
    patched_text_key,
    pinyin_initials,
    scan,
    text_rank,
    text_sort_keys,
)
from retrofit_desktop.ui.equipment_model import (
    COMMON_COLUMNS,
    Column,
    EquipmentTableModel,
    ItemFilter,
)


def make_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5, 6],
            "asset_tag": ["M-001", "M-002", "AC-01", "P-07", "T-1", "M-003"],
            "name": ["主电动机", "风机电动机", "空压机", "循环水泵", "变压器", None],
            "product": ["motor", "motor", "air_compressor", "pump", "transformer", "motor"],
            "model": ["YE3-250M-4", "Y2-160", "GA37", "IS80", "SCB13-1000", "YE4-90"],
            "site": ["一车间", "二车间", "一车间", "泵房", None, "二车间"],
            "year_installed": [2015, 2008, 2019, np.nan, 2021, 2023],
            "quantity": [1, 2, 1, 1, 1, 3],
            "rated_power_kw": [55.0, 15.0, np.nan, np.nan, np.nan, 1.5],
            "tier": ["energy_saving", "below_entry", "entry", "no_value", "advanced", "below_entry"],
            "verification": [
                "verified",
                "unverified",
                "single_source",
                "verified",
                "edition_mismatch",
                "verified",
            ],
            "rule": ["", "linear_interpolation", "", "", "", ""],
        }
    )


def tags(model: EquipmentTableModel) -> list[str]:
    col = [c.key for c in model.columns()].index("asset_tag")
    return [model.index(r, col).data() for r in range(model.rowCount())]


@pytest.fixture
def model(qapp):
    m = EquipmentTableModel()
    m.set_frame(make_frame())
    return m


def test_qtmodeltester_accepts_the_model(qtmodeltester, model):
    qtmodeltester.check(model, force_py=True)
    model.set_filter(ItemFilter(product="motor"))
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_pinyin_initials_of_chinese_names():
    got = pinyin_initials(pd.Series(["空压机", "循环水泵", "ABC", None]))
    assert list(got) == ["kyj", "xhsb", "", ""]


def test_sort_by_name_numeric_and_tier_order(model):
    year = [c.key for c in model.columns()].index("year_installed")
    model.sort(year, Qt.SortOrder.AscendingOrder)
    # years 2008, 2015, 2019, 2021, 2023, then the missing one last
    assert tags(model) == ["M-002", "M-001", "AC-01", "T-1", "M-003", "P-07"]
    model.sort(year, Qt.SortOrder.DescendingOrder)
    assert tags(model) == ["M-003", "T-1", "AC-01", "M-001", "M-002", "P-07"]  # missing stays last
    tier = [c.key for c in model.columns()].index("tier")
    model.sort(tier, Qt.SortOrder.AscendingOrder)
    # TIER_ORDER: advanced, energy_saving, entry, below_entry, ..., no_value; the sort is stable, so
    # the two below_entry items keep the previous (year descending) order: M-003 (2023), M-002 (2008)
    assert tags(model) == ["T-1", "M-001", "AC-01", "M-003", "M-002", "P-07"]
    tag = [c.key for c in model.columns()].index("asset_tag")
    model.sort(tag, Qt.SortOrder.AscendingOrder)
    assert tags(model) == sorted(make_frame()["asset_tag"])


def test_filters_match_pandas_masks(model):
    f = make_frame()
    model.set_filter(ItemFilter(product="motor"))
    assert tags(model) == list(f.loc[f["product"] == "motor", "asset_tag"])
    model.set_filter(ItemFilter(product="motor", below_entry=True))
    assert tags(model) == ["M-002", "M-003"]
    model.set_filter(ItemFilter(site="一车间"))
    assert tags(model) == ["M-001", "AC-01"]
    model.set_filter(ItemFilter(weak_verification=True))
    assert tags(model) == [
        "M-002"
    ]  # unverified; a successor edition (T-1, old name) is a statement, not weak
    model.set_filter(ItemFilter(tier="entry"))
    assert tags(model) == ["AC-01"]
    model.set_filter(ItemFilter())
    assert model.rowCount() == 6


def test_search_matches_tag_name_model_and_pinyin_initials(model):
    model.set_filter(ItemFilter(text="kyj"))  # 空压机
    assert tags(model) == ["AC-01"]
    model.set_filter(ItemFilter(text="DDJ"))  # 电动机 in 主电动机 / 风机电动机, case-insensitive
    assert tags(model) == ["M-001", "M-002"]
    model.set_filter(ItemFilter(text="ye3"))  # model
    assert tags(model) == ["M-001"]
    model.set_filter(ItemFilter(text="水泵"))  # Chinese substring of the name
    assert tags(model) == ["P-07"]
    model.set_filter(ItemFilter(text="t-1"))  # asset tag
    assert tags(model) == ["T-1"]


def test_sort_survives_filter_changes(model):
    tag = [c.key for c in model.columns()].index("asset_tag")
    model.sort(tag, Qt.SortOrder.DescendingOrder)
    model.set_filter(ItemFilter(product="motor"))
    assert tags(model) == ["M-003", "M-002", "M-001"]


def test_tier_cell_has_colour_label_and_verification_tooltip(model):
    cols = [c.key for c in model.columns()]
    row = tags(model).index("M-002")
    tier_idx = model.index(row, cols.index("tier"))
    assert tier_idx.data() == "低于准入水平"
    assert tier_idx.data(Qt.ItemDataRole.BackgroundRole).color().name() == TIER_COLOURS[Tier.BELOW_ENTRY]
    ver_idx = model.index(row, cols.index("verification"))
    assert ver_idx.data() == "未核实"
    assert ver_idx.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "相邻档位间线性插值" in tier_idx.data(
        Qt.ItemDataRole.ToolTipRole
    )  # the rule by its label, not its code


def test_product_columns_and_counts(model):
    extra = Column("rated_power_kw", "额定功率", "kW", numeric=True, translate=False)
    model.set_columns([*COMMON_COLUMNS[:3], extra])
    assert model.headerData(3, Qt.Orientation.Horizontal) == "额定功率 (kW)"
    model.set_filter(ItemFilter(product="motor"))
    assert [model.index(r, 3).data() for r in range(3)] == ["55", "15", "1.5"]
    model.sort(3, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 3).data() for r in range(3)] == ["1.5", "15", "55"]
    assert model.counts_by_tier(visible_only=True) == {"below_entry": 2, "energy_saving": 1}
    assert model.counts_by_tier() == {
        "below_entry": 2,
        "energy_saving": 1,
        "entry": 1,
        "no_value": 1,
        "advanced": 1,
    }


def test_record_and_row_of_id(model):
    tag = [c.key for c in model.columns()].index("asset_tag")
    model.sort(tag, Qt.SortOrder.AscendingOrder)
    row = model.row_of_id(4)
    rec = model.record(row)
    assert rec["asset_tag"] == "P-07" and rec["year_installed"] is None and rec["site"] == "泵房"


def test_empty_model_before_any_data(qtmodeltester):
    m = EquipmentTableModel()
    assert m.rowCount() == 0 and m.total_rows() == 0 and list(m.visible_positions()) == []
    m.sort(0, Qt.SortOrder.DescendingOrder)
    m.set_filter(ItemFilter(text="abc", below_entry=True))
    assert m.counts_by_tier() == {} and m.distinct("site") == [] and m.row_of_id(1) is None
    qtmodeltester.check(m, force_py=True)


def test_apply_changes_replaces_and_removes_by_id(model):
    f = make_frame()
    changed = f[f["id"] == 2].copy()
    changed["tier"] = "advanced"
    new = f.iloc[[0]].copy()
    new["id"], new["asset_tag"] = 99, "M-099"
    model.set_filter(ItemFilter(product="motor"))
    model.apply_changes(pd.concat([changed, new]), removed=[6])
    assert sorted(tags(model)) == ["M-001", "M-002", "M-099"]  # filter kept, M-003 (id 6) gone
    assert model.record(model.row_of_id(2))["tier"] == "advanced" and model.total_rows() == 6


def test_text_sort_with_ties_and_missing_values(qapp):
    """Equal names share one rank (the sort is stable both ways), missing names stay last, and the order
    is Python's string order; a column mixing text and numbers still sorts (by type, then value)."""
    frame = make_frame()
    frame["name"] = ["泵", None, "阀", "泵", "A", "阀"]
    frame["model"] = ["b", 7, "a", None, 3, "b"]
    m = EquipmentTableModel()
    m.set_frame(frame)
    keys = [c.key for c in m.columns()]
    m.sort(keys.index("name"), Qt.SortOrder.AscendingOrder)
    named = frame.dropna(subset=["name"])
    expected = sorted(named.itertuples(), key=lambda r: r.name)  # stable: ties in frame order
    assert tags(m) == [r.asset_tag for r in expected] + ["M-002"]
    m.sort(keys.index("name"), Qt.SortOrder.DescendingOrder)
    expected = sorted(
        named.itertuples(), key=lambda r: r.name, reverse=True
    )  # reverse=True keeps ties stable
    assert tags(m) == [r.asset_tag for r in expected] + ["M-002"]
    m.sort(keys.index("model"), Qt.SortOrder.AscendingOrder)
    assert tags(m)[-1] == "P-07" and len(tags(m)) == 6  # the missing model last, nothing lost


def test_text_rank_orders_as_python_sorts_strings():
    """Dense ranks in Python's str order (code points, so 'B' < 'a' < '泵'), equal strings equal
    ranks, missing values NaN; checked against sorted() of the distinct values."""
    values = np.array(["泵", "a", None, "B", "a", "阀门", "", np.nan, "泵 ", "Z9", "z10"], dtype=object)
    distinct = sorted({v for v in values if isinstance(v, str)})
    expected = [float(distinct.index(v)) if isinstance(v, str) else np.nan for v in values]
    np.testing.assert_array_equal(text_rank(values), np.array(expected))


def test_sort_keys_built_on_the_worker_give_the_same_order(qapp):
    frame = make_frame()
    built = EquipmentTableModel()
    built.set_frame(frame)
    ahead = EquipmentTableModel()
    ahead.set_frame(frame)
    assert not ahead.set_sort_keys(frame, text_sort_keys(frame))  # another frame object: refused
    assert ahead.set_sort_keys(ahead.frame(), text_sort_keys(ahead.frame()))
    keys = [c.key for c in built.columns()]
    for name in ("asset_tag", "name", "model", "site"):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            built._sort_keys.clear()  # built from the data on demand, as before the worker's keys arrive
            built.sort(keys.index(name), order)
            ahead.sort(keys.index(name), order)
            assert tags(ahead) == tags(built), (name, order)


def test_a_search_before_the_index_arrives_scans_and_is_run_again_on_it(qapp):
    m = EquipmentTableModel()
    m.set_frame(make_frame())
    m.expect_search_index()  # as the main window does while the worker builds it
    m.set_filter(ItemFilter(text="ye3"))  # the model column is scanned at once
    assert tags(m) == ["M-001"] and m.search_is_partial() and not m.has_search_index()
    m.set_filter(ItemFilter(text="kyj"))  # pinyin initials of 空压机: not known yet
    assert tags(m) == [] and m.search_is_partial()
    assert m.set_search_index(m.frame(), m.build_search_index(m.frame()))
    assert tags(m) == ["AC-01"] and not m.search_is_partial()  # the same search, run on the index


def test_tiers_fill_in_after_the_items_show(qapp):
    """Items shown before classification say 「分级中…」 (Classifying…) in the tier column; set_tiers fills
    them in and keeps the row the view had selected on the same item."""
    from PySide6.QtCore import QItemSelectionModel

    frame = make_frame()
    tiers = frame[["tier", "verification", "rule"]]
    m = EquipmentTableModel()
    m.set_frame(frame.drop(columns=["tier", "verification", "rule"]), tiers_pending=True)
    keys = [c.key for c in m.columns()]
    tier_col = keys.index("tier")
    m.sort(keys.index("asset_tag"), Qt.SortOrder.AscendingOrder)
    assert {m.index(r, tier_col).data() for r in range(6)} == {"分级中…"} and m.tiers_pending()
    assert m.counts_by_tier() == {}
    selection = QItemSelectionModel(m)
    selection.setCurrentIndex(m.index(2, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    current_tag = m.index(2, keys.index("asset_tag")).data()
    m.sort(tier_col, Qt.SortOrder.AscendingOrder)  # sorted by tier while none is known yet
    m.set_tiers(tiers.set_axis(m.frame().index))
    assert not m.tiers_pending()
    assert tags(m) == ["T-1", "M-001", "AC-01", "M-002", "M-003", "P-07"]  # now in tier order
    assert m.index(selection.currentIndex().row(), keys.index("asset_tag")).data() == current_tag
    row = tags(m).index("M-002")
    assert m.index(row, tier_col).data() == "低于准入水平"  # below entry, in the UI language (zh)
    assert m.counts_by_tier() == {
        "advanced": 1,
        "energy_saving": 1,
        "entry": 1,
        "below_entry": 2,
        "no_value": 1,
    }


def test_scan_finds_what_the_index_finds_except_pinyin():
    """The search typed before the index arrives: tag, name and model, case-insensitive, numbers as text,
    missing values never match; the index finds the same rows for text that is not pinyin."""
    frame = make_frame()
    frame["model"] = ["YE3-250M-4", 7, None, np.nan, pd.NA, "ye3-90"]
    for text in ("ye3", "7", "m-00", "电动机", "none", "nan"):
        expected = [
            any(text in str(v).lower() for v in (row.asset_tag, row.name, row.model) if not pd.isna(v))
            for row in frame.itertuples()
        ]
        assert scan(frame, text).tolist() == expected, text
        index = EquipmentTableModel.build_search_index(frame)
        assert index.str.contains(text, regex=False).tolist() == expected, text


def test_a_patched_text_key_sorts_as_a_rebuilt_one():
    """apply_changes carries the sort column's key over a patch: new and unseen values (before, between
    and after the old ones, equal to each other or to old ones, missing) sort exactly as text_rank of
    the whole patched column would, in both directions."""
    rng = np.random.default_rng(7)
    old = np.array([f"T{i:03d}" for i in rng.permutation(200)] + [None, "T050"], dtype=object)
    keep = rng.random(len(old)) > 0.1
    new = np.array(["T050", "T0505", "A", "Z", "T0505", None, "T100x", "T1", "T199"], dtype=object)
    key = patched_text_key(old, text_rank(old), keep, new)
    assert key is not None
    again = patched_text_key(np.concatenate([old[keep], new]), key, np.ones(len(key), bool), new[:3])
    for values, got in (
        (np.concatenate([old[keep], new]), key),
        (np.concatenate([old[keep], new, new[:3]]), again),
    ):
        want = text_rank(values)
        for sign in (1, -1):
            assert (np.argsort(sign * got, kind="stable") == np.argsort(sign * want, kind="stable")).all()
    mixed = np.array(["a", 3, None], dtype=object)
    assert patched_text_key(mixed, text_rank(mixed), np.ones(3, bool), new) is None  # not all text: rebuilt


def test_apply_changes_keeps_the_sort_by_a_text_column(model):
    name = [c.key for c in model.columns()].index("name")
    model.sort(name, Qt.SortOrder.AscendingOrder)
    changed = make_frame().iloc[[0]].copy()
    changed["name"] = "变电站"  # a name between the others
    model.apply_changes(changed, removed=[3])
    frame = model.frame()
    expected = frame.assign(k=text_rank(frame["name"].to_numpy(dtype=object))).sort_values("k", kind="stable")
    assert tags(model) == list(expected["asset_tag"])
    assert np.nanmax(model._sort_keys["name"] % 1) > 0  # the patched key (变电站 between ranks), not rebuilt
