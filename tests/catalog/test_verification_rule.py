"""An item's verification status, vectorised, against the rule applied item by item in plain loops.

The rule (classify.py): the weakest status among the cells that decided the tier — for a met tier the
cell of that tier of every applicable indicator, plus the next-better cell the deciding indicator missed;
below entry: the deciding indicator's entry cell; an undetermined tier with a matched row: all three
cells of that indicator; a between-rule's own status when one of its cells was used; nothing used:
the table's weakest status (at least unverified).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from retrofit_desktop.catalog.catalog import load_builtin
from retrofit_desktop.catalog.classify import (
    COMBINE,
    NO_STANDARD_VALUE,
    TIER_COLS,
    FrameColumns,
    classify_codes,
)
from retrofit_desktop.catalog.lookup import BETWEEN, EXACT
from retrofit_desktop.catalog.tiertable import VER_RANK
from retrofit_desktop.domain import Tier
from tools.synthetic_items import make_items  # items jittered around every product's thresholds

CAT = load_builtin()
ITEMS = make_items(CAT, 3000, seed=11)
UNDETERMINED = {Tier.NOT_COVERED, Tier.NO_THRESHOLD, Tier.NO_VALUE}


def naive_rank(spec, tables, results, i: int, combined: Tier) -> int:
    rule_rank = max((VER_RANK[r.verification.value] for r in spec.between_rules), default=0)
    used, worst = False, 0
    for r in results:
        if not r.applicable[i]:
            continue
        deciding = COMBINE[int(r.code[i])] == combined
        matched = int(r.reason[i]) in (EXACT, BETWEEN, NO_STANDARD_VALUE)
        cells = set()
        if combined in THRESHOLD_NAMES:
            cells.add(THRESHOLD_NAMES.index(combined))
            if deciding and combined != Tier.ADVANCED:
                cells.add(THRESHOLD_NAMES.index(combined) - 1)
        elif combined == Tier.BELOW_ENTRY and deciding:
            cells.add(2)
        everything = combined in UNDETERMINED and deciding and matched
        if everything:
            cells = {0, 1, 2}
        else:
            cells = {k for k in cells if not math.isnan(r.thresholds[i, k])}
        for k in cells:
            worst = max(worst, int(r.rank[i, k]))
        if cells and int(r.reason[i]) == BETWEEN:
            worst = max(worst, rule_rank)
        used |= bool(cells)
    if not used:
        table_rank = max(int(ct.grade_rank.max()) for ct in tables.values())
        return max(table_rank, VER_RANK["unverified"])
    return worst


THRESHOLD_NAMES = [Tier(t) for t in TIER_COLS]


@pytest.mark.parametrize("pid", [p for p, s in CAT.products.items() if s.rows])
def test_verification_follows_the_deciding_cells(pid):
    spec, tables = CAT.products[pid], CAT.tables(pid)
    pos = np.flatnonzero(ITEMS["product"].to_numpy(dtype=object) == pid)
    res = classify_codes(spec, tables, FrameColumns(ITEMS), pos)
    for i in range(len(pos)):
        combined = COMBINE[int(res.tier_code[i])]
        assert int(res.ver_code[i]) == naive_rank(spec, tables, res.indicators, i, combined), (
            pid,
            i,
            combined,
        )


def test_the_sample_reaches_every_tier_and_status():
    out = CAT.classify_frame(ITEMS)
    assert set(out["tier"]) == {t.value for t in Tier}
    assert len(set(out["verification"])) >= 3
