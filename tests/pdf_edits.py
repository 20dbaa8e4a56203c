"""Editing a report's embedded payload as a forger would (for the verify and tamper tests)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from retrofit_desktop.report.attachment import ATTACHMENT_NAME, KEYWORD_PREFIX, payload_bytes


def replace_payload(writer: PdfWriter, data: bytes, *, digest: bool) -> None:
    """Put `data` in place of the attachment; with digest=True also write its SHA-256 into Keywords."""
    del writer._root_object[NameObject("/Names")]
    writer.add_attachment(ATTACHMENT_NAME, data)
    if digest:
        writer.add_metadata({"/Keywords": KEYWORD_PREFIX + hashlib.sha256(data).hexdigest()})


def with_edited_payload(src: Path, edit: Callable[[dict], None], dst: Path) -> Path:
    """A copy of `src` whose payload went through `edit`, embedded again with its SHA-256 recomputed."""
    payload = json.loads(PdfReader(str(src)).attachments[ATTACHMENT_NAME][0])
    edit(payload)
    writer = PdfWriter(clone_from=str(src))
    replace_payload(writer, payload_bytes(payload), digest=True)
    with dst.open("wb") as fh:
        writer.write(fh)
    return dst
