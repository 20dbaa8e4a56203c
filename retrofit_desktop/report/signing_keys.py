"""Ed25519 signing keys of a report signer: the private key file and its ``.pub`` file.

The private key is a PKCS#8 PEM file created with permissions 0600 (never readable by others, not
even for a moment). The ``.pub`` file is small UTF-8 text a signer hands to inspectors::

    retrofit-desktop-public-key 1
    name: 张三 / 某某节能咨询有限公司
    key: ed25519 <base64 of the 32-byte raw public key>
    fingerprint: SHA256:ab12 cd34 …

The fingerprint is the SHA-256 of the raw public key in groups of four hex digits; the same text is
printed on the report's cover, by ``retrofit verify`` and in the GUI. No function here writes key
material to a log or puts it into an error message.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..i18n import _

PUB_MAGIC = "retrofit-desktop-public-key 1"
PUB_SUFFIX = ".pub"
FINGERPRINT_PREFIX = "SHA256:"
MAX_NAME_CHARS = 200


class SigningKeyError(ValueError):
    """A key file cannot be written or read (the message names the file, never its contents)."""


def fingerprint(raw_public_key: bytes) -> str:
    """'SHA256:ab12 cd34 …' — SHA-256 of the raw 32-byte public key, in groups of four hex digits."""
    hexdigest = hashlib.sha256(raw_public_key).hexdigest()
    return FINGERPRINT_PREFIX + " ".join(hexdigest[i : i + 4] for i in range(0, len(hexdigest), 4))


@dataclass(frozen=True)
class PublicKey:
    """A signer's public key and the display name that goes with it."""

    name: str
    raw: bytes  # 32 bytes
    source: str = ""  # the file it was read from ("" when not from a file)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.raw)

    @property
    def b64(self) -> str:
        return base64.b64encode(self.raw).decode("ascii")

    def key(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.raw)

    def to_text(self) -> str:
        return f"{PUB_MAGIC}\nname: {self.name}\nkey: ed25519 {self.b64}\nfingerprint: {self.fingerprint}\n"


def public_path(private_path: str | os.PathLike[str]) -> Path:
    return Path(f"{os.fspath(private_path)}{PUB_SUFFIX}")


def _clean_name(name: str) -> str:
    text = " ".join(str(name).split())  # one line: the .pub format is line based
    if not text:
        raise SigningKeyError(_("The signer's name is empty."))
    if len(text) > MAX_NAME_CHARS:
        raise SigningKeyError(_("The signer's name is longer than {n} characters.").format(n=MAX_NAME_CHARS))
    return text


def generate_key_files(private_path: str | os.PathLike[str], name: str) -> PublicKey:
    """Write a new private key to `private_path` (PEM, mode 0600) and its public key to `private_path`.pub.

    Refuses (SigningKeyError) when either file exists: a key is never overwritten.
    """
    path, pub_path = Path(private_path), public_path(private_path)
    name = _clean_name(name)
    for p in (path, pub_path):
        if p.exists() or p.is_symlink():
            raise SigningKeyError(_("{path} already exists; a key file is never overwritten.").format(path=p))
    if not path.parent.is_dir():
        raise SigningKeyError(
            _("cannot write the key file {path}: the folder does not exist").format(path=path)
        )
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = PublicKey(
        name, key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o600)  # created 0600 (umask can only remove bits), O_EXCL: never overwrite
    except FileExistsError as exc:
        raise SigningKeyError(
            _("{path} already exists; a key file is never overwritten.").format(path=path)
        ) from exc
    except OSError as exc:
        raise SigningKeyError(
            _("cannot write the key file {path}: {error}").format(path=path, error=exc.strerror or exc)
        ) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), 0o600)
            fh.write(pem)
        with open(pub_path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(public.to_text())
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise SigningKeyError(_("cannot write the key file {path}: {error}").format(
            path=exc.filename or pub_path, error=exc.strerror or exc)) from exc  # fmt: skip
    return PublicKey(public.name, public.raw, str(pub_path))


def parse_public_key(text: str, source: str = "") -> PublicKey:
    """A PublicKey from the text of a .pub file; SigningKeyError naming `source` when it is not one."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    where = source or _("public key")
    if not lines or lines[0] != PUB_MAGIC:
        raise SigningKeyError(
            _("{path}: not a Retrofit Desktop public key file (first line must be {magic!r})").format(
                path=where, magic=PUB_MAGIC
            )
        )
    fields: dict[str, str] = {}
    for line in lines[1:]:
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip().lower()] = value.strip()
    algo, _sep, b64 = fields.get("key", "").partition(" ")
    if algo != "ed25519" or not b64:
        raise SigningKeyError(_("{path}: no 'key: ed25519 …' line").format(path=where))
    try:
        raw = base64.b64decode(b64.strip(), validate=True)
        Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as exc:
        raise SigningKeyError(
            _("{path}: the key line is not a valid Ed25519 public key").format(path=where)
        ) from exc
    public = PublicKey(_clean_name(fields.get("name") or "?"), raw, source)
    stated = fields.get("fingerprint")
    if stated and "".join(stated.split()) != "".join(public.fingerprint.split()):
        raise SigningKeyError(
            _("{path}: the fingerprint line does not match the key; the file was altered").format(path=where)
        )
    return public


def load_public_key(path: str | os.PathLike[str]) -> PublicKey:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SigningKeyError(
            _("{path}: not a Retrofit Desktop public key file (not UTF-8 text)").format(path=p)
        ) from exc
    except OSError as exc:
        raise SigningKeyError(
            _("cannot read the key file {path}: {error}").format(path=p, error=exc.strerror or exc)
        ) from exc
    return parse_public_key(text, str(p))


def load_private_key(path: str | os.PathLike[str]) -> tuple[Ed25519PrivateKey, PublicKey]:
    """The private key in `path` and its public key with the signer's name from `path`.pub."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise SigningKeyError(_("cannot read the signing key {path}: {error}").format(
            path=p, error=exc.strerror or exc)) from exc  # fmt: skip
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):  # no details: they could quote the file
        raise SigningKeyError(
            _("{path} is not an unencrypted PEM private key written by 'retrofit keygen'").format(path=p)
        ) from None
    finally:
        del data
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(_("{path} is not an Ed25519 key").format(path=p))
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    pub_path = public_path(p)
    if not pub_path.is_file():
        raise SigningKeyError(
            _(
                "the public key file {path} (with the signer's name) is missing next to the signing key"
            ).format(path=pub_path)
        )
    public = load_public_key(pub_path)
    if public.raw != raw:
        raise SigningKeyError(
            _("{pub} does not belong to the signing key {path}").format(pub=pub_path, path=p)
        )
    return key, public


def load_trusted_keys(paths: Iterable[str | os.PathLike[str]]) -> list[PublicKey]:
    """Public keys from .pub files and folders of .pub files; SigningKeyError for a bad or empty one."""
    keys: list[PublicKey] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.suffix == PUB_SUFFIX and f.is_file())
            if not files:
                raise SigningKeyError(
                    _("the folder {path} holds no {suffix} files").format(path=p, suffix=PUB_SUFFIX)
                )
            keys += [load_public_key(f) for f in files]
        elif p.exists():
            keys.append(load_public_key(p))
        else:
            raise SigningKeyError(_("cannot read {path}: no such file or folder").format(path=p))
    return keys
