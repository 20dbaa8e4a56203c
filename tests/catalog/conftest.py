from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def cat():
    from retrofit_desktop.catalog.catalog import load_builtin

    return load_builtin()
