"""Untrusted workbooks (zip bombs, XML entities) and injection-safe export."""

from __future__ import annotations

import csv
import zipfile

import openpyxl
import pandas as pd
import pytest
import python_calamine

from retrofit_desktop.i18n import use_language
from retrofit_desktop.io import InventoryFileError, export_results, read_inventory
from retrofit_desktop.io.safety import check_archive

DANGEROUS = [
    "=1+1",
    "+SUM(A1:A9)",
    "-2+3",
    "@cmd",
    "\tTAB",
    '=HYPERLINK("http://x","点我")',
    "=cmd|' /C calc'!A0",
]


def small_workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["设备编号", "产品类别", "额定功率"])
    ws.append(["M1", "motor", 15])
    wb.save(path)
    return path


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    base = small_workbook(tmp_path / "base.xlsx")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info.filename))
        zout.writestr("xl/media/padding.bin", b"\0" * (40 * 1024 * 1024))  # 40 MB -> ~40 KB
    with use_language("en"), pytest.raises(InventoryFileError, match="compressed .* times"):
        read_inventory(bomb)


def test_oversized_archive_is_refused(tmp_path):
    path = small_workbook(tmp_path / "w.xlsx")
    check_archive(path)  # a normal workbook passes
    with use_language("en"), pytest.raises(InventoryFileError, match="expands to"):
        check_archive(path, max_bytes=1000)


def test_corrupt_xlsx_gives_a_clear_error(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with use_language("en"), pytest.raises(InventoryFileError, match="bad.xlsx"):
        read_inventory(bad)


def test_xml_entity_expansion_is_refused(tmp_path):
    import openpyxl as opx

    assert opx.DEFUSEDXML is True  # openpyxl parses through defusedxml
    base = small_workbook(tmp_path / "base.xlsx")
    evil = tmp_path / "lol.xlsx"
    dtd = (
        '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(evil, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                data = (dtd + text.replace("<t>M1</t>", "<t>&c;</t>")).encode()
            zout.writestr(info, data)
    with use_language("en"), pytest.raises(InventoryFileError, match="XML entities"):
        read_inventory(evil)


def test_xlsx_export_never_writes_formulas(tmp_path):
    frame = pd.DataFrame(
        {"asset_tag": DANGEROUS, "kwh": [1.5] * len(DANGEROUS), "name": ["正常"] * len(DANGEROUS)}
    )
    path = export_results(frame, tmp_path / "out.xlsx")
    with zipfile.ZipFile(path) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws["A"]][1:] == DANGEROUS  # the text itself is unchanged
    assert all(c.data_type == "s" for c in ws["A"])
    # Another reader sees the same strings.
    grid = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert [row[0] for row in grid[1:]] == DANGEROUS


def test_csv_export_quotes_formula_triggers(tmp_path):
    frame = pd.DataFrame({"asset_tag": DANGEROUS + ["M-1"], "kwh": [-5.0] * (len(DANGEROUS) + 1)})
    path = export_results(frame, tmp_path / "out.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM so that Excel shows Chinese correctly
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert [r[0] for r in rows[1:]] == ["'" + d for d in DANGEROUS] + ["M-1"]
    assert rows[1][1] == "-5.0"  # numbers are numbers, not text


def test_injection_safe_round_trip_through_import(tmp_path):
    """Exported dangerous text comes back as the same text when the file is imported."""
    frame = pd.DataFrame(
        {
            "asset_tag": ["A1", "A2"],
            "product": ["motor", "motor"],
            "model": ["=1+1", "@SUM(1)"],
            "rated_power_kw": [15.0, 11.0],
        }
    )
    path = export_results({"items": frame}, tmp_path / "round.xlsx")
    r = read_inventory(path)
    assert r.items["model"].tolist() == ["=1+1", "@SUM(1)"]
    assert r.items["rated_power_kw"].tolist() == [15.0, 11.0]


def test_payload_export_has_items_tiers_savings_finance(tmp_path):
    payload = {
        "schema": 1,
        "items": [
            {
                "sheet": None,
                "row": 2,
                "asset_tag": "M-1",
                "name": "=evil",
                "product": "motor",
                "tier": "below_entry",
                "verification": "single_source",
                "target_tier": "energy_saving",
                "comparisons": [
                    {
                        "indicator": "efficiency_pct",
                        "value": 84.5,
                        "unit": "%",
                        "direction": "higher_is_better",
                        "thresholds": {"advanced": 88.6, "energy_saving": 86.6, "entry": 85.8},
                        "table": "GB 18613-2020 表1",
                        "source": "S7",
                        "verification": "single_source",
                        "rule": "exact",
                    }
                ],
                "savings": {"status": "ok", "kwh": 1234.5, "tce": {"calorific": 0.1517, "equivalent": 0.37}},
                "finance": {"investment": 5000.0, "payback_years": 2.5},
            }
        ],
        "summary": {"read": 1, "imported": 1, "rejected": 0, "tce": {"calorific": 0.1517}},
        "rejected": [
            {"sheet": None, "row": 3, "column": "效率", "value": "=x", "reason": "r", "severity": "error"}
        ],
    }
    with use_language("zh"):
        path = export_results(payload, tmp_path / "results.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["设备", "能效水平", "节能量", "财务", "汇总", "未导入"]
    items = wb["设备"]
    header = [c.value for c in items[1]]
    assert items.cell(row=2, column=header.index("tier") + 1).value == "低于准入水平"
    assert items.cell(row=2, column=header.index("name") + 1).value == "=evil"
    tiers = wb["能效水平"]
    th = [c.value for c in tiers[1]]
    assert tiers.cell(row=2, column=th.index("threshold.entry") + 1).value == 85.8
    sv = wb["节能量"]
    sh = [c.value for c in sv[1]]
    assert sv.cell(row=2, column=sh.index("tce.equivalent") + 1).value == 0.37
    fin = wb["财务"]
    assert [c.value for c in fin[2]][2:] == [5000.0, 2.5]
    assert wb["未导入"].cell(row=2, column=4).value == "=x"
    csv_path = export_results(payload, tmp_path / "results.csv")
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["asset_tag"] == "M-1" and rows[0]["name"] == "'=evil"
    assert float(rows[0]["savings.kwh"]) == 1234.5
    assert float(rows[0]["finance.payback_years"]) == 2.5
