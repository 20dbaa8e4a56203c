"""A report's signature: ``retrofit-signature.json``, a second file embedded in the PDF.

The signer signs (Ed25519) a canonical message made of the SHA-256 of the embedded payload and the
SHA-256 of each page's normalised text (pagetext.py), together with the signer's name and public key.
Being an embedded file, the block changes no page text, so the digests it signs are the digests of
the final file's pages. Checking it needs no trusted key to say *whether* the signature holds; a list
of trusted public keys says *who* may have made it.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..i18n import _, normalise_language, use_language
from .attachment import ATTACHMENT_NAME, digest
from .pagetext import PageTextError, page_texts, text_digest
from .signing_keys import PublicKey, fingerprint

SIGNATURE_NAME = "retrofit-signature.json"
VERSION = 1
_DOMAIN = b"retrofit-desktop report signature v1\n"  # a signature over this message means nothing elsewhere
_SIGNED_FIELDS = ("version", "signer", "public_key", "fingerprint", "payload_sha256", "page_sha256")


def canonical_message(block: dict[str, Any]) -> bytes:
    """The bytes that are signed: the block's fields except the signature, as sorted compact JSON."""
    body = {k: block.get(k) for k in _SIGNED_FIELDS}
    return _DOMAIN + json.dumps(body, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode(
        "ascii"
    )


def make_block(
    key: Ed25519PrivateKey, public: PublicKey, payload_sha256: str, page_sha256: list[str]
) -> bytes:
    """The signature block's bytes (deterministic: Ed25519 and sorted JSON)."""
    block: dict[str, Any] = {
        "version": VERSION,
        "signer": public.name,
        "public_key": public.b64,
        "fingerprint": public.fingerprint,
        "payload_sha256": payload_sha256,
        "page_sha256": list(page_sha256),
    }
    block["signature"] = base64.b64encode(key.sign(canonical_message(block))).decode("ascii")
    return json.dumps(block, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


@dataclass(frozen=True)
class SignatureStatus:
    """What a report's signature says, and whether it holds.

    present: the file carries a signature block. valid: the block is intact, signed by the key it
    names, and covers the file's current payload and page texts. trusted: the key is one of the
    trusted keys (None: no trusted keys were given, so it was not checked). signer / fingerprint: as
    the block claims them; trusted_name: the name in the trusted .pub file that matched. reason: why
    it is not valid / not trusted / not checked ("" when valid and trusted).
    """

    present: bool
    valid: bool = False
    trusted: bool | None = None
    signer: str | None = None
    fingerprint: str | None = None
    trusted_name: str | None = None
    reason: str = ""

    @property
    def failed(self) -> bool:
        """A signature that is invalid, or not trusted (or missing) when trusted keys were given."""
        return (self.present and not self.valid) or self.trusted is False

    def to_json(self) -> dict[str, Any]:
        return {"present": self.present, "valid": self.valid, "trusted": self.trusted, "signer": self.signer,
                "fingerprint": self.fingerprint, "trusted_name": self.trusted_name, "reason": self.reason,
                "checked_against_trusted_keys": self.trusted is not None}  # fmt: skip


def embedded_files(pdf: str | Path | bytes) -> dict[str, bytes]:
    """The files embedded in a PDF, by name (the first of each name)."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else str(pdf))
    return {name: blobs[0] for name, blobs in reader.attachments.items() if blobs}


def embedded_signature(pdf: bytes) -> bytes | None:
    """The bytes of a PDF's retrofit-signature.json (None: unsigned or unreadable)."""
    try:
        return embedded_files(pdf).get(SIGNATURE_NAME)
    except Exception:  # pypdf raises many types for damaged files; the page check reports those
        return None


def signature_attachment(block: bytes, lang: str) -> tuple[str, bytes, str]:
    """(name, bytes, description) of the signature attachment; the description follows from the block
    and the report's language, so a re-render embeds the same bytes."""
    try:
        data = json.loads(block.decode("utf-8"))
        signer, fp = (data.get("signer"), data.get("fingerprint")) if isinstance(data, dict) else (None, None)
    except (UnicodeDecodeError, ValueError):
        signer = fp = None
    with use_language(normalise_language(lang)):
        description = _("Signature of this report by {signer} ({fingerprint})").format(
            signer=signer or "?", fingerprint=fp or "?"
        )
    return SIGNATURE_NAME, block, description


def check_signature(
    pdf: str | os.PathLike[str] | bytes, trusted: list[PublicKey] | None = None
) -> SignatureStatus:
    """The signature status of a PDF; `trusted` None: say who signed it without judging the key."""
    source: str | Path | bytes = pdf if isinstance(pdf, bytes) else Path(pdf)
    try:
        files = embedded_files(source)
    except Exception as exc:  # pypdf raises many types for damaged files
        return _missing(trusted, _("the PDF's attachments cannot be read ({error})").format(error=exc))
    data = files.get(SIGNATURE_NAME)
    if data is None:
        return _missing(trusted, _("the report is not signed"))
    try:
        block = json.loads(data.decode("utf-8"))
        if not isinstance(block, dict):
            raise ValueError(_("not a JSON object"))
        raw = base64.b64decode(str(block.get("public_key")), validate=True)
        public = Ed25519PublicKey.from_public_bytes(raw)
        sig = base64.b64decode(str(block.get("signature")), validate=True)
        pages = block.get("page_sha256")
        if not isinstance(pages, list):
            raise ValueError(_("no list of page digests"))
    except (UnicodeDecodeError, ValueError, binascii.Error) as exc:
        return SignatureStatus(
            True,
            False,
            False if trusted is not None else None,
            reason=_("the signature block {name} is damaged: {error}").format(name=SIGNATURE_NAME, error=exc),
        )
    signer = str(block.get("signer") or "")
    fp = fingerprint(raw)
    status: dict[str, Any] = {"present": True, "signer": signer, "fingerprint": fp}
    trusted_key = next((k for k in trusted or [] if k.raw == raw), None)
    trust_fields: dict[str, Any] = {} if trusted is None else {"trusted": trusted_key is not None}
    if trusted_key is not None:
        trust_fields["trusted_name"] = trusted_key.name
    problem = _block_problem(block, public, sig, fp, source, files)
    if problem:
        return SignatureStatus(valid=False, reason=problem, **status, **trust_fields)
    if trusted is None:
        reason = _("not checked against a trusted key")
    elif trusted_key is None:
        reason = _("the signing key is not among the trusted keys")
    else:
        reason = ""
    return SignatureStatus(valid=True, reason=reason, **status, **trust_fields)


def _missing(trusted: list[PublicKey] | None, why: str) -> SignatureStatus:
    if trusted is None:
        return SignatureStatus(False, reason=why)
    return SignatureStatus(
        False, trusted=False, reason=_("{why}, but a signature by a trusted key is required").format(why=why)
    )


def _block_problem(
    block: dict[str, Any],
    public: Ed25519PublicKey,
    sig: bytes,
    fp: str,
    source: str | Path | bytes,
    files: dict[str, bytes],
) -> str:
    """Why a well-formed block does not hold for this file ("" when it does)."""
    try:
        public.verify(sig, canonical_message(block))
    except InvalidSignature:
        return _("the signature does not match the signed data (the signature block was altered)")
    if block.get("version") != VERSION:
        return _("unsupported signature version {version!r}").format(version=block.get("version"))
    if block.get("fingerprint") != fp:
        return _("the signature block states fingerprint {stated}, its key has {actual}").format(
            stated=block.get("fingerprint"), actual=fp
        )
    payload = files.get(ATTACHMENT_NAME)
    actual_payload = digest(payload) if payload is not None else None
    if block.get("payload_sha256") != actual_payload:
        return _("the signature covers payload SHA-256 {signed}, the file carries {actual}").format(
            signed=block.get("payload_sha256"), actual=actual_payload or _("no payload")
        )
    try:
        texts = page_texts(source)
    except PageTextError as exc:
        return _("the pages cannot be read ({error})").format(error=exc)
    signed = block["page_sha256"]
    if len(texts) != len(signed):
        return _("the signature covers {signed} pages, the file has {actual}").format(
            signed=len(signed), actual=len(texts)
        )
    changed = [
        str(n) for n, (t, d) in enumerate(zip(texts, signed, strict=True), start=1) if text_digest(t) != d
    ]
    if changed:
        return _("the text of page(s) {pages} differs from what was signed").format(pages=", ".join(changed))
    if texts and "".join(fp.split()) not in "".join(texts[0].split()):
        return _("the cover does not name the signing key {fingerprint}").format(fingerprint=fp)
    return ""
