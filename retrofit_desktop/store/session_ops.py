"""Session-level steps shared by the Workspace methods: validation, uniqueness, applying item rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ..i18n import _
from .credit_code import InvalidCreditCode, normalise_credit_code
from .errors import DuplicateError, NotFound, StoreError
from .items import COMMON_COLUMNS, PROVENANCE, merged_fields, same_value
from .models import Enterprise, Equipment, Site, utcnow


def flush(s: Session) -> None:
    try:
        s.flush()
    except DBAPIError as exc:
        raise StoreError(_("the database refused the change: {error}").format(error=exc.orig)) from exc


def get_enterprise(s: Session, enterprise_id: int) -> Enterprise:
    ent = s.get(Enterprise, int(enterprise_id))
    if ent is None:
        raise NotFound(_("no enterprise with id {id}").format(id=enterprise_id))
    return ent


def blank(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value.strip() if isinstance(value, str) else value


def clean_name(name: str) -> str:
    from .limits import too_long
    from .model_limits import enterprise_limit

    name = (name or "").strip()
    if not name:
        raise StoreError(_("an enterprise needs a name"))
    n = enterprise_limit("name")
    if n is not None and len(name) > n:
        raise StoreError(_("the enterprise name is {reason}").format(reason=too_long(n)))
    return name


def clean_code(code: str | None) -> str | None:
    if code is None or not str(code).strip():
        return None
    try:
        return normalise_credit_code(code)
    except InvalidCreditCode as exc:
        raise StoreError(str(exc)) from exc


def check_unique(s: Session, name: str | None, code: str | None, exclude_id: int | None) -> None:
    if name is not None:
        other = s.scalar(select(Enterprise.id).where(Enterprise.name == name))
        if other is not None and other != exclude_id:
            raise DuplicateError(_("an enterprise named {name!r} already exists").format(name=name))
    if code is not None:
        holder = s.scalar(
            select(Enterprise.name).where(Enterprise.credit_code == code, Enterprise.id != (exclude_id or -1))
        )
        if holder is not None:
            raise DuplicateError(
                _("credit code {code} is already used by {name!r}").format(code=code, name=holder)
            )


def site_id(s: Session, enterprise_id: int, name: str, cache: dict[str, int]) -> int:
    if name in cache:
        return cache[name]
    sid = s.scalar(select(Site.id).where(Site.enterprise_id == enterprise_id, Site.name == name))
    if sid is None:
        site = Site(enterprise_id=enterprise_id, name=name)
        s.add(site)
        s.flush()
        sid = site.id
    cache[name] = sid
    return sid


def apply(s: Session, item: Equipment, rec: Mapping[str, Any], site_cache: dict[str, int]) -> bool:
    """Write `rec` onto `item`; True when any item data (not provenance) changed."""
    changed = False
    for col in COMMON_COLUMNS:
        if col not in rec or col == "asset_tag" and item.asset_tag == rec[col]:
            continue
        if col == "site":
            new = None if rec[col] is None else site_id(s, item.enterprise_id, rec[col], site_cache)
            attr = "site_id"
        elif col == "quantity" and rec[col] is None:
            new, attr = 1, col  # the documented default
        else:
            new, attr = rec[col], col
        if not same_value(getattr(item, attr), new):
            setattr(item, attr, new)
            changed = True
    fields = merged_fields(item.fields or {}, rec.get("fields", {}))
    if fields.keys() != (item.fields or {}).keys() or any(
        not same_value(v, item.fields[k]) for k, v in fields.items()
    ):
        item.fields = fields
        changed = True
    for key, attr in PROVENANCE.items():
        if key in rec and getattr(item, attr) != rec[key]:
            setattr(item, attr, rec[key])
    if changed:
        item.updated_at = utcnow()
    return changed


def new_row(
    s: Session, enterprise_id: int, rec: Mapping[str, Any], site_cache: dict[str, int]
) -> dict[str, Any]:
    """Column values of a new item (for a bulk INSERT); same result as `apply` on an empty item."""
    row: dict[str, Any] = {"enterprise_id": enterprise_id, "asset_tag": rec["asset_tag"]}
    for col in COMMON_COLUMNS:
        if col == "asset_tag":
            continue
        value = rec.get(col)
        if col == "site":
            row["site_id"] = None if value is None else site_id(s, enterprise_id, value, site_cache)
        elif col == "quantity":
            row[col] = 1 if value is None else value
        else:
            row[col] = value
    row["fields"] = merged_fields({}, rec.get("fields", {}))
    for key, attr in PROVENANCE.items():
        row[attr] = rec.get(key)
    row["updated_at"] = utcnow()
    return row


def where(rec: Mapping[str, Any], index: int) -> str:
    if rec.get("row") is not None:
        sheet = f"{rec['sheet']}!" if rec.get("sheet") else ""
        return _("row {row}").format(row=f"{sheet}{rec['row']}")
    return _("item #{n}").format(n=index + 1)
