"""The normalised long tier-table format: reading, expanding and compiling it into arrays.

One CSV row = one (product, table row, indicator) with every parameter condition in a slot
``pN_name, pN_value, pN_min, pN_min_incl, pN_max, pN_max_incl`` (a value for an enumeration, which
may list alternatives as ``a|b``; otherwise a numeric interval, blank = unbounded; a tabulated
rating is a closed point interval min = max), the grade values ``grade1..grade5`` (blank = not in the
data; ``—`` = the standard's table gives no value for this row, e.g. a '—' cell or a row with a limit
value only),
``grade_verification`` (per-grade status where it differs from the row's), ``verification``,
``source`` (the citation users read: standard, table, issuer, dates), ``source_en`` (its English form),
``provenance`` (how the values reached the product; shown only in the report's data-sources appendix)
and ``note``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import numpy as np
import pandas as pd

from ..domain import VERIFICATION_ORDER, Direction, Verification
from ..values import is_missing, is_yes

if TYPE_CHECKING:  # a type only: spec.py imports this module
    from .spec import ProductSpec

N_GRADES = 5
BASE_COLUMNS = ("product", "standard_edition", "table", "row_id")
TAIL_COLUMNS = (
    "indicator",
    "unit",
    "direction",
    *(f"grade{i}" for i in range(1, N_GRADES + 1)),
    "grade_verification",
    "verification",
    "source",
    "source_en",
    "provenance",
    "note",
)
SLOT_FIELDS = ("name", "value", "min", "min_incl", "max", "max_incl")
VER_RANK: dict[str, int] = {v.value: i for i, v in enumerate(VERIFICATION_ORDER)}
_SLOT_RE = re.compile(r"^p(\d+)_name$")


def slot_columns(n_slots: int) -> list[str]:
    return [f"p{i}_{f}" for i in range(1, n_slots + 1) for f in SLOT_FIELDS]


def all_columns(n_slots: int) -> list[str]:
    return [*BASE_COLUMNS, *slot_columns(n_slots), *TAIL_COLUMNS]


def n_slots_of(columns: Iterable[object]) -> int:
    nums = [int(m.group(1)) for c in columns if (m := _SLOT_RE.match(str(c)))]
    return max(nums, default=0)


def read_long_csv(path: Path | str) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


#: a grade cell the standard itself leaves without a value ('—'), as opposed to a blank cell (not in the data)
NOT_IN_STANDARD = "—"
_DASHES = frozenset({"—", "–", "-", "－"})


def is_dash(v: object) -> bool:
    """Does a grade cell say the standard gives no value for this row?"""
    return v is not None and str(v).strip() in _DASHES


class RowCondition(TypedDict, total=False):
    """One parameter's condition in a tier row: an enum `value`, or a numeric interval."""

    value: str
    min: float | None
    min_incl: bool
    max: float | None
    max_incl: bool


def row_conditions(row: Mapping[str, Any], n_slots: int) -> dict[str, RowCondition]:
    """{param: {"value": str} | {"min","min_incl","max","max_incl"}} of one long row."""
    out: dict[str, RowCondition] = {}
    for i in range(1, n_slots + 1):
        name = str(row.get(f"p{i}_name", "") or "").strip()
        if not name:
            continue
        value = row.get(f"p{i}_value", "")
        if not is_missing(value):
            out[name] = {"value": str(value).strip()}
        else:
            lo, hi = row.get(f"p{i}_min", ""), row.get(f"p{i}_max", "")
            out[name] = {
                "min": None if is_missing(lo) else float(lo),
                "min_incl": is_yes(row.get(f"p{i}_min_incl", "")),
                "max": None if is_missing(hi) else float(hi),
                "max_incl": is_yes(row.get(f"p{i}_max_incl", "")),
            }
    return out


def grade_statuses(row: Mapping[str, Any]) -> list[str]:
    """Verification status of each grade cell (the row's status unless grade_verification says so)."""
    base = _status(row["verification"])
    out = [base] * N_GRADES
    spec = str(row.get("grade_verification", "") or "").strip()
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        g, _, status = part.partition("=")
        out[int(g) - 1] = _status(status)
    return out


def _status(text: object) -> str:
    """A status as today's vocabulary names it (packs imported before say "edition_mismatch")."""
    try:
        return Verification(str(text).strip()).value
    except ValueError:
        return str(text).strip()


