"""Persistence: enterprises, sites, equipment and saved assessments (SQLAlchemy 2 + alembic).

Usage: ``ws = open_workspace(url=None, read_only=False)``; see `Workspace`.

The names below that need SQLAlchemy (the workspace, its records and locks) are imported on first use
(PEP 562 ``__getattr__``), so that the errors, the credit-code check and the plain-data modules
(``store.items``, ``store.column_limits``) can be imported without it: ``retrofit assess FILE``
stores nothing and does not pay for SQLAlchemy's import.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..user_dirs import data_dir
from .credit_code import InvalidCreditCode, is_valid_credit_code, normalise_credit_code
from .errors import DuplicateError, NotFound, ReadOnlyError, StoreError

if TYPE_CHECKING:
    from .db import default_url
    from .import_records import ImportRecordInfo
    from .locking import LockTimeout
    from .workspace import (
        AssessmentInfo,
        EnterpriseInfo,
        ImportCounts,
        Workspace,
        enterprise_lock,
        name_lock,
        open_workspace,
    )

#: name -> the module of this package that defines it (imported when the name is first asked for)
_LAZY = {
    "default_url": "db",
    "ImportRecordInfo": "import_records",
    "LockTimeout": "locking",
    "AssessmentInfo": "workspace",
    "EnterpriseInfo": "workspace",
    "ImportCounts": "workspace",
    "Workspace": "workspace",
    "enterprise_lock": "workspace",
    "name_lock": "workspace",
    "open_workspace": "workspace",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "AssessmentInfo",
    "DuplicateError",
    "EnterpriseInfo",
    "ImportCounts",
    "ImportRecordInfo",
    "LockTimeout",
    "InvalidCreditCode",
    "NotFound",
    "ReadOnlyError",
    "StoreError",
    "Workspace",
    "data_dir",
    "default_url",
    "enterprise_lock",
    "is_valid_credit_code",
    "name_lock",
    "normalise_credit_code",
    "open_workspace",
]
