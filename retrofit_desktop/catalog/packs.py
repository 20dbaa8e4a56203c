"""Official/corrected edition packs: validate a CSV/XLSX in the long tier format and store it.

Problems are collected for the whole file and raised together as a PackError, each with the row
number a user sees (header = row 1). Checks: required columns, known products, parameters,
indicators, units and directions, allowed enumeration values, numbers, verification statuses,
sources, duplicate rows, overlapping parameter bins, and grades ordered from grade 1 (best) down.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from itertools import product as cartesian
from pathlib import Path

import numpy as np
import pandas as pd

from ..domain import Direction, Verification
from ..i18n import _
from .catalog import Catalog, file_sha256
from .editions import builtin_edition, editions_dir
from .model import EditionInfo, PackError
from .products import all_products
from .spec import ProductSpec
from .tiertable import (
    BASE_COLUMNS,
    N_GRADES,
    TAIL_COLUMNS,
    RowCondition,
    all_columns,
    is_dash,
    n_slots_of,
    row_conditions,
)

REQUIRED = (
    *BASE_COLUMNS,
    "indicator",
    "unit",
    "direction",
    "grade1",
    "grade2",
    "grade3",
    "verification",
    "source",
)
Problem = tuple[int | None, str | None, str]


def read_pack(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _tidy(pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig"))
    if suffix in (".xlsx", ".xlsm", ".xls"):
        engine = "calamine" if suffix != ".xls" else "xlrd"
        return _tidy(pd.read_excel(path, dtype=str, keep_default_na=False, sheet_name=0, engine=engine))
    raise PackError(
        str(path),
        [(None, None, _("unsupported pack type {suffix}; use .csv or .xlsx").format(suffix=suffix))],
    )


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Spreadsheet numbers read as text: '4.0' in an enumeration value means '4'."""
    for c in [c for c in frame.columns if str(c).endswith("_value")]:
        frame[c] = frame[c].map(
            lambda v: v[:-2] if isinstance(v, str) and v.endswith(".0") and v[:-2].isdigit() else v
        )
    return frame


def _is_num(v: str) -> bool:
    try:
        return not math.isnan(float(v))
    except ValueError:
        return False


def validate(frame: pd.DataFrame) -> list[Problem]:
    """All problems of a pack frame (empty list = valid)."""
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        return [(1, c, _("required column missing")) for c in missing]
    specs = {s.id: s for s in all_products()}
    n_slots = n_slots_of(frame.columns)
    problems: list[Problem] = []
    parsed: list[tuple[int, dict[str, str], dict[str, RowCondition]]] = []  # (row number, row, conditions)
    seen_ids: dict[tuple[str, str, str], int] = {}
    for i, record in enumerate(frame.to_dict("records")):
        rn = i + 2
        row: dict[str, str] = {k: ("" if v is None else str(v).strip()) for k, v in record.items()}
        key = (row["product"], row["row_id"], row["indicator"])
        if key in seen_ids:
            problems.append(
                (
                    rn,
                    "row_id",
                    _("duplicate of row {row} ({key})").format(row=seen_ids[key], key="/".join(key)),
                )
            )
            continue
        seen_ids[key] = rn
        spec = specs.get(row["product"])
        if spec is None:
            problems.append(
                (rn, "product", _("unknown product {product}").format(product=repr(row["product"])))
            )
            continue
        row_problems, conds = _row_problems(rn, row, spec, n_slots)
        problems += row_problems
        ind = spec.indicator(row["indicator"])
        if not row_problems and ind is not None and conds is not None:
            problems += _grade_order(rn, row, ind.direction)
            parsed.append((rn, row, conds))
    return problems + _duplicates_and_overlaps(parsed, specs)


def _row_problems(
    rn: int, row: dict[str, str], spec: ProductSpec, n_slots: int
) -> tuple[list[Problem], dict[str, RowCondition] | None]:
    """The problems of one row of a known product, and its parameter conditions (None: unreadable)."""
    problems = _indicator_problems(rn, row, spec) + _status_and_grade_problems(rn, row)
    try:
        conds = row_conditions(row, n_slots)
    except ValueError as exc:
        problems.append((rn, None, _("parameter bound is not a number: {error}").format(error=exc)))
        return problems, None
    return problems + _condition_problems(rn, spec, conds), conds


