"""A generated motor ledger (Chinese headers as a plant writes them), for tests that need many rows."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

HEADERS = [
    "设备编号",
    "设备名称",
    "产品类别",
    "规格型号",
    "投运年份",
    "额定功率(kW)",
    "极数",
    "额定效率(%)",
    "年运行时间(h)",
    "负载率",
    "所在车间",
]


def write_ledger(path: Path, tags: Iterable[int], efficiency: float) -> Path:
    """A motor ledger, one row per tag number; every row valid."""
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        for i in tags:
            w.writerow(
                [
                    f"M-{i:06d}",
                    f"{i % 50}#电机",
                    "三相异步电动机",
                    f"Y2-{i % 30}",
                    2010,
                    15,
                    4,
                    efficiency,
                    6000,
                    0.8,
                    f"{i % 4 + 1}车间",
                ]
            )
    return path
