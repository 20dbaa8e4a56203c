"""template → import → assess → report → verify → sample, with exit codes 0/1/2 and JSON shapes."""

from __future__ import annotations

import csv
import json
import re

import pytest
from pypdf import PdfReader

from retrofit_desktop.report import read_embedded_payload


def test_template(run, tmp_path):
    out = tmp_path / "inventory.xlsx"
    code, text, _ = run("template", "-o", out)
    assert code == 0 and str(out) in text
    from openpyxl import load_workbook

    assert len(load_workbook(out).sheetnames) >= 1
    assert run("template", "-o", tmp_path / "no-such-dir" / "t.xlsx")[0] == 2


def test_import_counts_rejections_and_strict(run, mixed_csv):
    code, out, err = run("--lang", "en", "import", mixed_csv, "--enterprise", "湘江机械")
    assert code == 0
    assert "rows read 4, added 2, updated 0, unchanged 0, rejected 2" in out
    assert "3, column product" in err and "火箭发动机" in err  # row 3: unknown product
    assert "4, column efficiency_pct" in err and "abc" in err  # row 4: not a number
    code, out, _ = run("--lang", "en", "import", mixed_csv, "--enterprise", "湘江机械", "--strict")
    assert code == 1 and "added 0, updated 0, unchanged 2" in out


def test_import_errors_exit_2(run, tmp_path, mixed_csv):
    code, _out, err = run("import", tmp_path / "missing.xlsx", "--enterprise", "甲")
    assert code == 2 and "missing.xlsx" in err
    (tmp_path / "junk.xlsx").write_bytes(b"not a workbook")
    code, _out, err = run("import", tmp_path / "junk.xlsx", "--enterprise", "甲")
    assert code == 2 and "junk.xlsx" in err
    run("import", mixed_csv, "--enterprise", "甲")
    code, _out, err = run("--read-only", "import", mixed_csv, "--enterprise", "甲")
    assert code == 2 and ("read-only" in err or "只读" in err)


def test_assess_file_json_strict_and_summary(run, mixed_csv, tmp_path):
    code, out, err = run("assess", mixed_csv, "--region", "湖南", "--price", "0.65", "--json", "-")
    assert code == 0
    p = json.loads(out)
    assert p["schema"] == 1
    assert (p["summary"]["read"], p["summary"]["imported"], p["summary"]["rejected"]) == (4, 2, 2)
    assert [i["asset_tag"] for i in p["items"]] == ["M1", "M4"]
    assert [i["tier"] for i in p["items"]] == ["below_entry", "energy_saving"]
    assert {(r["row"], r["column"]) for r in p["rejected"]} == {(3, "product"), (4, "efficiency_pct")}
    # 55 kW × 0.75 × 6000 h × (100/93.0 − 100/95.7) = 7508.34 kWh/yr (GB 18613-2020 grade 2 = 95.7 %)
    assert p["items"][0]["savings"]["kwh"] == pytest.approx(
        55 * 0.75 * 6000 * (100 / 93.0 - 100 / 95.7), rel=1e-12
    )
    assert "火箭发动机" in err  # rejected rows also reported on stderr, JSON on stdout stays clean

    assert run("assess", mixed_csv, "--strict", "--json", "-")[0] == 1
    target = tmp_path / "out.json"
    code, out, _ = run("--lang", "en", "assess", mixed_csv, "--json", target, "--export", tmp_path / "r.xlsx")
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["schema"] == 1
    assert "Below entry" in out and "Rows read: 4, imported: 2, rejected: 2" in out
    assert (tmp_path / "r.xlsx").stat().st_size > 0


def test_assess_bad_inputs_exit_2(run, tmp_path, mixed_csv):
    code, _out, err = run("assess", tmp_path / "nope.csv")
    assert code == 2 and "nope.csv" in err
    code, _out, err = run("assess", "--enterprise", "没有这家")
    assert code == 2 and "没有这家" in err
    assert run("assess", mixed_csv, "--price", "-1")[0] == 2
    assert run("assess", mixed_csv, "--region", "atlantis")[0] == 2
    code, _out, err = run("--lang", "en", "assess", mixed_csv, "--region", "hunan", "--factor-year", "1999")
    assert code == 2 and "1999" in err


