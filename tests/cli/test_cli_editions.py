"""`retrofit assess --edition/--assessment-date`: recorded in the JSON, and the edition line in the text
output."""

from __future__ import annotations

import json
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "sample_inventory.csv"


def test_edition_option_is_recorded_and_applied(run):
    code, out, err = run(
        "assess", SAMPLE, "--edition", "catalog", "--assessment-date", "2026-12-01", "--json", "-", db=False
    )
    assert code == 0, err
    p = json.loads(out)
    assert p["options"]["edition"] == "catalog" and p["options"]["assessment_date"] == "2026-12-01"
    pumps = [i for i in p["items"] if i["product"] == "pump"]
    assert {i["tier"] for i in pumps} == {"not_covered"} and {i["standard_edition"] for i in pumps} == {
        "GB 19762-2007"
    }


def test_text_output_names_the_edition_beside_the_tiers(run):
    code, out, _err = run("--lang", "zh", "assess", SAMPLE, "--assessment-date", "2026-12-01", db=False)
    assert code == 0
    assert "判定依据：评估日期 2026-12-01 现行有效的标准版本" in out
    assert "GB 19762—2025（2026-03-01 实施）；《目录》引用 GB 19762—2007" in out
    code, out, _err = run("--lang", "en", "assess", SAMPLE, "--assessment-date", "2026-12-01", db=False)
    assert "GB 19762-2025 (in force from 2026-03-01); catalog cites GB 19762-2007" in out


def test_bad_edition_options_are_usage_errors(run):
    assert run("assess", SAMPLE, "--edition", "newest", db=False)[0] == 2
    code, _out, err = run("assess", SAMPLE, "--assessment-date", "2026-13-45", db=False)
    assert code == 2 and "assessment_date" in err
