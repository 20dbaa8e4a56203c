"""fuel_unit spellings are unified at import; the Chinese sample ledger re-imports over its CSV unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrofit_desktop import services
from retrofit_desktop.io import read_inventory
from retrofit_desktop.io.fuel_units import canonical_fuel_unit
from retrofit_desktop.io.readers import read_raw

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("m³", "m3"),
        ("m3", "m3"),
        ("M3", "m3"),
        ("立方米", "m3"),
        ("ｍ３", "m3"),
        ("t", "t"),
        ("吨", "t"),
        ("T", "t"),
        ("kg", "kg"),
        ("千克", "kg"),
        ("公斤", "kg"),
        ("万m³", "万m3"),
        ("万立方米", "万m3"),
        ("万 m3", "万m3"),
        ("GJ", "GJ"),
        ("gj", "GJ"),
        ("吉焦", "GJ"),
        ("MJ", "MJ"),
        ("Nm³", "Nm3"),
        ("标方", "Nm3"),
    ],
)
def test_spellings(spelling, canonical):
    assert canonical_fuel_unit(spelling) == canonical


def test_import_unifies_and_rejects_unknown(tmp_path):
    head = "设备编号,产品类别,燃料品种,年燃料消耗量,燃料计量单位\n"
    rows = ["B1,boiler,natural_gas,1000,立方米", "B2,boiler,coal,20,吨", "B3,boiler,coal,20,桶"]
    p = tmp_path / "b.csv"
    p.write_text(head + "\n".join(rows), encoding="utf-8")
    r = read_inventory(p)
    assert r.items["fuel_unit"].tolist() == ["m3", "t"]
    [rej] = r.rejected
    assert rej.row == 4 and rej.column == "燃料计量单位" and rej.value == "桶" and "m3" in rej.reason


def test_chinese_ledger_after_the_csv_updates_nothing(tmp_path):
    ledger = SAMPLE / "sample_ledger_zh.xlsx"
    cells = {str(v) for sheet in read_raw(ledger) for v in sheet.grid.to_numpy().ravel()}
    assert {"m³", "吨"} & cells  # the ledger really writes the units differently from the CSV (m3, t)
    ws = services.open_workspace(tmp_path / "ws.sqlite3")
    try:
        eid = services.create_enterprise(ws, "样例")
        first = services.import_file(ws, SAMPLE / "sample_inventory.csv", eid)
        assert first.added == first.read > 30 and not first.rejected
        again = services.import_file(ws, ledger, eid)
        assert (again.added, again.updated, again.unchanged) == (0, 0, first.added)
    finally:
        ws.close()
