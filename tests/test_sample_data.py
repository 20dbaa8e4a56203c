"""The bundled sample enterprise (resources/sample/): credit code, column contract, ledger, tiers."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "sample"

# GB 32100-2015: 31 characters (no I, O, S, V, Z), weights 3^(i-1) mod 31, check = 31 - (sum mod 31),
# where 31 is written as 0.
GB32100_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
GB32100_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def gb32100_check_char(first17: str) -> str:
    total = sum(GB32100_CHARS.index(c) * w for c, w in zip(first17, GB32100_WEIGHTS, strict=True))
    return GB32100_CHARS[(31 - total % 31) % 31]


def gb32100_valid(code: str) -> bool:
    return (
        len(code) == 18
        and all(c in GB32100_CHARS for c in code)
        and gb32100_check_char(code[:17]) == code[17]
    )


def read_inventory_csv() -> tuple[list[str], list[dict[str, str]]]:
    with (SAMPLE / "sample_inventory.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def contract_fields() -> tuple[set[str], dict[str, set[str]]]:
    """Common columns and per-product fields, parsed from docs/architecture.md's field table."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    common = {
        "asset_tag",
        "name",
        "product",
        "model",
        "manufacturer",
        "year_installed",
        "quantity",
        "site",
        "notes",
        "annual_hours",
        "load_factor",
    }
    per_product: dict[str, set[str]] = {}
    for line in text.splitlines():
        m = re.match(r"\| `(\w+)` \(", line)
        if m:
            cells = line.split("|")[2:5]
            per_product[m.group(1)] = set(re.findall(r"`(\w+)`", " ".join(cells)))
    return common, per_product


def test_weights_are_powers_of_three_mod_31():
    assert GB32100_WEIGHTS == tuple(pow(3, i, 31) for i in range(17))


def test_credit_code_check_digit_hand_example():
    # Hand check of the sample code 91430121MA4Q0P7C9D (values: M=21, A=10, Q=24, P=23, C=12):
    #   9·1 + 1·3 + 4·9 + 3·27 + 0·19 + 1·26 + 2·16 + 1·17 + 21·20 + 10·29 + 4·25 + 24·13 + 0·8
    #   + 23·24 + 7·10 + 12·30 + 9·28
    #   = 9+3+36+81+0+26+32+17+420+290+100+312+0+552+70+360+252 = 2560
    #   2560 mod 31 = 2560 - 82·31 = 18;  31 - 18 = 13  ->  'D' (A=10, B=11, C=12, D=13)
    assert gb32100_check_char("91430121MA4Q0P7C9") == "D"
    assert gb32100_valid("91430121MA4Q0P7C9D")
    assert not gb32100_valid("91430121MA4Q0P7C9E")  # wrong check digit
    assert not gb32100_valid("91430121MA4Q0P7C9")  # too short
    assert not gb32100_valid("91430121MA4O0P7C9D")  # 'O' is not in the character set


def gb11714_check_char(body8: str) -> str:
    """Check character of the 9-character organisation code (GB 11714-1997) inside a credit code."""
    values = [int(c) if c.isdigit() else ord(c) - ord("A") + 10 for c in body8]
    c = 11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def test_embedded_organisation_code_hand_example():
    # MA4Q0P7C: M=22, A=10, Q=26, P=25, C=12 ->
    #   22·3 + 10·7 + 4·9 + 26·10 + 0·5 + 25·8 + 7·4 + 12·2 = 66+70+36+260+0+200+28+24 = 684
    #   684 mod 11 = 2;  11 - 2 = 9  ->  '9'  (characters 9-17 of the credit code: MA4Q0P7C9)
    assert gb11714_check_char("MA4Q0P7C") == "9"
    ent = json.loads((SAMPLE / "sample_enterprise.json").read_text(encoding="utf-8"))
    org = ent["credit_code"][8:17]
    assert gb11714_check_char(org[:8]) == org[8]


def test_enterprise_json_is_labelled_sample_with_valid_code():
    ent = json.loads((SAMPLE / "sample_enterprise.json").read_text(encoding="utf-8"))
    assert ent["is_sample"] is True
    assert "示例" in ent["name"] and "示例数据" in ent["name"]
    assert "虚构" in ent["note"]
    code = ent["credit_code"]
    assert gb32100_valid(code), code
    assert code[:2] == "91"  # 9 = registered by market regulation, 1 = enterprise
    assert code[2:4] == "43"  # administrative division code of Hunan
    assert ent["region"] == "湖南" and ent["city"] == "长沙"
    assert re.fullmatch(r"[A-T]\d{4}", ent["industry"]["code"]) and ent["industry"]["name"]
    _cols, rows = read_inventory_csv()
    assert {r["site"] for r in rows} <= {s["name"] for s in ent["sites"]}
    assert (SAMPLE / ent["inventory"]).is_file()


