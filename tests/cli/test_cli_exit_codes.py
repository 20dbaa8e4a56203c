"""Exit codes: 3 for an internal error (traceback in the log file, one line on the terminal);
what `verify` prints about the report it checked."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pypdf import PdfReader

from retrofit_desktop import services


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("RETROFIT_DATA_DIR", str(d))
    yield d
    import logging

    for h in list(logging.getLogger("retrofit_desktop").handlers):
        if isinstance(h, logging.FileHandler) and str(tmp_path) in h.baseFilename:
            logging.getLogger("retrofit_desktop").removeHandler(h)
            h.close()


def _boom(*_args, **_kwargs):
    raise RuntimeError("forced failure for the test")


@pytest.mark.parametrize("argv, target", [
    (["verify", "x.pdf"], "verify_report"),
    (["enterprises"], "list_enterprises"),
])  # fmt: skip
def test_an_internal_error_exits_3_with_one_line_and_the_traceback_in_the_log(
    run, data_dir, monkeypatch, argv, target
):
    monkeypatch.setattr(services, target, _boom)
    code, out, err = run("--lang", "en", *argv)
    log = data_dir / "logs" / "retrofit-desktop.log"
    assert code == 3 and out == ""
    assert err.strip().count("\n") == 0 and "Traceback" not in err
    assert f"internal error in 'retrofit {argv[0]}'" in err and "RuntimeError" in err and str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "forced failure for the test" in text and "_boom" in text


def test_an_internal_error_in_a_real_process(tmp_path):
    code = (
        "import sys; from retrofit_desktop import services\n"
        "def boom(*a, **k): raise ZeroDivisionError('forced')\n"
        "services.verify_report = boom\n"
        "from retrofit_desktop.cli import main; sys.exit(main(['--lang', 'zh', 'verify', 'x.pdf']))"
    )
    env = {**os.environ, "RETROFIT_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    log = tmp_path / "data" / "logs" / "retrofit-desktop.log"
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr and "内部错误" in proc.stderr and str(log) in proc.stderr
    assert "ZeroDivisionError: forced" in log.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory):
    import pandas as pd

    frame = pd.DataFrame({
        "asset_tag": ["M1", "M2"], "name": ["空压机电机", "风机电机"], "product": ["motor", "motor"],
        "rated_power_kw": [55.0, 30.0], "poles": [4, 4], "efficiency_pct": [92.0, 93.0],
        "annual_hours": [6000.0, 4000.0], "load_factor": [0.75, 0.7], "row": [2, 3],
        "investment_cny": [12000.0, 8000.0],
    })  # fmt: skip
    opts = services.AssessOptions(region="hunan", price_cny_per_kwh=0.65, target="advanced")
    payload = services.assess(frame, opts, enterprise={"name": "湘江示范机械有限公司"})
    payload["generated_at"] = "2026-11-25T10:00:00+00:00"
    pdf = tmp_path_factory.mktemp("v") / "r.pdf"
    services.write_report(payload, pdf, lang="zh")
    return pdf, payload


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_verify_prints_what_it_checked(run, report_pdf, lang):
    pdf, payload = report_pdf
    code, out, _err = run("--lang", lang, "verify", pdf)
    s = payload["summary"]
    report_id = PdfReader(str(pdf)).metadata["/Subject"]
    assert code == 0, out
    for text in (
        report_id,
        "湘江示范机械有限公司",
        "2026-11-25",
        f"{s['kwh']:,.0f}",
        f"{s['tce']['equivalent']:,.2f}",
        f"{s['tce']['calorific']:,.2f}",
        f"{s['tco2']:,.2f}",
        f"{s['cny']:,.0f}",
        "20,000",
    ):
        assert text in out, (text, out)
    if lang == "zh":
        assert (
            "报告编号" in out
            and "2 台设备" in out
            and "当量值" in out
            and "等价值" in out
            and "逐字节相同" in out
        )
    else:
        assert (
            "2 items" in out
            and "calorific basis" in out
            and "equivalent basis" in out
            and "byte-identical" in out
        )
    j = run.json("verify", pdf, "--json")
    assert j["checked"] == {
        "report_id": report_id,
        "enterprise": "湘江示范机械有限公司",
        "date": "2026-11-25",
        "items": 2,
        "kwh": s["kwh"],
        "tce": {"calorific": s["tce"]["calorific"], "equivalent": s["tce"]["equivalent"]},
        "tco2": s["tco2"],
        "cny": s["cny"],
        "cny_priced": s["cny_priced"],
        "cny_unpriced_items": s["cny_unpriced_items"],
        "investment": 20000.0,
    }


def test_a_report_from_another_version_says_so(run, report_pdf, tmp_path):
    from pdf_edits import with_edited_payload

    pdf, _payload = report_pdf
    old = with_edited_payload(
        pdf, lambda p: p["report"].update(software_version="0.0.1"), tmp_path / "old.pdf"
    )
    code, out, _err = run("--lang", "en", "verify", old)
    assert code == 1
    assert "the report was written by Retrofit Desktop 0.0.1, this is" in out


def test_pages_that_cannot_be_re_rendered_are_a_difference_with_the_traceback_in_the_log(
    run, data_dir, report_pdf, monkeypatch
):
    from retrofit_desktop.report import render

    monkeypatch.setattr(render, "rerender", _boom)
    code, out, err = run("--lang", "en", "verify", report_pdf[0])
    assert code == 1 and "Traceback" not in err + out
    assert (
        "the pages cannot be re-rendered from the embedded data: RuntimeError: forced failure for the test"
        in out
    )
    assert "Traceback" in (data_dir / "logs" / "retrofit-desktop.log").read_text(encoding="utf-8")
