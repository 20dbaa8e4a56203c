"""The 2023 grid factors of 公告2025年第47号 against the committed copy of the reference file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from retrofit_desktop.engine import FactorSet
from tools import convert_grid as cg

REF = Path(__file__).parent / "reference" / "grid_factors_2023_mee_nbs.csv"
REF_ROWS = list(csv.DictReader(REF.read_text(encoding="utf-8").splitlines()))
PROVINCES = [r for r in REF_ROWS if r["level"] == "province"]


def test_converter_reproduces_shipped_grid_factors():
    assert cg.convert(REF) == cg.GRID.read_bytes()


def test_reference_holds_30_provinces():
    assert len(PROVINCES) == 30 and len({r["region_zh"] for r in PROVINCES}) == 30


@pytest.mark.parametrize("row", PROVINCES, ids=[r["region_zh"] for r in PROVINCES])
def test_every_province_latest_year_is_2023_with_the_notice(row):
    fs = FactorSet.default(region=row["region_zh"])
    assert fs.grid.level == "province" and fs.grid.year == 2023 and fs.grid.fallback is None
    assert fs.grid_co2 == float(row["value_kgco2_per_kwh"])
    f = fs["grid_co2"]
    assert "公告2025年第47号" in f.source and row["official_table"] in f.source
    seen = len(row["transcriptions_seen"].split())
    assert f.status.value == ("verified" if seen >= 2 else "single_source")


def test_regional_and_national_2023_cite_the_notice_not_press_reprints():
    for region, value in (("national", 0.5306), ("华中", 0.5271), ("西南", 0.2472)):
        f = FactorSet.default(region=region, year=2023)["grid_co2"]
        assert f.value == value and "公告2025年第47号" in f.source
        assert "163.com" not in f.source and "reportify" not in f.source
    # 西南 was seen in one transcription only
    assert FactorSet.default(region="西南", year=2023)["grid_co2"].status.value == "single_source"