def catalog_fields() -> dict[str, set[str]]:
    """Per-product field names from the catalog's ProductSpecs (the single source of the schemas)."""
    try:
        from retrofit_desktop.catalog import get_catalog
    except ImportError:
        return {}
    out = {}
    for pid, spec in get_catalog().products.items():
        out[pid] = {f.name for f in (*spec.parameters, *spec.indicators, *spec.operating_fields)}
    return out


def test_csv_columns_follow_the_contract():
    cols, rows = read_inventory_csv()
    common, per_product = contract_fields()
    # The catalog may add fields the architecture table does not list yet (e.g. fan `hub_ratio`,
    # boiler `condensing`); those are canonical too, as are the retrofit inputs every product has.
    from retrofit_desktop.catalog.fields import RETROFIT_FIELDS

    common = common | {f.name for f in RETROFIT_FIELDS}
    for pid, names in catalog_fields().items():
        per_product[pid] = per_product.get(pid, set()) | names
    assert set(per_product) >= {"motor", "air_compressor", "fan", "pump", "transformer", "boiler", "chiller"}
    assert cols[:11] == [
        "asset_tag",
        "name",
        "product",
        "model",
        "manufacturer",
        "year_installed",
        "quantity",
        "site",
        "annual_hours",
        "load_factor",
        "notes",
    ]
    assert len(cols) == len(set(cols))
    allowed = common.union(*per_product.values())
    assert set(cols) <= allowed, set(cols) - allowed
    for r in rows:
        assert r["product"] in per_product, r["asset_tag"]
        used = {c for c, v in r.items() if v != ""}
        extra = used - common - per_product[r["product"]]
        assert not extra, (r["asset_tag"], extra)


def test_inventory_content_is_plausible():
    _cols, rows = read_inventory_csv()
    tags = [r["asset_tag"] for r in rows]
    assert all(tags) and len(tags) == len(set(tags))
    kinds = {}
    for r in rows:
        kinds[r["product"]] = kinds.get(r["product"], 0) + 1
        assert 1950 <= int(r["year_installed"]) <= 2026
        assert int(r["quantity"]) >= 1
        if r["annual_hours"]:
            assert 0 < float(r["annual_hours"]) <= 8760
        if r["load_factor"]:
            assert 0 < float(r["load_factor"]) <= 1.5
    assert kinds["motor"] >= 15 and kinds["air_compressor"] >= 5 and kinds["transformer"] >= 4
    assert kinds["pump"] >= 4 and kinds["fan"] >= 4 and kinds["boiler"] >= 1 and kinds["chiller"] >= 1
    # A missing value stays blank (never 0): the motor with an unreadable nameplate.
    m17 = next(r for r in rows if r["asset_tag"] == "XJ-M-017")
    assert m17["efficiency_pct"] == ""
    assert all(r[c] != "0" for r in rows for c in r if c not in ("notes",))


