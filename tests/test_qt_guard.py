"""PySide6 6.12.0 drops a reference to None on Python 3.11 (platform.md §2.4); keep this guard."""

import sys

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItemModel


def test_invalid_qvariant_keeps_none_refcount(qapp):
    m = QStandardItemModel(1, 1)
    before = sys.getrefcount(None)
    for _ in range(200):
        m.data(QModelIndex())
        m.headerData(5, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert sys.getrefcount(None) - before > -50
