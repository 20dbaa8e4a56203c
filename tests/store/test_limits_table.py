"""The plain table of storable values (store.limits, read without SQLAlchemy) is the models' own."""

from __future__ import annotations

import subprocess
import sys

from retrofit_desktop.store.limits import COLUMN_LIMITS, INT32, Limit
from retrofit_desktop.store.model_limits import enterprise_limit, limits_from_models


def test_the_table_equals_what_the_models_define():
    assert COLUMN_LIMITS == limits_from_models()


def test_known_limits_from_the_models():
    models = limits_from_models()
    assert models["asset_tag"] == Limit("asset_tag", max_length=100, required=True)
    assert models["quantity"].int_range == INT32
    assert models["annual_hours"].finite
    assert enterprise_limit("name") == 200 and enterprise_limit("credit_code") == 18


def test_checking_a_frame_imports_no_sqlalchemy():
    code = (
        "import sys\n"
        "import pandas as pd\n"
        "from retrofit_desktop.store.limits import frame_problems\n"
        "from retrofit_desktop.store import StoreError, is_valid_credit_code\n"
        "p = frame_problems(pd.DataFrame({'asset_tag': ['x' * 101], 'quantity': [2**40]}))\n"
        "assert [(q.column, q.position) for q in p] == [('asset_tag', 0), ('quantity', 0)], p\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
