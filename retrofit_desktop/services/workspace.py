"""Workspace use cases: open, the sample enterprise, enterprises and their items."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..resources import resource_path

if TYPE_CHECKING:
    from ..store import EnterpriseInfo, Workspace

SAMPLE_META_KEY = "sample_offered"


def open_workspace(url: str | os.PathLike[str] | None = None, read_only: bool = False) -> Workspace:
    """The workspace database (default: the SQLite file in the data dir; ``RETROFIT_DATA_DIR`` overrides)."""
    from ..store import open_workspace as open_store  # SQLAlchemy: imported when a workspace is opened

    return open_store(url, read_only=read_only)


def sample_files() -> tuple[dict[str, Any], Any] | None:
    """(enterprise description, inventory path) of the bundled sample, or None when not shipped."""
    folder = resource_path("sample")
    desc_path = folder / "sample_enterprise.json"
    if not desc_path.is_file():
        return None
    desc = json.loads(desc_path.read_text(encoding="utf-8"))
    inv = folder / desc.get("inventory", "sample_inventory.csv")
    return desc, (inv if inv.is_file() else None)


def _industry_text(industry: Any) -> str | None:
    if isinstance(industry, dict):
        return " ".join(str(industry[k]) for k in ("code", "name") if industry.get(k)) or None
    return industry or None


def ensure_sample_enterprise(ws: Workspace) -> int | None:
    """On a workspace's first start, create the sample enterprise and import its inventory.

    Returns its id, or None when the sample was offered before (the user may have deleted it),
    when the workspace is read-only, or when no sample is bundled.
    """
    if ws.read_only or ws.get_meta(SAMPLE_META_KEY):
        return None
    found = sample_files()
    if found is None:
        return None
    desc, inventory = found
    from .importing import read_file

    with ws.transaction():
        existing = ws.find_enterprise(desc["name"])
        if existing is not None:
            eid = existing.id
        else:
            eid = ws.create_enterprise(
                desc["name"],
                credit_code=desc.get("credit_code"),
                region=desc.get("region"),
                industry=_industry_text(desc.get("industry")),
                sites=[s["name"] if isinstance(s, dict) else str(s) for s in desc.get("sites", [])],
                is_sample=True,
            )
        if inventory is not None and ws.item_count(eid) == 0:
            ws.upsert_items(eid, read_file(inventory).items)
        ws.set_meta(SAMPLE_META_KEY, "1")
    return eid


def list_enterprises(ws: Workspace) -> list[EnterpriseInfo]:
    return ws.enterprises()


def create_enterprise(
    ws: Workspace,
    name: str,
    credit_code: str | None = None,
    region: str | None = None,
    industry: str | None = None,
) -> int:
    return ws.create_enterprise(name, credit_code=credit_code, region=region, industry=industry)


def rename_enterprise(ws: Workspace, enterprise_id: int, new_name: str) -> None:
    ws.rename_enterprise(enterprise_id, new_name)


def update_enterprise(ws: Workspace, enterprise_id: int, **changes: Any) -> None:
    """Change name, credit_code, region or industry."""
    ws.update_enterprise(enterprise_id, **changes)


def delete_enterprise(ws: Workspace, enterprise_id: int) -> None:
    ws.delete_enterprise(enterprise_id)


def find_enterprise(ws: Workspace, name: str) -> EnterpriseInfo | None:
    return ws.find_enterprise(name)


def load_items(ws: Workspace, enterprise_id: int) -> pd.DataFrame:
    """The enterprise's inventory frame plus ``id`` (database key)."""
    return ws.items_frame(enterprise_id)


def save_item(ws: Workspace, enterprise_id: int, item: dict[str, Any]) -> int:
    """Insert or update one item (by ``id`` if present, else by asset_tag); returns its id."""
    return ws.save_item(enterprise_id, item)


def delete_items(ws: Workspace, ids: list[int]) -> int:
    return ws.delete_items(list(ids))
