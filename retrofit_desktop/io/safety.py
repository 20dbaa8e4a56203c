"""Defences for untrusted workbooks and for exported cells.

* Oversized / zip-bomb archives are refused before any XML is parsed: the total uncompressed size
  and the compression ratio are read from the zip directory.
* openpyxl must parse XML through defusedxml (entity expansion, external entities); it does so
  automatically when defusedxml is installed and OPENPYXL_DEFUSEDXML is not switched off.
* Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) is neutralised.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..i18n import _

__all__ = [
    "InventoryFileError",
    "check_archive",
    "require_defused_openpyxl",
    "neutralise_formula",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_RATIO",
]

#: A 1,000,000-row ledger is about 400 MB of sheet XML; anything beyond this is refused.
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
#: Real xlsx files compress 5-30x; zip bombs compress hundreds or thousands of times.
MAX_RATIO = 200
#: Below this size a high ratio is harmless (a tiny sheet of blanks compresses very well).
RATIO_FLOOR_BYTES = 16 * 1024 * 1024
MAX_MEMBERS = 10_000

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class InventoryFileError(ValueError):
    """The file as a whole cannot be read (missing, wrong type, corrupt, unsafe); message translated."""


def check_archive(
    path: str | Path, max_bytes: int = MAX_UNCOMPRESSED_BYTES, max_ratio: float = MAX_RATIO
) -> None:
    """Raise InventoryFileError unless `path` is a zip whose expanded size is reasonable."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise InventoryFileError(
            _("{path}: not a valid .xlsx workbook ({error})").format(path=path.name, error=exc)
        ) from exc
    if len(infos) > MAX_MEMBERS:
        raise InventoryFileError(
            _("{path}: the workbook has {n} parts, too many to be a real spreadsheet").format(
                path=path.name, n=len(infos)
            )
        )
    total = sum(i.file_size for i in infos)
    packed = max(sum(i.compress_size for i in infos), 1)
    if total > max_bytes:
        raise InventoryFileError(
            _("{path}: the workbook expands to {mb:.0f} MB, more than the {limit:.0f} MB allowed").format(
                path=path.name, mb=total / 2**20, limit=max_bytes / 2**20
            )
        )
    if total > RATIO_FLOOR_BYTES and total / packed > max_ratio:
        raise InventoryFileError(
            _("{path}: the workbook is compressed {ratio:.0f} times (a zip bomb?); refused").format(
                path=path.name, ratio=total / packed
            )
        )


def require_defused_openpyxl() -> None:
    import openpyxl

    if not getattr(openpyxl, "DEFUSEDXML", False):
        raise InventoryFileError(
            _("openpyxl is not using defusedxml (is OPENPYXL_DEFUSEDXML set to False?); refusing to parse")
        )


def neutralise_formula(value: object) -> object:
    """CSV cell: text starting with a formula trigger gets a leading apostrophe, so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
