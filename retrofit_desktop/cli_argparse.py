"""argparse's own words (usage:, options, show this help message and exit, its error messages) in the CLI's
language: argparse looks them up with gettext, so its module-level ``_``/``ngettext`` are routed through the
product's catalogue (zh in cli_argparse.po; English falls back to argparse's own text)."""

from __future__ import annotations

import argparse

from .i18n import _, current_language


def _text(message: str) -> str:
    return _(message)


def _plural(singular: str, plural: str, n: int) -> str:
    text = singular if n == 1 else plural
    return _(text) if current_language() == "zh" else text


def install() -> None:
    """Route argparse's messages through the product catalogue (idempotent)."""
    argparse._ = _text  # type: ignore[attr-defined]
    argparse.ngettext = _plural  # type: ignore[attr-defined]
