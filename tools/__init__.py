"""Build-time tools: they write the package data and test fixtures and are not part of the runtime package
(the wheel ships only ``retrofit_desktop``). ``./dev build-data`` re-runs them; the tests check that
re-running the converters reproduces the shipped data byte for byte.

* ``convert_reference`` (with ``convert_products``, ``convert_hvac``, ``convert_util``,
  ``convert_elimination``): the tier table and the MIIT elimination list from the reference CSVs;
* ``convert_editions``: the editions in force and the GB 19762-2025 pump rows;
* ``convert_grid``: the grid emission factors (公告2025年第47号 merged into the shipped series);
* ``make_ledger_xlsx``: the sample 设备台账 workbook from the sample CSV;
* ``make_rev0001_fixture``: the revision-0001 workspace the migration tests upgrade;
* ``synthetic_items``: items jittered around every product's thresholds (benchmarks and tests).
"""
