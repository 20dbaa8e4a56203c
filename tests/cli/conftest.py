from __future__ import annotations

import json

import pytest

from retrofit_desktop.cli import main

GOOD_AND_BAD_CSV = (
    "asset_tag,name,product,rated_power_kw,poles,efficiency_pct,annual_hours,load_factor\n"
    "M1,空压机电机,motor,55,4,93.0,6000,0.75\n"  # line 2: fine, below entry
    "M2,不明设备,火箭发动机,55,4,93.0,6000,0.75\n"  # line 3: unknown product
    "M3,风机电机,motor,30,4,abc,4000,0.7\n"  # line 4: efficiency not a number
    "M4,水泵电机,motor,30,4,95.0,4000,0.7\n"  # line 5: fine, energy_saving (94.9 ≤ 95.0 < 95.9)
)


class Run:
    def __init__(self, capsys, db):
        self.capsys = capsys
        self.db = db

    def __call__(self, *argv: str, db: bool = True):
        args = (["--db", str(self.db)] if db else []) + [str(a) for a in argv]
        code = main(args)
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *argv: str):
        code, out, err = self(*argv)
        assert code == 0, err
        return json.loads(out)


@pytest.fixture
def run(capsys, tmp_path):
    return Run(capsys, tmp_path / "cli.sqlite3")


@pytest.fixture
def mixed_csv(tmp_path):
    p = tmp_path / "台账.csv"
    p.write_text(GOOD_AND_BAD_CSV, encoding="utf-8")
    return p
