"""The rule catalogue (targets.actuals.rules) and the report that quotes it (targets.actuals.report):
kebab-case ids documented in the README, messages Chinese first then English, naming the location."""

from __future__ import annotations

import re

import pytest

from targets import actuals
from tests.actuals_support import csv_bytes, planned_store, row
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def store():
    with planned_store() as s:
        yield s


def test_messages_are_chinese_first_then_english_and_name_the_location(store):
    report = actuals.validate(store, csv_bytes([row(value="abc")]), "bad.csv")
    (error,) = report.errors
    zh, en = error.message.split(" / ", 1)
    assert zh.startswith("第 2 行「数值」") and "不是数字" in zh
    assert en.startswith("row 2, column value:") and "not a number" in en
    assert error.as_dict() == {
        "row": 2,
        "column": "value",
        "value": "abc",
        "rule": "not-a-number",
        "message": error.message,
        "message_zh": zh,
        "message_en": en,
        "header": "value",  # the planner's own header (the test file's is the id)
    }
    lines = report.as_text().splitlines()
    assert lines[1] == "row\tcolumn\trule\tvalue\tmessage"
    assert lines[2].startswith("2\tvalue\tnot-a-number\tabc\t")


def test_rule_ids_are_kebab_case_and_every_rule_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in actuals.RULES.values():
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule.id)
        assert f"`{rule.id}`" in readme, f"README does not document {rule.id}"


def test_the_readme_rule_table_is_generated_from_the_rules():
    assert actuals.rules_table() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_problem_with_no_location_is_the_whole_file_and_its_message_has_both_languages():
    found = actuals.problem(None, None, None, "empty-file")
    assert (found.row, found.column, found.value, found.warning) == (None, None, None, False)
    assert found.message == "文件是空的 / the file is empty"


def test_a_long_cell_is_shown_shortened_in_the_report():
    found = actuals.problem(2, "note", "长" * 100, "cell-too-long", limit=60)
    assert found.value == "长" * 57 + "…"


def test_warnings_do_not_make_a_report_invalid():
    report = actuals.Report("f.csv", "0" * 64, [actuals.problem(None, None, None, "ignored-column")])
    assert report.valid and report.errors == [] and len(report.warnings) == 1


def test_a_message_names_the_planners_header_and_its_fix_in_one_language(store):
    """A file with Chinese headers: the problem names 数值 (its header), and the fix is concrete."""
    content = "地区,指标编号,年份,数值,单位\n成都市,new_urban_jobs,2023,23.6万人,\n".encode()
    (error, *_rest) = [e for e in actuals.validate(store, content, "bad.csv").errors if e.column == "value"]
    assert error.header == "数值"
    assert error.message_zh == "第 2 行「数值」:「23.6万人」不是数字;数值改为 23.6,单位填 万人"
    assert (
        error.message_en
        == "row 2, column value: '23.6万人' is not a number; write 23.6 as the value and 万人 as the unit"
    )
