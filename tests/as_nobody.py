"""Running a command as the unprivileged user nobody: root ignores file permissions, so a test of
"cannot write there" needs another user."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest


def as_nobody(env: dict[str, str], cwd: str | os.PathLike) -> list[str]:
    """The command prefix that runs as nobody; skips the test where that cannot run the project
    (not root, no setpriv, or a clone nobody may not read, such as one under /root)."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv to run a command as another user")
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import retrofit_desktop.cli"],
                           env=env, cwd=cwd, capture_output=True, text=True, timeout=120)  # fmt: skip
    if probe.returncode != 0:
        pytest.skip(f"the user nobody cannot run the project's Python here: {probe.stderr.strip()[-200:]}")
    return prefix
