"""Files the CLI writes besides reports: the blank import template and the results workbook (io)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_template(path: str | Path) -> Path:
    """The import template workbook (io.write_template) at `path`."""
    from ..io import write_template as write

    return write(path)


def export_results(payload: dict[str, Any], path: str | Path) -> Path:
    """An assessment payload as .xlsx or .csv (io.export_results)."""
    from ..io import export_results as export

    return export(payload, path)


def export_assessment(result: Any, path: str | Path) -> Path:
    """A typed assessment (services.assessment.Assessment) as .xlsx or .csv, built a chunk at a time."""
    from ..io import export_results as export
    from .assessment import export_frames

    return export(export_frames(result), path)
