"""Errors raised by the store; their messages are user-facing (translated)."""

from __future__ import annotations


class StoreError(Exception):
    """A workspace operation could not be done; the message says why."""


class ReadOnlyError(StoreError):
    """A write was attempted on a workspace opened read-only."""


class NotFound(StoreError):
    """No enterprise / item with that id or name."""


class DuplicateError(StoreError):
    """A name or code that must be unique is already used."""