def test_enterprise_assess_report_verify_sample(run, mixed_csv, tmp_path):
    assert run("import", mixed_csv, "--enterprise", "湘江机械")[0] == 0
    p = run.json("assess", "--enterprise", "湘江机械", "--target", "advanced", "--json")
    assert (
        p["enterprise"]["name"] == "湘江机械" and [i["target_tier"] for i in p["items"]] == ["advanced"] * 2
    )
    # the summary counts the rows of the import the items came from (issue 10: it said "rejected 0")
    s = p["summary"]
    assert (s["read"], s["imported"], s["rejected"]) == (4, 2, 2) and len(p["imports"]) == 1
    assert sorted({r["row"] for r in p["rejected"]}) == [3, 4]

    pdf = tmp_path / "报告.pdf"
    code, out, _ = run("report", "--enterprise", "湘江机械", "-o", pdf, "--lang", "en", "--region", "hunan")
    assert code == 0 and pdf.stat().st_size > 0
    code, out, _ = run("--lang", "en", "verify", pdf)
    assert code == 0 and "OK" in out
    v = run.json("verify", pdf, "--json")
    checked, pages, signature = v.pop("checked"), v.pop("pages"), v.pop("signature")
    assert v == {"schema": 1, "ok": True, "items_checked": 2, "differences": []}
    assert signature["present"] is False  # an unsigned report; additive field
    subject = PdfReader(str(pdf)).metadata["/Subject"]  # the report number, as written in the PDF
    assert (checked["report_id"], checked["enterprise"], checked["items"]) == (subject, "湘江机械", 2)
    embedded = read_embedded_payload(
        pdf
    )  # the report used the default target, not the --target advanced above
    assert checked["kwh"] == embedded["summary"]["kwh"] and checked["date"] == embedded["generated_at"][:10]
    assert pages["identical"] and pages["file"] == pages["rerendered"] == len(PdfReader(str(pdf)).pages)
    assert pages["differing"] == [] and pages["missing"] == []

    code, out, _ = run("report", mixed_csv, "-o", tmp_path / "file.pdf")
    assert code == 0 and (tmp_path / "file.pdf").exists()
    assert run("verify", tmp_path / "missing.pdf")[0] == 2

    [ent] = run.json("enterprises", "--json")["enterprises"]
    assert (ent["name"], ent["item_count"], ent["is_sample"]) == ("湘江机械", 2, False)
    code, out, _ = run("enterprises")
    assert code == 0 and "湘江机械" in out

    s1 = run.json("sample", "--enterprise", "湘江机械", "--n", "1", "--seed", "42", "--json")
    s2 = run.json("sample", "--enterprise", "湘江机械", "--n", "1", "--seed", "42", "--json")
    assert s1 == s2 and s1["seed"] == 42 and s1["n"] == 1 and s1["population"] == 2
    assert s1["items"][0]["asset_tag"] in {"M1", "M4"} and "without replacement" in s1["method"]
    code, out, _ = run("sample", "--enterprise", "湘江机械", "--n", "5", "--seed", "42")
    assert code == 0 and "M1" in out and "M4" in out
    assert run("sample", "--enterprise", "无此企业", "--n", "1", "--seed", "1")[0] == 2


def test_verify_reports_a_forged_figure_with_exit_1(run, mixed_csv, tmp_path):
    from retrofit_desktop import services

    payload = services.assess_file(mixed_csv, services.AssessOptions(region="hunan"))
    payload["summary"]["kwh"] *= 2
    pdf = services.write_report(payload, tmp_path / "forged.pdf")
    code, out, _ = run("--lang", "en", "verify", pdf)
    assert code == 1 and "DIFFERENT" in out and "summary" in out and "kwh" in out


def test_read_only_database_is_not_created(run, tmp_path):
    code, _out, err = run("--read-only", "sample", "--enterprise", "甲", "--n", "1", "--seed", "1")
    assert code == 2 and not run.db.exists()


def test_chinese_excel_ledger_imports_like_the_csv(run):
    from retrofit_desktop.resources import resource_path

    code, out, err = run(
        "--lang", "en", "import", resource_path("sample", "sample_ledger_zh.xlsx"), "--enterprise", "样例"
    )
    assert code == 0, err
    code, out, err = run(
        "--lang", "en", "import", resource_path("sample", "sample_inventory.csv"), "--enterprise", "样例"
    )
    assert code == 0 and "added 0" in out and "rejected 0" in out


def test_out_of_range_values_reject_only_their_row(run, tmp_path):
    p = tmp_path / "range.csv"
    p.write_text(
        "asset_tag,name,product,rated_power_kw,poles,efficiency_pct,annual_hours,load_factor\n"
        "M1,a,motor,55,4,93.0,6000,0.75\n"
        "M5,b,motor,55,4,150,6000,0.75\n"  # line 3: efficiency above 100 %
        "M6,c,motor,55,4,93,6000,5\n",  # line 4: load factor out of range
        encoding="utf-8",
    )
    code, out, err = run("assess", p, "--json", "-")
    data = json.loads(out)
    assert code == 0 and [i["asset_tag"] for i in data["items"]] == ["M1"]
    assert {(r["row"], r["column"]) for r in data["rejected"]} == {(3, "efficiency_pct"), (4, "load_factor")}
    assert "150" in err and "load_factor" in err
    assert run("assess", p, "--strict")[0] == 1


