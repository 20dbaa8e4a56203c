"""Persistence: enterprises, sites, equipment and saved assessments (SQLAlchemy 2 + alembic).

Usage: ``ws = open_workspace(url=None, read_only=False)``; see `Workspace`.
"""

from .credit_code import InvalidCreditCode, is_valid_credit_code, normalise_credit_code
from .db import data_dir, default_url
from .errors import DuplicateError, NotFound, ReadOnlyError, StoreError
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
