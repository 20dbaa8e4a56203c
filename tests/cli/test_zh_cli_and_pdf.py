"""Issue 11 C.11: the Chinese CLI output (assess, classify, catalog, verify, import/imports) and the text of
the Chinese PDF report of the sample enterprise hold no English: every Latin word outside units, standard
numbers, the user's own names and command literals is reported with its context. The CLI's tier values'
and factors' provenance (how a number reached the product) is taken out (latin_scan.provenance_texts);
the whole PDF is scanned: its last appendix says the route in words and keeps the provenance only in
the embedded payload."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from retrofit_desktop.cli import main
from retrofit_desktop.report.pagetext import page_texts
from retrofit_desktop.resources import resource_path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from latin_scan import latin_words, name_words, provenance_texts, without

SAMPLE = resource_path("sample", "sample_inventory.csv")
LEDGER = resource_path("sample", "sample_ledger_zh.xlsx")


def _names(*extra: object) -> set[str]:
    with open(SAMPLE, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    cols = ("asset_tag", "name", "model", "manufacturer", "site", "notes")
    return name_words([r[c] for r in rows for c in cols if r.get(c)] + [str(e) for e in extra])


@pytest.fixture(scope="module")
def zh_run(tmp_path_factory):
    """The CLI in Chinese on one workspace; the sample report written once (assess → report)."""
    tmp = tmp_path_factory.mktemp("zh")
    db = tmp / "ws.sqlite3"

    def run(*argv: object, capsys) -> str:
        code = main(["--db", str(db), "--lang", "zh", *map(str, argv)])
        out, err = capsys.readouterr()
        assert code == 0, err
        return out + err

    pdf = tmp / "报告.pdf"
    assert (
        main(
            [
                "--db",
                str(db),
                "--lang",
                "zh",
                "report",
                str(SAMPLE),
                "--region",
                "hunan",
                "--price",
                "0.65",
                "-o",
                str(pdf),
            ]
        )
        == 0
    )
    payload_file = tmp / "a.json"
    assert (
        main(
            [
                "--db",
                str(db),
                "--lang",
                "zh",
                "assess",
                str(SAMPLE),
                "--region",
                "hunan",
                "--price",
                "0.65",
                "--json",
                str(payload_file),
            ]
        )
        == 0
    )
    payload = json.loads(payload_file.read_text(encoding="utf-8"))
    return run, tmp, pdf, payload


def _check(text: str, names: set[str], payload: dict) -> list[str]:
    return latin_words(without(text, provenance_texts(payload)), names)


def test_the_scan_reports_english_and_keeps_units():
    found = latin_words("年节电量 157,313 kWh，规则：table_row；GB/T 2589-2020；tCO2；see the table", set())
    words = [f.split(" in ")[0] for f in found]
    assert words == ["'table'", "'row'", "'see'", "'the'", "'table'"]


def test_zh_report_text_has_no_english(zh_run):
    _run, tmp, pdf, payload = zh_run
    text = "\n".join(page_texts(pdf))
    assert "节能改造评估报告" in text  # the scan reads the real pages
    # The whole PDF, the last appendix (数据来源与核实状态) included: it says in words how each table's
    # values were obtained (数据获取途径); the raw provenance (paths, notes) is only in the embedded payload,
    # so nothing is taken out of the text before the scan.
    assert "数据获取途径" in text
    bad = latin_words(text, _names())
    assert bad == [], "\n".join(bad)


def test_zh_assess_output_has_no_english(zh_run, capsys):
    run, tmp, _pdf, payload = zh_run
    out = run("assess", SAMPLE, "--region", "hunan", "--price", "0.65", capsys=capsys)
    assert "能效水平" in out
    bad = _check(out, _names(SAMPLE), payload)
    assert bad == [], "\n".join(bad)


@pytest.mark.parametrize(
    "argv",
    [
        ["motor", "--param", "rated_power_kw=55", "--param", "poles=4", "--value", "efficiency_pct=93"],
        [
            "air_compressor",
            "--param",
            "compressor_type=oil_injected_rotary_fixed",
            "--param",
            "drive_power_kw=37",
            "--param",
            "discharge_pressure_mpa=0.8",
            "--param",
            "cooling=air",
            "--value",
            "specific_power=8.6",
        ],
        [
            "pump",
            "--param",
            "pump_type=single_stage_single_suction",
            "--param",
            "flow_m3h=100",
            "--param",
            "head_m=50",
            "--param",
            "speed_rpm=2900",
            "--value",
            "pump_efficiency_pct=76",
        ],
        ["chiller", "--param", "cooling_capacity_kw=450", "--value", "iplv=6", "--value", "cop=5.2"],
        [
            "transformer",
            "--param",
            "rated_capacity_kva=630",
            "--param",
            "transformer_type=oil",
            "--value",
            "no_load_loss_w=1200",
            "--value",
            "load_loss_w=6200",
        ],
    ],
)
def test_zh_classify_output_has_no_english(zh_run, capsys, argv):
    run, _tmp, _pdf, payload = zh_run
    out = run("classify", *argv, capsys=capsys)
    assert "能效水平" in out
    bad = _check(out, set(), payload)
    assert bad == [], "\n".join(bad)


def test_zh_catalog_output_has_no_english_but_the_codes_one_types(zh_run, capsys):
    """`catalog list`/`show` list the product ids and field names a user types after `classify`: those
    codes are allowed there (and only there), nothing else."""
    from retrofit_desktop.catalog import get_catalog

    run, _tmp, _pdf, payload = zh_run
    cat = get_catalog()
    codes = name_words(
        [s.id for s in cat.products.values()]
        + [
            f.name
            for s in cat.products.values()
            for f in (*s.parameters, *s.indicators, *(s.operating_fields or ()))
        ]
    )
    out = run("catalog", "list", capsys=capsys) + run("catalog", "show", "motor", capsys=capsys)
    bad = _check(out, codes, payload)
    assert bad == [], "\n".join(bad)


def test_zh_verify_import_and_imports_output_have_no_english(zh_run, capsys):
    run, tmp, pdf, payload = zh_run
    out = run("verify", pdf, capsys=capsys)
    out += run("import", LEDGER, "--enterprise", "示例企业", capsys=capsys)
    out += run("imports", "--enterprise", "示例企业", capsys=capsys)
    assert "示例企业" in out
    bad = _check(out, _names(pdf, LEDGER, tmp), payload)
    assert bad == [], "\n".join(bad)


def test_zh_report_gives_one_payback_and_summary_figures_in_wan(zh_run):
    """C.12: the summary's payback and the measures table's total row are the same figure, the engine's
    summary payback (before: 16.1 and 23.5 years for the sample, the total row dividing the investment of
    items without a cost saving too); summary figures in 万kWh and 万元, full figures in the JSON."""
    import re

    _run, _tmp, pdf, payload = zh_run
    text = " ".join(page_texts(pdf))
    sm = payload["summary"]
    shown = f"{sm['payback_years']:.1f}"
    assert re.search(r"静态投资回收期（年） (\S+)", text).group(1) == shown
    total_row = re.search(r"合计 [\d,]+ [\d.]+ [\d.]+ [\d,]+ ([\d,]+) (\S+)", text)
    assert total_row.group(1) == f"{sm['investment']:,.0f}" and total_row.group(2) == shown
    assert f"年节电量（万kWh/年） {sm['kwh'] / 1e4:.2f}" in text
    assert f"投资（万元） {sm['investment'] / 1e4:.2f}" in text


def test_argparse_words_follow_the_language(capsys):
    """argparse's headings and its usage errors were English in the zh CLI (usage:, options, show this
    help message and exit, the following arguments are required)."""
    assert main(["--lang", "zh", "imports", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：retrofit imports") and "显示本帮助并退出" in out and "选项" in out
    assert "usage" not in out and "show this help" not in out
    assert main(["--lang", "zh", "imports"]) == 2
    err = capsys.readouterr().err
    assert "缺少以下必需参数：--enterprise" in err and "required" not in err
    assert main(["--lang", "en", "imports"]) == 2
    assert "the following arguments are required: --enterprise" in capsys.readouterr().err
