"""目标 Targets (AppTest): filters change the table and live in the URL; a selected row shows its quote highlighted."""

import html

import pytest

from tests.pages import captions, marked, open_page
from ui.highlight import plain

PAGE = "pages/targets.py"
PAGE_ROWS = 200  # pages/targets.py PAGE_ROWS


@pytest.fixture
def db(seeded_db, monkeypatch):
    monkeypatch.setenv("TARGET_MONITOR_DB", str(seeded_db))
    return seeded_db


def count_line(at) -> str:
    """The caption that counts the rows (共 N 条 … / N rows …)."""
    return next(c for c in captions(at) if c.startswith("共 ") or c.split(" ")[1:2] == ["rows"])


def shown(at) -> int:
    """The row count the page reports."""
    return int(count_line(at).split()[1])


def test_unfiltered_page_counts_every_quantity_and_shows_the_first_page(db, seeded_store):
    at = open_page(PAGE)
    total = seeded_store.total("quantities")
    assert total > PAGE_ROWS  # the seeds hold more than one page
    assert shown(at) == total
    assert list(at.dataframe[0].value["原文"]) == list(seeded_store.quantities(limit=PAGE_ROWS)["quote"])
    assert f"共 {total} 条 · 显示第 1–{PAGE_ROWS} 条" in count_line(at)
    assert at.number_input(key="w_target_page").value == 1


def test_the_page_picker_moves_the_rows_and_the_selection(db, seeded_store):
    at = open_page(PAGE)
    first = at.selectbox(key="w_pick").value
    at.number_input(key="w_target_page").set_value(2).run()
    expected = seeded_store.quantities(limit=PAGE_ROWS, offset=PAGE_ROWS)
    assert list(at.dataframe[0].value["原文"]) == list(expected["quote"])
    assert f"显示第 {PAGE_ROWS + 1}–{PAGE_ROWS + len(expected)} 条" in count_line(at)
    # the select box offers this page's rows, and the source shown is one of them (the URL follows)
    assert at.selectbox(key="w_pick").options and at.selectbox(key="w_pick").value != first
    assert at.selectbox(key="w_pick").value == expected.iloc[0]["target_id"] == at.query_params["target"]
    at.run()  # a rerun stays on the page it moved to
    assert at.number_input(key="w_target_page").value == 2
    assert list(at.dataframe[0].value["原文"]) == list(expected["quote"])


def test_a_filter_change_goes_back_to_the_first_page(db, seeded_store):
    at = open_page(PAGE)
    at.number_input(key="w_target_page").set_value(3).run()
    at.multiselect(key="w_kind").set_value(["target"]).run()
    expected = seeded_store.quantities(kinds=["target"], limit=PAGE_ROWS)
    assert list(at.dataframe[0].value["原文"]) == list(expected["quote"])
    assert at.number_input(key="w_target_page").value == 1


