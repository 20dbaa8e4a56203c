"""Equipment rows in bulk: column-wise values, written with one prepared INSERT (SQLite ``executemany``)
or PostgreSQL ``COPY``, and read back column-wise into an inventory frame.

No per-row dict of every frame column is built: a row's ``fields`` JSON text is assembled from the
cells that hold a value (a ledger's ~70 product fields are mostly blank), and the driver gets plain
tuples. The stored values are the ones the ORM path stores (same JSON, same timestamp text), so either
path reads back the other's rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii
from typing import Any

import pandas as pd
from sqlalchemy import Connection

from ..i18n import _
from .errors import StoreError
from .items import (
    COMMON_COLUMNS,
    FLOAT_COLUMNS,
    FRAME_COLUMNS,
    PROVENANCE,
    columns_from_frame,
    frame_from_records,
)
from .models import Equipment, utcnow

#: database columns of a new equipment row, in the order of the tuples given to the driver
INSERT_COLUMNS = (
    "enterprise_id",
    "asset_tag",
    "name",
    "product",
    "model",
    "manufacturer",
    "year_installed",
    "quantity",
    "site_id",
    "annual_hours",
    "load_factor",
    "notes",
    "fields",
    "source_sheet",
    "source_row",
    "updated_at",
)
_READ_NAMES = (
    "id",
    *(("site_id" if c == "site" else c) for c in COMMON_COLUMNS),
    *PROVENANCE.values(),
    "fields",
)
_READ_KEYS = ("id", *COMMON_COLUMNS, *PROVENANCE)


@dataclass
class FrameColumns:
    """A frame's storable values, one list per column (None = blank); see items.columns_from_frame."""

    common: dict[str, list[Any]]
    fields: dict[str, list[Any]]
    n: int

    def where(self, i: int) -> str:
        """How the user finds row `i` (its sheet and row in the file, else its position)."""
        row = self.common.get("row", [None] * self.n)[i]
        if row is not None:
            sheet = self.common.get("sheet", [None] * self.n)[i]
            return _("row {row}").format(row=f"{sheet}!{row}" if sheet else row)
        return _("item #{n}").format(n=i + 1)

    def record(self, i: int) -> dict[str, Any]:
        """Row `i` as items.record_from_row gives it (for the ORM update path)."""
        rec = {k: col[i] for k, col in self.common.items()}
        rec["fields"] = {k: col[i] for k, col in self.fields.items()}
        return rec


def frame_columns(frame: pd.DataFrame) -> FrameColumns:
    common, fields = columns_from_frame(frame)
    return FrameColumns(common, fields, len(frame))


def _json_bool(v: bool) -> str:
    return "true" if v else "false"


#: the text json.dumps gives a plain value, by its exact type (bool before int: a bool is an int)
_JSON_TEXT: dict[type, Callable[[Any], str]] = {
    bool: _json_bool,
    str: encode_basestring_ascii,
    float: float.__repr__,
    int: int.__repr__,
}


def _json_value(v: Any) -> str:
    return _JSON_TEXT[type(v)](v)


def fields_json(fields: dict[str, list[Any]], n: int) -> list[str]:
    """The ``fields`` JSON text of each of the n rows: only the non-blank cells, keys in column order;
    the text json.dumps gives the ORM path's dict."""
    parts: list[list[str]] = [[] for _ in range(n)]
    for key, col in fields.items():
        prefix = encode_basestring_ascii(key) + ": "
        kinds = set(map(type, col))
        kinds.discard(type(None))
        encode = _JSON_TEXT[kinds.pop()] if len(kinds) == 1 else _json_value  # one type: no look-up per cell
        for i, v in enumerate(col):
            if v is not None:
                parts[i].append(prefix + encode(v))
    return ["{" + ", ".join(p) + "}" for p in parts]


