"""export_results: an assessment (design.md JSON schema 1) or DataFrames -> formatted .xlsx or .csv.

Text is never written as something a spreadsheet would execute: in .xlsx, text starting with
=, +, -, @, tab or CR is stored as a string cell (never a formula); in .csv such text gets a leading
apostrophe (OWASP CSV-injection advice), which Excel and WPS show as text.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..domain import Tier, tier_label
from ..i18n import _, current_language
from ..palette import TIER_COLOURS
from ..values import is_missing
from .safety import neutralise_formula

if TYPE_CHECKING:  # openpyxl ships no type hints; imported when a workbook is written
    from openpyxl.cell.cell import Cell

__all__ = ["export_results", "payload_frames"]

_ITEM_KEYS = ("sheet", "row", "asset_tag", "name", "product", "tier", "verification", "target_tier")
_COMPARISON_KEYS = ("indicator", "value", "unit", "direction", "table", "source", "verification", "rule")
_THRESHOLDS = ("advanced", "energy_saving", "entry")


def _flat(prefix: str, d: Mapping[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in (d or {}).items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping):
            out.update(_flat(key + ".", v))
        elif isinstance(v, list | tuple):
            out[key] = "; ".join(str(x) for x in v)
        else:
            out[key] = v
    return out


def payload_frames(payload: Mapping[str, Any]) -> dict[str, pd.DataFrame]:
    """Schema-1 payload -> {'items', 'tiers', 'savings', 'finance', 'summary', 'rejected'} frames."""
    items, tiers, savings, finance = [], [], [], []
    for it in payload.get("items", []):
        ident = {"asset_tag": it.get("asset_tag"), "name": it.get("name")}
        elim = it.get("elimination") or {}
        items.append(
            {
                **{k: it.get(k) for k in _ITEM_KEYS},
                "elimination": elim.get("status"),
                "elimination_entries": "; ".join(str(e.get("entry_id")) for e in elim.get("entries") or []),
            }
        )
        for c in it.get("comparisons") or []:
            row = {**ident, **{k: c.get(k) for k in _COMPARISON_KEYS}}
            for t in _THRESHOLDS:
                row[f"threshold.{t}"] = (c.get("thresholds") or {}).get(t)
            tiers.append(row)
        savings.append({**ident, **_flat("", it.get("savings"))})
        finance.append({**ident, **_flat("", it.get("finance"))})
    summary = _flat("", payload.get("summary"))
    frames = {
        "items": pd.DataFrame(items, columns=[*_ITEM_KEYS, "elimination", "elimination_entries"]),
        "tiers": pd.DataFrame(tiers),
        "savings": pd.DataFrame(savings),
        "finance": pd.DataFrame(finance),
        "summary": pd.DataFrame({"key": list(summary), "value": list(summary.values())}),
        "rejected": pd.DataFrame(
            payload.get("rejected", []), columns=["sheet", "row", "column", "value", "reason", "severity"]
        ),
    }
    return frames


_SHEET_TITLES = {
    "items": ("设备", "Items"),
    "tiers": ("能效水平", "Tiers"),
    "savings": ("节能量", "Savings"),
    "finance": ("财务", "Finance"),
    "summary": ("汇总", "Summary"),
    "rejected": ("未导入", "Rejected"),
}


def export_results(payload_or_frames: Mapping[str, Any] | pd.DataFrame, path: str | Path) -> Path:
    """Write a schema-1 payload (dict), a {name: DataFrame} dict or one DataFrame to .xlsx or .csv."""
    path = Path(path)
    if isinstance(payload_or_frames, pd.DataFrame):
        frames = {"items": payload_or_frames}
    elif (
        isinstance(payload_or_frames, Mapping)
        and "items" in payload_or_frames
        and not isinstance(payload_or_frames["items"], pd.DataFrame)
    ):
        frames = payload_frames(payload_or_frames)
    else:
        frames = dict(payload_or_frames)
    if path.suffix.lower() == ".csv":
        _write_csv(_csv_frame(frames), path)
    else:
        _write_xlsx(frames, path)
    return path


def _csv_frame(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per item: items joined with savings and finance on asset_tag (prefixed columns)."""
    out = frames.get("items", next(iter(frames.values()), pd.DataFrame()))
    for name in ("savings", "finance"):
        extra = frames.get(name)
        if extra is not None and len(extra) and "asset_tag" in extra and "asset_tag" in out:
            extra = extra.drop(columns=[c for c in ("name",) if c in extra])
            extra = extra.rename(columns={c: f"{name}.{c}" for c in extra.columns if c != "asset_tag"})
            out = out.merge(extra, on="asset_tag", how="left")
    return out


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens Chinese text right
        w = csv.writer(fh)
        w.writerow([neutralise_formula(str(c)) for c in frame.columns])
        for row in frame.itertuples(index=False):
            w.writerow(["" if is_missing(v) else neutralise_formula(v) for v in row])


def _write_xlsx(frames: dict[str, pd.DataFrame], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    lang = current_language()
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    for name, frame in frames.items():
        zh, en = _SHEET_TITLES.get(name, (name, name))
        ws = wb.create_sheet(safe_sheet_title(zh if lang == "zh" else en))
        for c, col in enumerate(frame.columns, start=1):
            cell = ws.cell(row=1, column=c)
            set_text(cell, str(col))
            cell.font, cell.fill = bold, head_fill
            ws.column_dimensions[get_column_letter(c)].width = max(10, min(40, len(str(col)) + 4))
        tier_cols = [i for i, col in enumerate(frame.columns, start=1) if col in {"tier", "target_tier"}]
        for r, row in enumerate(frame.itertuples(index=False), start=2):
            for c, v in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c)
                write_value(cell, v)
                if c in tier_cols and isinstance(v, str) and v in Tier._value2member_map_:
                    cell.value = tier_label(v, lang)
                    cell.data_type = "s"
                    cell.fill = PatternFill("solid", fgColor=TIER_COLOURS[Tier(v)].lstrip("#"))
        ws.freeze_panes = "A2"
        if len(frame.columns):
            ws.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{max(1, len(frame) + 1)}"
    if not wb.sheetnames:
        wb.create_sheet(_("empty"))
    wb.save(path)


def safe_sheet_title(text: str) -> str:
    return "".join(" " if ch in "[]:*?/\\" else ch for ch in text)[:31] or "sheet"


def set_text(cell: Cell, text: str) -> None:
    """A string cell whatever the text looks like (openpyxl would turn '=...' into a formula)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)  # control characters cannot be stored
    cell.data_type = "s"


def write_value(cell: Cell, v: object) -> None:
    if is_missing(v):
        return
    if isinstance(v, bool):
        cell.value = v
    elif isinstance(v, int | float) and not isinstance(v, bool):
        cell.value = float(v) if isinstance(v, float) else int(v)
        if isinstance(v, float):
            cell.number_format = "#,##0.00" if abs(v) >= 1000 else "0.00##"
    elif hasattr(v, "item") and not isinstance(v, str):  # numpy scalar
        write_value(cell, v.item())
    else:
        set_text(cell, str(v))
