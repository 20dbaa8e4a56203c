"""Persistent user settings (QSettings): language, recent workspaces, window state, last enterprise.

One INI file in the user's config dir. Tests redirect it with ``QSettings.setPath(IniFormat,
UserScope, tmp)`` and their own organisation name (see ``use_organisation``).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "RetrofitDesktop"
APPLICATION = "retrofit-desktop"
MAX_RECENT = 8

_scope = {"org": ORGANISATION}


def use_organisation(name: str) -> None:
    """Store settings under another organisation name (tests use one per test)."""
    _scope["org"] = name


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, _scope["org"], APPLICATION)


def language(default: str = "zh") -> str:
    value = settings().value("ui/language", default)
    return str(value) if value else default


def set_language(lang: str) -> None:
    s = settings()
    s.setValue("ui/language", lang)
    s.sync()


def recent_workspaces() -> list[str]:
    value = settings().value("workspaces/recent", [])
    if isinstance(value, str):  # QSettings returns a bare string for a one-element list
        value = [value]
    if not isinstance(value, list | tuple):  # nothing stored, or not a list (a hand-edited file)
        return []
    return [str(v) for v in value if v]


def add_recent_workspace(url: str) -> list[str]:
    recent = [url] + [u for u in recent_workspaces() if u != url]
    recent = recent[:MAX_RECENT]
    s = settings()
    s.setValue("workspaces/recent", recent)
    s.sync()
    return recent


def last_enterprise(url: str) -> int | None:
    value = settings().value(f"workspaces/last_enterprise/{_key(url)}")
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def set_last_enterprise(url: str, enterprise_id: int | None) -> None:
    s = settings()
    if enterprise_id is None:
        s.remove(f"workspaces/last_enterprise/{_key(url)}")
    else:
        s.setValue(f"workspaces/last_enterprise/{_key(url)}", int(enterprise_id))


def _key(url: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in url)[-120:]


def window_state() -> tuple[QByteArray | None, QByteArray | None]:
    s = settings()
    geometry, state = s.value("window/geometry"), s.value("window/state")
    return (
        geometry if isinstance(geometry, QByteArray) else None,
        state if isinstance(state, QByteArray) else None,
    )


def save_window_state(geometry: QByteArray, state: QByteArray) -> None:
    s = settings()
    s.setValue("window/geometry", geometry)
    s.setValue("window/state", state)
    s.sync()


def signing_key() -> str:
    """The user's private signing key file ('' when none is set)."""
    return str(settings().value("signing/key", "") or "")


def set_signing_key(path: str) -> None:
    s = settings()
    s.setValue("signing/key", path)
    s.sync()


def trusted_keys_folder() -> str:
    """The folder of trusted .pub files reports are verified against ('' when none is set)."""
    return str(settings().value("signing/trusted_folder", "") or "")


def set_trusted_keys_folder(path: str) -> None:
    s = settings()
    s.setValue("signing/trusted_folder", path)
    s.sync()
