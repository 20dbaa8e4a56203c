"""Use cases shared by the CLI and the GUI (no Qt): workspace, import, assess, report, verify, sample.

See docs/architecture.md ("services"). Heavy packages (catalog, engine, io, report) are imported
when a use case needs them, so importing this package is cheap.
"""

from ..store import EnterpriseInfo, ImportCounts, ReadOnlyError, StoreError, Workspace
from .assessing import (
    Cancelled,
    assess,
    assess_enterprise,
    assess_file,
    classify_items,
    enterprise_json,
    inputs_frame,
)
from .importing import ImportReport, InputFileError, import_file, import_file_as, preview_file, read_file
from .options import AssessOptions
from .reporting import VerifyResult, compare_payloads, verify_report, write_report
from .sampling import spot_check_sample
from .workspace import (
    create_enterprise,
    delete_enterprise,
    delete_items,
    ensure_sample_enterprise,
    find_enterprise,
    list_enterprises,
    load_items,
    open_workspace,
    rename_enterprise,
    save_item,
    update_enterprise,
)

__all__ = [
    "AssessOptions",
    "Cancelled",
    "EnterpriseInfo",
    "ImportCounts",
    "ImportReport",
    "InputFileError",
    "ReadOnlyError",
    "StoreError",
    "VerifyResult",
    "Workspace",
    "assess",
    "assess_enterprise",
    "assess_file",
    "classify_items",
    "compare_payloads",
    "create_enterprise",
    "delete_enterprise",
    "delete_items",
    "ensure_sample_enterprise",
    "enterprise_json",
    "find_enterprise",
    "import_file",
    "import_file_as",
    "inputs_frame",
    "list_enterprises",
    "load_items",
    "open_workspace",
    "preview_file",
    "read_file",
    "rename_enterprise",
    "save_item",
    "spot_check_sample",
    "update_enterprise",
    "verify_report",
    "write_report",
]
