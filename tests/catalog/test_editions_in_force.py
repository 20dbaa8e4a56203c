"""The edition a tier is judged by: in force on the assessment date, or the one the catalog cites."""

from __future__ import annotations

from datetime import date

import pytest
from catalog_refdata import REF, read_reference

from retrofit_desktop.catalog.in_force import Judging, edition_line, editions
from retrofit_desktop.domain import Tier, Verification, verification_label
from retrofit_desktop.i18n import use_language
from tools import convert_editions as ce

TODAY = Judging("in_force", date(2026, 12, 1))
CATALOG = Judging("catalog", date(2026, 12, 1))
CHILLER = {"chiller_type": "comfort", "heat_rejection": "water", "cooling_capacity_kw": 1000, "iplv": 7.0}


def test_converter_reproduces_shipped_edition_data():
    for name, data in ce.convert(REF).items():
        assert data == (ce.DATA / name).read_bytes(), name


def test_edition_dates_come_from_the_status_file():
    status = {r["standard"]: r for r in read_reference("standard_editions_status_2026-12.csv")}
    e = editions()
    for series, edition in (
        ("GB 19762", "GB 19762-2025"),
        ("GB 19577", "GB 19577-2024"),
        ("GB 20052", "GB 20052-2024"),
        ("GB 30254", "GB 30254-2024"),
        ("GB 30253", "GB 30253-2024"),
        ("GB 30255", "GB 30255-2026"),
    ):
        assert e[edition].effective == status[series]["newer_effective"]
    assert "GB 19577-2015" in " ".join(e["GB 19577-2024"].replaces) or e["GB 19577-2024"].replaces


def test_chiller_in_force_is_the_2024_edition_stated_not_flagged(cat):
    c = cat.trace({"product": "chiller", **CHILLER}, TODAY)
    assert c.tier != Tier.NOT_COVERED and c.verification == Verification.SUCCESSOR_EDITION
    j = c.to_json()
    assert (j["standard_edition"], j["edition_effective"], j["catalog_edition_cited"], j["edition_mode"]) == (
        "GB 19577-2024",
        "2025-02-01",
        "GB 19577-2015",
        "in_force",
    )


def test_chiller_by_the_catalog_edition_or_before_2025_is_not_covered(cat):
    for judging in (CATALOG, Judging("in_force", date(2025, 1, 31))):  # GB 19577-2015's values: not found
        c = cat.trace({"product": "chiller", **CHILLER}, judging)
        assert c.tier == Tier.NOT_COVERED and c.rule == "edition_not_in_data"
        assert c.to_json()["standard_edition"] == "GB 19577-2015"
    assert (
        cat.trace({"product": "chiller", **CHILLER}, Judging("in_force", date(2025, 2, 1))).tier
        != Tier.NOT_COVERED
    )


def test_motor_is_judged_the_same_either_way(cat):
    item = {"product": "motor", "rated_power_kw": 55, "poles": 4, "efficiency_pct": 95.0}
    a, b = cat.trace(item, TODAY), cat.trace(item, CATALOG)
    assert a.tier == b.tier == Tier.ENTRY and a.verification == b.verification
    assert a.to_json()["standard_edition"] == a.to_json()["catalog_edition_cited"] == "GB 18613-2020"


def test_transformer_10kv_in_both_35kv_only_by_the_edition_in_force(cat):
    kv10 = {
        "product": "transformer",
        "rated_capacity_kva": 400,
        "transformer_type": "oil",
        "core_material": "electrical_steel",
        "connection_group": "Dyn11",
        "no_load_loss_w": 400,
        "load_loss_w": 4000,
    }
    assert (
        cat.trace(kv10, TODAY).tier != Tier.NOT_COVERED and cat.trace(kv10, CATALOG).tier != Tier.NOT_COVERED
    )
    kv35 = {
        "product": "transformer",
        "rated_capacity_kva": 3150,
        "transformer_type": "oil",
        "rated_voltage_kv": 35,
        "tap_changer": "off_circuit",
        "no_load_loss_w": 2000,
        "load_loss_w": 20000,
    }
    assert cat.trace(kv35, TODAY).tier != Tier.NOT_COVERED
    by_catalog = cat.trace(kv35, CATALOG)  # GB 20052-2020's 35 kV values are not in the data
    assert by_catalog.tier == Tier.NOT_COVERED and by_catalog.to_json()["standard_edition"] == "GB 20052-2020"


def test_frame_columns_name_the_edition(cat):
    import pandas as pd

    out = cat.classify_frame(pd.DataFrame([{"product": "chiller", **CHILLER}]), CATALOG)
    assert (out.at[0, "standard_edition"], out.at[0, "catalog_edition_cited"]) == (
        "GB 19577-2015",
        "GB 19577-2015",
    )
    assert out.at[0, "tier"] == "not_covered" and out.at[0, "rule"] == "edition_not_in_data"


def test_old_edition_mismatch_reads_as_successor_edition():
    assert Verification("edition_mismatch") is Verification.SUCCESSOR_EDITION
    assert verification_label("edition_mismatch", "zh") == "依据现行版本"


def test_edition_line_in_both_languages():
    with use_language("zh"):
        assert (
            edition_line("GB 19762-2025", "2026-03-01", "GB 19762-2007")
            == "GB 19762—2025（2026-03-01 实施）；《目录》引用 GB 19762—2007"
        )
        assert (
            edition_line("GB 18613-2020", "2021-06-01", "GB 18613-2020") == "GB 18613—2020（2021-06-01 实施）"
        )
    with use_language("en"):
        assert (
            edition_line("GB 19762-2025", "2026-03-01", "GB 19762-2007")
            == "GB 19762-2025 (in force from 2026-03-01); catalog cites GB 19762-2007"
        )


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="in_force"):
        Judging("newest")
