"""Rendering a signed report: the signer on the cover, the signature block embedded (signature.py)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..i18n import _
from .attachment import ATTACHMENT_NAME, digest
from .options import ReportOptions
from .pagetext import page_text_digests
from .render import render_bytes, render_report
from .signature import embedded_files, make_block, signature_attachment
from .signing_keys import load_private_key

SIGNING_STEPS = 3  # render, read the pages and sign, render with the block


def render_signed_report(
    payload: dict[str, Any],
    out_path: str | os.PathLike[str],
    key_path: str | os.PathLike[str],
    lang: str = "zh",
    options: Any = None,
    step: Callable[[int, int], None] | None = None,
) -> Path:
    """Render the report with the signer on its cover, sign its payload and page digests, and write
    the final file with the signature block embedded (its page texts are the ones signed).
    `step(done, SIGNING_STEPS)` is called between the steps (it may raise to stop the work)."""
    step = step or (lambda _done, _total: None)

    def within(stage: int) -> Callable[[int, int], None]:  # a render's own progress inside one step
        return lambda done, total: step(stage * total + done, SIGNING_STEPS * total) if total > 0 else None

    key, public = load_private_key(key_path)  # a bad key fails before any rendering
    options = dataclasses.replace(
        options or ReportOptions(), signer_name=public.name, signer_fingerprint=public.fingerprint
    )
    step(0, SIGNING_STEPS)
    first = render_bytes(payload, lang=lang, options=options, progress=within(0))
    step(1, SIGNING_STEPS)
    files = embedded_files(first)
    if ATTACHMENT_NAME not in files:
        raise ValueError(_("a signed report needs its embedded payload (embed_payload is off)"))
    pages = page_text_digests(first)
    block = make_block(key, public, digest(files[ATTACHMENT_NAME]), pages)
    step(2, SIGNING_STEPS)
    del key
    # rendering is deterministic and the block is an attachment, so the pages are the ones signed
    # (tests/report/test_signature.py checks it); the file is not read back a second time
    out = Path(
        render_report(
            payload,
            out_path,
            lang=lang,
            options=options,
            progress=within(2),
            attachments=(signature_attachment(block, lang),),
        )
    )
    try:
        step(3, SIGNING_STEPS)
    except BaseException:  # stopped at the very end: no signed-looking file is left behind
        out.unlink(missing_ok=True)
        raise
    return out
