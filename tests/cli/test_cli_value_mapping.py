"""CLI: --save-mapping lists the values not recognised; answered, --mapping reuses them."""

from __future__ import annotations

import json

from tests.io.test_value_mapping import compressors


def test_saved_mapping_answers_unknown_values_for_assess_and_import(run, tmp_path):
    ledger = compressors(tmp_path / "ledger.xlsx")
    saved = tmp_path / "mapping.json"
    payload = run.json("assess", ledger, "--json", "--save-mapping", saved)
    assert (payload["summary"]["read"], payload["summary"]["imported"]) == (4, 2)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["values"] == {"compressor_type": {"老机组(二期)": ""}, "cooling": {"油冷": ""}}
    data["values"] = {"compressor_type": {"老机组(二期)": "喷油回转式（变频）"}, "cooling": {"油冷": "水冷"}}
    saved.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    payload = run.json("assess", ledger, "--json", "--mapping", saved)
    assert (payload["summary"]["imported"], payload["rejected"]) == (4, [])
    code, out, err = run("import", ledger, "--enterprise", "示范厂", "--mapping", saved)
    assert code == 0, err
    assert "拒绝 0" in out or "rejected 0" in out, out


def test_unreadable_mapping_file_is_an_input_error(run, tmp_path):
    ledger = compressors(tmp_path / "ledger.xlsx")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _out, err = run("assess", ledger, "--mapping", bad)
    assert code == 2 and "bad.json" in err and "Traceback" not in err
