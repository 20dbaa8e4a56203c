"""Test set-up: headless Qt, a private data dir, and the `gui` marker applied automatically."""

from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # an explicit QT_QPA_PLATFORM still wins
# Never touch the user's real workspace or settings from tests.
_DATA_DIR = tempfile.mkdtemp(prefix="retrofit-test-data-")
os.environ["RETROFIT_DATA_DIR"] = _DATA_DIR
os.environ.setdefault("RETROFIT_LANG", "zh")

# CI runs the property tests with a fixed derivation of examples, so a landing never depends on a lucky
# draw; local runs keep exploring new examples (and remember failures in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

_QT_FIXTURES = {"qtbot", "qapp", "qtmodeltester"}

#: The tests marked `slow` here (a whole module, or one test with all its parameters): those that took
#: 5 s or more in `./dev test --durations=80` on the shared 2-core machine under a load of ~8 (a
#: second or two on a quiet one): real processes, PDF renders, property tests, the whole main window
#: in Chinese. Listed in one place so that other branches' edits to those modules do not conflict;
#: `@pytest.mark.slow` on a test works as well. `./dev test --quick` leaves them out (README, "Tests");
#: tests/test_slow_marks.py checks that every entry still names a module and a test in it.
SLOW = (
    "tests/catalog/test_frame_agrees.py::test_frame_and_trace_agree",
    "tests/catalog/test_motor.py::test_every_reference_cell_is_converted",
    "tests/catalog/test_naive_reference.py::test_frame_matches_naive_reference",
    "tests/catalog/test_packs.py::test_builtin_data_pass_the_pack_validation",
    "tests/cli/test_cli_exit_codes.py::test_an_internal_error_in_a_real_process",
    "tests/cli/test_cli_signing.py::test_verify_trusted_untrusted_and_unchecked",
    "tests/cli/test_cli_unwritable_output.py::test_template_into_a_folder_nobody_may_write",
    "tests/cli/test_cli_workflow.py::test_enterprise_assess_report_verify_sample",
    "tests/cli/test_zh_cli_and_pdf.py",
    "tests/io/test_import_speedups.py::test_parsing_each_distinct_text_once_matches_parsing_each_cell",
    "tests/io/test_import_speedups.py::test_quoted_csv_gives_the_general_readers_cells_and_line_numbers",
    "tests/io/test_import_speedups.py::test_line_count_on_utf8_bytes_matches_splitlines",
    "tests/io/test_import_speedups.py::test_utf8_csv_reader_gives_the_general_readers_cells",
    "tests/io/test_property.py::test_random_sheets_with_python_cells",
    "tests/io/test_property.py::test_random_csv_tables",
    "tests/io/test_retrofit_fields.py::test_template_has_retrofit_columns_that_read_back",
    "tests/report/test_long_tables.py::test_a_long_report_in_chunks_still_lists_every_item_with_headers",
    "tests/report/test_render.py::test_large_report_paginates_and_repeats_the_table_header",
    "tests/report/test_signature.py",
    "tests/report/test_tolerance.py::test_any_part_set_to_none_or_to_odd_text_still_renders",
    "tests/services/test_assessment_result.py::test_items_equal_the_per_item_payload",
    "tests/services/test_changes.py::"
    "test_undoing_an_import_never_removes_a_row_another_program_wrote_right_after_it",
    "tests/services/test_import_concurrency.py",
    "tests/services/test_import_records.py::test_the_pdf_report_prints_the_imports_and_the_true_counts",
    "tests/services/test_report_deterministic.py",
    "tests/services/test_tamper_suite.py",
    "tests/services/test_total_rows_shown.py::test_the_report_summary_counts_the_total_rows_it_skipped",
    "tests/store/test_read_only_unchanged.py::test_read_only_in_a_folder_nobody_may_write",
    "tests/store/test_round_trip_property.py::test_values_round_trip_exactly",
    "tests/test_i18n.py::test_every_translatable_string_in_the_code_has_chinese",
    "tests/test_slow_marks.py::test_the_marker_selects_the_listed_tests",  # collects in two processes
    "tests/ui/test_app_startup.py::test_app_starts_with_sample_and_writes_screenshot",
    "tests/ui/test_quit_with_work.py",
    "tests/ui/test_read_only_window.py::test_the_app_started_read_only_says_so_and_changes_nothing",
    "tests/ui/test_report_dialog_options.py::test_typed_but_not_run_options_are_used_and_shown",
    "tests/ui/test_scenarios.py::test_both_targets_side_by_side",
    "tests/ui/test_screen_fit.py",
    "tests/ui/test_signing_ui.py",
    "tests/ui/test_translation_cache.py::test_opening_a_current_workspace_imports_neither_alembic_nor_babel",
    "tests/ui/test_zh_gui_strings.py::test_main_window_in_chinese_has_no_english",
    "tests/ui/test_zh_gui_strings.py::test_dialogs_in_chinese_have_no_english",
)


def is_listed_slow(nodeid: str) -> bool:
    """Is the test `nodeid` (as pytest names it from the repository root) in SLOW?"""
    return any(nodeid == s or nodeid.startswith((f"{s}::", f"{s}[")) for s in SLOW)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _QT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)
        if is_listed_slow(item.nodeid):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _reset_language():
    from retrofit_desktop import i18n

    i18n.set_language("zh")
    yield
    i18n.set_language("zh")


# --- `ws`: a fresh workspace on SQLite, and also on PostgreSQL when RETROFIT_TEST_PG_URL is set ---------
# (`./dev test --postgres` starts a throw-away server and sets it). Example:
# RETROFIT_TEST_PG_URL=postgresql+psycopg://postgres@/retrofit_test?host=/tmp/pg&port=54329
# The database is emptied before every test: never point it at real data. tests/ui has its own
# SQLite-only `ws`.
PG_URL = os.environ.get("RETROFIT_TEST_PG_URL")
BACKENDS = ["sqlite", *(["postgresql"] if PG_URL else [])]


def _empty_postgres(url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:  # test-only, PostgreSQL-specific: start from an empty schema
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def ws(request, tmp_path):
    from retrofit_desktop.store import open_workspace

    if request.param == "sqlite":
        w = open_workspace(tmp_path / "ws.sqlite3")
    else:
        _empty_postgres(PG_URL)
        w = open_workspace(PG_URL)
    yield w
    w.close()
