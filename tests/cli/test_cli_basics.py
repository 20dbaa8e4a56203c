"""CLI usage errors, help, catalog and classify (in-process through main(argv))."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def test_help_and_usage_errors(run):
    assert run("--help", db=False)[0] == 0
    code, _out, err = run(db=False)
    assert code == 2 and "COMMAND" in err
    assert run("frobnicate", db=False)[0] == 2
    assert run("assess", db=False)[0] == 2  # neither a file nor --enterprise
    assert run("assess", "x.csv", "--enterprise", "甲", db=False)[0] == 2  # both
    assert run("assess", "x.csv", "--target", "entry", db=False)[0] == 2
    assert run("sample", "--enterprise", "甲", "--n", "three", "--seed", "1", db=False)[0] == 2


def test_module_entry_point():
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-m", "retrofit_desktop", "--lang", "en", "--help"],
        capture_output=True, text=True, timeout=120, cwd=root,
    )  # fmt: skip
    assert proc.returncode == 0 and "classify" in proc.stdout and "verify" in proc.stdout


def test_classify_json(run):
    data = run.json("classify", "motor", "--param", "rated_power_kw=55", "--param", "poles=4",
                    "--value", "efficiency_pct=95.0", "--json")  # fmt: skip
    # GB 18613-2020 table 1, 55 kW 4-pole: grade 3 = 94.6 ≤ 95.0 < grade 2 = 95.7 -> entry
    assert data["schema"] == 1 and data["product"] == "motor"
    assert data["tier"] == "entry" and data["verification"] in {"verified", "single_source", "unverified"}
    [c] = data["comparisons"]
    assert (c["indicator"], c["value"], c["unit"], c["direction"]) == (
        "efficiency_pct",
        95.0,
        "%",
        "higher_is_better",
    )
    assert c["thresholds"] == {"advanced": 96.5, "energy_saving": 95.7, "entry": 94.6}
    assert c["source"] and c["table"]


def test_classify_accepts_units_and_chinese_names(run):
    data = run.json("classify", "三相异步电动机", "--param", "rated_power_kw=55 kW", "--param", "poles=4",
                    "--value", "efficiency_pct=95.7", "--json")  # fmt: skip
    assert data["tier"] == "energy_saving"  # exactly on the threshold meets it


def test_classify_human_output_in_both_languages(run):
    args = (
        "classify",
        "motor",
        "--param",
        "rated_power_kw=55",
        "--param",
        "poles=4",
        "--value",
        "efficiency_pct=93",
    )
    code, out, _ = run(*args)
    assert code == 0 and "低于准入水平" in out and "94.60" in out
    code, out, _ = run("--lang", "en", *args)
    assert code == 0 and "Below entry" in out


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("classify", "rocket", "--value", "x=1"), "rocket"),
        (("classify", "motor", "--param", "rated_power_kw"), "NAME=VALUE"),
        (("classify", "motor", "--param", "colour=red"), "colour"),
        (("classify", "motor", "--value", "efficiency_pct=high"), "high"),
        (("catalog", "show", "rocket"), "rocket"),
    ],
)
def test_bad_classify_and_catalog_arguments_exit_2(run, args, fragment):
    code, _out, err = run("--lang", "en", *args)
    assert code == 2 and fragment in err


def test_catalog_list_and_show(run):
    data = run.json("catalog", "list", "--json")
    assert data["schema"] == 1 and any(p["id"] == "motor" for p in data["products"])
    show = run.json("catalog", "show", "motor", "--json")
    assert show["schema"] == 1 and show["id"] == "motor"
    params = {p["name"]: p for p in show["parameters"]}
    assert set(params) >= {"rated_power_kw", "poles"} and params["rated_power_kw"]["unit"] == "kW"
    assert params["poles"]["allowed"]  # an enumeration lists its values
    assert show["rows"] and all(r["source"] and r["verification"] for r in show["rows"])
    code, out, _ = run("catalog", "list")
    assert code == 0 and "motor" in out
    code, out, _ = run("--lang", "en", "catalog", "show", "motor")
    assert code == 0 and "efficiency_pct" in out and "rated_power_kw" in out


def test_catalog_import_of_a_missing_pack_names_it(run, tmp_path):
    code, _out, err = run("catalog", "import", tmp_path / "nope.csv")
    assert code == 2 and "nope.csv" in err


def test_catalog_import_pack(run, tmp_path, monkeypatch):
    from retrofit_desktop.catalog.catalog import BUILTIN_TIERS
    from retrofit_desktop.catalog.tiertable import read_long_csv

    monkeypatch.setenv("RETROFIT_DATA_DIR", str(tmp_path / "data"))
    rows = read_long_csv(BUILTIN_TIERS)
    rows = rows[rows["product"] == "motor"].reset_index(drop=True)
    good = tmp_path / "motor_pack.csv"
    rows.to_csv(good, index=False)
    code, out, err = run("--lang", "en", "catalog", "import", good)
    assert code == 0 and "Imported catalog edition pack-motor_pack-" in out, err
    assert run("--read-only", "catalog", "import", good)[0] == 2
    rows.loc[1, "verification"] = "probably"  # file row 3
    bad = tmp_path / "bad_pack.csv"
    rows.to_csv(bad, index=False)
    code, _out, err = run("catalog", "import", bad)
    assert code == 2 and "bad_pack.csv" in err and "3" in err and "verification" in err


def test_classify_refuses_impossible_values(run):
    # the import's plausibility rules hold on the command line too: no tier for an impossible value
    code, out, err = run("--lang", "en", "classify", "motor", "--param", "rated_power_kw=30",
                         "--param", "poles=4", "--value", "efficiency_pct=150", db=False)  # fmt: skip
    assert code == 2 and "Tier" not in out
    assert "efficiency_pct = 150" in err and "100 %" in err
    code, out, err = run("--lang", "en", "classify", "motor", "--param", "rated_power_kw=0",
                         "--param", "poles=4", "--value", "efficiency_pct=93", db=False)  # fmt: skip
    assert code == 2 and "rated_power_kw = 0" in err


def test_chinese_output_names_products_statuses_rules_and_directions_in_chinese(run):
    code, out, _ = run("catalog", "list", db=False)
    assert code == 0 and "单一来源" in out and "single_source" not in out
    code, out, _ = run("catalog", "show", "motor", db=False)
    assert code == 0 and "越高越好" in out and "higher_is_better" not in out
    code, out, _ = run("--lang", "en", "catalog", "show", "transformer", db=False)
    assert code == 0 and "lower is better" in out and "lower_is_better" not in out


def test_classify_names_the_parameters_not_given(run):
    code, out, _ = run("classify", "transformer", "--param", "rated_capacity_kva=630",
                       "--value", "no_load_loss_w=900", db=False)  # fmt: skip
    assert code == 0 and "规则：缺少查表所需的参数" in out and "missing_parameter" not in out
    [hint] = [line for line in out.splitlines() if line.startswith("未给出的参数：")]
    assert "transformer_type" in hint and "rated_capacity_kva" not in hint


def test_assess_json_to_stdout_equals_the_file(run, mixed_csv, tmp_path):
    """`--json -` streams the same JSON to stdout as `--json FILE` writes."""
    src = mixed_csv
    out = tmp_path / "out.json"
    code, _out, _err = run("assess", src, "--json", out, "--assessment-date", "2026-09-21")
    assert code == 0
    streamed = run.json("assess", src, "--json", "-", "--assessment-date", "2026-09-21")
    assert streamed == json.loads(out.read_text(encoding="utf-8"))
    assert [it["asset_tag"] for it in streamed["items"]] == ["M1", "M4"]
    assert (
        streamed["items"][0]["comparisons"][0]["thresholds"]["entry"] == 94.6
    )  # GB 18613-2020, 55 kW 4-pole
    assert streamed["summary"]["rejected"] == 2 and len(streamed["rejected"]) >= 2
