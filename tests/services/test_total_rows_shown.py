"""A ledger's total rows (合计/小计) are skipped with a note that reaches the import record, the
assessment payload and the CLI's import and assess output (issue 11 A.2); fraction efficiencies are
warnings naming the file, sheet, row, column, value and the reading used (A.4)."""

from __future__ import annotations

import json

from messy_ledger import EXPECTED, FRACTIONS, TOTAL_ROWS, write_messy_ledger

from retrofit_desktop import services
from retrofit_desktop.cli import main
from retrofit_desktop.i18n import use_language


def test_the_import_record_keeps_the_total_rows_apart_from_warnings(ws, tmp_path):
    path = write_messy_ledger(tmp_path / "台账.xlsx")
    eid, rep = services.import_file_as(ws, path, "合计企业")
    assert {(t.sheet, t.row) for t in rep.total_rows} == set(TOTAL_ROWS)
    assert (rep.read, rep.imported, rep.rejected_rows) == (10, 9, 1)  # totals are neither read nor rejected
    assert len(rep.warnings) == len(FRACTIONS)
    [rec] = services.import_history(ws, eid)
    data = rec.to_json()
    assert {(t["sheet"], t["row"]): t["value"] for t in data["total_rows"]} == TOTAL_ROWS
    assert data["warnings"] == len(FRACTIONS)  # the notes are not counted as warnings
    assert (data["read"], data["imported"], data["rejected"]) == (10, 9, 1)
    payload = services.assess_enterprise(ws, eid, save=False)
    assert payload["summary"]["total_rows"] == 3
    assert {(t["sheet"], t["row"]) for t in payload["total_rows"]} == set(TOTAL_ROWS)
    assert sorted(i["asset_tag"] for i in payload["items"]) == sorted(EXPECTED)


def test_cli_import_and_assess_say_which_rows_were_totals(capsys, tmp_path):
    path = write_messy_ledger(tmp_path / "台账.xlsx")
    db = tmp_path / "w.sqlite3"
    with use_language("en"):
        code = main(["--lang", "en", "--db", str(db), "import", str(path), "--enterprise", "合计企业"])
        out, err = capsys.readouterr()
        assert code == 0, err
        assert "rejected 1" in out
        assert "Total rows skipped (not equipment): 3 (电动机!10, 电动机!13, 空压机及其他!9)" in out

        code = main(["--lang", "en", "assess", str(path), "--json", str(tmp_path / "a.json")])
        out, err = capsys.readouterr()
    assert code == 0, err
    assert "Total rows skipped (not equipment): 3 (电动机!10, 电动机!13, 空压机及其他!9)" in out
    # the warnings name the file, then sheet!row, column, value and the reading used
    assert f"Warnings ({path}):" in err
    for sheet, row, column, value, pct in FRACTIONS:
        assert (
            f"row {sheet}!{row}, column {column} = '{value}': efficiency written as a fraction: "
            f"read as {pct:g} %"
        ) in err
    payload = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert payload["summary"]["total_rows"] == 3 and payload["summary"]["rejected"] == 1
    assert [w["reason"] for w in payload["warnings"]] == [
        f"efficiency written as a fraction: read as {p:g} %" for *_x, p in FRACTIONS
    ]


def test_cli_assess_in_chinese_says_it_in_chinese(capsys, tmp_path):
    path = write_messy_ledger(tmp_path / "台账.xlsx")
    with use_language("zh"):
        code = main(["--lang", "zh", "assess", str(path)])
        out, err = capsys.readouterr()
    assert code == 0, err
    assert "已跳过合计/小计行（不是设备）：3 行（电动机!10, 电动机!13, 空压机及其他!9）" in out
    assert "效率按小数填写：按 95% 读取" in err
    assert "fraction" not in err and "Total rows" not in out


def test_the_report_summary_counts_the_total_rows_it_skipped(tmp_path):
    """The report's row counts say how many 合计/小计 rows were skipped (they are neither read nor
    rejected)."""
    from retrofit_desktop.report.pagetext import page_texts

    path = write_messy_ledger(tmp_path / "台账.xlsx")
    pdf = tmp_path / "r.pdf"
    with use_language("zh"):
        assert main(["--lang", "zh", "report", str(path), "-o", str(pdf)]) == 0
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert "跳过的合计/小计行（非设备） 3" in text
    assert "10 / 9 / 1" in text  # read / imported / rejected: the totals are in none of them
