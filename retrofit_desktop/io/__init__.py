"""Import and export of equipment ledgers (设备台账): .xlsx/.xls/.csv in, inventory frame out.

from retrofit_desktop.io import read_inventory, ImportResult, write_template, export_results
"""

from .cells import parse_cell
from .export import export_results, payload_frames
from .inventory import ImportResult, read_inventory, read_sheets
from .mapping import ColumnChoice, ColumnMapping
from .safety import InventoryFileError
from .template import write_template

__all__ = [
    "ImportResult",
    "read_inventory",
    "read_sheets",
    "ColumnMapping",
    "ColumnChoice",
    "InventoryFileError",
    "write_template",
    "export_results",
    "payload_frames",
    "parse_cell",
]
