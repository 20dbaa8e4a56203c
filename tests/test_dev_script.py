"""The `dev` entry script: POSIX sh, a working help, and the Debian package lists of docs/platform.md."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "dev"

# Constructs that bash accepts and POSIX sh (dash, Debian's /bin/sh) does not, in the spirit of
# devscripts' checkbashisms. Checked on code lines only (comments stripped).
BASHISMS = {
    r"\[\[": "[[ ]] test",
    r"^\s*function\s+\w+": "'function' keyword",
    r"\[ [^]]*\s==\s": "== inside [ ]",
    r"<<<": "here-string",
    r"&>": "&> redirection",
    r"\$\{\w+//": "${var//pattern/} substitution",
    r"\$\{\w+:\d": "${var:offset} substring",
    r"\w+=\(": "array assignment",
    r"\$RANDOM|\$BASH_|\$PIPESTATUS|\$SECONDS": "bash-only variable",
    r"^\s*(source|declare|typeset|shopt|local)\s": "bash builtin",
    r"\becho\s+-[neE]\b": "echo with options",
    r"\$\(<": "$(< file)",
    r"\bselect\s+\w+\s+in\b": "select loop",
}


def code_lines(path: Path) -> list[tuple[int, str]]:
    out = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = re.sub(r"(^|\s)#.*$", "", line)  # comments (the script has no '#' inside strings)
        if stripped.strip():
            out.append((no, stripped))
    return out


def deb_list(var: str) -> list[str]:
    m = re.search(rf'^{var}="([^"]*)"', DEV.read_text(encoding="utf-8"), re.M)
    assert m, f"{var} not found in dev"
    return m.group(1).split()


def platform_list(label: str) -> list[str]:
    """The package list that follows `<label>:` in docs/platform.md's apt section."""
    text = (ROOT / "docs" / "platform.md").read_text(encoding="utf-8")
    m = re.search(rf"^- \*\*{re.escape(label)}\*\*.*:\s*`([^`]+)`\s*$", text, re.M)
    assert m, f"list {label!r} not found in docs/platform.md"
    return m.group(1).split()


def test_dev_is_executable_with_sh_shebang():
    assert os.access(DEV, os.X_OK)
    assert DEV.read_text(encoding="utf-8").splitlines()[0] == "#!/bin/sh"


@pytest.mark.parametrize("shell", ["sh", "dash"])
def test_dev_parses_with_posix_shells(shell):
    exe = shutil.which(shell)
    if exe is None:
        pytest.skip(f"{shell} not installed")
    r = subprocess.run([exe, "-n", str(DEV)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_dev_has_no_bashisms():
    found = [
        f"line {no}: {what}: {line.strip()}"
        for no, line in code_lines(DEV)
        for pattern, what in BASHISMS.items()
        if re.search(pattern, line)
    ]
    assert not found, "\n".join(found)


def test_bashism_patterns_catch_bash_code(tmp_path):
    # The checker itself must be able to fail.
    bad = tmp_path / "bad.sh"
    bad.write_text('#!/bin/sh\nif [[ -n "$x" ]]; then echo -e hi; fi\narr=(a b)\n', encoding="utf-8")
    hits = {what for _no, line in code_lines(bad) for p, what in BASHISMS.items() if re.search(p, line)}
    assert hits == {"[[ ]] test", "echo with options", "array assignment"}


def test_dev_help_runs_without_installing_anything():
    env = {"PATH": "/usr/bin:/bin"}  # no locale, no HOME: like `env -i`
    r = subprocess.run(["sh", str(DEV), "help"], capture_output=True, text=True, env=env, timeout=20)
    assert r.returncode == 0, r.stderr
    for word in ("./dev run", "./dev test", "--xvfb", "./dev bench"):
        assert word in r.stdout
    r = subprocess.run(["sh", str(DEV), "no-such-command"], capture_output=True, text=True, env=env, timeout=20)
    assert r.returncode == 2 and "./dev test" in r.stdout


def test_dev_apt_lists_contain_the_tested_platform_lists():
    base = set(deb_list("DEB_BASE"))
    assert set(platform_list("offscreen")) <= base
    assert {"python3", "python3-venv"} <= base  # a minbase Debian has no python3 at all
    assert set(platform_list("xcb")) <= set(deb_list("DEB_WINDOW"))
    assert set(platform_list("virtual screen")) <= set(deb_list("DEB_XVFB"))
    # The glib dependency of QtCore is the one most published lists forget.
    assert "libglib2.0-0" in base


def test_ci_entry_goes_through_dev():
    ci = ROOT / ".ci" / "run"
    assert os.access(ci, os.X_OK)
    lines = [line for _no, line in code_lines(ci)]
    assert lines[-1].strip() == "./dev test"


def test_readme_names_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "./dev test" in text and "./dev run" in text and "./dev run --xvfb" in text


def test_installer_spec_and_entry_points():
    spec = ROOT / "installers" / "retrofit_desktop.spec"
    compile(spec.read_text(encoding="utf-8"), str(spec), "exec")  # valid Python
    text = spec.read_text(encoding="utf-8")
    assert '"resources"' in text and "retrofit_desktop.store.migrations" in text and "include_py_files=True" in text
    import importlib

    for launcher, module in (("launch_gui.py", "retrofit_desktop.ui.app"), ("launch_cli.py", "retrofit_desktop.cli")):
        assert f"from {module} import main" in (ROOT / "installers" / launcher).read_text(encoding="utf-8")
        assert f'"{launcher}"' in text
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:  # being written concurrently by another area
            pytest.skip(f"{module} not there yet: {exc}")
        assert callable(mod.main)
    # PyInstaller is a build tool: never a runtime or test dependency.
    for req in ("requirements.txt", "requirements-dev.txt"):
        assert "pyinstaller" not in (ROOT / req).read_text(encoding="utf-8").lower()
