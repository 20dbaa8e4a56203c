"""Helpers for the catalog tests: the committed copies of the reference CSVs."""

from __future__ import annotations

import csv
from pathlib import Path

REF = Path(__file__).parent / "reference"


def read_reference(name: str) -> list[dict]:
    with open(REF / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def num(s: str) -> float | None:
    s = s.strip()
    return None if s in ("", "—", "-") else float(s)