def _indicator_problems(rn: int, row: dict[str, str], spec: ProductSpec) -> list[Problem]:
    """The row's indicator: one of the product's, in its unit and direction."""
    problems: list[Problem] = []
    ind = spec.indicator(row["indicator"])
    if ind is None:
        problems.append(
            (
                rn,
                "indicator",
                _("{indicator} is not an indicator of {product}").format(
                    indicator=repr(row["indicator"]), product=spec.id
                ),
            )
        )
    else:
        if row["unit"] != ind.unit:
            problems.append(
                (
                    rn,
                    "unit",
                    _("unknown unit {unit} for {indicator}; expected {expected}").format(
                        unit=repr(row["unit"]), indicator=ind.name, expected=repr(ind.unit)
                    ),
                )
            )
        if row["direction"] != ind.direction.value:
            problems.append(
                (
                    rn,
                    "direction",
                    _("{direction}: {indicator} is {expected}").format(
                        direction=repr(row["direction"]), indicator=ind.name, expected=ind.direction.value
                    ),
                )
            )
    return problems


def _status_and_grade_problems(rn: int, row: dict[str, str]) -> list[Problem]:
    """The row's verification status, grade cells (numbers, '—' or blank) and source."""
    problems: list[Problem] = []
    if row["verification"] not in {v.value for v in Verification} | {"edition_mismatch"}:  # the old name
        problems.append(
            (
                rn,
                "verification",
                _("{value} is not one of {allowed}").format(
                    value=repr(row["verification"]), allowed=", ".join(v.value for v in Verification)
                ),
            )
        )
    for g in range(1, N_GRADES + 1):
        v = row.get(f"grade{g}", "")
        if v and not _is_num(v) and not is_dash(v):
            problems.append(
                (
                    rn,
                    f"grade{g}",
                    _("{value} is not a number (leave missing cells blank)").format(value=repr(v)),
                )
            )
    if not row["source"]:
        problems.append((rn, "source", _("every row needs its source")))
    return problems


def _condition_problems(rn: int, spec: ProductSpec, conds: dict[str, RowCondition]) -> list[Problem]:
    """Each parameter condition: a parameter of the product, an allowed value or an ordered interval."""
    problems: list[Problem] = []
    for p, c in conds.items():
        f = spec.field(p)
        if f is None or f not in spec.parameters:
            problems.append(
                (
                    rn,
                    p,
                    _("{param} is not a parameter of {product}").format(param=repr(p), product=spec.id),
                )
            )
        elif "value" in c:
            bad = [v for v in c["value"].split("|") if f.allowed and v.strip() not in f.allowed]
            if bad or f.kind != "enum":
                problems.append(
                    (
                        rn,
                        p,
                        _("value {value} not allowed for {param}").format(value=repr(c["value"]), param=p),
                    )
                )
        elif f.kind == "enum":
            problems.append((rn, p, _("{param} is an enumeration: give a value, not bounds").format(param=p)))
        elif c["min"] is not None and c["max"] is not None and c["min"] > c["max"]:
            problems.append((rn, p, _("min {min} > max {max}").format(min=c["min"], max=c["max"])))
    return problems


def _grade_order(rn: int, row: Mapping[str, str], direction: Direction) -> list[Problem]:
    vals = [
        (g, float(row[f"grade{g}"]))
        for g in range(1, N_GRADES + 1)
        if row.get(f"grade{g}", "") and not is_dash(row[f"grade{g}"])
    ]
    for (g1, a), (g2, b) in zip(vals, vals[1:], strict=False):
        if (direction == Direction.HIGHER and a < b) or (direction == Direction.LOWER and a > b):
            msg = (
                _("grades not monotonic: grade{g1} = {a} is lower than grade{g2} = {b} (higher is better)")
                if direction == Direction.HIGHER
                else _(
                    "grades not monotonic: grade{g1} = {a} is higher than grade{g2} = {b} (lower is better)"
                )
            )
            return [(rn, f"grade{g1}", msg.format(g1=g1, a=a, g2=g2, b=b))]
    return []


def _expand(conds: dict[str, RowCondition]) -> list[dict[str, RowCondition]]:
    alts = {p: c["value"].split("|") for p, c in conds.items() if "value" in c}
    out: list[dict[str, RowCondition]] = []
    for combo in cartesian(*alts.values()):
        d = dict(conds)
        d.update({p: {"value": v.strip()} for p, v in zip(alts, combo, strict=True)})
        out.append(d)
    return out