def test_the_last_page_shows_the_rest_and_one_page_has_no_picker(db, seeded_store):
    at = open_page(PAGE)
    total = seeded_store.total("quantities")
    last = -(-total // PAGE_ROWS)
    at.number_input(key="w_target_page").set_value(last).run()
    assert len(at.dataframe[0].value) == total - (last - 1) * PAGE_ROWS
    assert f"显示第 {(last - 1) * PAGE_ROWS + 1}–{total} 条" in count_line(at)
    at = open_page(PAGE, query={"q": "绿道"})
    assert not at.number_input  # everything on one page: no picker, no range
    assert count_line(at).startswith(f"共 {len(seeded_store.quantities(search='绿道'))} 条 · 在表格")


def test_a_link_to_a_row_past_the_first_page_opens_its_page(db, seeded_store):
    everything = seeded_store.quantities()
    wanted = everything.iloc[PAGE_ROWS + 17]
    at = open_page(PAGE, query={"target": wanted["target_id"]})
    assert at.number_input(key="w_target_page").value == 2
    assert at.selectbox(key="w_pick").value == wanted["target_id"]
    assert f"<mark>{html.escape(wanted['quote'])}</mark>" in marked(at)[0]
    assert len(at.dataframe[0].value) == PAGE_ROWS  # the page, not the page and the linked row
    at.number_input(key="w_target_page").set_value(1).run()  # the picker moves on from the link's page
    assert list(at.dataframe[0].value["原文"]) == list(everything["quote"][:PAGE_ROWS])


def test_english_caption_says_which_rows_are_shown(db, seeded_store):
    at = open_page(PAGE, english=True)
    total = seeded_store.total("quantities")
    assert count_line(at).startswith(f"{total} rows · showing 1–{PAGE_ROWS} · ")
    assert at.number_input(key="w_target_page").label.startswith("Page (of ")


def test_search_narrows_and_a_selected_target_has_its_quote_highlighted(db, seeded_store):
    at = open_page(PAGE)
    at.text_input(key="w_q").input("保障性租赁住房").run()
    assert shown(at) == len(seeded_store.quantities(search="保障性租赁住房")) < seeded_store.total("quantities")
    wanted = seeded_store.quantities(search="保障性租赁住房", plans=["chongqing_2027"]).iloc[0]
    at.selectbox(key="w_pick").set_value(wanted["target_id"]).run()
    sentence = marked(at)[0]
    assert f"<mark>{html.escape(wanted['quote'])}</mark>" in sentence
    place = " ".join(captions(at))
    assert f"({plain(wanted['doc_id'])})" in place and f"第{wanted['line']}行" in place
    assert "nan" not in place  # a missing lead unit is left out, not shown as nan
    assert at.query_params["target"] == wanted["target_id"]  # the URL opens the same source


def test_selecting_a_table_row_shows_that_rows_source(db, seeded_store):
    at = open_page(PAGE, query={"plan": "wenjiang_2023"})
    rows = seeded_store.quantities(plans=["wenjiang_2023"])
    at.session_state["w_table"] = {"selection": {"rows": [5], "columns": [], "cells": []}}
    at.run()
    assert at.selectbox(key="w_pick").value == rows.iloc[5]["target_id"]
    assert f"<mark>{html.escape(rows.iloc[5]['quote'])}</mark>" in marked(at)[0]


def test_plan_filter_limits_rows_and_is_kept_in_the_url(db):
    at = open_page(PAGE)
    at.multiselect(key="w_plan").set_value(["wenjiang_2023"]).run()
    assert set(at.dataframe[0].value["规划"]) == {"温江区2023年政府工作报告"}
    assert at.query_params["plan"] == "wenjiang_2023"


def test_a_url_reproduces_the_view(db, seeded_store):
    at = open_page(PAGE, query={"plan": "chengdu_2022,chengdu_2025", "kind": "target", "q": "绿道"})
    expected = seeded_store.quantities(plans=["chengdu_2022", "chengdu_2025"], kinds=["target"], search="绿道")
    assert at.multiselect(key="w_plan").value == ["chengdu_2022", "chengdu_2025"]
    assert at.text_input(key="w_q").value == "绿道"
    assert list(at.dataframe[0].value["原文"]) == list(expected["quote"])


@pytest.mark.parametrize(
    ("key", "value", "column", "expected"),
    [
        ("w_cat", ["housing"], "领域", {"住房与城市更新"}),
        ("w_kind", ["actual"], "类型", {"实绩"}),
        ("w_dim", ["area"], "标准单位", {"公顷", "平方米"}),
        ("w_ind", ["affordable_rental_housing"], "指标", {"保障性租赁住房筹集"}),
    ],
)
def test_each_filter_changes_what_is_shown(db, key, value, column, expected):
    at = open_page(PAGE)
    total = len(at.dataframe[0].value)
    at.multiselect(key=key).set_value(value).run()
    table = at.dataframe[0].value
    assert 0 < len(table) < total
    assert set(table[column]) <= expected


def test_values_are_shown_as_written_and_normalised_with_magnitudes(db, seeded_store):
    at = open_page(PAGE, query={"plan": "chongqing_2027", "q": "保障性租赁住房"})
    row = at.dataframe[0].value.iloc[0]
    assert (row["数值"], row["单位"], row["标准化数值"], row["比较"]) == ("22", "万套(间)", "22万", "=")


def test_no_match_says_so(db):
    at = open_page(PAGE, query={"q": "没有这样的指标"})
    assert [i.value for i in at.info] == ["没有符合条件的目标。"]


def test_english_switch_changes_the_labels(db):
    at = open_page(PAGE, english=True)
    assert at.title[0].value == "Targets"
    assert {"Plan", "Kind", "Value", "Unit", "Normalised", "Comparator", "Year", "Lead unit", "Quote"} <= set(
        at.dataframe[0].value.columns
    )
    assert at.subheader[0].value == "Source sentence"


def test_a_quantity_from_a_pdf_shows_its_page_beside_the_sentence(seeded_db, tmp_path, monkeypatch):
    import shutil

    from etl.add_plan import add_plan, read_upload
    from targets.store import Store
    from tests.documents import REPORT, Layout, flowed_pdf
    from tests.test_add_plan import meta

    path = tmp_path / "pdf.duckdb"
    shutil.copy(seeded_db, path)
    data = flowed_pdf(REPORT * 2, Layout(lines_per_page=14))
    with Store(path) as store:
        add_plan(store, meta(), [read_upload("绵阳.pdf", data)])
        wanted = store.quantities(plans=["mianyang_2025"]).query("page == 2").iloc[0]
    monkeypatch.setenv("TARGET_MONITOR_DB", str(path))
    at = open_page(PAGE, query={"plan": "mianyang_2025", "target": wanted["target_id"]})
    place = " ".join(captions(at))
    assert f"第2页第{wanted['page_line']}行" in place and f"第{wanted['line']}行" in place
    assert at.get("download_button")[0].label == "下载原文件 绵阳.pdf"  # type: ignore[union-attr]
