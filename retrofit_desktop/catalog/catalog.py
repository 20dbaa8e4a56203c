"""The Catalog: an edition's products and tier rows, indexed for lookup and classification."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..domain import VERIFICATION_ORDER, Direction, Tier, Verification
from .classify import (
    COMBINE,
    N_REASONS,
    NO_EDITION_TABLE,
    NO_STANDARD_VALUE,
    TIER_COLS,
    CodedResult,
    FrameColumns,
    IndicatorResult,
    _enum_column,
    _numeric,
    classify_codes,
    deciding_rank,
    not_covered,
    rule_text,
)
from .classify_pump import classify_pumps
from .in_force import JudgedEdition, Judging, judged_edition
from .lookup import BETWEEN, EXACT, encode_enum, matched_rows
from .model import Classification, Comparison, EditionInfo, EliminationResult, UnknownProduct
from .products import all_products
from .pump_formula import EDITION as PUMP_FORMULA_EDITION
from .spec import GROUPS, ProductSpec
from .tiertable import VER_RANK, CompiledTable, compile_tables, n_slots_of, read_long_csv

DATA_DIR = Path(__file__).resolve().parent / "data"
BUILTIN_TIERS = DATA_DIR / "tiers_2024.csv"
BUILTIN_EDITION = DATA_DIR / "edition.json"
C_NOT_COVERED = COMBINE.index(Tier.NOT_COVERED)
#: per-item columns of classify_frame naming the judged edition (JSON: additive item fields)
_EDITION_COLS = ("standard_edition", "edition_effective", "catalog_edition_cited")


def _key(name: str) -> str:
    return re.sub(r"[\s_\-（）()]+", "", str(name)).lower()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _strings(codes: np.ndarray, labels: list[str], index: pd.Index) -> pd.Series:
    """labels[codes] as a string column (built from the few labels, not by inspecting every item)."""
    if not len(codes):
        return pd.Series(np.array([], dtype=object), index=index)  # as pandas infers it: object, not str
    unique = list(dict.fromkeys(labels))
    remap = np.array([unique.index(t) for t in labels], dtype=np.intp)
    return pd.Series(pd.Categorical.from_codes(remap[codes], unique), index=index).astype("str")


class Catalog:
    """One edition: `products` (modelled products by id) and their tier rows."""

    def __init__(
        self, edition: EditionInfo, rows: pd.DataFrame, specs: tuple[ProductSpec, ...] | None = None
    ):
        self.edition = edition
        self.rows = rows
        self._n_slots = n_slots_of(rows.columns)
        grouped = {pid: g.to_dict("records") for pid, g in rows.groupby("product", sort=False)}
        self.products: dict[str, ProductSpec] = {}
        for spec in specs if specs is not None else all_products():
            self.products[spec.id] = replace(spec, rows=tuple(grouped.get(spec.id, ())))
        unknown = set(grouped) - set(self.products)
        if unknown:
            raise ValueError(f"tier rows for unknown products: {', '.join(sorted(unknown))}")
        self._compiled: dict[tuple[str, tuple[str, ...] | None], dict[str, CompiledTable]] = {}
        self._names: dict[str, str] = {}
        for spec in self.products.values():
            for n in (spec.id, spec.name_zh, spec.name_en, *spec.aliases):
                self._names.setdefault(_key(n), spec.id)

    # -- products ---------------------------------------------------------------------------
    def product(self, name: str) -> ProductSpec:
        pid = self._names.get(_key(name))
        if pid is None:
            raise UnknownProduct(str(name))
        return self.products[pid]

    def tables(
        self, product_id: str, row_editions: tuple[str, ...] | None = None
    ) -> dict[str, CompiledTable]:
        """Compiled tier tables of a product: all its rows, or those labelled with one of `row_editions`."""
        key = (product_id, row_editions)
        if key not in self._compiled:
            spec = self.products[product_id]
            rows = [r for r in spec.rows if row_editions is None or r["standard_edition"] in row_editions]
            self._compiled[key] = compile_tables(spec, rows, self._n_slots)
        return self._compiled[key]

    def judged(self, product_id: str, judging: Judging | None = None) -> JudgedEdition:
        """The edition a product's items are judged by (default: the edition in force today)."""
        spec = self.products[product_id]
        return judged_edition(product_id, spec.standard, judging or Judging())

    def _classify_codes(
        self,
        spec: ProductSpec,
        je: JudgedEdition,
        columns: FrameColumns,
        pos: np.ndarray,
        with_rows: bool = False,
    ) -> CodedResult:
        if spec.id == "pump" and je.edition == PUMP_FORMULA_EDITION:
            return classify_pumps(spec, columns, pos)[0]
        if not spec.rows and spec.id != "pump":  # the pump's values of an edition are a formula, not rows
            return classify_codes(spec, {}, columns, pos)  # no tier table at all
        tables = self.tables(spec.id, je.row_editions)
        if not tables:
            return not_covered(len(pos), NO_EDITION_TABLE)
        return classify_codes(spec, tables, columns, pos, with_rows)

    def list_json(self) -> dict[str, Any]:
        prods = [s.summary_json() for s in self.products.values()]
        totals: dict[str, int] = {v.value: 0 for v in Verification}
        cells: dict[str, int] = {v.value: 0 for v in Verification}
        for p in prods:
            for k, c in p["verification_counts"].items():
                totals[k] += c
            for k, c in p["cell_verification_counts"].items():
                cells[k] += c
        return {
            "schema": 1,
            "edition": self.edition.to_json(),
            "products_total": self.edition.products_total,
            "products_modelled": len(prods),
            "products_with_tables": sum(p["has_table"] for p in prods),
            "groups": {k: {"zh": v[0], "en": v[1]} for k, v in GROUPS.items()},
            "verification_counts": totals,
            "cell_verification_counts": cells,
            "products": prods,
        }

    # -- classification ---------------------------------------------------------------------
    def _resolve(self, raw: Any) -> str | None:
        if raw is None or (isinstance(raw, float) and np.isnan(raw)):
            return None
        return self._names.get(_key(raw))

    def classify_frame(self, items: pd.DataFrame, judging: Judging | None = None) -> pd.DataFrame:
        """Tier, verification, rule, thresholds and the judged edition for every row of an inventory frame
        (vectorised); `judging` picks the edition (default: the one in force today)."""
        n = len(items)
        tier = np.full(n, C_NOT_COVERED, np.intp)
        ver = np.full(n, VER_RANK[Verification.UNVERIFIED.value], np.intp)
        rule_texts = ["unknown_product"]  # rule strings, indexed by `rule`
        rule = np.zeros(n, np.intp)
        thr_cols: dict[str, np.ndarray] = {}
        prod = items["product"] if "product" in items.columns else pd.Series([None] * n, index=items.index)
        codes, uniques = pd.factorize(prod.to_numpy(dtype=object), use_na_sentinel=True)
        resolved = [self._resolve(u) for u in uniques]
        columns = FrameColumns(items)
        editions = {k: np.full(n, None, dtype=object) for k in _EDITION_COLS}
        decided_by = np.full(n, None, dtype=object)  # the indicator that decided a multi-indicator item
        for pid in sorted({p for p in resolved if p}):
            spec = self.products[pid]
            wanted = np.array([r == pid for r in resolved] + [False])
            pos = np.flatnonzero(wanted[codes])  # code -1 (no product) picks the last entry
            je = self.judged(pid, judging)
            res = self._classify_codes(spec, je, columns, pos)
            tier[pos], ver[pos] = res.tier_code, res.ver_code
            rule[pos] = res.reason + len(rule_texts)
            rule_texts += [rule_text(spec, r) for r in range(N_REASONS)]
            for k, v in zip(_EDITION_COLS, (je.edition, je.effective or None, je.catalog_cited), strict=True):
                editions[k][pos] = v
            if res.decided is not None and len(res.indicators) > 1:
                decided_by[pos] = _deciding_indicator(res.indicators, res.decided)
            for ir in res.indicators:
                for j, t in enumerate(TIER_COLS):
                    col = thr_cols.setdefault(f"thr__{ir.indicator}__{t}", np.full(n, np.nan))
                    col[pos] = ir.thresholds[:, j]
        out = pd.DataFrame(
            {
                "tier": _strings(tier, [t.value for t in COMBINE], items.index),
                "verification": _strings(ver, [v.value for v in VERIFICATION_ORDER], items.index),
                "rule": _strings(rule, rule_texts, items.index),
                **{k: pd.Series(v, index=items.index, dtype=object) for k, v in editions.items()},
                "decided_by": pd.Series(decided_by, index=items.index, dtype=object),
                **thr_cols,
            },
            index=items.index,
        )
        out.attrs["catalog_edition"] = {"id": self.edition.id, "sha256": self.edition.sha256}
        return out

    def trace(self, item_row: Mapping[str, Any], judging: Judging | None = None) -> Classification:
        """The full classification of one item, with every comparison (same rules as classify_frame)."""
        pid = self._resolve(item_row.get("product"))
        if pid is None:
            raise UnknownProduct(str(item_row.get("product")))
        spec = self.products[pid]
        frame = pd.DataFrame([dict(item_row)])
        je = self.judged(pid, judging)
        columns = FrameColumns(frame)
        res = self._classify_codes(spec, je, columns, np.arange(1))
        formula = spec.id == "pump" and je.edition == PUMP_FORMULA_EDITION
        tables = {} if formula else self.tables(pid, je.row_editions) if spec.rows else {}
        # the indicators the item's row requires, and any other the item gives a value for (shown as not used)
        shown = [
            ir for ir in res.indicators if ir.applicable[0] or _given(item_row, ir.indicator)
        ] or res.indicators
        if formula:
            from .trace_pump import pump_comparison

            comps = [pump_comparison(spec, columns, ir) for ir in shown]
        else:
            required = any(ir.applicable[0] for ir in res.indicators)
            comps = [
                self._comparison(spec, tables[ir.indicator], ir, frame, int(res.tier_code[0]), required)
                for ir in shown
            ]
        note = "; ".join(filter(None, [spec.tier_mapping.note, spec.edition_note]))
        if not tables and not formula:
            note = "; ".join(spec.notes)
        reason = int(res.reason[0])
        decided = (
            _deciding_indicator(res.indicators, res.decided)[0]
            if len(res.indicators) > 1 and res.decided is not None
            else None
        )
        return Classification(
            product=pid,
            tier=COMBINE[int(res.tier_code[0])],
            verification=VERIFICATION_ORDER[int(res.ver_code[0])],
            comparisons=comps,
            note=note,
            rule=rule_text(spec, reason),
            edition_id=self.edition.id,
            edition_sha256=self.edition.sha256,
            judged=je,
            decided_by=decided,
        )

    def _comparison(
        self,
        spec: ProductSpec,
        ct: CompiledTable,
        ir: IndicatorResult,
        frame: pd.DataFrame,
        combined: int,
        others_required: bool = False,
    ) -> Comparison:
        reason = int(ir.reason[0])
        row_ids, table, source, source_en = None, None, None, None
        status = Verification.UNVERIFIED
        rule = rule_text(spec, reason)
        placed = reason in (EXACT, BETWEEN, NO_STANDARD_VALUE) and int(ir.first_row[0]) >= 0
        if placed:
            enums = {p: encode_enum(ct, p, _enum_column(spec, p, frame.get(p), 1)) for p in ct.enum_codes}
            nums = {p.name: _numeric(frame.get(p.name), 1) for p in spec.parameters if p.kind != "enum"}
            idx = matched_rows(
                ct, enums, nums, {r.parameter: r.rule for r in spec.between_rules}, spec.alternates
            )
            row_ids = "; ".join(str(ct.row_ids[i]) for i in idx)
            table = "; ".join(dict.fromkeys(f"{ct.standards[i]} {ct.tables[i]}" for i in idx))
            source = "; ".join(dict.fromkeys(str(ct.sources[i]) for i in idx))
            source_en = (
                "; ".join(dict.fromkeys(str(ct.sources_en[i]) for i in idx if ct.sources_en[i])) or None
            )
            decided = deciding_rank(ir, combined)
            # the cells that decided the tier when there are some (as the item's status), else the whole rows
            ranks = [decided] if decided is not None else [int(ct.grade_rank[i].max()) for i in idx]
            if reason == BETWEEN:
                ranks += [VER_RANK[r.verification.value] for r in spec.between_rules]
                rule += (
                    " [" + "; ".join(f"{r.verification.value}: {r.source}" for r in spec.between_rules) + "]"
                )
            status = VERIFICATION_ORDER[max(ranks)] if ranks else Verification.UNVERIFIED
        value = frame[ct.indicator].iloc[0] if ct.indicator in frame.columns else None
        value = _numeric(pd.Series([value]), 1)[0]
        dash = ir.dash[0] if ir.dash is not None else np.zeros(len(TIER_COLS), bool)
        not_in_standard = [t for t, d in zip(TIER_COLS, dash, strict=True) if d]
        unused = not ir.applicable[0] and not placed and others_required
        if unused:
            rule = "indicator_not_required"  # a value given for an indicator the item's row does not require
        elif not_in_standard and not dash[TIER_COLS.index("entry")]:
            rule += "+limit_value_only"
        return Comparison(
            indicator=ct.indicator,
            value=None if np.isnan(value) else float(value),
            unit=ct.unit,
            direction=Direction(ct.direction),
            thresholds={
                t: (None if np.isnan(x) else float(x))
                for t, x in zip(TIER_COLS, ir.thresholds[0], strict=True)
            },
            table=table,
            row=row_ids,
            source=source,
            verification=status,
            rule=rule,
            tier=Tier.NOT_COVERED if unused else COMBINE[int(ir.code[0])],
            not_in_standard=not_in_standard,
            source_en=source_en,
        )

    def classify(
        self,
        product: str,
        params: Mapping[str, Any],
        values: Mapping[str, Any],
        judging: Judging | None = None,
    ) -> Classification:
        spec = self.product(product)
        return self.trace({"product": spec.id, **dict(params), **dict(values)}, judging)

    def elimination(
        self,
        product: str,
        model: str | None,
        year_installed: int | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> EliminationResult:
        """MIIT batches 1-4 and 2024 industrial-structure 淘汰类 status; `params` (optional, e.g. a boiler's
        fuel and rated_capacity_th) lets capacity/fuel entries be checked."""
        from .elimination import check_elimination

        spec = self.product(product)
        canon: dict[str, Any] = {}
        for k, v in (params or {}).items():
            f = spec.field(k)
            try:
                canon[k] = f.normalise(v) if f is not None else v
            except ValueError:
                canon[k] = None
        return check_elimination(spec.id, model, year_installed, canon)


def _given(item: Mapping[str, Any], name: str) -> bool:
    return not np.isnan(_numeric(pd.Series([item.get(name)]), 1)[0])


def _deciding_indicator(
    indicators: list[IndicatorResult], decided: npt.NDArray[np.intp]
) -> npt.NDArray[np.object_]:
    """Name of the indicator that decided each item's tier (the weakest of those the row requires):
    `decided` indexes `indicators` (CodedResult.decided)."""
    names = np.array([ir.indicator for ir in indicators], dtype=object)
    return names[decided]


def load_builtin() -> Catalog:
    meta = json.loads(BUILTIN_EDITION.read_text(encoding="utf-8"))
    info = EditionInfo(sha256=file_sha256(BUILTIN_TIERS), builtin=True, **meta)
    return Catalog(info, read_long_csv(BUILTIN_TIERS))
