"""The equipment table's data that is built off the GUI thread: the items with their tiers, the text
sort keys and the search index. Pure functions (no Qt), so the main window runs them on a worker: the
window shows the items before they are classified, and a sort or a search of 100,000 rows on the GUI
thread stays within 200 ms (issue 12, point 5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..values import is_missing

if TYPE_CHECKING:  # numpy and pandas are imported when data arrives, after the window is on screen
    import numpy as np
    import pandas as pd

    from ..services import Workspace

#: the columns classification adds to the items for the table
TIER_COLUMNS = ("tier", "verification", "rule")

#: text columns whose sort keys are built ahead, on the worker (product: its labels change with the language)
TEXT_SORT_COLUMNS = ("asset_tag", "name", "model", "manufacturer", "site")
#: the columns a search looks in (besides the pinyin initials of the name)
SEARCH_COLUMNS = ("asset_tag", "name", "model")


def pinyin_initials(names: pd.Series) -> pd.Series:
    """Initials of the pinyin of each (Chinese) name, lower case; computed once per distinct name."""
    import pandas as pd
    from pypinyin import Style, lazy_pinyin

    distinct = pd.unique(names.dropna())
    table = {}
    for name in distinct:
        text = str(name)
        if any("\u4e00" <= ch <= "\u9fff" for ch in text):
            table[name] = "".join(p[0] for p in lazy_pinyin(text, style=Style.FIRST_LETTER) if p).lower()
        else:
            table[name] = ""
    return names.map(table).fillna("")


def search_index(frame: pd.DataFrame) -> pd.Series:
    """Lower-case tag, name, model and the name's pinyin initials of every row, joined by a separator
    no one types."""
    import pandas as pd

    if frame.empty:
        return pd.Series([], dtype=object)
    parts = [
        frame[key].astype(object).where(frame[key].notna(), "").astype(str)
        for key in SEARCH_COLUMNS
        if key in frame
    ]
    if "name" in frame:
        parts.append(pinyin_initials(frame["name"]))
    if not parts:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    hay = parts[0]
    for p in parts[1:]:
        hay = hay + "\x1f" + p
    return hay.str.lower()


def scan(frame: pd.DataFrame, text: str) -> np.ndarray:
    """Which rows' tag, name or model contain `text` (lower case): what a search typed before the index
    is ready finds (no pinyin initials). One pass over each column, no index built (100,000 rows:
    about 3x faster than building the index's text without the pinyin)."""
    import numpy as np

    mask = np.zeros(len(frame), dtype=bool)
    for key in SEARCH_COLUMNS:
        if key in frame:
            values = frame[key].tolist()
            found = (
                text in v.lower() if isinstance(v, str) else not is_missing(v) and text in str(v).lower()
                for v in values
            )
            mask |= np.fromiter(found, dtype=bool, count=len(values))
    return mask


def text_rank(values: np.ndarray) -> np.ndarray:
    """Dense rank (0, 1, …; equal values equal ranks) of each value, NaN for a missing one: the sort key
    of a text column, in Python's str order (code points). The distinct values are found by hashing
    (pd.factorize) and only they are sorted, as a NumPy unicode array (far fewer than the rows for
    names or sites; 100,000 distinct tags: about 1.3x faster than sorting every row); columns that
    mix text and numbers sort by pd.factorize(sort=True)."""
    import numpy as np
    import pandas as pd

    present = np.flatnonzero(~pd.isna(values))
    key = np.full(len(values), np.nan)
    if not len(present):
        return key
    codes, uniques = pd.factorize(values[present])
    uniques = np.asarray(uniques, dtype=object)
    if pd.api.types.infer_dtype(uniques, skipna=False) == "string" and not any(
        "\x00" in v for v in uniques.tolist()
    ):  # (NumPy drops trailing NUL characters: such a column takes the general path)
        order = np.argsort(uniques.astype("U"), kind="stable")
        rank = np.empty(len(order), dtype=float)
        rank[order] = np.arange(len(order))
        key[present] = rank[codes]
    else:
        sorted_codes, _uniques = pd.factorize(pd.Series(values[present], dtype=object), sort=True)
        key[present] = sorted_codes
    return key


def patched_text_key(
    old_values: np.ndarray, old_key: np.ndarray, keep: np.ndarray, new_values: np.ndarray
) -> np.ndarray | None:
    """The sort key of a text column after some rows were patched: `old_key` (a `text_rank` of
    `old_values`, or an earlier patch of one) for the rows in `keep`, followed by keys for
    `new_values` that sort with them as `text_rank` of the whole new column would. A value not seen
    before gets a key between its neighbours'. None when the column is not all text (rebuild it).
    (A 100,000-row table patched after an edit re-sorts without re-ranking every row.)"""
    import bisect

    import numpy as np
    import pandas as pd

    present = np.flatnonzero(~np.isnan(old_key))
    firsts = pd.Series(old_key[present]).drop_duplicates().sort_values()  # one row per key (hashing)
    ranks = firsts.to_numpy()
    distinct = old_values[present[firsts.index.to_numpy()]].tolist()  # the distinct values, in order
    if not all(isinstance(v, str) and "\x00" not in v for v in distinct):
        return None
    rank_of = dict(zip(distinct, ranks.tolist(), strict=True))
    new_key = np.full(len(new_values), np.nan)
    unseen: dict[int, set[str]] = {}  # insertion point among `distinct` -> new values
    for i, v in enumerate(new_values.tolist()):
        if is_missing(v):
            continue
        if not isinstance(v, str) or "\x00" in v:
            return None
        if v in rank_of:
            new_key[i] = rank_of[v]
        else:
            unseen.setdefault(bisect.bisect_left(distinct, v), set()).add(v)
    for pos, values in unseen.items():
        low = ranks[pos - 1] if pos > 0 else (ranks[0] if len(ranks) else 0.0) - 1.0
        high = ranks[pos] if pos < len(ranks) else low + 2.0
        for j, v in enumerate(sorted(values), start=1):
            rank_of[v] = low + (high - low) * j / (len(values) + 1)
    for i, v in enumerate(new_values.tolist()):
        if isinstance(v, str) and np.isnan(new_key[i]):
            new_key[i] = rank_of[v]
    return np.concatenate([old_key[keep], new_key])


def text_sort_keys(
    frame: pd.DataFrame, columns: tuple[str, ...] = TEXT_SORT_COLUMNS
) -> dict[str, np.ndarray]:
    """`text_rank` of each of `columns` the frame has (by column name)."""
    return {key: text_rank(frame[key].to_numpy(dtype=object)) for key in columns if key in frame}


def tiers_of(frame: pd.DataFrame) -> pd.DataFrame:
    """`tier`, `verification` and `rule` of every item of `frame` (same index); the first call loads the
    catalog (about half a second)."""
    from .. import services

    return services.classify_items(frame)[list(TIER_COLUMNS)].set_axis(frame.index)


def _with_tiers(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.join(tiers_of(frame))


def items_with_tiers(ws: Workspace, enterprise_id: int) -> pd.DataFrame:
    """An enterprise's items with their tier, verification and rule (no Qt: runs on a worker too)."""
    from .. import services

    frame = services.load_items(ws, enterprise_id)
    return frame if frame.empty else _with_tiers(frame)


def classified_rows(items: list[dict] | None) -> pd.DataFrame | None:
    """Saved items (dicts with `id`) as classified rows for EquipmentTableModel.apply_changes."""
    if not items:
        return None
    import pandas as pd

    return _with_tiers(pd.DataFrame(items))
