"""classify_frame against a naive per-item reference written independently here (plain loops)."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from retrofit_desktop.catalog.catalog import load_builtin
from retrofit_desktop.catalog.tiertable import row_conditions

CAT = load_builtin()
SINGLE = [
    "motor",
    "fan",
    "boiler",
    "air_compressor",
    "pmsm",
    "motor_hv",
    "heatpump_water_heater",
    "led_indoor",
]


def _contains(c: dict, x) -> bool:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return False
    lo_ok = c["min"] is None or x > c["min"] or (c["min_incl"] and x == c["min"])
    hi_ok = c["max"] is None or x < c["max"] or (c["max_incl"] and x == c["max"])
    return lo_ok and hi_ok


def naive(spec, item: dict):
    """(entry, energy_saving, advanced thresholds) or None when not covered; single-indicator products."""
    rules = {r.parameter: r.rule for r in spec.between_rules}
    ind = spec.indicators[0].name
    higher = spec.indicators[0].direction.value == "higher_is_better"
    m = spec.tier_mapping
    norm = {}
    for p in spec.parameters:
        v = item.get(p.name)
        try:
            v = p.normalise(v)
        except ValueError:
            v = "\x00"
        norm[p.name] = p.default if (v is None and p.kind == "enum") else v
    cands = []
    for r in spec.rows:
        if r["indicator"] != ind:
            continue
        conds = row_conditions(r, 8)
        ok = True
        for p, c in conds.items():
            if "value" in c:
                ok &= norm[p] in c["value"].split("|")
            elif p not in rules:
                ok &= _contains(c, norm[p])
        if ok:
            cands.append((r, conds))
    if not cands:
        return None
    chosen = cands
    weights = [1.0] * len(cands)
    for p in rules:
        x = norm[p]
        if x is None:
            return None
        pts = sorted({c[p]["min"] for _, c in chosen})
        below = [v for v in pts if v <= x]
        above = [v for v in pts if v >= x]
        if not below or not above:
            return None
        lo, hi = below[-1], above[0]
        keep = [(r, c) for r, c in chosen if c[p]["min"] in (lo, hi)]
        if rules[p] == "linear_interpolation" and lo != hi:
            weights = [(hi - x) / (hi - lo) if c[p]["min"] == lo else (x - lo) / (hi - lo) for _, c in keep]
        else:
            weights = [1.0] * len(keep)
        chosen = keep
    out = []
    exact = len({r["row_id"] for r, _ in chosen}) == 1
    for g in (m.entry, m.energy_saving, m.advanced):
        vals = [r[f"grade{g}"] for r, _ in chosen]
        if exact and vals[0] == "—":  # the standard gives no value for this row (read on an exact row only)
            out.append("—")
            continue
        if any(v in ("", "—") for v in vals):
            out.append(None)
            continue
        vals = [float(v) for v in vals]
        if any(rules[p] == "linear_interpolation" for p in rules):
            out.append(round(sum(w * v for w, v in zip(weights, vals, strict=True)), 9))
        else:
            out.append(max(vals) if higher else min(vals))
    return out


def naive_tier(spec, item, thr) -> str:
    if thr is None:
        return "not_covered"
    if thr[0] == "—":  # no limit value in the standard for this row: nothing to meet
        return "no_threshold"
    v = item.get(spec.indicators[0].name)
    if v is None:
        return "no_value"
    higher = spec.indicators[0].direction.value == "higher_is_better"
    # thresholds in order entry, energy_saving, advanced; failing one gives the tier below it
    for t, below in zip(thr, ("below_entry", "entry", "energy_saving"), strict=True):
        if t == "—":  # no higher grade in the standard for this row: the last tier met is the highest
            return below
        if t is None:
            return "no_threshold"
        if not (v >= t if higher else v <= t):
            return below
    return "advanced"


def _item(pid: str):
    spec = CAT.product(pid)
    fields = {"product": st.just(pid)}
    for p in spec.parameters:
        if p.kind == "enum":
            fields[p.name] = st.sampled_from(list(p.allowed))
        else:
            vals = sorted(
                {
                    float(r[k.replace("_name", suffix)])
                    for r in spec.rows
                    for k in r
                    if k.endswith("_name") and r[k] == p.name
                    for suffix in ("_min", "_max")
                    if r[k.replace("_name", suffix)] != ""
                }
            )
            fields[p.name] = st.one_of(
                st.sampled_from(vals or [1.0]),
                st.floats(0, (max(vals) if vals else 1) * 1.1, allow_nan=False),
            )
    fields[spec.indicators[0].name] = st.one_of(st.none(), st.floats(0, 110, allow_nan=False))
    return st.fixed_dictionaries(fields)


@settings(deadline=None, max_examples=40)
@given(st.lists(st.sampled_from(SINGLE).flatmap(_item), min_size=1, max_size=30))
def test_frame_matches_naive_reference(items):
    out = CAT.classify_frame(pd.DataFrame(items))
    for i, item in enumerate(items):
        spec = CAT.product(item["product"])
        thr = naive(spec, item)
        ind = spec.indicators[0].name
        got = [out[f"thr__{ind}__{t}"].iloc[i] for t in ("entry", "energy_saving", "advanced")]
        if thr is None:
            assert out["tier"].iloc[i] == "not_covered", item
            continue
        for a, b in zip(thr, got, strict=True):
            assert (a in (None, "—") and math.isnan(b)) or math.isclose(a, b, rel_tol=0, abs_tol=1e-9), (
                item,
                thr,
                got,
            )
        assert out["tier"].iloc[i] == naive_tier(spec, item, thr), (item, thr)