def test_ledger_matches_csv_and_has_a_two_line_header(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(SAMPLE / "sample_ledger_zh.xlsx")
    _cols, rows = read_inventory_csv()
    by_tag = {r["asset_tag"]: r for r in rows}
    seen = []
    for ws in wb.worksheets:
        assert "示例数据" in str(ws["A1"].value)
        merged = {str(r) for r in ws.merged_cells.ranges}
        assert "A3:A4" in merged  # identity columns span both header lines
        assert any(r.startswith(("I3:", "J3:")) for r in merged)  # a group header across row 3
        headers = [ws.cell(4, c).value or ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
        for r in range(5, ws.max_row + 1):
            tag = ws.cell(r, 1).value
            seen.append(tag)
            src = by_tag[tag]
            assert ws.cell(r, 2).value == src["name"]
            if "额定效率（%）" in headers:
                cell = ws.cell(r, headers.index("额定效率（%）") + 1).value
                assert (cell is None and src["efficiency_pct"] == "") or cell == float(src["efficiency_pct"])
            if "驱动电机功率" in headers:  # unit written in the cell, as engineers do
                assert ws.cell(r, headers.index("驱动电机功率") + 1).value == f"{src['drive_power_kw']} kW"
    assert sorted(seen) == sorted(by_tag)


def test_ledger_is_reproducible_from_the_csv(tmp_path):
    pytest.importorskip("openpyxl")
    import openpyxl

    from tools import make_ledger_xlsx

    fresh = openpyxl.load_workbook(make_ledger_xlsx.build(tmp_path / "ledger.xlsx"))
    shipped = openpyxl.load_workbook(SAMPLE / "sample_ledger_zh.xlsx")
    assert fresh.sheetnames == shipped.sheetnames
    for name in fresh.sheetnames:
        a = [[c.value for c in row] for row in fresh[name].iter_rows()]
        b = [[c.value for c in row] for row in shipped[name].iter_rows()]
        assert a == b, name


# GB 18613-2020 表1 (grade 1 / 2 / 3 = advanced / energy_saving / entry, %), copied from the reference
# transcription for the ratings used by the sample motors, and the tier each sample motor must get.
MOTOR_EXPECTED = {
    "XJ-M-001": ("below_entry", "4 kW 4P: 92.8/91.1/88.6; 84.5 < 88.6"),
    "XJ-M-002": ("below_entry", "30 kW 4P: 95.9/94.9/93.6; 92.2 < 93.6"),
    "XJ-M-006": ("entry", "11 kW 4P: 94.6/93.3/91.4; 91.4 on the entry threshold meets it"),
    "XJ-M-008": ("entry", "55 kW 4P: 96.5/95.7/94.6; 95.0"),
    "XJ-M-010": ("energy_saving", "7.5 kW 4P: 94.0/92.6/90.4; 92.8"),
    "XJ-M-012": ("energy_saving", "90 kW 4P: 96.9/96.1/95.2; 96.2"),
    "XJ-M-013": ("advanced", "55 kW 4P: 96.5 advanced; 96.6"),
    "XJ-M-014": ("advanced", "110 kW 2P: 96.8 advanced; 96.9"),
    "XJ-M-016": ("entry", "5.5 kW 6P: 92.2/90.5/88.0; 88.0 on the threshold"),
    "XJ-M-017": ("no_value", "efficiency unknown"),
}


def test_sample_motors_classify_into_several_tiers():
    catalog = pytest.importorskip("retrofit_desktop.catalog")
    if not hasattr(catalog, "get_catalog"):
        pytest.skip("catalog package not landed yet")
    cat = catalog.get_catalog()
    _cols, rows = read_inventory_csv()
    motors = [r for r in rows if r["product"] == "motor"]
    tiers = {}
    for r in motors:
        values = {"efficiency_pct": float(r["efficiency_pct"])} if r["efficiency_pct"] else {}
        c = cat.classify(
            "motor",
            params={"rated_power_kw": float(r["rated_power_kw"]), "poles": int(r["poles"])},
            values=values,
        )
        tiers[r["asset_tag"]] = str(c.tier)
    for tag, (want, why) in MOTOR_EXPECTED.items():
        assert tiers[tag] == want, (tag, why, tiers[tag])
    threshold_tiers = {
        t for t in tiers.values() if t in ("advanced", "energy_saving", "entry", "below_entry")
    }
    assert len(threshold_tiers) >= 3, tiers


def test_enumerated_values_are_catalog_values():
    catalog = pytest.importorskip("retrofit_desktop.catalog")
    cat = catalog.get_catalog()
    _cols, rows = read_inventory_csv()
    checked = 0
    for r in rows:
        spec = cat.product(r["product"])
        for f in (*spec.parameters, *spec.operating_fields):
            if getattr(f, "kind", None) == "enum" and r.get(f.name):
                assert r[f.name] in f.allowed, (r["asset_tag"], f.name, r[f.name], f.allowed)
                checked += 1
    assert checked > 40


# Intended tier of each non-motor item, with the thresholds (grade 1 / 2 / 3) that put it there:
#   GB 19153-2019 表1/表2 kW/(m³/min), lower is better; GB 20052-2020 表1/表2 W (both losses must pass);
#   GB 19761-2020 %; GB 24500-2020 %; GB 19577-2024 IPLV W/W (+ the COPc gate of grade 3).
OTHER_EXPECTED = {
    "XJ-C-001": "below_entry",  # 表1 37 kW 0.8 MPa air: 6.7/7.3/8.1; 8.6 > 8.1
    "XJ-C-002": "entry",  # 表1 75 kW 0.8 air: 6.3/6.8/7.5; 7.3
    "XJ-C-003": "energy_saving",  # 表1 90 kW 0.8 liquid: 6.0/6.4/7.1; 6.3
    "XJ-C-004": "advanced",  # 表2 55 kW 0.8 air: 6.8/7.3/8.1; 6.7
    "XJ-C-005": "below_entry",  # 表1 22 kW 0.7 air: 6.4/7.0/7.7; 7.9
    "XJ-T-001": "below_entry",  # 表1 630 kVA P0 460/510/570: 1200 W fails entry
    "XJ-T-002": "below_entry",  # 表1 800 kVA P0 560/630/700: 980 W fails entry
    "XJ-T-003": "entry",  # 表1 1000 kVA P0 665/745/830, Pk 7415/8240/10300: 830 and 10300 on entry
    "XJ-T-004": "energy_saving",  # 表2 1250 kVA P0 1205/1420/1670 (1400), Pk F 8720/8720/9690 (8700)
    "XJ-F-001": "energy_saving",  # 表1 1.05<=psi<1.35, 35<ns<=55, No4.5-No7: 68/65/54; 66
    "XJ-F-002": "entry",  # 表2 0.45<=psi<0.55, 30<=ns<50, No5-No10: 84/79/73; 75
    "XJ-F-003": "below_entry",  # 表1 1.35<=psi<1.55, 45<ns<=65, No4.5-No7: 64/61/52; 50
    "XJ-F-004": "advanced",  # 表3 axial 0.3<=gamma<0.4, No5-No10: 74/71/61; 76
    "XJ-B-001": "below_entry",  # 表4 gas, non-condensing: 96/94/92; 91.0
    "XJ-B-002": "entry",  # 表1 grate, bituminous II, <=20 t/h: 85/82/80; 81.0
    "XJ-CH-001": "entry",  # 表1 water-cooled 300-528 kW IPLV 7.8/7.2/5.7 (6.0), COPc gate 5.0 (5.2)
    "XJ-CH-002": "advanced",  # 表1 water-cooled 528-1163 kW IPLV 8.1/7.5/6.2 (8.2), COPc gate 5.4 (6.1)
    # GB 19762-2025 表3 (in force since 2026-03-01); thresholds by the formula, see test_pump_gb19762_2025.py
    "XJ-P-001": "entry",  # 单级双吸 Q 800 > 600, ns 277.4: 85.42/84.42/79.42; 80.5
    "XJ-P-002": "entry",  # 单级单吸 Q 100, ns 93.8: 79.79/77.79/72.79; 76.0
    "XJ-P-003": "entry",  # 管道 Q 50, ns 92.7: 74.34/72.34/66.34; 70.0
    "XJ-P-004": "below_entry",  # 管道 Q 200, ns 94.6: 80.74/78.74/72.74; 68.0
}


def test_whole_sample_classifies_as_intended():
    catalog = pytest.importorskip("retrofit_desktop.catalog")
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(SAMPLE / "sample_inventory.csv", dtype={"poles": str}, keep_default_na=True)
    out = catalog.get_catalog().classify_frame(frame)
    tiers = dict(zip(frame["asset_tag"], out["tier"].astype(str), strict=True))
    for tag, want in {**{t: w for t, (w, _why) in MOTOR_EXPECTED.items()}, **OTHER_EXPECTED}.items():
        assert tiers[tag] == want, (tag, tiers[tag])
    # Every threshold tier occurs in the sample, so a demo shows all of them.
    assert {"advanced", "energy_saving", "entry", "below_entry"} <= set(tiers.values())


def test_ledger_and_csv_import_to_the_same_items():
    io = pytest.importorskip("retrofit_desktop.io")
    pd = pytest.importorskip("pandas")
    ledger = io.read_inventory(SAMPLE / "sample_ledger_zh.xlsx")
    flat = io.read_inventory(SAMPLE / "sample_inventory.csv")
    assert (ledger.read, ledger.imported, len(ledger.rejected)) == (38, 38, 0)
    assert (flat.read, flat.imported, len(flat.rejected)) == (38, 38, 0)
    a = ledger.items.set_index("asset_tag").sort_index()
    b = flat.items.set_index("asset_tag").sort_index()
    assert list(a.index) == list(b.index)
    spelled = {"m³": "m3", "吨": "t"}  # the ledger writes the fuel unit the way engineers do
    a["fuel_unit"] = a["fuel_unit"].map(lambda v: spelled.get(v, v))
    for col in (c for c in b.columns if c not in ("sheet", "row")):
        for tag in b.index:
            x, y = a.at[tag, col], b.at[tag, col]
            assert (pd.isna(x) and pd.isna(y)) or x == y, (tag, col, x, y)
