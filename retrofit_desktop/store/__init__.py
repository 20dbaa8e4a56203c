"""Persistence: enterprises, sites, equipment and saved assessments (SQLAlchemy 2 + alembic).

Usage: ``ws = open_workspace(url=None, read_only=False)``; see `Workspace`.
"""

from .credit_code import InvalidCreditCode, is_valid_credit_code, normalise_credit_code
from .db import data_dir, default_url
from .errors import DuplicateError, NotFound, ReadOnlyError, StoreError
from .workspace import AssessmentInfo, EnterpriseInfo, ImportCounts, Workspace, open_workspace

__all__ = [
    "AssessmentInfo",
    "DuplicateError",
    "EnterpriseInfo",
    "ImportCounts",
    "InvalidCreditCode",
    "NotFound",
    "ReadOnlyError",
    "StoreError",
    "Workspace",
    "data_dir",
    "default_url",
    "is_valid_credit_code",
    "normalise_credit_code",
    "open_workspace",
]
