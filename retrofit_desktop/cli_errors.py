"""The CLI's exit codes and its usage error, shared by ``cli`` (parsing, exit) and ``cli_commands``."""

from __future__ import annotations

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """Bad usage or input the command cannot work with (exit code 2)."""
