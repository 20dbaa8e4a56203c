"""Reading inventory files and importing them into a workspace (one transaction per file)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain import Rejection
from ..i18n import _
from .cancel import Cancelled
from .store_limits import with_store_limits

if TYPE_CHECKING:  # (the store, and SQLAlchemy with it, is imported only by what writes)
    from ..store import ImportRecordInfo, Workspace

OnWait = Callable[[], None]


class InputFileError(Exception):
    """An input file cannot be read at all (missing, wrong format, damaged); the message names it."""


@dataclass(frozen=True)
class ImportReport:
    read: int
    added: int
    updated: int
    unchanged: int
    rejected: list[Rejection] = field(default_factory=list)
    warnings: list[Rejection] = field(default_factory=list)
    record_id: int | None = None  # the import record kept with the enterprise
    sha256: str = ""  # of the file
    total_rows: list[Rejection] = field(
        default_factory=list
    )  # 合计/小计 rows skipped (notes; not read, not rejected)

    @property
    def imported(self) -> int:
        return self.added + self.updated + self.unchanged

    @property
    def rejected_rows(self) -> int:
        return self.read - self.imported


def read_file(path: str | os.PathLike[str], mapping: Any = None, catalog: Any = None) -> Any:
    """`io.read_inventory` with every can't-read-the-file error turned into InputFileError."""
    from ..io import InventoryFileError, read_inventory

    p = Path(path)
    if not p.is_file():
        raise InputFileError(_("cannot read {path}: no such file").format(path=p))
    try:
        result = read_inventory(p, catalog=catalog, mapping=mapping)
    except InventoryFileError as exc:
        raise InputFileError(str(exc)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(_("cannot read {path}: {error}").format(path=p, error=exc)) from exc
    if (
        result.read == 0
        and result.skipped_sheets
        and not any(c.field for c in result.mapping.columns.values())
    ):
        # not one column was recognised: saying "0 rows read" would silently drop the whole file
        raise InputFileError(
            _(
                "{path}: no header row with known column names was found; the template "
                "('retrofit template') shows the expected columns"
            ).format(path=p)
        )
    return with_store_limits(result)


def file_sha256(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError as exc:
        raise InputFileError(_("cannot read {path}: {error}").format(path=path, error=exc)) from exc
    return h.hexdigest()


def preview_file(path: str | os.PathLike[str], mapping: Any = None) -> Any:
    """Read and validate a file without touching any database (returns io.ImportResult)."""
    return read_file(path, mapping=mapping)


def import_file(
    ws: Workspace,
    path: str | os.PathLike[str],
    enterprise_id: int,
    mapping: Any = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    on_wait: OnWait | None = None,
    timeout: float | None = None,
    inside_lock: Callable[[Callable[[], ImportReport]], ImportReport] | None = None,
) -> ImportReport:
    """Read `path` and upsert its accepted rows into the enterprise; all rows or none are written,
    together with the import's record.

    ``inside_lock(write)``, when given, is called in the transaction once the enterprise's write lock
    is held and must call ``write()`` (the upsert) and return its report: what it reads before and after
    (undo's copies of the rows) then sees only this import's changes, never another writer's.

    ``progress(rows written, rows)`` follows the write; when ``cancelled()`` turns True (checked
    between row batches, inside the transaction) the transaction is rolled back and
    services.Cancelled raised: nothing is written. Another import into the same enterprise at the
    same time waits for this one (`on_wait` is called once when this one has to wait;
    store.LockTimeout after `timeout` s).
    """

    def step(done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(done, total)

    from ..store import enterprise_lock

    if progress is not None:
        progress(0, 0)  # reading the file: no row count yet
    result = read_file(path, mapping=mapping)
    digest = file_sha256(path)
    step(0, len(result.items))
    with ws.transaction():
        ws.lock_for_write(enterprise_lock(enterprise_id), on_wait=_once(on_wait), timeout=timeout)

        def write() -> ImportReport:
            return _write(ws, enterprise_id, path, digest, result, step)

        return inside_lock(write) if inside_lock is not None else write()


def import_file_as(
    ws: Workspace,
    path: str | os.PathLike[str],
    enterprise_name: str,
    on_wait: OnWait | None = None,
    timeout: float | None = None,
    mapping: Any = None,
) -> tuple[int, ImportReport]:
    """Import into the enterprise called `enterprise_name`, creating it in the same transaction."""
    from ..store import enterprise_lock

    result = read_file(path, mapping=mapping)
    digest = file_sha256(path)
    wait = _once(on_wait)
    with ws.transaction():
        eid = ws.get_or_create_enterprise(enterprise_name, on_wait=wait, timeout=timeout)
        ws.lock_for_write(enterprise_lock(eid), on_wait=wait, timeout=timeout)
        return eid, _write(ws, eid, path, digest, result)


def import_history(ws: Workspace, enterprise_id: int) -> list[ImportRecordInfo]:
    """The enterprise's import records, oldest first."""
    return ws.import_records(enterprise_id)


def _write(
    ws: Workspace,
    eid: int,
    path: str | os.PathLike[str],
    digest: str,
    result: Any,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    counts = ws.upsert_items(eid, result.items, progress=progress)
    imported = counts.added + counts.updated + counts.unchanged
    rejected, warnings = list(result.rejected), list(result.warnings)
    record_id = ws.record_import(
        eid,
        Path(path).name,
        digest,
        {
            "read": result.read,
            "added": counts.added,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
            "rejected": result.read - imported,
        },
        [r.to_json() for r in rejected],
        [w.to_json() for w in [*warnings, *result.total_rows]],
    )  # fmt: skip  -- total rows are kept with the warnings (severity "note"): no new column
    return ImportReport(
        result.read,
        counts.added,
        counts.updated,
        counts.unchanged,
        rejected,
        warnings,
        record_id,
        digest,
        list(result.total_rows),
    )


def total_rows_text(notes: list[Any]) -> str:
    """The summary line of a file's skipped total rows (合计/小计), '' when there are none."""
    from ..io.ledger_rows import total_rows_text as text

    return text(notes)


def _once(fn: OnWait | None) -> OnWait | None:
    if fn is None:
        return None
    called: list[bool] = []

    def wrapper() -> None:
        if not called:
            called.append(True)
            fn()

    return wrapper


# -- the import wizard's steps (raw cells read once, then checked under a mapping) -------------------
def read_sheets(path: str | os.PathLike[str]) -> list[Any]:
    """The file's raw sheets (``io.RawSheet``: name, cell rows); InputFileError when it cannot be read."""
    from ..io import InventoryFileError
    from ..io.readers import read_raw

    try:
        return read_raw(path)
    except InventoryFileError as exc:
        raise InputFileError(str(exc)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(_("cannot read {path}: {error}").format(path=path, error=exc)) from exc


def check_sheets(sheets: list[Any], mapping: Any = None) -> Any:
    """Validate raw sheets (from `read_sheets`) under `mapping` (None: detected); io.ImportResult."""
    from ..io import read_sheets as validate

    return with_store_limits(validate(sheets, mapping=mapping))


def sheet_columns(sheets: list[Any], mapping: Any = None) -> dict[str, list[tuple[str, str | None]]]:
    """Per data sheet (name; "" for a CSV file), the (header, field or None) each column is imported as
    under `mapping`: the same per-sheet resolution `check_sheets` applies (a mapped field the sheet's
    product lacks is re-resolved for that product), so the wizard can show what each sheet really gets."""
    from ..io.cells import Col
    from ..io.fields import load_schema
    from ..io.inventory import _sheet_product
    from ..io.ledger_rows import sequence_columns
    from ..io.mapping import find_header, resolve_columns
    from ..io.template import NON_DATA_SHEETS

    schema = load_schema(None)
    out: dict[str, list[tuple[str, str | None]]] = {}
    for sheet in sheets:
        grid = sheet.grid
        if grid.shape[0] == 0 or grid.shape[1] == 0 or (sheet.name or "").strip().lower() in NON_DATA_SHEETS:
            continue
        hint = _sheet_product(schema, sheet, mapping)
        top, lines, cells = find_header(schema, grid, sheet.merged)
        choices = resolve_columns(schema, cells, mapping, (hint,) if hint else ())
        data = grid.iloc[top + lines :]
        sequence_columns(
            schema,
            choices,
            cells,
            [Col(data[c].reset_index(drop=True)) for c in data.columns],
            (hint,) if hint else (),
        )  # a 编号 of 1, 2, 3 gives the asset tag to 设备编号
        if any(c.field for c in choices):
            out[sheet.name or ""] = [(c.header, c.field) for c in choices if c.header]
    return out


def mapping_from_json(data: Any) -> Any:
    """An io.ColumnMapping from its JSON (text or dict)."""
    from ..io import ColumnMapping

    return ColumnMapping.from_json(data)


def make_mapping(
    columns: list[tuple[str, str | None, str | None]], sheet_products: Any = None, values: Any = None
) -> Any:
    """An io.ColumnMapping from (header, field name or None, unit the header states or None) triples
    (and the value answers: field -> written value -> allowed value)."""
    from ..io import ColumnChoice, ColumnMapping

    return ColumnMapping(
        {h: ColumnChoice(h, f, u) for h, f, u in columns},
        dict(sheet_products or {}),
        {f: dict(m) for f, m in (values or {}).items()},
    )


def value_problem(field_name: str, value: float) -> str | None:
    """Why a value typed for `field_name` is impossible by the import's plausibility rules (an
    efficiency above 100 %, a rated size of 0, more hours than a year has ...); None when it is fine."""
    import pandas as pd

    from ..io.fields import load_schema
    from ..io.rules import range_problems

    f = load_schema().by_name.get(field_name)
    if f is None or f.kind not in ("number", "int"):
        return None
    problems = range_problems(f, pd.Series([value], dtype=float))
    return problems[0][1] if problems else None


def item_warnings(item: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, reason) of the import's warnings for one item (possible but suspicious values, e.g. a
    boiler above 100 % not marked condensing); the item is kept."""
    import pandas as pd

    from ..io.rules import warning_problems

    frame = pd.DataFrame([item])
    return [(name, reason) for name, mask, reason in warning_problems(frame) if mask.any()]


def field_groups() -> list[tuple[str, str, str, tuple[Any, ...]]]:
    """(group id, zh, en, catalog FieldSpecs) a column can be mapped to: common columns ('' group), retrofit
    inputs ('retrofit'), then each product's fields."""
    from ..io.fields import load_schema

    schema = load_schema()
    groups = [
        ("", "", "", tuple(schema.common)),
        ("retrofit", "改造与投资", "Retrofit and investment", tuple(schema.retrofit)),
    ]
    groups += [(p, *schema.names.get(p, (p, p)), tuple(f)) for p, f in schema.products.items()]
    return groups
