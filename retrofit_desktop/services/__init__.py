"""Use cases shared by the CLI and the GUI (no Qt): workspace, import, assess, report, verify, sample.

The contract is docs/architecture.md ("services"). Beyond it:

- ``assess(frame, options, progress, cancelled, *, read, rejected, warnings, enterprise, catalog,
  traces=True)``: `read`/`rejected`/`warnings` describe the file the frame came from; `enterprise`
  (see ``enterprise_json``) goes into the payload for the report; ``traces=False`` skips the
  per-item comparisons (built for all items at once, catalog.trace_frame) for interactive views.
- ``assess_enterprise(ws, enterprise_id, options, progress, cancelled, save=True)``: assess the
  stored items; the payload is saved as an assessment unless the workspace is read-only.
- ``assessment(...)``, ``assessment_file(...)``, ``assessment_enterprise(...)``: the same as the typed
  ``Assessment`` (items as columns, comparisons as a long table, ``Summary``, ``Factors``);
  ``Assessment.to_payload()`` is the schema-1 dict, ``assessment_json.write_json`` streams it.
- ``import_file_as(ws, path, enterprise_name)``: create-or-find the enterprise and import, in one
  transaction. ``read_file(path)`` is ``io.read_inventory`` with can't-read errors as
  ``InputFileError`` (the CLI's exit code 2).
- ``inputs_frame(payload)`` rebuilds the item rows a payload was computed from;
  ``compare_payloads(reported, recomputed)`` lists differing tiers, figures and factors.
- ``AssessOptions`` also carries ``fuel_prices`` and finance settings (capital subsidy, loan-interest
  subsidy, tax credit); payload items carry ``elimination``; ``verify`` compares finance figures too.
- GUI helpers (so ``ui`` imports no engine/io/store/report): ``regions``, ``find_region``,
  ``grid_years``, ``fuel_units``, ``preview_factors``, ``read_sheets``, ``check_sheets``, ``sheet_columns``,
  ``make_mapping``, ``mapping_from_json``, ``unknown_values``/``with_values`` (enumeration values the
  catalog does not read, mapped by the user), ``field_groups``, ``report_options_class``, ``parse_amount``
  (a typed number read like an imported cell: '3万元', '15年', '75 hp').
- ``import_file``/``import_file_as`` take ``on_wait`` (called once when another import holds the
  enterprise's write lock) and keep an import record; ``import_history(ws, id)`` lists them.
- ``find_enterprise(ws, name)``, ``update_enterprise(ws, id, name=…, credit_code=…, region=…, industry=…)``.

Heavy packages (catalog, engine, io, report) are imported when a use case needs them, so importing
this package is cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..store import ReadOnlyError, StoreError
from .amounts import parse_amount
from .assessing import (
    assess,
    assess_enterprise,
    assess_file,
    assessment,
    assessment_enterprise,
    assessment_file,
    classify_items,
    enterprise_json,
    inputs_frame,
)
from .assessment import Assessment, Factors, Summary
from .cancel import Cancelled
from .exporting import export_assessment, export_results, write_template
from .importing import (
    ImportReport,
    InputFileError,
    check_sheets,
    field_groups,
    import_file,
    import_file_as,
    import_history,
    item_warnings,
    make_mapping,
    mapping_from_json,
    preview_file,
    read_file,
    read_sheets,
    sheet_columns,
    total_rows_text,
    value_problem,
)
from .options import AssessOptions
from .reference import factor_unit_text, find_region, fuel_units, grid_years, preview_factors, regions
from .reporting import VerifyResult, compare_payloads, report_options_class, verify_report, write_report
from .sampling import spot_check_sample
from .signing import (
    SigningError,
    check_signature,
    generate_signing_key,
    load_trusted_keys,
    signature_summary,
    signing_key_info,
)
from .value_mapping import UnknownValues, load_mapping_file, save_mapping_file, unknown_values, with_values
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

if TYPE_CHECKING:
    from ..store import EnterpriseInfo, ImportCounts, ImportRecordInfo, LockTimeout, Workspace
    from . import changes  # edits that say what they changed, for undo/redo (ui/undo_commands)

#: names whose modules import SQLAlchemy, imported when first asked for (PEP 562): `retrofit assess
#: FILE` stores nothing and does not pay for the store's imports
_LAZY = {
    "EnterpriseInfo": "..store",
    "ImportCounts": "..store",
    "ImportRecordInfo": "..store",
    "LockTimeout": "..store",
    "Workspace": "..store",
}


def __getattr__(name: str) -> Any:
    if name == "changes":
        value: Any = import_module(".changes", __name__)
    elif name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = [
    "AssessOptions",
    "Cancelled",
    "export_assessment",
    "EnterpriseInfo",
    "factor_unit_text",
    "ImportCounts",
    "ImportRecordInfo",
    "ImportReport",
    "InputFileError",
    "LockTimeout",
    "ReadOnlyError",
    "StoreError",
    "SigningError",
    "check_signature",
    "generate_signing_key",
    "load_trusted_keys",
    "signature_summary",
    "signing_key_info",
    "VerifyResult",
    "Workspace",
    "assess",
    "assess_enterprise",
    "assess_file",
    "assessment",
    "assessment_enterprise",
    "assessment_file",
    "Assessment",
    "Factors",
    "Summary",
    "changes",
    "check_sheets",
    "classify_items",
    "compare_payloads",
    "create_enterprise",
    "delete_enterprise",
    "delete_items",
    "ensure_sample_enterprise",
    "enterprise_json",
    "export_results",
    "field_groups",
    "find_enterprise",
    "find_region",
    "fuel_units",
    "grid_years",
    "import_file",
    "import_file_as",
    "import_history",
    "inputs_frame",
    "list_enterprises",
    "load_items",
    "make_mapping",
    "UnknownValues",
    "load_mapping_file",
    "save_mapping_file",
    "unknown_values",
    "with_values",
    "mapping_from_json",
    "open_workspace",
    "parse_amount",
    "preview_factors",
    "preview_file",
    "read_file",
    "item_warnings",
    "value_problem",
    "read_sheets",
    "sheet_columns",
    "regions",
    "report_options_class",
    "rename_enterprise",
    "save_item",
    "spot_check_sample",
    "total_rows_text",
    "update_enterprise",
    "write_template",
    "verify_report",
    "write_report",
]
