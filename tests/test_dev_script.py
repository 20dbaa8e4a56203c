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


def test_dev_passes_checkbashisms_when_available():
    exe = shutil.which("checkbashisms")  # devscripts; not a dependency
    if exe is None:
        pytest.skip("checkbashisms (devscripts) not installed")
    r = subprocess.run(
        [exe, "--posix", "--extra", str(DEV), str(ROOT / ".ci" / "run")], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stdout + r.stderr


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
    for word in ("./dev run", "./dev test", "--xvfb", "./dev bench", "--postgres"):
        assert word in r.stdout
    r = subprocess.run(
        ["sh", str(DEV), "no-such-command"], capture_output=True, text=True, env=env, timeout=20
    )
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
    assert lines[-1].strip() == "./dev test --postgres"  # CI also runs the store tests on PostgreSQL


def test_readme_names_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "./dev test" in text and "./dev run" in text and "./dev run --xvfb" in text


def test_readme_links_point_to_files_in_the_repository():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#\s]+)\)", text)
    assert "docs/screenshots/main_window_zh.png" in targets
    missing = [t for t in targets if "://" not in t and not (ROOT / t).exists()]
    assert not missing, missing


def test_installer_spec_and_entry_points():
    spec = ROOT / "installers" / "retrofit_desktop.spec"
    compile(spec.read_text(encoding="utf-8"), str(spec), "exec")  # valid Python
    text = spec.read_text(encoding="utf-8")
    assert (
        '"resources"' in text
        and "retrofit_desktop.store.migrations" in text
        and "include_py_files=True" in text
    )
    import importlib

    for launcher, module in (
        ("launch_gui.py", "retrofit_desktop.ui.app"),
        ("launch_cli.py", "retrofit_desktop.cli"),
    ):
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


def fake_machine(tmp_path: Path, *, uid: int, installed: set[str]) -> tuple[Path, dict[str, str], Path]:
    """A copy of `dev` in an empty project dir, with stub id/dpkg-query/apt-get/python3.x on PATH.

    The stubs record their calls in calls.log; every python stub fails the version check, so `dev`
    stops right after the Debian step, before it could create a venv.
    """
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(DEV, project / "dev")
    for req in ("requirements.txt", "requirements-dev.txt", "pyproject.toml"):
        (project / req).write_text("", encoding="utf-8")
    fakebin = tmp_path / "bin"
    fakebin.mkdir()
    log = tmp_path / "calls.log"
    stubs = {
        "id": f'[ "$1" = -u ] && echo {uid}',
        "dpkg-query": 'case " '
        + " ".join(sorted(installed))
        + ' " in *" $3 "*) echo "install ok installed";; esac',
        "apt-get": f'echo "apt-get $*" >> {log}',
    }
    for py in ("python3.13", "python3.12", "python3.11", "python3"):
        stubs[py] = f'echo "{py} LANG=$LANG" >> {log}; exit 1'
    for name, body in stubs.items():
        (fakebin / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (fakebin / name).chmod(0o755)
    env = {"PATH": f"{fakebin}:/usr/bin:/bin"}
    return project, env, log


needs_debian = pytest.mark.skipif(
    not Path("/etc/debian_version").exists(), reason="dev's apt step is Debian-only"
)


@needs_debian
def test_dev_as_user_prints_the_apt_line_and_stops(tmp_path):
    project, env, log = fake_machine(tmp_path, uid=1000, installed={"python3", "libgl1"})
    r = subprocess.run(
        ["sh", "dev", "test"], cwd=project, env=env, capture_output=True, text=True, timeout=30
    )
    assert r.returncode == 1
    line = next(x for x in r.stderr.splitlines() if "apt-get install" in x)
    assert line.split()[:5] == ["sudo", "apt-get", "install", "-y", "--no-install-recommends"]
    assert set(line.split()[5:]) == set(deb_list("DEB_BASE")) - {"python3", "libgl1"}
    assert not log.exists()  # neither apt-get nor python was run


@needs_debian
def test_dev_as_root_installs_the_missing_packages_then_needs_python(tmp_path):
    project, env, log = fake_machine(tmp_path, uid=0, installed=set())
    r = subprocess.run(
        ["sh", "dev", "run", "--xvfb"], cwd=project, env=env, capture_output=True, text=True, timeout=30
    )
    assert r.returncode == 1 and "Python >= 3.11 not found" in r.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls[0] == "apt-get update -qq"
    install = calls[1].split()
    assert install[:3] == ["apt-get", "install", "-y"] and "--no-install-recommends" in install
    assert set(deb_list("DEB_BASE")) | set(deb_list("DEB_WINDOW")) <= set(install)
    assert not set(deb_list("DEB_XVFB")) & set(install)  # xvfb only once a venv exists
    # No locale in the environment: dev exported C.UTF-8 before running any Python.
    assert "python3.11 LANG=C.UTF-8" in calls


@needs_debian
def test_dev_skips_apt_when_everything_is_installed(tmp_path):
    everything = set(deb_list("DEB_BASE"))
    project, env, log = fake_machine(tmp_path, uid=0, installed=everything)
    env["LANG"] = "zh_CN.UTF-8"
    r = subprocess.run(
        ["sh", "dev", "test"], cwd=project, env=env, capture_output=True, text=True, timeout=30
    )
    assert r.returncode == 1 and "Python >= 3.11 not found" in r.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    assert not [c for c in calls if c.startswith("apt-get")]
    assert "python3.11 LANG=zh_CN.UTF-8" in calls  # a locale the user set is left alone


def _req_names(lines: list[str]) -> set[str]:
    names = set()
    for line in lines:
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(re.split(r"[\[<>=!~; ]", line, maxsplit=1)[0])
    return names


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _closure(names: set[str]) -> set[str]:
    """The declared distributions and everything they require (as installed in this environment)."""
    from importlib.metadata import PackageNotFoundError, requires

    todo, seen = [_norm(n) for n in names], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            reqs = requires(name) or []
        except PackageNotFoundError:
            continue
        todo += [_norm(n) for n in _req_names([r for r in reqs if "extra ==" not in r])]
    return seen


def test_runtime_imports_are_declared_runtime_dependencies():
    """A user installs requirements.txt (or the package's dependencies), not the dev set: every
    third-party module the application imports, even lazily inside a function, must come with them.
    (It caught pypdf, imported lazily by report.attachment for `retrofit verify`, before it was declared.)"""
    import ast
    import sys
    import tomllib
    from importlib.metadata import packages_distributions

    dists = packages_distributions()
    imported: dict[str, str] = {}
    for path in sorted((ROOT / "retrofit_desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                tops = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                tops = [node.module.split(".")[0]]
            else:
                continue
            for top in tops:
                if top not in sys.stdlib_module_names and top != "retrofit_desktop":
                    imported.setdefault(top, str(path.relative_to(ROOT)))
    assert {"PySide6", "pandas", "sqlalchemy"} <= set(imported)  # the scan finds real imports
    requirements = _closure(_req_names((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()))
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dependencies = _closure(_req_names(pyproject["project"]["dependencies"]))
    for source, declared in (
        ("requirements.txt", requirements),
        ("pyproject.toml dependencies", dependencies),
    ):
        missing = {
            module: where
            for module, where in imported.items()
            if not {_norm(d) for d in dists.get(module, [module])} & declared
        }
        assert not missing, f"imported by the app but not in {source}: {missing}"


def _installed_venv(tmp_path: Path) -> tuple[Path, dict[str, str], Path]:
    """A fake machine whose .venv is in place and up to date: its python, ruff and mypy only log
    their arguments (one line per call), so `dev test` runs to the end in a moment."""
    project, env, log = fake_machine(tmp_path, uid=0, installed=set(deb_list("DEB_BASE")))
    venv_bin = project / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    for tool in ("python", "ruff", "mypy"):
        (venv_bin / tool).write_text(f'#!/bin/sh\necho "{tool} $*" >> {log}\n', encoding="utf-8")
        (venv_bin / tool).chmod(0o755)
    stamp = subprocess.run(
        "cat requirements.txt requirements-dev.txt pyproject.toml | cksum",
        shell=True,
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (project / ".venv" / ".installed").write_text(stamp, encoding="utf-8")
    return project, env, log


def _pytest_call(log: Path) -> str:
    return next(c for c in log.read_text(encoding="utf-8").splitlines() if c.startswith("python -m pytest"))


@needs_debian
def test_dev_test_quick_leaves_out_the_slow_tests_and_plain_test_runs_all(tmp_path):
    project, env, log = _installed_venv(tmp_path)
    r = subprocess.run(
        ["sh", "dev", "test", "--quick", "-x"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert r.returncode == 0, r.stderr
    assert _pytest_call(log) == "python -m pytest -q -m not slow -x"
    assert any(c.startswith("ruff check") for c in log.read_text(encoding="utf-8").splitlines())

    log.unlink()
    r = subprocess.run(
        ["sh", "dev", "test", "-x"], cwd=project, env=env, capture_output=True, text=True, timeout=30
    )
    assert r.returncode == 0, r.stderr
    assert _pytest_call(log) == "python -m pytest -q -x"  # no option: every test (CI)
