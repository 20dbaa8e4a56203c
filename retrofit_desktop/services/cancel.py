"""What a long use case takes to report progress and to be stopped (assessing, importing, reporting)."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]


class Cancelled(Exception):
    """The caller's `cancelled()` returned True; nothing was produced."""
