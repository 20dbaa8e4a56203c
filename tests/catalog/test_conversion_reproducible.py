"""Running the converter on the committed reference copies reproduces the shipped data exactly."""

from __future__ import annotations

from catalog_refdata import REF

from tools import convert_reference as cr


def test_converter_reproduces_shipped_tables(tmp_path):
    rows = cr.convert(REF)
    cr.write_long(rows, tmp_path / "tiers.csv")
    assert (tmp_path / "tiers.csv").read_bytes() == (cr.DATA / "tiers_2024.csv").read_bytes()
    cr.convert_elimination(REF, tmp_path / "elim.csv")
    assert (tmp_path / "elim.csv").read_bytes() == (cr.DATA / "elimination_miit.csv").read_bytes()
