"""Signed reports: make a signing key, and check a report's signature against trusted keys.

Signing itself happens in ``write_report(..., sign_key=PATH)``; ``verify_report(pdf, trusted=[…])``
adds the signature status to its result through ``with_signature``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .cancel import Progress
from .importing import InputFileError


class SigningError(InputFileError):
    """A key file cannot be written or read (the CLI's exit code 2)."""


def _keys() -> Any:
    from ..report import signing_keys

    return signing_keys


def generate_signing_key(private_path: str | os.PathLike[str], name: str) -> Any:
    """Write a new key pair (PATH, mode 0600, and PATH.pub); returns the report.signing_keys.PublicKey."""
    keys = _keys()
    try:
        return keys.generate_key_files(private_path, name)
    except keys.SigningKeyError as exc:
        raise SigningError(str(exc)) from exc


def write_signed_report(
    payload: dict[str, Any],
    out_pdf: str | os.PathLike[str],
    sign_key: str | os.PathLike[str],
    lang: str,
    options: Any,
    step: Progress,
) -> Path:
    """write_report(..., sign_key=…): report.signed.render_signed_report; `step(done, total)` is
    write_report's progress that raises Cancelled when the user cancelled."""
    from ..report.signed import render_signed_report

    keys = _keys()
    try:
        return render_signed_report(payload, out_pdf, sign_key, lang=lang, options=options, step=step)
    except keys.SigningKeyError as exc:
        raise SigningError(str(exc)) from exc


def signing_key_info(private_path: str | os.PathLike[str]) -> Any:
    """The PublicKey (name, fingerprint) of a signing key file; SigningError when it cannot be used."""
    keys = _keys()
    try:
        return keys.load_private_key(private_path)[1]
    except keys.SigningKeyError as exc:
        raise SigningError(str(exc)) from exc


def load_trusted_keys(paths: Sequence[str | os.PathLike[str]]) -> list[Any]:
    """Public keys from .pub files and folders of them; SigningError for a bad, missing or empty one."""
    keys = _keys()
    try:
        trusted: list[Any] = keys.load_trusted_keys(paths)
        return trusted
    except keys.SigningKeyError as exc:
        raise SigningError(str(exc)) from exc


def check_signature(
    pdf_path: str | os.PathLike[str], trusted: Sequence[str | os.PathLike[str]] | None = None
) -> Any:
    """report.signature.SignatureStatus of a PDF; `trusted`: .pub files / folders (None: not judged)."""
    from ..report.signature import check_signature as check

    return check(Path(pdf_path), None if trusted is None else load_trusted_keys(trusted))


def with_signature(result: Any, pdf_path: str | os.PathLike[str], trusted_keys: list[Any] | None) -> Any:
    """A VerifyResult with its signature status (`trusted_keys` from load_trusted_keys, None: not judged).
    An invalid signature, or a missing or untrusted one when trusted keys were given, is a difference."""
    from ..i18n import _
    from ..report.signature import check_signature as check

    status = check(Path(pdf_path), trusted_keys)
    if not status.failed:
        return dataclasses.replace(result, signature=status)
    diffs = [*result.differences, _("signature: {reason}").format(reason=status.reason)]
    return dataclasses.replace(result, ok=False, differences=diffs, signature=status)


def signature_summary(status: Any) -> str:
    """One line on a SignatureStatus for people (CLI and GUI)."""
    from ..i18n import _

    if not status.present:
        if status.trusted is False:
            return _("Signature: none — {reason}").format(reason=status.reason)
        return _("Signature: none (the report is not signed)")
    who = _("{signer} ({fingerprint})").format(
        signer=status.signer or "?", fingerprint=status.fingerprint or "?"
    )
    if not status.valid:
        return _("Signature by {who}: INVALID — {reason}").format(who=who, reason=status.reason)
    if status.trusted is None:
        return _("Signature by {who} as claimed: valid, but not checked against a trusted key").format(
            who=who
        )
    if status.trusted:
        return _("Signature: valid, by trusted key {fingerprint} of {name}").format(
            fingerprint=status.fingerprint, name=status.trusted_name or status.signer
        )
    return _("Signature by {who}: valid, but NOT TRUSTED — {reason}").format(who=who, reason=status.reason)
