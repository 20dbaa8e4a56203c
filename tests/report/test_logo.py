"""A consultant's logo on the cover."""

from __future__ import annotations

import pytest
from PIL import Image
from pypdf import PdfReader
from report_payloads import small_payload

from retrofit_desktop.report import ReportError, ReportOptions, render_report


def test_logo_is_placed_on_the_cover_scaled_to_fit(tmp_path):
    png = tmp_path / "logo.png"
    Image.new("RGB", (400, 100), (31, 78, 121)).save(png)  # 4:1 -> limited by the 50 mm width
    pdf = render_report(small_payload(), tmp_path / "l.pdf", options=ReportOptions(logo_path=png))
    reader = PdfReader(str(pdf))
    images = reader.pages[0].images
    assert len(images) == 1
    assert images[0].image.size == (400, 100)
    assert not reader.pages[1].images


def test_unreadable_logo_is_a_clear_error(tmp_path):
    bad = tmp_path / "logo.png"
    bad.write_text("not an image")
    with pytest.raises(ReportError, match=r"logo file .*logo\.png is not a readable PNG or JPEG image"):
        render_report(small_payload(), tmp_path / "x.pdf", lang="en", options=ReportOptions(logo_path=bad))
    with pytest.raises(ReportError, match="徽标文件"):
        render_report(
            small_payload(), tmp_path / "x.pdf", options=ReportOptions(logo_path=tmp_path / "missing.png")
        )
