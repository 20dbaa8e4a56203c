"""Each import is kept with the enterprise, and the report of the enterprise says what its imports said
(issue 10, B7: a ledger with 4 rejected rows gave a report saying "rejected 0")."""

from __future__ import annotations

import hashlib
import json

from retrofit_desktop import services
from retrofit_desktop.cli import main

GOOD = 40


def _ledger(path, bad: bool = True, tag_prefix: str = "M"):
    """44 data rows; with `bad`, 4 of them (lines 3, 10, 20, 30) have a cell that rejects the row."""
    lines = ["设备编号,设备名称,产品,所在车间,额定功率(kW),极数,效率(%)"]
    bad_lines = {3: ("", "motor", "一车间", "90"), 10: (None, "不存在的产品", "一车间", "90"),
                 20: (None, "motor", "一车间", "150"), 30: (None, "motor", "车" * 201, "90")}  # fmt: skip
    for line in range(2, 2 + GOOD + 4):
        tag, product, site, eff = f"{tag_prefix}-{line:03d}", "motor", "一车间", "90"
        if bad and line in bad_lines:
            t, product, site, eff = bad_lines[line]
            tag = tag if t is None else t
        lines.append(f"{tag},电机{line},{product},{site},11,4,{eff}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_is_recorded_with_its_file_counts_and_rejected_cells(ws, tmp_path):
    path = _ledger(tmp_path / "台账.csv")
    eid, rep = services.import_file_as(ws, path, "记录企业")
    [rec] = services.import_history(ws, eid)
    assert rec.id == rep.record_id and rec.file_name == "台账.csv"
    assert rec.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (rec.read, rec.imported, rec.added, rec.updated, rec.unchanged, rec.rejected) == (
        44,
        40,
        40,
        0,
        0,
        4,
    )
    assert sorted({c["row"] for c in rec.rejected_cells}) == [3, 10, 20, 30]
    assert all(c["reason"] and c["column"] for c in rec.rejected_cells)
    assert rec.imported_at.tzinfo is not None
    services.import_file(ws, path, eid)  # the same file again: all unchanged
    later = services.import_history(ws, eid)[-1]
    assert (later.added, later.updated, later.unchanged, later.rejected) == (0, 0, 40, 4)


def test_the_report_of_an_enterprise_counts_the_rejected_rows_of_its_imports(ws, tmp_path):
    path = _ledger(tmp_path / "台账.csv")
    eid, _rep = services.import_file_as(ws, path, "报告企业")
    payload = services.assess_enterprise(ws, eid, save=False)
    sm = payload["summary"]
    assert (sm["read"], sm["imported"], sm["rejected"]) == (44, 40, 4)  # was 40 / 40 / 0
    assert sorted({r["row"] for r in payload["rejected"]}) == [3, 10, 20, 30]
    [imp] = payload["imports"]
    assert imp["file"] == "台账.csv" and imp["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (imp["read"], imp["imported"], imp["rejected"]) == (44, 40, 4) and "rejected_cells" not in imp
    # the fixed ledger imported again under the same name replaces the earlier counts
    _ledger(path, bad=False)
    services.import_file(ws, path, eid)
    payload = services.assess_enterprise(ws, eid, save=False)
    sm = payload["summary"]
    assert (sm["read"], sm["imported"], sm["rejected"]) == (44, 44, 0) and payload["rejected"] == []
    assert len(payload["imports"]) == 2
    # a second file adds its rows
    other = _ledger(tmp_path / "二车间.csv", tag_prefix="N")
    services.import_file(ws, other, eid)
    sm = services.assess_enterprise(ws, eid, save=False)["summary"]
    assert (sm["read"], sm["imported"], sm["rejected"]) == (88, 84, 4)


def test_an_enterprise_without_imports_reports_its_items(ws):
    eid = services.create_enterprise(ws, "手工录入")
    services.save_item(ws, eid, {"asset_tag": "P1", "product": "pump", "flow_m3h": 100.0})
    payload = services.assess_enterprise(ws, eid, save=False)
    assert payload["imports"] == []
    assert (payload["summary"]["read"], payload["summary"]["imported"], payload["summary"]["rejected"]) == (
        1,
        1,
        0,
    )


def test_the_pdf_report_prints_the_imports_and_the_true_counts(ws, tmp_path):
    from pypdf import PdfReader

    path = _ledger(tmp_path / "台账.csv")
    eid, _rep = services.import_file_as(ws, path, "PDF企业")
    pdf = services.write_report(
        services.assess_enterprise(ws, eid, save=False), tmp_path / "r.pdf", lang="zh"
    )
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    flat = text.replace(" ", "").replace("\n", "")
    assert "导入的台账文件" in text and "台账.csv" in text
    assert hashlib.sha256(path.read_bytes()).hexdigest()[:12] in flat
    assert "44/40/4" in flat  # rows read / imported / rejected on the summary page
    assert "不存在的产品" in text  # a rejected cell in the appendix


def test_deleting_an_enterprise_deletes_its_import_records(ws, tmp_path):
    eid, _rep = services.import_file_as(ws, _ledger(tmp_path / "台账.csv"), "删掉的企业")
    services.delete_enterprise(ws, eid)
    from sqlalchemy import func, select

    from retrofit_desktop.store.models import ImportRecord

    with ws.transaction() as s:
        assert s.scalar(select(func.count()).select_from(ImportRecord)) == 0


def test_cli_imports_lists_the_records(ws, tmp_path, capsys):
    path = _ledger(tmp_path / "台账.csv")
    assert main(["--db", ws.url, "import", str(path), "--enterprise", "命令行企业"]) == 0
    capsys.readouterr()
    assert main(["--db", ws.url, "imports", "--enterprise", "命令行企业", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [imp] = data["imports"]
    assert data["schema"] == 1 and imp["file"] == "台账.csv"
    assert (imp["read"], imp["imported"], imp["added"], imp["rejected"]) == (44, 40, 40, 4)
    assert sorted({c["row"] for c in imp["rejected_cells"]}) == [3, 10, 20, 30]
    assert main(["--db", ws.url, "--lang", "en", "imports", "--enterprise", "命令行企业"]) == 0
    out = capsys.readouterr().out
    assert "台账.csv" in out and imp["sha256"][:12] in out and "Rejected" in out
    assert main(["--db", ws.url, "imports", "--enterprise", "没有的企业"]) == 2