def _overlap(a: RowCondition | None, b: RowCondition | None) -> bool:
    if a is None or b is None:
        return True  # a row that does not constrain the parameter covers all of it
    if "value" in a or "value" in b:
        return a.get("value") == b.get("value")
    lo = max(
        (a["min"], a["min_incl"]) if a["min"] is not None else (-np.inf, True),
        (b["min"], b["min_incl"]) if b["min"] is not None else (-np.inf, True),
        key=lambda t: (t[0], not t[1]),
    )
    hi = min(
        (a["max"], a["max_incl"]) if a["max"] is not None else (np.inf, True),
        (b["max"], b["max_incl"]) if b["max"] is not None else (np.inf, True),
        key=lambda t: (t[0], t[1]),
    )
    return lo[0] < hi[0] or (lo[0] == hi[0] and lo[1] and hi[1])


_Combos = list[tuple[int, dict[str, RowCondition]]]  # (row number, one combination of its conditions)


def _duplicates_and_overlaps(
    parsed: list[tuple[int, dict[str, str], dict[str, RowCondition]]], specs: Mapping[str, ProductSpec]
) -> list[Problem]:
    problems: list[Problem] = []
    groups: dict[tuple[str, str], _Combos] = {}
    for rn, row, conds in parsed:
        for c in _expand(conds):
            groups.setdefault((row["product"], row["indicator"]), []).append((rn, c))
    for (pid, _ind), rows in groups.items():
        alt = {p for grp in specs[pid].alternates for p in grp}
        by_enum: dict[tuple[tuple[str, str], ...], _Combos] = {}
        for rn, c in rows:  # bucket by fully specified enum values to keep the pairwise check small
            key = tuple(sorted((p, v["value"]) for p, v in c.items() if "value" in v))
            by_enum.setdefault(key, []).append((rn, c))
        keys = list(by_enum)
        reported: set[tuple[int, int]] = set()
        for ki, ka in enumerate(keys):
            for kb in keys[ki:]:
                da, db = dict(ka), dict(kb)
                if not any(da[p] != db[p] for p in set(da) & set(db)):
                    problems += _overlapping_pairs(by_enum[ka], by_enum[kb], ka == kb, alt, reported)
    return problems


def _overlapping_pairs(
    rows_a: _Combos, rows_b: _Combos, same: bool, alt: set[str], reported: set[tuple[int, int]]
) -> list[Problem]:
    """Rows of bucket a that overlap rows of bucket b (`same`: a and b are one bucket), each pair of row
    numbers reported once (`reported` is updated)."""
    problems: list[Problem] = []
    for ia, (ra, ca) in enumerate(rows_a):
        for rb, cb in rows_b[ia + 1 :] if same else rows_b:
            if ra == rb or (min(ra, rb), max(ra, rb)) in reported:
                continue
            params = set(ca) | set(cb)
            # alternates (capacity in t/h or MW): an item may give only one of them, so
            # two rows overlap if they overlap in any one alternate
            plain = all(_overlap(ca.get(p), cb.get(p)) for p in params - alt)
            alts = [_overlap(ca.get(p), cb.get(p)) for p in params & alt]
            if plain and (not alts or any(alts)):
                reported.add((min(ra, rb), max(ra, rb)))
                msg = (
                    _("duplicate: overlaps row {row}")
                    if ca == cb
                    else _("overlapping parameter bins: overlaps row {row}")
                )
                problems.append((max(ra, rb), None, msg.format(row=min(ra, rb))))
    return problems


def import_pack(path: str | Path) -> EditionInfo:
    """Validate a pack and store it as a new edition beside the others (not activated)."""
    path = Path(path)
    frame = read_pack(path)
    problems = validate(frame)
    if problems:
        raise PackError(str(path), sorted(problems, key=lambda p: p[0] or 0))
    n_slots = n_slots_of(frame.columns)
    cols = all_columns(n_slots)
    frame = frame.reindex(columns=cols, fill_value="")
    pack_sha = file_sha256(path)
    eid = f"pack-{path.stem}-{pack_sha[:10]}"
    d = editions_dir() / eid
    d.mkdir(parents=True, exist_ok=True)
    tiers = d / "tiers.csv"
    frame.to_csv(tiers, index=False, encoding="utf-8", lineterminator="\n")
    base = builtin_edition()
    info = EditionInfo(
        id=eid,
        title_zh=base.title_zh,
        title_en=base.title_en,
        doc_no=base.doc_no,
        effective=base.effective,
        products_total=base.products_total,
        sha256=file_sha256(tiers),
        source=f"imported pack {path.name} (SHA-256 {pack_sha})",
        builtin=False,
    )
    Catalog(info, frame)  # must load
    (d / "edition.json").write_text(
        json.dumps(info.to_json(), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return info


__all__ = ["import_pack", "validate", "read_pack", "TAIL_COLUMNS"]
