"""Why a file operation failed, in the user's language (the OS's own strerror is English only)."""

from __future__ import annotations

import errno

from .i18n import N_, _

__all__ = ["os_reason"]

_REASONS = {
    errno.EACCES: N_("no permission to write there"),
    errno.EPERM: N_("no permission to write there"),
    errno.ENOENT: N_("the folder does not exist"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
    errno.EISDIR: N_("it is a folder"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EEXIST: N_("it exists already"),
}


def os_reason(exc: OSError) -> str:
    """A short translated reason for `exc`; the OS's message when the error is not a common one."""
    msgid = _REASONS.get(exc.errno or 0)
    return _(msgid) if msgid else (exc.strerror or str(exc))