def test_assess_shows_the_priced_part_when_a_fuel_price_is_missing(run):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "resources" / "sample" / "sample_inventory.csv"
    args = ("--lang", "en", "assess", sample, "--region", "湖南", "--price", "0.65")
    data = run.json(*args, "--json", "-")
    s = data["summary"]
    assert s["cny"] is None  # the gas boiler has no fuel price, so the total is missing
    priced = [i["savings"] for i in data["items"] if (i.get("savings") or {}).get("cny") is not None]
    unpriced = [
        i
        for i in data["items"]
        if (i.get("savings") or {}).get("status") == "ok" and i["savings"].get("cny") is None
    ]
    # electricity items only: cost = kWh saved x 0.65 CNY/kWh
    expected = 0.65 * sum(v["kwh"] for v in priced)
    assert (
        s["cny_priced"] == pytest.approx(expected, rel=1e-9) and s["cny_unpriced_items"] == len(unpriced) > 0
    )
    code, out, _err = run(*args)
    assert code == 0
    assert re.search(
        rf"Cost without the {len(unpriced)} unpriced items \(CNY/yr\)\s+{expected:,.0f}\b", out
    ), out


def test_below_entry_list_names_products_in_the_output_language(run):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "resources" / "sample" / "sample_inventory.csv"
    code, out, _ = run("assess", sample, "--price", "0.65")
    below = out.split("低于准入水平的设备", 1)[1]
    assert code == 0 and "三相异步电动机" in below and " motor " not in below
    code, out, _ = run("--lang", "en", "assess", sample, "--price", "0.65")
    assert "Three-phase induction motor" in out.split("Items below the entry tier", 1)[1]


def test_a_file_without_known_columns_is_an_error_not_zero_rows(run, tmp_path):
    path = tmp_path / "其他表.csv"
    path.write_text(
        "日期,读数\n2025-01-01,1234\n2025-02-01,1301\n", encoding="utf-8"
    )  # a meter log, not a ledger
    code, out, err = run("--lang", "en", "assess", path)
    assert code == 2 and "其他表.csv" in err and "no header row with known column names" in err and out == ""
    code, _out, err = run("--lang", "en", "import", path, "--enterprise", "甲")
    assert code == 2 and "其他表.csv" in err
    assert run("enterprises", "--json")[1].count("甲") == 0  # nothing was created for it


def test_outputs_into_a_missing_folder_are_usage_errors_found_first(run, mixed_csv, tmp_path):
    missing = tmp_path / "no-such-dir"
    code, out, err = run("--lang", "en", "assess", mixed_csv, "--export", missing / "out.xlsx")
    assert (
        code == 2 and "no-such-dir" in err and "does not exist" in err and out == ""
    )  # no traceback, no work
    code, out, err = run("--lang", "en", "assess", mixed_csv, "--json", missing / "out.json")
    assert code == 2 and "no-such-dir" in err and out == ""
    assert not missing.exists()


def test_sample_lists_product_names(run, mixed_csv):
    assert run("import", mixed_csv, "--enterprise", "湘江机械")[0] == 0
    code, out, _ = run("sample", "--enterprise", "湘江机械", "--n", "2", "--seed", "1")
    rows = out.splitlines()[-2:]
    assert code == 0 and all("三相异步电动机" in r and " motor " not in r for r in rows)


def test_report_into_a_missing_folder_is_a_usage_error(run, mixed_csv, tmp_path):
    missing = tmp_path / "reprots"  # a typo: reported, not created
    code, out, err = run("--lang", "en", "report", mixed_csv, "-o", missing / "r.pdf")
    assert code == 2 and "reprots" in err and "does not exist" in err and not missing.exists()


def test_assess_factor_table_scopes_read_in_the_output_language(run, mixed_csv):
    """The human-readable factor table shows a data-file scope in Chinese under --lang zh; the JSON
    and the English output keep the English scope."""
    from retrofit_desktop.engine.regions import DATA_DIR

    with (DATA_DIR / "factors.csv").open(encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["key"] == "tce_electricity_calorific")
    code, zh, _err = run("--lang", "zh", "assess", mixed_csv, "--region", "湖南", "--price", "0.65")
    assert code == 0 and row["scope_zh"] in zh and row["scope"] not in zh
    code, en, _err = run("--lang", "en", "assess", mixed_csv, "--region", "湖南", "--price", "0.65")
    assert code == 0 and row["scope"] in en and row["scope_zh"] not in en
    p = run.json("assess", mixed_csv, "--json", "-")
    assert p["summary"]["factors"]["factors"]["tce_electricity_calorific"]["scope"] == row["scope"]
