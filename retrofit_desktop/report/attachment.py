"""The machine-readable payload inside the PDF: ``retrofit-payload.json`` with its SHA-256.

Writing uses reportlab's own PDF objects (an EmbeddedFiles name tree in the document catalog), so
rendering needs nothing beyond reportlab. The digest of the attachment bytes goes into the PDF's
Keywords metadata, the attachment description and the cover page. Reading uses pypdf.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import re
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString, PDFZCompress

from ..i18n import _

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

ATTACHMENT_NAME = "retrofit-payload.json"
KEYWORD_PREFIX = "retrofit-payload-sha256:"
_DIGEST_RE = re.compile(re.escape(KEYWORD_PREFIX) + r"([0-9a-f]{64})")


class EmbeddedPayloadError(ValueError):
    """The PDF has no usable embedded payload (missing, unreadable, or its digest does not match)."""


class UnreadablePdfError(EmbeddedPayloadError):
    """The file cannot be read as a PDF at all (damaged, truncated)."""


_SAME = frozenset({str, int, bool, type(None)})  # written as they are


def _plain(value: Any) -> Any:
    """JSON-ready copy: NaN/inf -> None (missing stays missing), numpy scalars -> Python, tuples -> lists."""
    t = type(value)  # the plain JSON types first, by exact type (most of a large payload)
    if t in _SAME:
        return value
    if t is float:
        return value if math.isfinite(value) else None
    if t is dict:
        return {k if type(k) is str else str(k): _plain(v) for k, v in value.items()}
    if t is list:
        return [_plain(v) for v in value]
    return _plain_other(value)


def _plain_other(value: Any) -> Any:
    """`_plain` of what is not exactly a str, int, bool, None, float, dict or list."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return _plain(value.value)
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if hasattr(value, "item") and callable(value.item):  # numpy / pandas scalars
        return _plain(value.item())
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(
        _("payload value of type {type} cannot be written as JSON: {value!r}").format(
            type=type(value).__name__, value=value
        )
    )


def payload_bytes(payload: Mapping[str, Any]) -> bytes:
    """The exact bytes that are embedded (sorted keys, UTF-8, no NaN)."""
    return json_bytes(_plain(payload))


def json_bytes(value: Any) -> bytes:
    """payload_bytes of a value that has JSON types only already (e.g. parsed from payload_bytes)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False).encode("utf-8")


#: a top-level key of payload_bytes' text: the only lines indented by exactly one space (a string's own
#: line breaks are written as \n, so every line break of the text is the layout's)
_TOP_KEY = re.compile(rb'\n "((?:[^"\\]|\\.)*)": ')


def with_key(data: bytes, key: str, value: Any) -> bytes:
    """``payload_bytes({**payload, key: value})`` from ``data = payload_bytes(payload)`` (payload without
    `key`), without writing the payload again: the entry is inserted where the sorted keys put it."""
    entry = json_bytes({key: _plain(value)})[2:-2]  # ' "key": value' of '{\n "key": value\n}'
    if data == b"{}":
        return b"{\n" + entry + b"\n}"
    for m in _TOP_KEY.finditer(data):
        if json.loads(b'"' + m.group(1) + b'"') > key:
            return data[: m.start() + 1] + entry + b",\n" + data[m.start() + 1 :]
    return data[:-2] + b",\n" + entry + b"\n}"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def embed(canvas: Canvas, data: bytes, description: str) -> None:
    """Attach `data` as retrofit-payload.json to the document being written by `canvas` (before save)."""
    embed_files(canvas, [(ATTACHMENT_NAME, data, description)])


def embed_files(canvas: Canvas, files: list[tuple[str, bytes, str]]) -> None:
    """Attach each (name, data, description) to the document being written by `canvas` (before save)."""
    doc = canvas._doc
    names = PDFArray([])
    for name, data, description in sorted(files, key=lambda f: f[0]):  # a name tree is sorted by key
        names.sequence += [PDFString(name), _filespec(doc, name, data, description)]
    doc.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": names})})


def _filespec(doc: Any, name: str, data: bytes, description: str) -> Any:
    stream = PDFStream(
        PDFDictionary(
            {
                "Type": PDFName("EmbeddedFile"),
                "Subtype": "/application#2Fjson",  # '/' must be escaped inside a PDF name
                "Params": PDFDictionary({"Size": len(data)}),
            }
        ),
        content=data,
        filters=[PDFZCompress],
    )
    stream_ref = doc.Reference(stream)
    filespec = PDFDictionary(
        {
            "Type": PDFName("Filespec"),
            "F": PDFString(name),
            "UF": PDFString(name),
            "EF": PDFDictionary({"F": stream_ref, "UF": stream_ref}),
            "Desc": PDFString(description),
            "AFRelationship": PDFName("Data"),
        }
    )
    return doc.Reference(filespec)


def read_embedded_payload(pdf_path: str | Path) -> dict[str, Any]:
    """The payload embedded by ``render_report``; raises EmbeddedPayloadError when it is missing,
    unreadable, or when its SHA-256 differs from the digest recorded in the PDF's metadata."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError as exc:  # pragma: no cover - pypdf ships with the app
        raise EmbeddedPayloadError(_("Reading an embedded payload needs the 'pypdf' package.")) from exc
    path = Path(pdf_path)
    try:
        reader = PdfReader(str(path))
        meta: Mapping[str, Any] = reader.metadata or {}
        keywords = str(meta.get("/Keywords") or "")
    except (OSError, PyPdfError, ValueError, KeyError) as exc:
        raise UnreadablePdfError(
            _("{path}: not a readable PDF ({error})").format(path=path, error=exc)
        ) from exc
    try:
        blobs = reader.attachments.get(ATTACHMENT_NAME)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:  # a damaged name tree
        raise EmbeddedPayloadError(
            _("{path}: the attachments of this PDF cannot be read ({error})").format(path=path, error=exc)
        ) from exc
    if not blobs:
        raise EmbeddedPayloadError(
            _(
                "{path}: no embedded {name}; this PDF was not written by Retrofit Desktop or the data was "
                "removed"
            ).format(path=path, name=ATTACHMENT_NAME)
        )
    data = blobs[0]
    match = _DIGEST_RE.search(keywords)
    if not match:
        raise EmbeddedPayloadError(
            _("{path}: the PDF metadata carries no payload SHA-256 ({prefix}…)").format(
                path=path, prefix=KEYWORD_PREFIX
            )
        )
    expected, actual = match.group(1), digest(data)
    if expected != actual:
        raise EmbeddedPayloadError(
            _(
                "{path}: the embedded {name} has SHA-256 {actual}, but the report records {expected}; "
                "the data was changed after the report was written"
            ).format(path=path, name=ATTACHMENT_NAME, actual=actual, expected=expected)
        )
    try:
        payload = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EmbeddedPayloadError(
            _("{path}: the embedded {name} is not valid JSON ({error})").format(
                path=path, name=ATTACHMENT_NAME, error=exc
            )
        ) from exc
    if not isinstance(payload, dict):
        raise EmbeddedPayloadError(
            _("{path}: the embedded {name} is not a JSON object").format(path=path, name=ATTACHMENT_NAME)
        )
    return payload
