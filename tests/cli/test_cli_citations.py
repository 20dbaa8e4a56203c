"""What `catalog list` and `catalog show` give as sources are citations (standard, table, issuer, dates),
never a repository path, an internal note key or an English status word in the Chinese listing."""

from __future__ import annotations

import re

import pytest

from retrofit_desktop.catalog import get_catalog

#: what a user-visible source must never contain (case-sensitive keys, case-insensitive words)
KEYS = ("[EQ-", "methods.md", "S7", "UNVERIFIED", "README", "MORE §", "design.md", "S1:", "S1 ")
WORDS = ("http", "github", "equipeffi", "search index", "index id", "adgo07")


def dirty(text: str) -> list[str]:
    low = text.lower()
    return [k for k in KEYS if k in text] + [w for w in WORDS if w in low]


PRODUCTS = sorted(get_catalog().products)


@pytest.mark.parametrize("product", PRODUCTS)
def test_catalog_show_sources_are_citations(run, product):
    data = run.json("catalog", "show", product, "--json")
    shown = [
        data["membership_source"],
        data["tier_mapping"]["source"],
        data["edition"]["source"],
        data["edition"]["source_en"],
        data["edition_note"],
        *(r["source"] for r in data["between_rules"]),
    ]
    for row in data["rows"]:
        shown += [row["source"], row["source_en"]]
    for text in shown:
        assert not dirty(text), (product, text)
    # the transcription chain is kept, apart from the citation
    assert all(row["provenance"] for row in data["rows"])
    for row in data["rows"]:
        number = row["standard_edition"].replace("-", "—")
        assert row["source"].startswith(f"{number}《") and row["table"].split()[0] in row["source"], row
    code, out, _err = run("catalog", "show", product)
    assert code == 0 and not dirty(out), out


def test_catalog_list_marks_standards_to_be_confirmed_in_chinese(run):
    code, out, _err = run("catalog", "list")
    assert code == 0 and not dirty(out), out
    room_ac = next(line for line in out.splitlines() if line.startswith("room_ac"))
    assert "GB 21455-2019（所引版本待核实）" in room_ac
    pv = next(line for line in out.splitlines() if line.startswith("pv_module"))
    assert "所引标准待核实" in pv
    code, out, _err = run("--lang", "en", "catalog", "list")
    assert "GB 21455-2019 (cited edition to be confirmed)" in out


def test_catalog_list_json_edition_cites_the_notice(run):
    ed = run.json("catalog", "list", "--json")["edition"]
    assert ed["source"].startswith(
        "国家发展改革委、工业和信息化部、财政部、住房城乡建设部、市场监管总局、国家能源局《关于发布"
    )
    assert "发改环资规〔2024〕127号" in ed["source"] and "自2024年4月1日起实施" in ed["source"]
    assert not dirty(ed["source"]) and not dirty(ed["source_en"]) and not dirty(ed["data_edition"])
    assert "EquipEffi" in ed["provenance"]  # moved, not lost


def test_transformer_rows_cite_the_2020_and_2024_tables():
    rows = get_catalog().product("transformer").rows
    by_table = {(r["standard_edition"], r["table"]): r["source"] for r in rows}
    assert by_table[("GB 20052-2020", "表1")] == (
        "GB 20052—2020《电力变压器能效限定值及能效等级》表1（国家市场监督管理总局、国家标准化管理委员会发布）"
    )
    assert by_table[("GB 20052-2024", "表3")].endswith(
        "表3（国家市场监督管理总局、国家标准化管理委员会 2024-04-29 发布，2025-02-01 实施）"
    )
    # the record ids of the transcription stay in the provenance
    assert all(
        re.match(r"\[EQ-T\]", r["provenance"]) for r in rows if r["standard_edition"] == "GB 20052-2020"
    )
