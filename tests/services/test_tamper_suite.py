"""The tamper suite: `retrofit verify` rejects every altered copy of a report and accepts the original.

Each case makes one kind of altered copy with pypdf (or plain bytes) and runs `retrofit verify` on it:
exit 1 (a difference, listed) or 2 (an unreadable file); a change to a page must name that page.
The issue measured 4 of 18 kinds accepted before; `pytest -v -k tamper` lists the count.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from pdf_edits import replace_payload
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText
from pypdf.generic import DecodedStreamObject, NameObject
from reportlab.pdfgen.canvas import Canvas

from retrofit_desktop import services
from retrofit_desktop.cli import main
from retrofit_desktop.report.attachment import ATTACHMENT_NAME, KEYWORD_PREFIX, payload_bytes


def _frame(n: int = 40) -> pd.DataFrame:
    """Enough motors for a report of several pages."""
    return pd.DataFrame({
        "asset_tag": [f"M{i:03d}" for i in range(n)],
        "name": [f"风机电机{i}" for i in range(n)],
        "product": ["motor"] * n,
        "rated_power_kw": [(7.5, 15.0, 30.0, 55.0)[i % 4] for i in range(n)],
        "poles": [4] * n,
        "efficiency_pct": [(88.0, 90.5, 92.0, 93.5)[i % 4] for i in range(n)],
        "annual_hours": [6000.0] * n,
        "load_factor": [0.75] * n,
        "row": list(range(2, n + 2)),
    })  # fmt: skip


def _report(path: Path, price: float, name: str) -> Path:
    opts = services.AssessOptions(region="hunan", price_cny_per_kwh=price, target="advanced")
    payload = services.assess(_frame(), opts, enterprise={"name": name})
    payload["generated_at"] = "2026-11-25T10:00:00+00:00"
    return services.write_report(payload, path, lang="zh")


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("tamper")
    return _report(d / "a.pdf", 0.65, "湘江示范机械有限公司"), _report(
        d / "b.pdf", 0.80, "岳麓精密铸造有限公司"
    )


# -- how the copies are made --------------------------------------------------------------------
def _payload_of(pdf: Path) -> bytes:
    return PdfReader(str(pdf)).attachments[ATTACHMENT_NAME][0]


def _clone(src: Path) -> PdfWriter:
    return PdfWriter(clone_from=str(src))


def _save(writer: PdfWriter, dst: Path) -> Path:
    with dst.open("wb") as fh:
        writer.write(fh)
    return dst


def _edit_payload(src: Path, edit: Callable[[dict], None]) -> bytes:
    payload = json.loads(_payload_of(src))
    edit(payload)
    return payload_bytes(payload)


def _set_contents(writer: PdfWriter, page: int, data: bytes) -> None:
    stream = DecodedStreamObject()
    stream.set_data(data)
    writer.pages[page].replace_contents(stream)


def _contents(writer: PdfWriter, page: int) -> bytes:
    return writer.pages[page].get_contents().get_data()


def _overlay(text: str) -> PdfReader:
    """A page with a white box and `text` on it, as a forger would paste over a figure."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(595.27, 841.89))
    c.setFillColorRGB(1, 1, 1)
    c.rect(300, 600, 200, 14, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(302, 603, text)
    c.save()
    return PdfReader(io.BytesIO(buf.getvalue()))


def _reverse_a_text_run(content: bytes, nth: int = 0) -> bytes:
    """Reverse the bytes of the nth literal string shown with Tj that has three or more distinct bytes."""
    runs = [m for m in re.finditer(rb"\(([^()\\]{3,})\) Tj", content) if len(set(m.group(1))) > 2]
    m = runs[nth]
    return content[: m.start(1)] + m.group(1)[::-1] + content[m.end(1) :]


# -- the kinds of tampering (name -> (make(a, b, dst) -> path, page named or None)) -------------
def swap_in_other_payload_with_hash(a, b, dst):
    w = _clone(a)
    replace_payload(w, _payload_of(b), digest=True)
    return _save(w, dst)


def edit_page_text_payload_intact(a, b, dst):
    w = _clone(a)
    _set_contents(w, 1, _reverse_a_text_run(_contents(w, 1), 2))
    return _save(w, dst)


def edit_names_with_hash_recomputed(a, b, dst):
    def edit(p):
        p["enterprise"]["name"] = "某某伪造有限公司"
        for row in p["inputs"]:
            row["name"] = "伪造" + str(row["name"])

    w = _clone(a)
    replace_payload(w, _edit_payload(a, edit), digest=True)
    return _save(w, dst)


def append_payload_as_incremental_update(a, b, dst):
    w = PdfWriter(str(a), incremental=True)
    replace_payload(w, _payload_of(b), digest=True)
    return _save(w, dst)


def replace_page_1_by_other_reports_page_1(a, b, dst):
    w = _clone(a)
    w.insert_page(PdfReader(str(b)).pages[0], 0)
    w.remove_page(1)
    return _save(w, dst)


def cut_one_page(a, b, dst):
    w = _clone(a)
    w.remove_page(2)
    return _save(w, dst)


def swap_two_pages(a, b, dst):
    w = _clone(a)
    page = w.pages[2]
    w.remove_page(2)
    w.insert_page(page, 1)
    return _save(w, dst)


def add_a_page(a, b, dst):
    w = _clone(a)
    w.add_page(PdfReader(str(b)).pages[-1])
    return _save(w, dst)


def add_a_blank_page(a, b, dst):
    w = _clone(a)
    w.insert_blank_page(index=3)
    return _save(w, dst)


def change_metadata_digest(a, b, dst):
    w = _clone(a)
    w.add_metadata({"/Keywords": KEYWORD_PREFIX + "0" * 64})
    return _save(w, dst)


def remove_the_attachment(a, b, dst):
    w = _clone(a)
    del w._root_object[NameObject("/Names")]
    return _save(w, dst)


def change_attachment_bytes(a, b, dst):
    w = _clone(a)
    replace_payload(w, _edit_payload(a, lambda p: p["summary"].update(kwh=1.0)), digest=False)
    return _save(w, dst)


def truncate_the_file(a, b, dst):
    data = a.read_bytes()
    dst.write_bytes(data[: len(data) * 2 // 3])
    return dst


def edit_figures_in_content_stream(a, b, dst):
    w = _clone(a)
    _set_contents(w, 1, _reverse_a_text_run(_contents(w, 1), 8))
    return _save(w, dst)


def edit_enterprise_in_payload_only(a, b, dst):
    w = _clone(a)
    replace_payload(
        w, _edit_payload(a, lambda p: p["enterprise"].update(name="某某伪造有限公司")), digest=False
    )
    return _save(w, dst)


def paste_report_number_on_cover(a, b, dst):
    w = _clone(a)
    w.pages[0].merge_page(_overlay("RD-FORGED0001").pages[0])
    return _save(w, dst)


def edit_catalog_sha_with_hash(a, b, dst):
    w = _clone(a)
    replace_payload(w, _edit_payload(a, lambda p: p["catalog"].update(sha256="cd" * 32)), digest=True)
    return _save(w, dst)


def edit_report_number_in_payload_with_hash(a, b, dst):
    w = _clone(a)
    replace_payload(w, _edit_payload(a, lambda p: p["report"].update(report_id="XM-2026-999")), digest=True)
    return _save(w, dst)


def edit_price_in_payload_with_hash(a, b, dst):
    w = _clone(a)
    replace_payload(w, _edit_payload(a, lambda p: p["options"].update(price_cny_per_kwh=0.9)), digest=True)
    return _save(w, dst)


def add_a_second_attachment(a, b, dst):
    w = _clone(a)
    w.add_attachment("notes.txt", b"nothing to see here")
    return _save(w, dst)


def edit_title_metadata(a, b, dst):
    w = _clone(a)
    w.add_metadata({"/Author": "岳麓精密铸造有限公司"})
    return _save(w, dst)


def append_trailing_bytes(a, b, dst):
    dst.write_bytes(a.read_bytes() + b"\n% appended\n" + b"x" * 64)
    return dst


def overlay_page_in_incremental_update(a, b, dst):
    w = PdfWriter(str(a), incremental=True)
    w.pages[1].merge_page(_overlay("节能量 999,999 kWh").pages[0])
    return _save(w, dst)


def replace_a_middle_page_by_other_reports_page(a, b, dst):
    w = _clone(a)
    w.insert_page(PdfReader(str(b)).pages[1], 1)
    w.remove_page(2)
    return _save(w, dst)


def add_a_note_annotation(a, b, dst):
    """A FreeText note is shown on the page but is not page text: the page's drawing differs."""
    w = _clone(a)
    w.add_annotation(page_number=1, annotation=FreeText(text="节能量 999,999 kWh", rect=(50, 550, 250, 650)))
    return _save(w, dst)


def recolour_a_drawing(a, b, dst):
    w = _clone(a)
    content = _contents(w, 0)
    m = re.search(rb"[\d.]+ [\d.]+ [\d.]+ rg", content)
    _set_contents(w, 0, content[: m.start()] + b"1 0 0 rg" + content[m.end() :])
    return _save(w, dst)


def break_the_attachment_tree(a, b, dst):
    """The name tree points at an object that is not a file specification (a hand-edited catalog)."""
    w = _clone(a)
    names = w._root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    names[1] = w._root_object.indirect_reference
    return _save(w, dst)


TAMPERS: dict[str, tuple[Callable[[Path, Path, Path], Path], tuple[int, ...]]] = {
    "swap_in_other_payload_with_hash": (swap_in_other_payload_with_hash, (1,)),
    "edit_page_text_payload_intact": (edit_page_text_payload_intact, (2,)),
    "edit_names_with_hash_recomputed": (edit_names_with_hash_recomputed, (1,)),
    "append_payload_as_incremental_update": (append_payload_as_incremental_update, (1,)),
    "replace_page_1_by_other_reports_page_1": (replace_page_1_by_other_reports_page_1, (1,)),
    "cut_one_page": (cut_one_page, (3,)),
    "swap_two_pages": (swap_two_pages, (2, 3)),
    "add_a_page": (add_a_page, ()),
    "add_a_blank_page": (add_a_blank_page, (4,)),
    "change_metadata_digest": (change_metadata_digest, ()),
    "remove_the_attachment": (remove_the_attachment, ()),
    "change_attachment_bytes": (change_attachment_bytes, ()),
    "truncate_the_file": (truncate_the_file, ()),
    "edit_figures_in_content_stream": (edit_figures_in_content_stream, (2,)),
    "edit_enterprise_in_payload_only": (edit_enterprise_in_payload_only, ()),
    "paste_report_number_on_cover": (paste_report_number_on_cover, (1,)),
    "edit_catalog_sha_with_hash": (edit_catalog_sha_with_hash, ()),
    "edit_report_number_in_payload_with_hash": (edit_report_number_in_payload_with_hash, (1,)),
    "edit_price_in_payload_with_hash": (edit_price_in_payload_with_hash, ()),
    "add_a_second_attachment": (add_a_second_attachment, ()),
    "edit_author_metadata": (edit_title_metadata, ()),
    "append_trailing_bytes": (append_trailing_bytes, ()),
    "overlay_page_in_incremental_update": (overlay_page_in_incremental_update, (2,)),
    "replace_a_middle_page_by_other_reports_page": (replace_a_middle_page_by_other_reports_page, (2,)),
    "break_the_attachment_tree": (break_the_attachment_tree, ()),
    "add_a_note_annotation": (add_a_note_annotation, (2,)),
    "recolour_a_drawing": (recolour_a_drawing, (1,)),
}


def _verify(pdf: Path, capsys) -> tuple[int, dict | None]:
    code = main(["--lang", "en", "verify", str(pdf), "--json"])
    out = capsys.readouterr().out
    return code, (json.loads(out) if out.strip() else None)


def test_the_untouched_original_is_accepted(reports, capsys):
    code, res = _verify(reports[0], capsys)
    assert code == 0 and res["ok"] and res["differences"] == [], res
    assert res["pages"]["identical"] is True


@pytest.mark.parametrize("kind", sorted(TAMPERS))
def test_tampered_copy_is_rejected(kind, reports, tmp_path, capsys):
    make, pages = TAMPERS[kind]
    a, b = reports
    forged = make(a, b, tmp_path / f"{kind}.pdf")
    assert forged.read_bytes() != a.read_bytes()
    code, res = _verify(forged, capsys)
    assert code in (1, 2), (kind, res)  # 2: the file cannot be read as a PDF at all (truncated)
    if code == 1:
        assert res["ok"] is False and res["differences"]
    for page in pages:  # a change to a page names it
        assert res is not None and res["pages"] is not None, res
        named = res["pages"]["differing"] + res["pages"]["missing"]
        assert page in named, (kind, res["pages"], res["differences"])
        text = "\n".join(res["differences"])
        assert re.search(rf"\bpage {page}\b", text), text


def test_a_faithful_copy_saved_again_is_accepted(reports, tmp_path, capsys):
    """Saved again by another program without a change: not byte-identical, but every page is drawn the
    same."""
    copy = _save(_clone(reports[0]), tmp_path / "copy.pdf")
    assert copy.read_bytes() != reports[0].read_bytes()
    code, res = _verify(copy, capsys)
    assert code == 0 and res["ok"], res
    assert res["pages"]["identical"] is False and res["pages"]["differing"] == []


def test_the_suite_has_at_least_the_18_kinds_of_the_issue():
    assert len(TAMPERS) >= 18
