"""The text a reader sees on each page of a PDF, and its SHA-256 per page.

``verify`` compares the pages of a report with the pages re-rendered from its embedded inputs, and a
signature covers the same per-page digests, so both must read a page the same way: pypdf's text
extraction, with runs of white space folded to one space (extraction spacing is not what a reader
checks, the characters are).
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

_SPACE_RE = re.compile(r"\s+")


class PageTextError(ValueError):
    """The PDF's pages cannot be read."""


def normalise_page_text(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def page_texts(pdf: str | Path | bytes) -> list[str]:
    """The normalised text of every page, in page order."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else str(pdf)
    try:
        reader = PdfReader(source)
        return [normalise_page_text(page.extract_text() or "") for page in reader.pages]
    except (OSError, PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise PageTextError(str(exc)) from exc


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def page_text_digests(pdf: str | Path | bytes) -> list[str]:
    """SHA-256 (hex) of each page's normalised text, in page order."""
    return [text_digest(t) for t in page_texts(pdf)]
