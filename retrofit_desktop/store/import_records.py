"""The record kept of every import: file name, SHA-256, time, row counts and the rejected cells."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import ImportRecord


@dataclass(frozen=True)
class ImportRecordInfo:
    id: int
    enterprise_id: int
    file_name: str
    sha256: str
    imported_at: datetime
    read: int
    added: int
    updated: int
    unchanged: int
    rejected: int  # rows
    rejected_cells: list[dict[str, Any]] = field(default_factory=list)
    warning_cells: list[dict[str, Any]] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.added + self.updated + self.unchanged

    @property
    def total_rows(self) -> list[dict[str, Any]]:
        """The file's total rows (合计/小计), skipped: kept among the warning cells with severity "note"."""
        return [c for c in self.warning_cells if c.get("severity") == "note"]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "file": self.file_name,
            "sha256": self.sha256,
            "imported_at": self.imported_at.isoformat(timespec="seconds"),
            "read": self.read,
            "imported": self.imported,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "rejected_cells": list(self.rejected_cells),
            "warnings": len(self.warning_cells) - len(self.total_rows),
            "total_rows": self.total_rows,
        }


def add(
    s: Session,
    enterprise_id: int,
    file_name: str,
    sha256: str,
    counts: Mapping[str, int],
    rejected_cells: Sequence[Mapping[str, Any]],
    warning_cells: Sequence[Mapping[str, Any]] = (),
) -> ImportRecord:
    rec = ImportRecord(
        enterprise_id=enterprise_id,
        file_name=file_name[:255],
        sha256=sha256,
        read_rows=int(counts["read"]),
        added=int(counts["added"]),
        updated=int(counts["updated"]),
        unchanged=int(counts["unchanged"]),
        rejected_rows=int(counts["rejected"]),
        rejected_cells=[dict(c) for c in rejected_cells],
        warning_cells=[dict(c) for c in warning_cells],
    )
    s.add(rec)
    return rec


def info(r: ImportRecord) -> ImportRecordInfo:
    at = r.imported_at
    if at.tzinfo is None:  # SQLite hands back naive datetimes; they were written in UTC
        from datetime import UTC

        at = at.replace(tzinfo=UTC)
    return ImportRecordInfo(
        r.id, r.enterprise_id, r.file_name, r.sha256, at, r.read_rows, r.added, r.updated, r.unchanged,
        r.rejected_rows, list(r.rejected_cells or []), list(r.warning_cells or []),
    )  # fmt: skip


def of_enterprise(s: Session, enterprise_id: int) -> list[ImportRecordInfo]:
    """Oldest first."""
    rows = s.scalars(
        select(ImportRecord).where(ImportRecord.enterprise_id == enterprise_id).order_by(ImportRecord.id)
    )
    return [info(r) for r in rows]
