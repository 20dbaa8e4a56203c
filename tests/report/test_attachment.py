"""The payload embedded in the PDF: round trip, digest, tampering, missing attachment."""

from __future__ import annotations

import hashlib
import json

import pytest
from pypdf import PdfReader, PdfWriter
from report_payloads import small_payload

from retrofit_desktop import __version__, i18n
from retrofit_desktop.report import (
    ATTACHMENT_NAME,
    EmbeddedPayloadError,
    ReportOptions,
    read_embedded_payload,
    render_report,
)
from retrofit_desktop.report.attachment import payload_bytes, with_key


@pytest.fixture(autouse=True)
def _english_messages():
    i18n.set_language("en")  # error texts below are matched in English; conftest resets to zh


@pytest.fixture
def pdf(tmp_path):
    return render_report(small_payload(), tmp_path / "r.pdf")


def test_round_trip_returns_the_payload_and_the_report_options(pdf):
    embedded = read_embedded_payload(pdf)
    report = embedded.pop("report")
    assert embedded == json.loads(json.dumps(small_payload()))
    assert report == {
        "report_id": PdfReader(str(pdf)).metadata["/Subject"],
        "prepared_by": None,
        "include_inputs": True,
        "include_rejected": True,
        "language": "zh",
        "logo": None,
        "software_version": __version__,
    }


def test_digest_is_the_sha256_of_the_attachment_and_is_on_the_cover(pdf):
    reader = PdfReader(str(pdf))
    data = reader.attachments[ATTACHMENT_NAME][0]
    sha = hashlib.sha256(data).hexdigest()
    assert reader.metadata["/Keywords"] == "retrofit-payload-sha256:" + sha
    assert sha in reader.pages[0].extract_text().replace("\n", "")


def test_nan_is_embedded_as_null(tmp_path):
    p = small_payload()
    p["summary"]["kwh"] = float("nan")
    out = read_embedded_payload(render_report(p, tmp_path / "nan.pdf"))
    assert out["summary"]["kwh"] is None


def _rewrite(src, dst, data: bytes | None = None, keywords: str | None = None):
    reader = PdfReader(str(src))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.add_attachment(
        ATTACHMENT_NAME, data if data is not None else reader.attachments[ATTACHMENT_NAME][0]
    )
    writer.add_metadata({"/Keywords": keywords if keywords is not None else reader.metadata["/Keywords"]})
    with open(dst, "wb") as fh:
        writer.write(fh)
    return dst


def test_a_faithful_copy_still_verifies(pdf, tmp_path):
    copy = _rewrite(pdf, tmp_path / "copy.pdf")
    assert read_embedded_payload(copy) == read_embedded_payload(pdf)


def test_changed_attachment_is_detected(pdf, tmp_path):
    p = read_embedded_payload(pdf)
    p["summary"]["kwh"] = 99999999.0
    forged = json.dumps(p, ensure_ascii=False, sort_keys=True, indent=1).encode()
    bad = _rewrite(pdf, tmp_path / "bad.pdf", data=forged)
    with pytest.raises(EmbeddedPayloadError, match="changed after the report was written"):
        read_embedded_payload(bad)


def test_changed_digest_is_detected(pdf, tmp_path):
    bad = _rewrite(pdf, tmp_path / "bad.pdf", keywords="retrofit-payload-sha256:" + "0" * 64)
    with pytest.raises(EmbeddedPayloadError, match="0{64}"):
        read_embedded_payload(bad)


def test_missing_digest_is_detected(pdf, tmp_path):
    bad = _rewrite(pdf, tmp_path / "bad.pdf", keywords="")
    with pytest.raises(EmbeddedPayloadError, match="no payload SHA-256"):
        read_embedded_payload(bad)


def test_missing_attachment_is_a_clear_error(tmp_path):
    pdf = render_report(small_payload(), tmp_path / "plain.pdf", options=ReportOptions(embed_payload=False))
    with pytest.raises(EmbeddedPayloadError, match=ATTACHMENT_NAME):
        read_embedded_payload(pdf)


def test_not_a_pdf_is_a_clear_error(tmp_path):
    f = tmp_path / "x.pdf"
    f.write_text("hello")
    with pytest.raises(EmbeddedPayloadError, match="not a readable PDF"):
        read_embedded_payload(f)


def test_errors_are_translated(tmp_path):
    pdf = render_report(small_payload(), tmp_path / "plain.pdf", options=ReportOptions(embed_payload=False))
    with (
        i18n.use_language("zh"),
        pytest.raises(EmbeddedPayloadError, match="没有内嵌的 retrofit-payload.json"),
    ):
        read_embedded_payload(pdf)


@pytest.mark.parametrize(
    "payload",
    [
        small_payload(),
        {},
        {"a": 1, "b": [1, {"c": "x\ny"}]},  # every key sorts before "report"
        {"z": {"report": 1}, "t": "\u6e56\u5357"},  # every key after it; a nested "report" is not top-level
    ],
    ids=["small", "empty", "before", "after"],
)
def test_adding_the_report_section_gives_the_bytes_of_the_whole(payload):
    section = {"report_id": "RD-1", "language": "zh", "logo": None, "include_inputs": True}
    whole = payload_bytes({**payload, "report": section})
    assert with_key(payload_bytes(payload), "report", section) == whole
    assert json.loads(whole)["report"] == section
