"""The PDF report: content, escaping, fonts, pagination, languages (payloads built by hand)."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from report_payloads import USER_STRING, large_payload, small_payload

from retrofit_desktop.report import ReportOptions, render_report

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def text_of(pdf) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)


def squeeze(s: str) -> str:
    """Without whitespace: table cells wrap, so words may be split over lines."""
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def small_zh(tmp_path_factory):
    return render_report(small_payload(), tmp_path_factory.mktemp("r") / "small.pdf")


@pytest.fixture(scope="module")
def large_zh(tmp_path_factory):
    return render_report(large_payload(240), tmp_path_factory.mktemp("r") / "large.pdf")


def test_small_report_has_chinese_labels_tags_and_formatted_figures(small_zh):
    text = squeeze(text_of(small_zh))
    for label in (
        "节能改造评估报告",
        "摘要",
        "能效水平分布",
        "低于准入水平的设备",
        "主要用能设备能效对标表",
        "统一社会信用代码",
        "湘江示范机械有限公司",
        "示例数据",
    ):
        assert label in text, label
    for tag in ("M-001", "M-002", "M-003"):
        assert tag in text
    kwh = 12345.0 + 4000.0  # two items with savings
    assert f"{kwh:,.0f}" == "16,345" and "16,345" in text
    assert f"{kwh * 0.1229 / 1000:.2f}" == "2.01" and "2.01" in text  # tce, calorific basis 0.1229 kgce/kWh
    assert f"{kwh * 0.49 / 1000:.2f}" == "8.01" and "8.01" in text  # tCO2 at 0.49 kgCO2/kWh
    assert "10,624" in text  # 16,345 kWh x 0.65 CNY/kWh = 10,624.25
    assert "35,000" in text  # investment 20,000 + 15,000
    payback = (20000 + 15000) / (12345 * 0.65 + 4000 * 0.65)  # = 3.29 years
    assert f"{payback:.1f}" == "3.3" and "3.3" in text


def test_user_text_with_markup_characters_renders_literally(small_zh):
    text = squeeze(text_of(small_zh))
    assert squeeze(USER_STRING) in text  # '泵<b>&"甲"</b> A&B <i>x', not bold, not '&amp;'
    assert "&amp;" not in text and "&lt;" not in text


def test_only_the_bundled_font_is_used_and_it_is_embedded_truetype(small_zh, large_zh):
    for pdf in (small_zh, large_zh):
        fonts = {}
        for page in PdfReader(str(pdf)).pages:
            for ref in page["/Resources"]["/Font"].values():
                f = ref.get_object()
                fonts[f["/BaseFont"]] = f
        assert fonts
        for name, f in fonts.items():
            assert "WenQuanYiMicroHei" in name, name  # no Helvetica, no STSong-Light
            assert f["/Subtype"] == "/TrueType"
            assert "/FontFile2" in f["/FontDescriptor"].get_object()  # embedded TrueType program


def test_small_report_has_one_to_three_pages_and_numbered_footers(small_zh):
    reader = PdfReader(str(small_zh))
    n = len(reader.pages)
    assert 1 <= n <= 3
    last = squeeze(reader.pages[-1].extract_text())
    assert f"第{n}页/共{n}页" in last


def test_large_report_paginates_and_repeats_the_table_header(large_zh):
    pages = [squeeze(p.extract_text()) for p in PdfReader(str(large_zh)).pages]
    assert len(pages) > 5
    pages_with_rows = [t for t in pages if "L-0" in t]
    assert len(pages_with_rows) >= 5
    for t in pages_with_rows:
        assert "设备编号" in t  # the header row comes back on every page of the table
    text = "".join(pages)
    for i in (0, 1, 119, 239):
        assert f"L-{i:04d}" in text


def test_report_id_is_derived_from_the_payload_and_printed_in_every_footer(small_zh, tmp_path):
    again = render_report(small_payload(), tmp_path / "again.pdf")
    reader = PdfReader(str(small_zh))
    rid = reader.metadata["/Subject"]
    assert re.fullmatch(r"RD-[0-9A-F]{12}", rid)
    assert PdfReader(str(again)).metadata["/Subject"] == rid  # same payload, same id
    for page in reader.pages:
        assert rid in page.extract_text()
    custom = render_report(small_payload(), tmp_path / "c.pdf", options=ReportOptions(report_id="XM-2026-7"))
    assert "XM-2026-7" in text_of(custom)


def _ascii_payload() -> dict:
    p = small_payload()
    p["enterprise"].update(name="Demo Works Ltd", industry="C34", region="Hunan", sites=["Plant 1"])
    p["catalog"]["title"] = "Tier catalog 2024"
    p["catalog"]["doc_no"] = "NDRC 2024-127"
    for rows in (p["items"], p["inputs"]):
        for r in rows:
            r["sheet"] = "Sheet1"
            r["name"] = "Fan motor <b>&"
    for it in p["items"]:
        for c in it["comparisons"]:
            c["table"], c["source"] = "GB 18613-2020 T1", "GB 18613-2020 Table 1"
    p["rejected"] = [
        {
            "sheet": "Sheet1",
            "row": 5,
            "column": "power",
            "value": "abc",
            "reason": "not a number",
            "severity": "error",
        }
    ]
    for f in p["summary"]["factors"].values():
        f["source"] = "reference"
    p["mac_curve"] = [{"label": "M-001", "tco2": 6.05, "cny_per_tco2": -850.0}]
    return p


def test_english_report_has_no_untranslated_chinese(tmp_path):
    pdf = render_report(_ascii_payload(), tmp_path / "en.pdf", lang="en")
    text = text_of(pdf)
    assert not CJK.findall(text), sorted(set(CJK.findall(text)))
    flat = squeeze(text)
    for label in ("Energy-efficiency", "Summary", "Tierdistribution", "Belowentry", "Fanmotor<b>&"):
        assert label in flat, label


def test_chinese_report_of_the_same_data_uses_chinese_labels(tmp_path):
    text = squeeze(text_of(render_report(_ascii_payload(), tmp_path / "zh.pdf", lang="zh")))
    for label in ("摘要", "低于准入水平", "先进水平", "设备编号", "第1页"):
        assert label in text, label
    assert "Summary" not in text


def test_missing_parts_are_omitted_and_missing_numbers_print_as_dash(tmp_path):
    p = small_payload()
    minimal = {"schema": 1, "items": [p["items"][2]]}  # no summary, enterprise, catalog, inputs, rejected
    minimal["items"][0]["finance"] = None
    minimal["items"][0]["comparisons"][0]["thresholds"]["advanced"] = None
    text = squeeze(text_of(render_report(minimal, tmp_path / "min.pdf")))
    assert "M-003" in text
    assert "—/94.6/93.6" in text  # a missing threshold is a dash, not 0
    assert "缺少费用数据：未给出电价（请按电费单填写平均到户电价）。" in text
    assert "统一社会信用代码" not in text  # no enterprise given, no empty enterprise rows


def test_no_price_shows_the_missing_cost_note_even_with_other_figures(tmp_path):
    p = small_payload()
    del p["summary"]["factors"]["electricity_price"]
    p["summary"]["cny"] = None
    text = squeeze(text_of(render_report(p, tmp_path / "np.pdf")))
    assert "缺少费用数据：未给出电价（请按电费单填写平均到户电价）。" in text
    with_price = squeeze(text_of(render_report(small_payload(), tmp_path / "p.pdf")))
    assert "缺少费用数据" not in with_price


def test_payload_must_be_a_dict(tmp_path):
    with pytest.raises(TypeError, match="payload must be a dict"):
        render_report([1, 2], tmp_path / "x.pdf")


def test_a_failed_render_leaves_no_partial_file_and_keeps_the_old_report(tmp_path, monkeypatch):
    from reportlab.platypus import Flowable

    import retrofit_desktop.report.render as render_mod

    out = tmp_path / "r.pdf"
    render_report(small_payload(), out)
    before = out.read_bytes()

    class Boom(Flowable):
        def wrap(self, aw, ah):
            return 10, 10

        def draw(self):
            raise RuntimeError("boom while drawing")

    monkeypatch.setattr(render_mod, "SECTIONS", (*render_mod.SECTIONS, lambda ctx: [Boom()]))
    with pytest.raises(RuntimeError, match="boom"):
        render_report(small_payload(), out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.pdf"]


def test_prepared_by_is_printed_or_left_blank_to_fill_in(tmp_path):
    blank = squeeze(text_of(render_report(small_payload(), tmp_path / "b.pdf")))
    assert "编制单位" in blank
    named = squeeze(
        text_of(
            render_report(
                small_payload(),
                tmp_path / "n.pdf",
                options=ReportOptions(prepared_by="长沙<某>节能咨询&公司"),
            )
        )
    )
    assert "编制单位长沙<某>节能咨询&公司" in named


def test_missing_price_is_said_once_even_when_the_engine_note_says_it_too(tmp_path):
    p = small_payload()
    del p["summary"]["factors"]["electricity_price"]
    p["summary"]["cny"] = None
    # the engine's summary note, as an assessment run in Chinese or in English stores it
    for note in (
        "缺少费用数据：未给出电价（请按电费单填写平均到户电价）。",
        "Cost figures are missing: no electricity price was given (enter the average price from the bill).",
    ):
        p["summary"]["notes"] = [note, "其他说明"]
        text = squeeze(text_of(render_report(p, tmp_path / "np.pdf")))
        assert text.count("缺少费用数据") == 1, text
        assert "Costfiguresaremissing" not in text and "其他说明" in text
