"""Comparing a report file with the report re-rendered from its embedded payload.

Strongest: the file is byte-identical to the re-render. Otherwise the pages are compared by their
normalised text (pagetext.py), and every page added, removed, moved or edited is named; a file
that was extended by an incremental update (a second ``%%EOF`` / xref section, or bytes after the
end) is rejected, as is an attachment or document information the re-render does not have.
"""

from __future__ import annotations

import difflib
import io
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..i18n import _
from .pagetext import page_texts

EXCERPT = 40  # characters of text shown around the first difference of an edited page


@dataclass(frozen=True)
class PageCheck:
    file_pages: int
    rerendered_pages: int
    identical: bool  # the file is byte-identical to the re-render
    differing: list[int] = field(default_factory=list)  # file pages that differ, were added or moved
    missing: list[int] = field(default_factory=list)  # re-rendered pages the file does not have
    differences: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file_pages, "rerendered": self.rerendered_pages, "identical": self.identical,
                "differing": list(self.differing), "missing": list(self.missing)}


def revisions(data: bytes) -> int:
    """How many times the file was saved: the number of ``%%EOF`` markers (an incremental update adds one)."""
    return data.count(b"%%EOF")


def trailing_bytes(data: bytes) -> int:
    """Bytes after the last ``%%EOF`` other than white space."""
    end = data.rfind(b"%%EOF")
    return len(data[end + 5:].strip()) if end >= 0 else len(data)


def check_pages(data: bytes, rerendered: bytes) -> PageCheck:
    """Compare a report file's bytes with the re-rendered report's bytes."""
    if data == rerendered:
        return PageCheck(_page_count(data), _page_count(rerendered), True)
    diffs = structure_differences(data, rerendered)
    file_texts, new_texts = page_texts(data), page_texts(rerendered)
    found = _page_differences(file_texts, new_texts)
    diffs += [message for _kind, _page, message in found]
    return PageCheck(len(file_texts), len(new_texts), False,
                     differing=sorted({page for kind, page, _m in found if kind == "file"}),
                     missing=sorted({page for kind, page, _m in found if kind == "missing"}),
                     differences=diffs)


def structure_differences(data: bytes, rerendered: bytes) -> list[str]:
    """Incremental updates, trailing bytes, attachments and document information not in the re-render."""
    diffs: list[str] = []
    extra = revisions(data) - revisions(rerendered)
    if extra > 0:
        diffs.append(_("the file was changed after it was written: it holds {n} incremental update(s) "
                       "(a later revision can replace pages, text or the attached data)").format(n=extra))
    tail = trailing_bytes(data)
    if tail:
        diffs.append(_("the file has {n} bytes after its end (%%EOF); something was appended to it").format(n=tail))
    file_att, new_att = _attachments(data), _attachments(rerendered)
    if file_att != new_att:
        diffs.append(_("the file's attachments ({file}) are not those of the re-rendered report ({new})").format(
            file=_att_text(file_att), new=_att_text(new_att)))
    file_info, new_info = _info(data), _info(rerendered)
    for key in sorted(set(file_info) | set(new_info)):
        if file_info.get(key) != new_info.get(key):
            diffs.append(_("document information {key} is {old!r} in the file, {new!r} in the re-rendered report")
                         .format(key=key, old=file_info.get(key), new=new_info.get(key)))
    return diffs


def compare_pages(file_texts: Sequence[str], rerender_texts: Sequence[str]) -> list[str]:
    """Every page added, removed, moved or edited, named by page number (1-based)."""
    return [message for _kind, _page, message in _page_differences(file_texts, rerender_texts)]


def _page_differences(file_texts: Sequence[str], new_texts: Sequence[str]) -> list[tuple[str, int, str]]:
    """(kind, page, message): kind 'file' names a file page, 'missing' a re-rendered page, 'count' none."""
    out: list[tuple[str, int, str]] = []
    if len(file_texts) != len(new_texts):
        out.append(("count", 0, _("the file has {file} pages, the re-rendered report {new}").format(
            file=len(file_texts), new=len(new_texts))))
    matcher = difflib.SequenceMatcher(None, list(new_texts), list(file_texts), autojunk=False)
    missing: list[int] = []  # re-rendered pages (0-based) not found in place
    extra: list[int] = []  # file pages (0-based) not found in place
    edited: list[tuple[int, int]] = []  # (re-rendered, file) pairs at the same place with other text
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        edited += [(i1 + k, j1 + k) for k in range(pairs)]
        missing += range(i1 + pairs, i2)
        extra += range(j1 + pairs, j2)
    # a page found elsewhere in the re-render was moved or swapped, not edited
    unplaced = {k: new_texts[k] for k in missing + [i for i, _j in edited]}
    moved: dict[int, int] = {}  # file page -> re-rendered page
    for j in sorted(extra + [j for _i, j in edited]):
        k = next((k for k, text in sorted(unplaced.items()) if text == file_texts[j]), None)
        if k is not None:
            moved[j] = k  # k == j: the page is in its own place after all (the matcher paired around it)
            del unplaced[k]
    for j, k in list(moved.items()):  # the other page of a swap sits in place for the matcher: name it too
        if k < len(file_texts) and k not in moved and file_texts[k] == new_texts[j] and file_texts[k] != new_texts[k]:
            moved[k] = j
    for j, k in sorted(moved.items()):
        if j == k:
            continue
        out.append(("file", j + 1, _("page {page} of the file is page {new} of the re-rendered report "
                             "(pages were swapped, moved or removed)").format(page=j + 1, new=k + 1)))
    for i, j in edited:
        if j in moved:
            if i in unplaced:
                missing.append(i)
            continue
        if i not in unplaced:
            extra.append(j)
            continue
        old, new = _excerpts(file_texts[j], new_texts[i])
        where = (_("page {page}").format(page=j + 1) if i == j
                 else _("page {page} (page {new} re-rendered)").format(page=j + 1, new=i + 1))
        out.append(("file", j + 1, _("{where} differs from the re-rendered report: the file has “{old}” where the "
                             "re-rendered page has “{new}”").format(where=where, old=old, new=new)))
    for i in sorted(set(missing)):
        if i in unplaced:
            out.append(("missing", i + 1, _("page {page} of the re-rendered report is missing from the file").format(page=i + 1)))
    for j in sorted(set(extra)):
        if j not in moved:
            out.append(("file", j + 1, _("page {page} of the file is not in the re-rendered report (a page was added "
                                 "or replaced)").format(page=j + 1)))
    return sorted(out, key=lambda x: (x[0] != "count", x[1]))


def _excerpts(old: str, new: str) -> tuple[str, str]:
    """The text around the first character where the two differ."""
    at = len(os.path.commonprefix([old, new]))
    start = max(0, at - EXCERPT // 4)

    def cut(text: str) -> str:
        part = text[start:start + EXCERPT]
        return ("…" if start else "") + part + ("…" if start + EXCERPT < len(text) else "")

    return cut(old), cut(new)


def _page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def _attachments(data: bytes) -> dict[str, int]:
    from pypdf import PdfReader

    try:
        return {name: len(blobs) for name, blobs in PdfReader(io.BytesIO(data)).attachments.items()}
    except Exception:  # a damaged name tree: reported as a difference by the caller
        return {"?": 0}


def _att_text(att: Mapping[str, int]) -> str:
    return ", ".join(f"{k} ×{v}" if v != 1 else k for k, v in sorted(att.items())) or "—"


def _info(data: bytes) -> dict[str, str]:
    from pypdf import PdfReader

    meta = PdfReader(io.BytesIO(data)).metadata or {}
    return {str(k): str(v) for k, v in meta.items()}
