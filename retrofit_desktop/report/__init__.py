"""The PDF report (reportlab, embedded CJK font) and the payload embedded in it.

``render_report(payload, out_path, lang="zh", options=None) -> Path`` writes the report of a design.md
schema-1 payload; ``read_embedded_payload(pdf_path) -> dict`` reads the attached payload back and
checks its SHA-256 (raises ``EmbeddedPayloadError``).
"""

from .attachment import ATTACHMENT_NAME, EmbeddedPayloadError, read_embedded_payload
from .cover import ReportError
from .options import ReportOptions
from .render import render_report

__all__ = [
    "ATTACHMENT_NAME",
    "EmbeddedPayloadError",
    "ReportError",
    "ReportOptions",
    "read_embedded_payload",
    "render_report",
]
