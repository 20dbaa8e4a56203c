"""Builds tests/store/data/workspace_rev0001.sqlite3: a workspace as revision 0001 wrote it.

Run once when revision 0001 was current (the file is committed). Rows go in through plain SQL so
the file does not depend on today's ORM models. Kept to document how the fixture was made.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import text

from retrofit_desktop.store import db

ROWS = """
insert into enterprise (id, name, credit_code, region, industry, is_sample, created_at)
  values (1, '湖南旧版本测试公司', '914403001922038216', '湖南', 'C3411', 0, '2026-11-25 10:00:00.000000');
insert into site (id, enterprise_id, name) values (1, 1, '一车间');
insert into equipment (id, enterprise_id, asset_tag, name, product, model, manufacturer, year_installed,
  quantity, site_id, annual_hours, load_factor, notes, fields, source_sheet, source_row, updated_at)
  values (1, 1, 'M-001', '风机电机', 'motor', 'Y2-160M-4', '湘潭', 2009, 1, 1, 6000.0, 0.30000000000000004,
  '旧数据', '{"rated_power_kw": 11.0, "poles": 4, "efficiency_pct": 88.1}', '台账', 2,
  '2026-11-25 10:00:00.000000');
insert into assessment (id, enterprise_id, created_at, options, catalog_edition, catalog_sha256,
  software_version, payload) values (1, 1, '2026-11-25 10:00:00.000000', '{"target": "energy_saving"}',
  '2024', null, '0.1.0', '{"schema": 1, "items": []}');
"""


def build(path: Path) -> None:
    path.unlink(missing_ok=True)
    engine = db.make_engine("sqlite:///" + str(path))
    db.migrate(engine, "0001")
    with engine.begin() as conn:
        for stmt in ROWS.split(";"):
            if stmt.strip():
                conn.execute(text(stmt))
        conn.exec_driver_sql("PRAGMA journal_mode=DELETE")  # one self-contained file
    engine.dispose()


if __name__ == "__main__":
    build(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[1] / "tests" / "store" / "data" / "workspace_rev0001.sqlite3"
    )
