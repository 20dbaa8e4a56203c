"""Values the catalog does not read are listed per field, answered in the column mapping, saved with
it and reused on the next import (io.ColumnMapping.values)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from retrofit_desktop import services
from retrofit_desktop.catalog import get_catalog
from retrofit_desktop.io import ColumnMapping, read_inventory


def compressors(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "空压机"
    ws.append(["设备编号", "设备名称", "类型", "驱动电机功率", "额定排气压力", "冷却方式", "机组比功率"])
    ws.append(["C-1", "1#空压机", "喷油回转（工频）", "37 kW", "0.8 MPa", "风冷", 8.6])
    ws.append(["C-2", "2#空压机", "螺杆式 变频", "37 kW", "0.8 MPa", "水冷", 7.9])
    ws.append(["C-3", "3#空压机", "老机组(二期)", "37 kW", "0.8 MPa", "风冷", 8.9])
    ws.append(["C-4", "4#空压机", "老机组（二期）", "37 kW", "0.8 MPa", "油冷", 8.9])
    wb.save(path)
    return path


def test_plant_wordings_import_and_unknown_values_are_listed(tmp_path):
    r = read_inventory(compressors(tmp_path / "ledger.xlsx"))
    assert (r.read, r.imported) == (4, 2)
    got = dict(zip(r.items["asset_tag"], r.items["compressor_type"], strict=True))
    assert got == {"C-1": "oil_injected_rotary_fixed", "C-2": "oil_injected_rotary_variable"}
    # '老机组(二期)' is written twice (half- and full-width brackets): listed once, as first written
    assert r.unknown_values == {"compressor_type": ["老机组(二期)"], "cooling": ["油冷"]}
    reasons = {x.value: x.reason for x in r.rejected}
    assert "oil_injected" not in reasons["老机组(二期)"] and "喷油回转式（工频）" in reasons["老机组(二期)"]


def test_answers_are_saved_with_the_mapping_and_reused(tmp_path):
    path = compressors(tmp_path / "ledger.xlsx")
    first = read_inventory(path)
    mapping = first.mapping
    mapping.set_value("compressor_type", "老机组(二期)", "oil_injected_rotary_fixed")
    mapping.set_value("cooling", "油冷", "liquid")
    saved = tmp_path / "mapping.json"
    mapping.save(saved)
    again = ColumnMapping.load(saved)
    assert again.to_json() == mapping.to_json()
    assert again.values == {
        "compressor_type": {"老机组(二期)": "oil_injected_rotary_fixed"},
        "cooling": {"油冷": "liquid"},
    }
    second = read_inventory(path, mapping=again)
    assert (second.read, second.imported, second.rejected) == (4, 4, [])
    got = dict(zip(second.items["asset_tag"], second.items["compressor_type"], strict=True))
    assert got["C-3"] == got["C-4"] == "oil_injected_rotary_fixed"  # the full-width spelling too
    assert second.items.set_index("asset_tag").loc["C-4", "cooling"] == "liquid"
    assert second.mapping.values == again.values  # the mapping an import used keeps the answers


def test_a_mapping_saved_before_values_existed_still_loads():
    old = {
        "version": 1,
        "columns": [{"header": "类型", "field": "compressor_type", "unit": None}],
        "sheet_products": {},
    }
    assert ColumnMapping.from_json(old).values == {}


def test_services_list_unknown_values_with_labels_and_answer_them(tmp_path):
    path = compressors(tmp_path / "ledger.xlsx")
    result = services.check_sheets(services.read_sheets(path))
    rows = {u.field: u for u in services.unknown_values(result)}
    assert rows["compressor_type"].label == "压缩机类型"
    assert rows["compressor_type"].choices == (
        ("oil_injected_rotary_fixed", "喷油回转式（工频）"),
        ("oil_injected_rotary_variable", "喷油回转式（变频）"),
    )
    assert rows["cooling"].written == ("油冷",)
    mapping = services.with_values(
        result.mapping,
        {"compressor_type": {"老机组(二期)": "喷油回转式（变频）"}, "cooling": {"油冷": "liquid"}},
    )
    checked = services.check_sheets(services.read_sheets(path), mapping)
    assert (checked.imported, checked.unknown_values) == (4, {})
    assert set(checked.items["compressor_type"]) == {
        "oil_injected_rotary_fixed",
        "oil_injected_rotary_variable",
    }


def test_io_reads_the_catalog_specs_themselves():
    """One vocabulary (issue 13.1): io's header index holds the catalog's FieldSpecs, not copies that
    drift (annual_hours had no maximum in io; load_factor's unit was '' in io and '1' in the catalog)."""
    from retrofit_desktop.catalog.fields import ANNUAL_HOURS, COMMON_FIELDS, LOAD_FACTOR
    from retrofit_desktop.io.fields import load_schema

    schema = load_schema()
    assert schema.by_name["annual_hours"] is ANNUAL_HOURS and ANNUAL_HOURS.max == 8784
    assert schema.by_name["load_factor"] is LOAD_FACTOR and LOAD_FACTOR.unit == "1"
    assert schema.common is COMMON_FIELDS
    motor = get_catalog().products["motor"]
    assert schema.fields_of("motor")[0] is motor.parameters[0]


def test_a_broken_catalog_is_an_error_not_a_motor_only_schema(monkeypatch):
    import pytest

    from retrofit_desktop.io import fields

    def broken():
        raise RuntimeError("catalog data damaged")

    monkeypatch.setattr(fields, "get_catalog", broken)
    with pytest.raises(RuntimeError, match="damaged"):
        fields.load_schema()
