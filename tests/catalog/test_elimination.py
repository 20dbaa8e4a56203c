"""MIIT elimination catalogue matching."""

from __future__ import annotations

from catalog_refdata import read_reference

from retrofit_desktop.catalog.elimination import all_entries, check_elimination, coverage, normalise_model


def test_all_reference_entries_are_kept_with_sources():
    ref = read_reference("elimination_catalogue_miit_batches1-4_partial.csv")
    held = all_entries()
    assert [e.entry_id for e in held] == [r["entry_id"] for r in ref] and len(held) == 110
    assert all(e.source for e in held)


def test_y2_series_by_year(cat):
    # Y2 (batch 3): units made in or before 2003 must stop by the end of 2015
    r = cat.elimination("motor", "Y2-132M-4", 2003)
    assert r.status == "listed" and [e.entry_id for e in r.entries] == ["MOTOR-3-1-2"]
    later = cat.elimination("motor", "Y2-132M-4", 2004)
    assert (
        later.status == "unknown"
        and "《高耗能落后机电设备（产品）淘汰目录（第三批）》第1-2项 仅适用于 2003 年（含）以前生产的设备"
        in later.note
    )
    assert "MOTOR-" not in later.note  # the entry is named as cited, never by its internal id
    assert cat.elimination("motor", "Y2-132M-4", None).status == "unknown"
    # YB2 is its own entry, not Y2
    assert [e.entry_id for e in cat.elimination("motor", "YB2-132M-4", 2000).entries] == ["MOTOR-3-1-5"]


def test_s9_made_before_1997(cat):
    assert cat.elimination("transformer", "S9-500/10", 1997).status == "listed"
    assert cat.elimination("transformer", "S9-500/10", 1998).status == "unknown"
    assert cat.elimination("transformer", "S9-250/10", 1990).entries[0].entry_id == "MOTOR-4-1-2"
    # 2000 kVA is not one of the 17 listed S9 ratings
    assert cat.elimination("transformer", "S9-2000/10", 1990).status == "unknown"
    assert cat.elimination("transformer", "S8-1000/10", None).status == "listed"  # no year condition


def test_a_non_match_is_unknown_while_data_are_partial(cat):
    r = cat.elimination("motor", "YE3-132M-4", 2020)
    assert r.status == "unknown" and r.entries == []
    assert coverage()["miit_batches_1_4"]["complete_families"] == {}
    assert cat.elimination("motor", "", 2020).status == "unknown"


def test_not_listed_only_for_a_complete_family():
    r = check_elimination("motor", "YE3-132M-4", 2020, complete_families={"motor"})
    assert r.status == "not_listed"
    # a conditional match with the year unknown is never "not listed"
    assert check_elimination("motor", "Y2-132M-4", None, complete_families={"motor"}).status == "unknown"


def test_other_families_and_normalisation(cat):
    assert cat.elimination("fan", "Y5-47 No.6C", None).status == "listed"
    assert cat.elimination("air_compressor", "3W-0.9/7", None).status == "listed"
    assert cat.elimination("motor_hv", "JS1510-8", None).status == "listed"
    assert cat.elimination("motor", "JS1510-8", None).status == "unknown"  # the 6 kV list is motor_hv
    assert normalise_model(" s9－500／10 ") == "S9-500/10"
    assert cat.elimination("transformer", "s9－500／10", 1995).status == "listed"


def test_industrial_structure_2024_equipment_items(cat):
    from retrofit_desktop.catalog.elimination import industry_2024_entries

    isc = coverage()["industrial_structure_2024"]
    assert isc["available"] == "partial" and isc["source"]
    assert len(industry_2024_entries()) == 14
    # ≤10 t/h coal-fired boilers are 淘汰类; the capacity must be known in t/h (MW is not converted)
    r = cat.elimination("boiler", None, None, {"fuel": "烟煤", "rated_capacity_th": 10})
    assert r.status == "listed" and [e.entry_id for e in r.entries] == ["ISC2024-10"]
    assert (
        cat.elimination("boiler", None, None, {"fuel": "bituminous", "rated_capacity_th": 10.5}).status
        == "unknown"
    )
    r = cat.elimination("boiler", None, None, {"fuel": "bituminous", "rated_capacity_mw": 5})
    assert r.status == "unknown" and "ISC2024-10" in [e.entry_id for e in r.entries]
    assert (
        cat.elimination("boiler", None, None, {"fuel": "biomass", "rated_capacity_th": 2}).status == "listed"
    )
    assert (
        cat.elimination("boiler", None, None, {"fuel": "natural_gas", "rated_capacity_th": 2}).status
        == "unknown"
    )
    # a grate coal boiler may be a fixed-grate one: cited, but undecided
    g = cat.elimination(
        "boiler", None, None, {"boiler_type": "grate_coal", "fuel": "anthracite", "rated_capacity_th": 20}
    )
    assert g.status == "unknown" and [e.entry_id for e in g.entries] == ["ISC2024-7"]
    # model series with a frame-number range; the voltage condition cannot be checked
    ybk = cat.elimination("motor", "YBK-200L-4", None)
    assert ybk.status == "unknown" and [e.entry_id for e in ybk.entries] == ["ISC2024-1c"]
    assert cat.elimination("motor", "YBK-90L-4", None).entries == []  # frame 90 is outside 100-355
    assert cat.elimination("fan", "9-27 No.5A", None).status == "listed"
    assert cat.elimination("air_compressor", "L-10/8", None).status == "listed"
