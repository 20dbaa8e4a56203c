"""Comparing a report file with the report re-rendered from its embedded payload.

Strongest: the file is byte-identical to the re-render. Otherwise each page is compared by what
draws it (a fingerprint of its content streams, fonts, images and annotations) and by its normalised
text (pagetext.py), and every page added, removed, moved or edited is named; a file that was
extended by an incremental update (a second ``%%EOF`` / xref section, or bytes after the end) is
rejected, as is an attachment or document information the re-render does not have.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..i18n import _
from .pagetext import PageTextError, normalise_page_text

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
        return {
            "file": self.file_pages,
            "rerendered": self.rerendered_pages,
            "identical": self.identical,
            "differing": list(self.differing),
            "missing": list(self.missing),
        }


def revisions(data: bytes) -> int:
    """How many times the file was saved: the number of ``%%EOF`` markers (an incremental update adds one)."""
    return data.count(b"%%EOF")


def trailing_bytes(data: bytes) -> int:
    """Bytes after the last ``%%EOF`` other than white space."""
    end = data.rfind(b"%%EOF")
    return len(data[end + 5 :].strip()) if end >= 0 else len(data)


def check_pages(data: bytes, rerendered: bytes) -> PageCheck:
    """Compare a report file's bytes with the re-rendered report's bytes."""
    if data == rerendered:
        return PageCheck(_page_count(data), _page_count(rerendered), True)
    diffs = structure_differences(data, rerendered)
    file_prints, new_prints = page_fingerprints(data), page_fingerprints(rerendered)
    if file_prints == new_prints:  # every page drawn from the same instructions and resources: same text
        return PageCheck(len(file_prints), len(new_prints), False, differences=diffs)
    file_texts, new_texts = _texts(data, rerendered, file_prints, new_prints)
    found = _page_differences(file_texts, new_texts)
    for n, (text, new_text, fp, new_fp) in enumerate(
        zip(file_texts, new_texts, file_prints, new_prints, strict=False), start=1
    ):
        if text == new_text and fp != new_fp and len(file_texts) == len(new_texts):
            found.append(
                (
                    "file",
                    n,
                    _(
                        "page {page} has the same text as the re-rendered page but is drawn "
                        "differently (a drawing, image, font or annotation was changed)"
                    ).format(page=n),
                )
            )
    found.sort(key=lambda x: (x[0] != "count", x[1]))
    diffs += [message for _kind, _page, message in found]
    return PageCheck(
        len(file_texts),
        len(new_texts),
        False,
        differing=sorted({page for kind, page, _m in found if kind == "file"}),
        missing=sorted({page for kind, page, _m in found if kind == "missing"}),
        differences=diffs,
    )


def _texts(
    data: bytes, rerendered: bytes, file_prints: list[str], new_prints: list[str]
) -> tuple[list[str], list[str]]:
    """Each page's normalised text, extracted only where needed: pages that line up with a page drawn
    exactly the same way (the same drawing gives the same text) stand in by their fingerprint, so a
    one-page change to a long report extracts a page or two, not all of them."""
    matcher = difflib.SequenceMatcher(None, file_prints, new_prints, autojunk=False)
    file_known: dict[int, str] = {}
    new_known: dict[int, str] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            key = "\0" + file_prints[block.a + k]
            file_known[block.a + k], new_known[block.b + k] = key, key
    return _some_texts(data, len(file_prints), file_known), _some_texts(
        rerendered, len(new_prints), new_known
    )


def _some_texts(data: bytes, count: int, known: dict[int, str]) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        return [
            known[n] if n in known else normalise_page_text(reader.pages[n].extract_text() or "")
            for n in range(count)
        ]
    except (OSError, PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise PageTextError(str(exc)) from exc


def page_fingerprints(data: bytes) -> list[str]:
    """SHA-256 of everything that draws each page: its dictionary (without /Parent) with the resources,
    content streams (decoded), fonts, images and annotations it refers to, resolved recursively."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    memo: dict[int, bytes] = {}
    return [hashlib.sha256(_object_bytes(page, memo, set(), top=True)).hexdigest() for page in reader.pages]


def _object_bytes(obj: Any, memo: dict[int, bytes], active: set[int], top: bool = False) -> bytes:
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    if isinstance(obj, IndirectObject):
        key = obj.idnum
        if key in memo:
            return memo[key]
        if key in active:  # a cycle (e.g. an annotation's /P back to its page)
            return b"<cycle>"
        active.add(key)
        out = _object_bytes(obj.get_object(), memo, active)
        active.discard(key)
        memo[key] = out
        return out
    if isinstance(obj, StreamObject):
        head = {k: v for k, v in obj.items() if k not in ("/Length", "/Filter", "/DecodeParms")}
        body = obj.get_data()
        return b"S" + _object_bytes(DictionaryObject(head), memo, active) + hashlib.sha256(body).digest()
    if isinstance(obj, DictionaryObject):
        skip = ("/Parent",) if top else ("/Parent", "/P")
        parts = [
            k.encode("utf-8", "surrogatepass") + b"=" + _object_bytes(v, memo, active)
            for k, v in sorted(obj.items())
            if k not in skip
        ]
        return b"D{" + b";".join(parts) + b"}"
    if isinstance(obj, ArrayObject):
        return b"A[" + b",".join(_object_bytes(v, memo, active) for v in obj) + b"]"
    return repr(obj).encode("utf-8", "surrogatepass")


