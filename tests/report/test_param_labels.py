"""Key parameters name catalog enumeration values in the report's language (boiler fuel)."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from report_payloads import small_payload

from retrofit_desktop.i18n import use_language
from retrofit_desktop.report import render_report
from retrofit_desktop.report.labels import enum_text


def flat(pdf) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(str(pdf)).pages))


def test_fuel_oil_is_not_the_oil_immersed_transformer():
    with use_language("zh"):
        assert enum_text("oil", "fuel") == "燃油"
        assert enum_text("oil", "transformer_type") == enum_text("oil") == "油浸式"
        assert enum_text("peat", "fuel") == "peat"  # unknown values as they are
    with use_language("en"):
        assert enum_text("natural_gas", "fuel") == "Natural gas"  # the catalog's label, as in the GUI


@pytest.mark.parametrize(("lang", "shown"), [("zh", "燃料天然气"), ("en", "fuelNaturalgas")])
def test_boiler_fuel_in_the_tier_table(tmp_path, lang, shown):
    p = small_payload()
    boiler = dict(
        p["items"][1],
        asset_tag="B-001",
        product="boiler",
        name="燃气锅炉",
        fuel="natural_gas",
        rated_capacity_th=4,
    )
    p["items"].append(boiler)
    text = flat(render_report(p, tmp_path / f"{lang}.pdf", lang=lang))
    assert shown in text and "natural_gas" not in text
