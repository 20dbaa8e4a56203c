"""Same inputs, options and language -> byte-identical PDF; the dates come from the assessment, not the
clock."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from pypdf import PdfReader

from retrofit_desktop import services
from retrofit_desktop.cli import main
from retrofit_desktop.report import ReportOptions, read_embedded_payload
from retrofit_desktop.report.render import rerender

WHEN = "2026-11-25T10:00:00+00:00"


def _payload(price: float = 0.65) -> dict:
    frame = pd.DataFrame({
        "asset_tag": ["M1", "M2"], "name": ["空压机电机", "风机电机"], "product": ["motor", "motor"],
        "rated_power_kw": [55.0, 30.0], "poles": [4, 4], "efficiency_pct": [92.0, 93.0],
        "annual_hours": [6000.0, 4000.0], "load_factor": [0.75, 0.7], "row": [2, 3],
    })  # fmt: skip
    opts = services.AssessOptions(region="hunan", price_cny_per_kwh=price, target="advanced")
    payload = services.assess(frame, opts, enterprise={"name": "湘江示范机械有限公司"})
    payload["generated_at"] = WHEN
    return payload


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def payload_file(tmp_path_factory) -> Path:
    f = tmp_path_factory.mktemp("det") / "payload.json"
    f.write_text(json.dumps(_payload(), ensure_ascii=False), encoding="utf-8")
    return f


def test_two_renders_and_one_in_another_process_are_byte_identical(payload_file, tmp_path):
    payload = json.loads(payload_file.read_text(encoding="utf-8"))
    a = services.write_report(payload, tmp_path / "a.pdf")
    time.sleep(1.1)  # a clock-dependent date or /ID would differ now
    b = services.write_report(json.loads(payload_file.read_text(encoding="utf-8")), tmp_path / "b.pdf")
    code = (
        "import json, sys; from retrofit_desktop import services; "
        "services.write_report(json.load(open(sys.argv[1], encoding='utf-8')), sys.argv[2])"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "TZ": "Asia/Shanghai"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(
        [sys.executable, "-c", code, str(payload_file), str(tmp_path / "c.pdf")], check=True, env=env
    )
    assert _sha(a) == _sha(b) == _sha(tmp_path / "c.pdf")


def test_a_different_price_gives_a_different_pdf(tmp_path):
    a = services.write_report(_payload(0.65), tmp_path / "a.pdf")
    b = services.write_report(_payload(0.80), tmp_path / "b.pdf")
    assert _sha(a) != _sha(b)


def test_dates_come_from_the_assessment_and_the_id_from_the_payload_digest(tmp_path, monkeypatch):
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)  # 2033: must not show anywhere
    pdf = services.write_report(_payload(), tmp_path / "r.pdf")
    reader = PdfReader(str(pdf))
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == "D:20261125100000+00'00'"
    data = reader.attachments["retrofit-payload.json"][0]
    digest = hashlib.sha256(data).digest()[:16]
    assert [bytes(x.original_bytes) for x in reader.trailer["/ID"]] == [digest, digest]
    cover = reader.pages[0].extract_text()
    assert "2026-11-25" in cover and "2033" not in cover


def test_the_embedded_options_re_render_the_same_bytes_even_without_the_logo_file(tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), (31, 78, 121)).save(logo)
    opts = ReportOptions(
        report_id="XM-2026-7", prepared_by="长沙某节能咨询有限公司", include_rejected=False, logo_path=logo
    )
    pdf = services.write_report(_payload(), tmp_path / "r.pdf", lang="en", options=opts)
    logo_sha = hashlib.sha256(logo.read_bytes()).hexdigest()
    logo.unlink()
    embedded = read_embedded_payload(pdf)
    section = embedded["report"]
    assert (section["report_id"], section["prepared_by"], section["language"]) == (
        "XM-2026-7",
        "长沙某节能咨询有限公司",
        "en",
    )
    assert section["include_rejected"] is False and section["logo"]["sha256"] == logo_sha
    assert rerender(embedded) == pdf.read_bytes()


def test_cli_reports_of_the_same_inventory_are_identical_with_source_date_epoch(
    tmp_path, monkeypatch, capsys
):
    inv = tmp_path / "inv.csv"
    inv.write_text(
        "asset_tag,name,product,rated_power_kw,poles,efficiency_pct,annual_hours,load_factor\n"
        "M1,空压机电机,motor,55,4,92.0,6000,0.75\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764064800")  # 2025-11-25 10:00 UTC
    for name in ("a.pdf", "b.pdf"):
        assert main(["report", str(inv), "--price", "0.65", "-o", str(tmp_path / name)]) == 0
        time.sleep(1.1)
    capsys.readouterr()
    assert _sha(tmp_path / "a.pdf") == _sha(tmp_path / "b.pdf")
    assert read_embedded_payload(tmp_path / "a.pdf")["generated_at"] == "2025-11-25"


def test_cli_reports_of_the_same_inventory_on_one_day_are_identical(tmp_path, monkeypatch, capsys):
    """No SOURCE_DATE_EPOCH: the report is dated by the assessment's day, so runs seconds apart agree."""
    inv = tmp_path / "inv.csv"
    inv.write_text(
        "asset_tag,name,product,rated_power_kw,poles,efficiency_pct,annual_hours,load_factor\n"
        "M1,空压机电机,motor,55,4,92.0,6000,0.75\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    args = ["report", str(inv), "--price", "0.65", "--assessment-date", "2026-03-02"]
    for name in ("a.pdf", "b.pdf"):
        assert main([*args, "-o", str(tmp_path / name)]) == 0
        time.sleep(1.1)
    capsys.readouterr()
    assert _sha(tmp_path / "a.pdf") == _sha(tmp_path / "b.pdf")
    payload = read_embedded_payload(tmp_path / "a.pdf")
    assert payload["generated_at"] == payload["options"]["assessment_date"] == "2026-03-02"
    assert "2026-03-02" in PdfReader(str(tmp_path / "a.pdf")).pages[0].extract_text()


def test_a_report_recorded_as_written_by_another_version_re_renders_identically_when_the_layout_is_the_same(
    tmp_path,
):
    from retrofit_desktop.report.render import render_bytes

    pdf = tmp_path / "older.pdf"
    pdf.write_bytes(render_bytes(_payload(), written_by="0.0.9"))
    assert read_embedded_payload(pdf)["report"]["software_version"] == "0.0.9"
    res = services.verify_report(pdf)
    assert res.ok, res.differences
    assert res.pages["identical"] is True