def structure_differences(data: bytes, rerendered: bytes) -> list[str]:
    """Incremental updates, trailing bytes, attachments and document information not in the re-render."""
    diffs: list[str] = []
    extra = revisions(data) - revisions(rerendered)
    if extra > 0:
        diffs.append(
            _(
                "the file was changed after it was written: it holds {n} incremental update(s) "
                "(a later revision can replace pages, text or the attached data)"
            ).format(n=extra)
        )
    tail = trailing_bytes(data)
    if tail:
        diffs.append(
            _("the file has {n} bytes after its end (%%EOF); something was appended to it").format(n=tail)
        )
    file_att, new_att = _attachments(data), _attachments(rerendered)
    if file_att != new_att:
        diffs.append(
            _("the file's attachments ({file}) are not those of the re-rendered report ({new})").format(
                file=_att_text(file_att), new=_att_text(new_att)
            )
        )
    file_info, new_info = _info(data), _info(rerendered)
    for key in sorted(set(file_info) | set(new_info)):
        if file_info.get(key) != new_info.get(key):
            diffs.append(
                _(
                    "document information {key} is {old!r} in the file, {new!r} in the re-rendered report"
                ).format(key=key, old=file_info.get(key), new=new_info.get(key))
            )
    return diffs


def compare_pages(file_texts: Sequence[str], rerender_texts: Sequence[str]) -> list[str]:
    """Every page added, removed, moved or edited, named by page number (1-based)."""
    return [message for _kind, _page, message in _page_differences(file_texts, rerender_texts)]


Difference = tuple[str, int, str]


def _page_differences(file_texts: Sequence[str], new_texts: Sequence[str]) -> list[Difference]:
    """(kind, page, message): kind 'file' names a file page, 'missing' a re-rendered page, 'count' none."""
    out: list[Difference] = []
    if len(file_texts) != len(new_texts):
        out.append(
            (
                "count",
                0,
                _("the file has {file} pages, the re-rendered report {new}").format(
                    file=len(file_texts), new=len(new_texts)
                ),
            )
        )
    missing, extra, edited = _unmatched(file_texts, new_texts)
    moved, unplaced = _moved(file_texts, new_texts, missing, extra, edited)
    out += _moved_messages(moved)
    for i, j in edited:
        if j in moved:
            if i in unplaced:
                missing.append(i)
            continue
        if i not in unplaced:
            extra.append(j)
            continue
        out.append(_edited_message(file_texts[j], new_texts[i], i, j))
    out += [
        (
            "missing",
            i + 1,
            _("page {page} of the re-rendered report is missing from the file").format(page=i + 1),
        )
        for i in sorted(set(missing))
        if i in unplaced
    ]
    out += [
        (
            "file",
            j + 1,
            _(
                "page {page} of the file is not in the re-rendered report (a page was added or replaced)"
            ).format(page=j + 1),
        )
        for j in sorted(set(extra))
        if j not in moved
    ]
    return sorted(out, key=lambda x: (x[0] != "count", x[1]))


def _unmatched(
    file_texts: Sequence[str], new_texts: Sequence[str]
) -> tuple[list[int], list[int], list[tuple[int, int]]]:
    """Re-rendered pages (0-based) not found in place, file pages not found in place, and (re-rendered,
    file) pairs at the same place with other text."""
    matcher = difflib.SequenceMatcher(None, list(new_texts), list(file_texts), autojunk=False)
    missing: list[int] = []
    extra: list[int] = []
    edited: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        edited += [(i1 + k, j1 + k) for k in range(pairs)]
        missing += range(i1 + pairs, i2)
        extra += range(j1 + pairs, j2)
    return missing, extra, edited


def _moved(
    file_texts: Sequence[str],
    new_texts: Sequence[str],
    missing: list[int],
    extra: list[int],
    edited: list[tuple[int, int]],
) -> tuple[dict[int, int], dict[int, str]]:
    """Pages found elsewhere in the re-render (moved or swapped, not edited): file page -> re-rendered
    page, and the re-rendered pages still without a place."""
    unplaced = {k: new_texts[k] for k in missing + [i for i, _j in edited]}
    moved: dict[int, int] = {}
    for j in sorted(extra + [j for _i, j in edited]):
        k = next((k for k, text in sorted(unplaced.items()) if text == file_texts[j]), None)
        if k is not None:
            moved[j] = k  # k == j: the page is in its own place after all (the matcher paired around it)
            del unplaced[k]
    for j, k in list(moved.items()):  # the other page of a swap sits in place for the matcher: name it too
        if (
            k < len(file_texts)
            and k not in moved
            and file_texts[k] == new_texts[j]
            and file_texts[k] != new_texts[k]
        ):
            moved[k] = j
    return moved, unplaced


def _moved_messages(moved: dict[int, int]) -> list[Difference]:
    return [
        (
            "file",
            j + 1,
            _(
                "page {page} of the file is page {new} of the re-rendered report "
                "(pages were swapped, moved or removed)"
            ).format(page=j + 1, new=k + 1),
        )
        for j, k in sorted(moved.items())
        if j != k
    ]


def _edited_message(file_text: str, new_text: str, i: int, j: int) -> Difference:
    """File page j (0-based) has other text than re-rendered page i."""
    old, new = _excerpts(file_text, new_text)
    where = (
        _("page {page}").format(page=j + 1)
        if i == j
        else _("page {page} (page {new} re-rendered)").format(page=j + 1, new=i + 1)
    )
    return (
        "file",
        j + 1,
        _(
            "{where} differs from the re-rendered report: the file has “{old}” where the "
            "re-rendered page has “{new}”"
        ).format(where=where, old=old, new=new),
    )


def _excerpts(old: str, new: str) -> tuple[str, str]:
    """The text around the first character where the two differ."""
    at = len(os.path.commonprefix([old, new]))
    start = max(0, at - EXCERPT // 4)

    def cut(text: str) -> str:
        part = text[start : start + EXCERPT]
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

    meta: Mapping[str, Any] = PdfReader(io.BytesIO(data)).metadata or {}
    return {str(k): str(v) for k, v in meta.items()}
