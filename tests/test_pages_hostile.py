"""Hostile names on every page (AppTest): a plan, a file, upload cells and an account named with Markdown
links, bold, images, HTML and CSS, maths, strikethrough, Streamlit colour directives and autolinks are
shown as text — escaped in every Markdown element and in every Plotly label — and a plan's 3~5个 keeps
its tildes on the Targets page."""

from __future__ import annotations

import json
import re

import pytest
import streamlit as st

from etl import add_plan as adding
from targets import actuals
from targets.audit import Actor
from targets.store import Store
from tests.actuals_support import copy_db, csv_bytes
from tests.pages import figures, marked, open_page, texts
from tests.test_pages_actuals import signed_in_page, upload

HOSTILE = "**要闻**[点此](http://evil.example/a)<b style='color:red'>红</b>$x^2$~删除~:red[警告]![图](http://evil.example/p.png)"
#: fragments that would be markup if any of HOSTILE reached a renderer unescaped
MARKUP = ("**要闻**", "](http", "<b ", "<b>", "$x^2$", "~删除~", ":red[", "![")
TEXT = "二、2026年主要目标\n全年新增城镇就业5万人以上。新建口袋公园3~5个，完成投资10~20亿元。\n"
PLAN = "hostile_2026"
ACCOUNT = "__王__"  # an account name Markdown would embolden


@pytest.fixture(scope="module")
def db(seeded_db, tmp_path_factory):
    path = copy_db(seeded_db, tmp_path_factory.mktemp("hostile"))
    with Store(path) as store:
        meta = adding.PlanMetadata(
            PLAN, HOSTILE, "绵阳市", "city", 2026, 2026, name_en=HOSTILE, title=HOSTILE, issuer=HOSTILE
        )
        adding.add_plan(store, meta, [adding.read_text(TEXT)])
        rows = [(PLAN, "new_urban_jobs", 2026, 6, "万人", HOSTILE, HOSTILE)]
        columns = ("plan", "indicator_id", "period", "value", "unit", "source", "note")
        actuals.import_actuals(
            store, csv_bytes(rows, header=columns), file_name=f"{HOSTILE}.csv", by=Actor(ACCOUNT, f"account:{ACCOUNT}")
        )
    return path


@pytest.fixture
def served(db, monkeypatch):
    monkeypatch.setenv("TARGET_MONITOR_DB", str(db))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield db
    st.cache_resource.clear()
    st.cache_data.clear()


def unescaped(fragment: str, text: str) -> bool:
    """Whether `fragment` occurs in Markdown `text` with its first character not backslash-escaped."""
    return re.search(r"(?<!\\)" + re.escape(fragment), text) is not None


def assert_text_only(at) -> None:
    """No Markdown element and no chart label of the page holds HOSTILE's markup unescaped."""
    assert not at.exception, at.exception
    for text in texts(at):
        for fragment in MARKUP:
            assert not unescaped(fragment, text), (fragment, text)
    for figure in figures(at):
        spec = json.dumps(figure, ensure_ascii=False)
        for fragment in ("<b style", "<b>红", "<a ", "](http", "%{x^2"):
            assert fragment not in spec, (fragment, spec[:400])


PAGES = [
    ("pages/overview.py", {}),
    ("pages/targets.py", {"plan": PLAN}),
    ("pages/compare.py", {"indicator": "new_urban_jobs"}),
    ("pages/progress.py", {"plan": PLAN}),
    ("pages/export.py", {"plan": PLAN}),
    ("pages/lead_units.py", {}),
    ("pages/actuals.py", {}),
    ("pages/sign_in.py", {}),
]


@pytest.mark.parametrize(("page", "query"), PAGES, ids=[p for p, _ in PAGES])
def test_every_page_shows_hostile_names_as_text(served, page, query):
    assert_text_only(open_page(page, query=query))


@pytest.mark.parametrize("page", ["pages/add_plan.py", "pages/audit.py", "pages/accounts.py", "pages/actuals.py"])
def test_pages_for_editors_and_admins_show_hostile_names_as_text(served, page):
    assert_text_only(open_page(page, role="admin", name=ACCOUNT))


def test_the_hostile_plan_is_on_the_overview_escaped(served):
    at = open_page()
    helps = [m.proto.help for m in at.metric]  # the card says the plan's short name; its help the full name
    assert any(h.startswith("\\*\\*要闻\\*\\*\\[点此\\]") for h in helps), helps


def test_a_long_plan_name_is_cut_on_the_compare_axis_with_the_full_name_in_the_hover(served):
    at = open_page("pages/compare.py", query={"indicator": "new_urban_jobs"})
    figure = figures(at)[0]
    categories = [c for trace in figure["data"] for c in trace.get("y", []) if isinstance(c, str)]
    assert all(len(c.replace("&#", "").replace(";", "")) < 120 for c in categories)
    hovers = " ".join(h for trace in figure["data"] for h in trace.get("hovertext", []) or [] if isinstance(h, str))
    assert "&lt;b style=" in hovers and "evil.example/p.png" in hovers


def test_tildes_in_plan_text_are_kept_on_the_targets_page(served):
    with Store(served) as store:
        rows = store.quantities(plans=[PLAN])
    park = rows[rows["sentence"].str.contains("3~5个")].iloc[0]
    at = open_page("pages/targets.py", query={"plan": PLAN, "target": park["target_id"]})
    sentence = " ".join(marked(at))
    assert "3&#126;5个" in sentence and "10&#126;20亿元" in sentence
    assert "~" not in sentence  # every tilde a character reference: never ~strikethrough~


def test_an_upload_named_with_markup_is_shown_as_text_in_its_error_and_status_table(served):
    at = signed_in_page(ACCOUNT, "editor")
    upload(at, f"{HOSTILE}.csv", csv_bytes([(PLAN, "new_urban_jobs", 2026, "abc", "万人")]))
    assert at.error and not any(unescaped(fragment, at.error[0].value) for fragment in MARKUP)
    upload(at, f"{HOSTILE}2.csv", csv_bytes([(PLAN, "new_urban_jobs", 2026, 4, "万人")]))
    at.button(key="w_commit").click().run()
    assert at.table, "the status change table"
    assert_text_only(at)
