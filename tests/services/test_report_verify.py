"""Report round trip: write a PDF, verify it re-computes; a tampered figure or attachment is caught."""

from __future__ import annotations

import copy
import json

import pandas as pd
import pytest

from retrofit_desktop import services
from retrofit_desktop.i18n import use_language


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "asset_tag": ["M1", "M2", "M3"],
            "name": ["电机一", "电机二", "电机三"],
            "product": ["motor"] * 3,
            "rated_power_kw": [55.0, 30.0, 7.5],
            "poles": [4, 4, 2],
            "efficiency_pct": [93.0, 92.2, 0.1 + 88.8],
            "annual_hours": [6000.0, 4500.0, 3000.0],
            "load_factor": [0.75, 0.7, 0.65],
            "row": [2, 3, 4],
        }
    )


@pytest.fixture(scope="module")
def payload():
    opts = services.AssessOptions(region="hunan", price_cny_per_kwh=0.65, target="advanced")
    p = services.assess(_frame(), opts, enterprise={"name": "测试企业 <&>", "credit_code": None})
    assert p["summary"]["kwh"] > 0
    return p


@pytest.fixture(scope="module")
def pdf(payload, tmp_path_factory):
    out = tmp_path_factory.mktemp("rep") / "report.pdf"
    assert services.write_report(payload, out, lang="zh") == out
    return out


def test_untouched_report_verifies(pdf):
    res = services.verify_report(pdf)
    assert res.ok, res.differences
    assert res.differences == [] and res.items_checked == 3


def test_tampered_figure_with_a_fresh_digest_is_found(payload, tmp_path):
    forged = copy.deepcopy(payload)
    forged["items"][0]["savings"]["kwh"] *= 1.0 + 1e-6  # a quiet edit, well above the 1e-9 tolerance
    forged["summary"]["tco2"] *= 0.5
    forged["items"][2]["tier"] = "advanced"
    out = services.write_report(forged, tmp_path / "forged.pdf", lang="en")
    with use_language("en"):
        res = services.verify_report(out)
    assert not res.ok
    text = "\n".join(res.differences)
    assert "M1" in text and "savings.kwh" in text
    assert "summary" in text and "tco2" in text
    assert "M3" in text and "tier" in text
    assert len(res.differences) == 3  # item kWh, item tier, summary tCO2 (summary by_tier left alone)


def test_edit_within_tolerance_passes(payload, tmp_path):
    nudged = copy.deepcopy(payload)
    nudged["items"][0]["savings"]["kwh"] *= 1.0 + 1e-12
    assert services.verify_report(services.write_report(nudged, tmp_path / "n.pdf")).ok


def test_changed_attachment_bytes_fail_the_digest(pdf, tmp_path):
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(str(pdf))
    data = json.loads(reader.attachments["retrofit-payload.json"][0])
    data["summary"]["kwh"] = 1.0
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.add_metadata({k: v for k, v in (reader.metadata or {}).items()})
    writer.add_attachment("retrofit-payload.json", json.dumps(data).encode())
    bad = tmp_path / "bad.pdf"
    with bad.open("wb") as fh:
        writer.write(fh)
    res = services.verify_report(bad)
    assert not res.ok and "SHA-256" in res.differences[0]


def test_not_a_pdf_is_an_input_error(tmp_path):
    (tmp_path / "x.pdf").write_text("hello")
    with pytest.raises(services.InputFileError):
        services.verify_report(tmp_path / "x.pdf")
    with pytest.raises(services.InputFileError):
        services.verify_report(tmp_path / "missing.pdf")


def test_compare_payloads_lists_item_count_change(payload):
    fewer = copy.deepcopy(payload)
    fewer["items"] = fewer["items"][:2]
    diffs = services.compare_payloads(fewer, payload)
    assert any("3" in d and "2" in d for d in diffs)


def test_unusable_options_are_a_failed_verification_not_a_crash(payload, tmp_path):
    odd = copy.deepcopy(payload)
    odd["options"]["target"] = "entry"  # not a target this version accepts
    res = services.verify_report(services.write_report(odd, tmp_path / "odd.pdf"))
    assert not res.ok and len(res.differences) == 1


def test_a_changed_factor_is_named(payload, tmp_path):
    forged = copy.deepcopy(payload)
    forged["summary"]["factors"]["factors"]["grid_co2"]["value"] = (
        0.39  # Hunan 2023 is 0.4976 (公告2025年第47号)
    )
    with use_language("en"):
        res = services.verify_report(services.write_report(forged, tmp_path / "f.pdf"))
    assert not res.ok and res.differences == ["factor grid_co2 is 0.39 in the report, 0.4976 here"]


def test_a_report_without_its_options_cannot_have_its_pages_compared(pdf, tmp_path):
    """A report written before the options were embedded: a clear difference, not a crash."""
    from pdf_edits import with_edited_payload

    old = with_edited_payload(pdf, lambda p: p.pop("report"), tmp_path / "old.pdf")
    with use_language("en"):
        res = services.verify_report(old)
    assert not res.ok and res.items_checked == 3 and res.pages is None
    assert res.differences == [
        "the pages cannot be re-rendered from the embedded data: the embedded data do not "
        "record the report's options (written by an older version)"
    ]
