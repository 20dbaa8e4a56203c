"""Edition packs: validation errors with row numbers, import, side-by-side editions, activation."""

from __future__ import annotations

import pandas as pd
import pytest

from retrofit_desktop.catalog import PackError, get_catalog, import_pack, list_editions, set_active_edition
from retrofit_desktop.catalog.catalog import BUILTIN_TIERS
from retrofit_desktop.catalog.packs import validate
from retrofit_desktop.catalog.tiertable import read_long_csv
from retrofit_desktop.domain import Tier


@pytest.fixture(autouse=True)
def _english():
    from retrofit_desktop import i18n

    with i18n.use_language("en"):
        yield


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("RETROFIT_DATA_DIR", str(tmp_path))
    yield tmp_path


def _motor_rows() -> pd.DataFrame:
    f = read_long_csv(BUILTIN_TIERS)
    return f[f["product"] == "motor"].reset_index(drop=True)


def test_builtin_data_pass_the_pack_validation():
    assert validate(read_long_csv(BUILTIN_TIERS)) == []


def test_errors_name_their_rows():
    f = _motor_rows().head(4).copy()
    f.loc[1, "grade1"] = "60"  # below grade 2 (higher is better): row 3 of the file
    f.loc[2, "unit"] = "per cent"  # row 4
    dup = f.iloc[[0]].copy()
    dup["row_id"] = "T1-copy"  # same bin as row 2 -> row 6
    f = pd.concat([f, dup, f.iloc[[3]]], ignore_index=True)  # row 7 repeats row 5's id
    f.loc[3, "verification"] = "probably"  # row 5
    problems = validate(f)
    rows = {(r, c) for r, c, _ in problems}
    assert (3, "grade1") in rows
    assert (4, "unit") in rows
    assert (5, "verification") in rows
    assert (7, "row_id") in rows
    assert any(r == 6 and "overlaps row 2" in m for r, _, m in problems)


def test_overlapping_intervals_detected():
    f = read_long_csv(BUILTIN_TIERS)
    boiler = f[f["product"] == "boiler"].reset_index(drop=True)
    # B01 is 烟煤 Ⅱ类 ≤20 t/h; widen B02's (>20 t/h) lower bound to include 20 t/h -> overlap
    slot = next(i for i in range(1, 9) if boiler.loc[1, f"p{i}_name"] == "rated_capacity_th")
    boiler.loc[1, f"p{slot}_min_incl"] = "1"
    problems = validate(boiler)
    assert any(r == 3 and "overlapping parameter bins" in m and "row 2" in m for r, _, m in problems)


def test_import_activate_and_record(data_dir, tmp_path):
    f = _motor_rows()
    i = f.index[f["row_id"] == "T1-55kW-4P"][0]
    f.loc[i, "grade3"] = "94.0"  # a corrected entry value
    pack = tmp_path / "official.csv"
    f.to_csv(pack, index=False)
    info = import_pack(pack)
    assert info.id.startswith("pack-official-") and len(info.sha256) == 64 and not info.builtin
    assert [e.id for e in list_editions()][-1] == info.id
    builtin_id = list_editions()[0].id
    assert get_catalog().edition.id == builtin_id  # importing does not activate
    set_active_edition(info.id)
    cat = get_catalog()
    c = cat.classify("motor", {"rated_power_kw": 55, "poles": 4}, {"efficiency_pct": 94.0})
    assert c.tier == Tier.ENTRY and c.edition_id == info.id and c.edition_sha256 == info.sha256
    assert set(cat.products["motor"].rows[0]) >= {"source", "verification"}
    # the built-in edition is kept beside it
    old = get_catalog(builtin_id)
    assert (
        old.classify("motor", {"rated_power_kw": 55, "poles": 4}, {"efficiency_pct": 94.0}).tier
        == Tier.BELOW_ENTRY
    )
    set_active_edition(builtin_id)
    assert get_catalog().edition.id == builtin_id
    with pytest.raises(KeyError):
        set_active_edition("no-such-edition")


def test_xlsx_pack_and_tamper_check(data_dir, tmp_path):
    pack = tmp_path / "pack.xlsx"
    _motor_rows().to_excel(pack, index=False)
    info = import_pack(pack)
    stored = data_dir / "catalog_editions" / info.id / "tiers.csv"
    assert get_catalog(info.id).edition.sha256 == info.sha256
    stored.write_text(stored.read_text(encoding="utf-8").replace("94.6", "90.0"), encoding="utf-8")
    with pytest.raises(ValueError, match="SHA-256"):
        get_catalog(info.id)


def test_invalid_pack_raises_with_rows(data_dir, tmp_path):
    f = _motor_rows().head(3).copy()
    f.loc[0, "product"] = "perpetual_motion"
    pack = tmp_path / "bad.csv"
    f.to_csv(pack, index=False)
    with pytest.raises(PackError) as exc:
        import_pack(pack)
    assert exc.value.problems[0][0] == 2 and "row 2" in str(exc.value)
    assert not (data_dir / "catalog_editions").exists() or not any((data_dir / "catalog_editions").iterdir())


def test_messages_are_translated(data_dir, tmp_path):
    from retrofit_desktop import i18n

    f = _motor_rows().head(2).copy()
    f.loc[0, "unit"] = "kW"
    with i18n.use_language("zh"):
        problems = validate(f)
    assert problems == [(2, "unit", "efficiency_pct 的单位 'kW' 无法识别；应为 '%'")]


def test_a_pack_written_with_the_old_edition_mismatch_status_still_reads(data_dir, tmp_path):
    f = read_long_csv(BUILTIN_TIERS)
    f = f[f["product"] == "chiller"].reset_index(drop=True)
    f["verification"] = "edition_mismatch"  # the status name before successor_edition
    pack = tmp_path / "old.csv"
    f.to_csv(pack, index=False)
    set_active_edition(import_pack(pack).id)
    c = get_catalog().classify(
        "chiller",
        {"chiller_type": "comfort", "heat_rejection": "water", "cooling_capacity_kw": 1000},
        {"iplv": 7.0},
    )
    assert c.tier != Tier.NOT_COVERED and c.verification.value == "successor_edition"
