"""compare_pages and the file-structure checks, on hand-made page texts and bytes."""

from __future__ import annotations

import pytest

from retrofit_desktop import i18n
from retrofit_desktop.report.pagecheck import compare_pages, revisions, trailing_bytes

PAGES = [f"page text {n} · report RD-1 · page {n} / 5" for n in range(1, 6)]


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")  # conftest resets to zh


def test_the_same_pages_have_no_difference():
    assert compare_pages(PAGES, PAGES) == []


def test_a_cut_page_is_named_as_missing():
    file = PAGES[:2] + PAGES[3:]
    assert compare_pages(file, PAGES) == [
        "the file has 4 pages, the re-rendered report 5",
        "page 3 of the re-rendered report is missing from the file",
    ]


def test_an_added_page_is_named():
    file = PAGES[:1] + ["a page from elsewhere"] + PAGES[1:]
    assert compare_pages(file, PAGES) == [
        "the file has 6 pages, the re-rendered report 5",
        "page 2 of the file is not in the re-rendered report (a page was added or replaced)",
    ]


def test_swapped_pages_are_both_named():
    file = [PAGES[0], PAGES[3], PAGES[2], PAGES[1], PAGES[4]]
    assert compare_pages(file, PAGES) == [
        "page 2 of the file is page 4 of the re-rendered report (pages were swapped, moved or removed)",
        "page 4 of the file is page 2 of the re-rendered report (pages were swapped, moved or removed)",
    ]


def test_an_edited_page_shows_the_text_around_the_first_difference():
    edited = PAGES[2].replace("text 3", "text 8")
    [diff] = compare_pages(PAGES[:2] + [edited] + PAGES[3:], PAGES)
    assert diff.startswith("page 3 differs from the re-rendered report")
    assert "“page text 8 · report RD-1 · page 3 / 5”" in diff and "“page text 3 · report" in diff


def test_chinese_names_the_page():
    with i18n.use_language("zh"):
        [diff] = compare_pages(["第一页", "改过的第二页"], ["第一页", "第二页"])
    assert diff.startswith("第 2 页与重新生成的报告不一致")


def test_incremental_updates_and_trailing_bytes_are_counted():
    original = b"%PDF-1.4\n...\nstartxref\n10\n%%EOF\n"
    assert (revisions(original), trailing_bytes(original)) == (1, 0)
    updated = original + b"1 0 obj\n<<>>\nendobj\nxref\n0 1\ntrailer\n<</Prev 10>>\nstartxref\n40\n%%EOF\n"
    assert revisions(updated) == 2
    assert trailing_bytes(original + b"junk") == 4