@dataclass
class CompiledTable:
    """All rows of one product and one indicator, as arrays for vectorised lookup."""

    product: str
    indicator: str
    unit: str
    direction: Direction
    row_ids: np.ndarray
    tables: np.ndarray
    sources: np.ndarray
    sources_en: np.ndarray  # English form of each row's citation ("" = none given)
    standards: np.ndarray  # the standard (and edition) each row comes from
    grades: np.ndarray  # (R, 5) float, NaN = missing cell
    grade_rank: np.ndarray  # (R, 5) int, VER_RANK of each cell
    #: (R, 5) bool: the standard gives no value for the cell ('—'); its grade is NaN
    dash: np.ndarray = field(default_factory=lambda: np.zeros((0, N_GRADES), bool))
    enum_codes: dict[str, np.ndarray] = field(default_factory=dict)  # -1 = row does not constrain
    vocab: dict[str, dict[str, int]] = field(default_factory=dict)
    lo: dict[str, np.ndarray] = field(default_factory=dict)
    hi: dict[str, np.ndarray] = field(default_factory=dict)
    lo_incl: dict[str, np.ndarray] = field(default_factory=dict)
    hi_incl: dict[str, np.ndarray] = field(default_factory=dict)
    free: dict[str, np.ndarray] = field(default_factory=dict)  # row does not constrain param
    points: dict[str, np.ndarray] = field(default_factory=dict)  # tabulated ratings (between rules)

    @property
    def n_rows(self) -> int:
        return len(self.row_ids)


_Expanded = list[tuple[Mapping[str, Any], dict[str, RowCondition]]]  # (long row, one combination)


def compile_tables(
    spec: ProductSpec, rows: Sequence[Mapping[str, Any]], n_slots: int
) -> dict[str, CompiledTable]:
    """Compile a product's long rows, expanding enum alternatives ``a|b`` into separate rows."""
    point_params = {r.parameter for r in spec.between_rules}
    by_ind: dict[str, _Expanded] = {}
    for row in rows:
        conds = row_conditions(row, n_slots)
        alts = [(p, c["value"].split("|")) for p, c in conds.items() if "value" in c]
        combos: list[dict[str, RowCondition]] = [dict(conds)]
        for p, values in alts:
            combos = [{**c, p: {"value": v.strip()}} for c in combos for v in values]
        for c in combos:
            by_ind.setdefault(row["indicator"], []).append((row, c))
    out = {}
    for ind, items in by_ind.items():
        ct = _grade_table(spec, ind, items)
        for p in sorted({p for _, c in items for p in c}):
            _add_parameter(spec, ct, p, [c.get(p) for _, c in items], p in point_params)
        out[ind] = ct
    return out


def _grade_table(spec: ProductSpec, ind: str, items: _Expanded) -> CompiledTable:
    """The table of one indicator with its rows' grade values, statuses and citations (no parameters yet)."""
    ispec = spec.indicator(ind)
    if ispec is None:
        raise ValueError(f"{spec.id}: tier rows name unknown indicator {ind!r}")
    r = len(items)
    grades = np.full((r, N_GRADES), np.nan)
    rank = np.zeros((r, N_GRADES), dtype=np.int8)
    dash = np.zeros((r, N_GRADES), dtype=bool)
    for k, (row, _) in enumerate(items):
        for g in range(N_GRADES):
            v = row.get(f"grade{g + 1}", "")
            dash[k, g] = is_dash(v)
            grades[k, g] = np.nan if is_missing(v) or dash[k, g] else float(v)
        rank[k] = [VER_RANK[s] for s in grade_statuses(row)]
    return CompiledTable(
        product=spec.id,
        indicator=ind,
        unit=ispec.unit,
        direction=ispec.direction,
        row_ids=np.array([row["row_id"] for row, _ in items], dtype=object),
        tables=np.array([row["table"] for row, _ in items], dtype=object),
        sources=np.array([row["source"] for row, _ in items], dtype=object),
        sources_en=np.array([row.get("source_en") or "" for row, _ in items], dtype=object),
        standards=np.array([row["standard_edition"] for row, _ in items], dtype=object),
        grades=grades,
        grade_rank=rank,
        dash=dash,
    )


def _add_parameter(
    spec: ProductSpec, ct: CompiledTable, p: str, cells: list[RowCondition | None], is_point: bool
) -> None:
    """Add parameter `p`'s condition in each row (None: the row does not constrain it) to `ct`: enum codes,
    tabulated ratings (a parameter with a between rule) or intervals."""
    fspec = spec.field(p)
    if fspec is None:
        raise ValueError(f"{spec.id}: tier rows name unknown parameter {p!r}")
    if fspec.kind == "enum":
        vocab: dict[str, int] = {}
        codes = np.array(
            [-1 if cd is None else vocab.setdefault(cd["value"], len(vocab)) for cd in cells],
            dtype=np.int32,
        )
        ct.enum_codes[p], ct.vocab[p] = codes, vocab
        return
    lo = np.array([np.nan if cd is None or cd["min"] is None else cd["min"] for cd in cells])
    hi = np.array([np.nan if cd is None or cd["max"] is None else cd["max"] for cd in cells])
    if is_point:
        if any(cd is None for cd in cells) or not np.array_equal(lo, hi):
            raise ValueError(
                f"{spec.id}/{ct.indicator}: {p} must be a tabulated rating (min = max) in every row"
            )
        ct.points[p] = lo
        return
    ct.lo[p], ct.hi[p] = lo, hi
    ct.lo_incl[p] = np.array([bool(cd and cd["min_incl"]) for cd in cells])
    ct.hi_incl[p] = np.array([bool(cd and cd["max_incl"]) for cd in cells])
    ct.free[p] = np.array([cd is None for cd in cells])