def new_rows(
    cols: FrameColumns, enterprise_id: int, site_id: Callable[[str], int], dialect: Any
) -> list[tuple[Any, ...]]:
    """Driver-ready tuples (INSERT_COLUMNS order) of every row of `cols`; `site_id(name)` gives
    (creating it if needed) a site's id."""
    n = cols.n

    def column(key: str) -> list[Any]:
        return cols.common.get(key) or [None] * n

    sites = column("site")
    site_ids = {name: site_id(name) for name in dict.fromkeys(sites) if name is not None}
    stamp_type = Equipment.__table__.c.updated_at.type.dialect_impl(dialect)
    stamp = stamp_type.bind_processor(dialect)  # SQLite: SQLAlchemy's text form, not sqlite3's isoformat
    now = utcnow()
    now = stamp(now) if stamp is not None else now
    data = [
        [enterprise_id] * n,
        column("asset_tag"),
        column("name"),
        column("product"),
        column("model"),
        column("manufacturer"),
        column("year_installed"),
        [1 if q is None else q for q in column("quantity")],
        [None if x is None else site_ids[x] for x in sites],
        column("annual_hours"),
        column("load_factor"),
        column("notes"),
        fields_json(cols.fields, n),
        column("sheet"),
        column("row"),
        [now] * n,
    ]
    return list(zip(*data, strict=True))


def _driver(conn: Connection) -> Any:
    """The DB-API connection under `conn` (psycopg or sqlite3)."""
    raw = conn.connection.driver_connection
    if raw is None:  # a connection that was closed or invalidated
        raise StoreError(_("the database connection was closed"))
    return raw


def insert_rows(conn: Connection, rows: list[tuple[Any, ...]]) -> None:
    """Insert `rows` in the connection's current transaction: ``COPY`` on PostgreSQL, one prepared
    INSERT with ``executemany`` elsewhere (SQLite)."""
    if not rows:
        return
    raw = _driver(conn)
    refused: type[Exception] = getattr(conn.dialect.dbapi, "Error", Exception)
    names = ", ".join(INSERT_COLUMNS)
    try:
        if conn.dialect.name == "postgresql":
            with raw.cursor() as cur, cur.copy(f"COPY equipment ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(INSERT_COLUMNS))
            cur = raw.cursor()
            try:
                cur.executemany(f"INSERT INTO equipment ({names}) VALUES ({marks})", rows)
            finally:
                cur.close()
    except refused as exc:
        raise StoreError(_("the database refused the change: {error}").format(error=exc)) from exc


def read_frame(conn: Connection, enterprise_id: int) -> pd.DataFrame:
    """The enterprise's items as an inventory frame (the columns and types items.frame_from_records
    gives), ordered by id: plain tuples from the driver, the site's name joined in SQL, the ``fields``
    JSON texts parsed in one call."""
    cols = ", ".join("s.name" if n == "site_id" else f"e.{n}" for n in _READ_NAMES)
    cur = _driver(conn).cursor()  # plain tuples (SQLAlchemy rows slow pandas down)
    try:
        cur.execute(
            f"SELECT {cols} FROM equipment e LEFT JOIN site s ON s.id = e.site_id "
            f"WHERE e.enterprise_id = {int(enterprise_id)} ORDER BY e.id"
        )
        rows = cur.fetchall()
    finally:
        cur.close()
    if not rows:
        return frame_from_records([])
    frame = pd.DataFrame.from_records(rows, columns=[*_READ_KEYS, "\x00fields"])
    texts = frame.pop("\x00fields").tolist()
    if any(isinstance(t, str) for t in texts):  # SQLite gives the JSON text; psycopg may parse it itself
        parsed = json.loads("[" + ",".join(t if isinstance(t, str) else json.dumps(t) for t in texts) + "]")
    else:
        parsed = [t or {} for t in texts]
    if any(parsed):
        extra = pd.DataFrame.from_records(parsed)
        # (a field named like a fixed column wins, as in frame_from_records)
        frame = pd.concat(
            [frame.drop(columns=[c for c in extra.columns if c in frame.columns]), extra], axis=1
        )
    for c in FLOAT_COLUMNS:
        frame[c] = frame[c].astype("float64")
    if frame["year_installed"].isna().any():
        frame["year_installed"] = frame["year_installed"].astype("float64")
    extra_names = sorted(c for c in frame.columns if c not in FRAME_COLUMNS)
    return frame[[*FRAME_COLUMNS, *extra_names]]
