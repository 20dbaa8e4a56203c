"""A boiler's thermal efficiency on the lower heating value basis: up to 110 % (condensing) is imported,
above 110 % is rejected, above 100 % without the condensing mark is a warning (row kept)."""

from __future__ import annotations

from retrofit_desktop.catalog import get_catalog
from retrofit_desktop.i18n import use_language
from retrofit_desktop.io import read_inventory

CSV = (
    "设备编号,设备类型,锅炉类型,燃料,冷凝式,设计热效率\n"
    "B1,工业锅炉,室燃,天然气,冷凝,103\n"
    "B2,工业锅炉,燃气锅炉,天然气,非冷凝,103\n"
    "B3,工业锅炉,室燃,天然气,冷凝,111\n"
    "B4,工业锅炉,电锅炉,电,,97\n"
)


def test_condensing_boiler_imports_and_grades(tmp_path):
    p = tmp_path / "boilers.csv"
    p.write_text(CSV, encoding="utf-8")
    with use_language("en"):
        r = read_inventory(p)
    assert list(r.items["asset_tag"]) == ["B1", "B2", "B4"]
    assert [(x.row, x.column) for x in r.rejected] == [(4, "设计热效率")]
    assert "110 %" in r.rejected[0].reason
    assert [(x.row, x.column) for x in r.warnings] == [(3, "设计热效率")]
    assert "condensing" in r.warnings[0].reason
    tiers = get_catalog().classify_frame(r.items)["tier"].tolist()
    # B1: 表4 冷凝 103/101/98 -> advanced; B2: 表4 非冷凝 96/94/92 -> 103 meets grade 1 (but warned);
    # B4: clause 5.2 limit value 97 -> entry
    assert tiers == ["advanced", "advanced", "entry"]


def test_bound_is_stated_in_the_field_spec():
    ind = get_catalog().product("boiler").indicator("thermal_efficiency_pct")
    assert ind.max == 110 and "condensing" in ind.max_note
    assert ind.to_json()["max"] == 110
