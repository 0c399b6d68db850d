"""Corrections on the Targets page (AppTest): only an editor or an admin sees the forms; a saved correction is
marked on the Targets page and reaches the Progress page and the export; undo brings the extraction back."""

from __future__ import annotations

import pytest
import streamlit as st

from targets import export
from targets.store import Store
from tests.actuals_support import copy_db
from tests.pages import captions, open_page

PAGE = "pages/targets.py"
#: Chengdu 2022's 筹集建设保障性租赁住房6万套(间), found by the Targets page's search
QUERY = {"plan": "chengdu_2022", "q": "筹集建设保障性租赁住房"}


@pytest.fixture
def db(seeded_db, tmp_path, monkeypatch):
    path = copy_db(seeded_db, tmp_path)
    monkeypatch.setenv("TARGET_MONITOR_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def housing(path) -> dict:
    with Store(path) as store:
        rows = store.quantities(plans=["chengdu_2022"], search="筹集建设保障性租赁住房")
        return rows[rows["quote"] == "6万套(间)"].iloc[0].to_dict()


def test_a_viewer_reads_the_source_but_sees_no_correction_form(db):
    at = open_page(PAGE, QUERY, role="viewer", name="韩梅梅")
    target_id = housing(db)["target_id"]
    at.selectbox(key="w_pick").set_value(target_id).run()
    assert not [w for w in at.text_input if w.key and w.key.startswith("w_fix_")]
    assert not [b for b in at.button if b.key == "w_delete_" + target_id]


def test_an_editor_corrects_a_target_and_it_is_marked_judged_and_exported_corrected_then_undone(db):
    at = open_page(PAGE, QUERY, role="editor", name="李雷")
    target_id = housing(db)["target_id"]
    at.selectbox(key="w_pick").set_value(target_id).run()
    at.text_input(key=f"w_fix_value_{target_id}").input("7")
    at.text_input(key=f"w_fix_note_{target_id}").input("原文为7万套(间)")
    next(b for b in at.button if b.label == "保存更正").click().run()
    assert not at.exception, at.exception
    assert any("已保存更正" in s.value for s in at.success)
    row = housing(db)
    assert (row["value"], row["corrected_by"]) == (7, "李雷") and "value" in row["corrected"]
    assert any("✎" in c and "李雷" in c for c in captions(at))  # marked beside the source

    at.query_params["plan"] = "chengdu_2022"
    at.switch_page("pages/progress.py").run()  # the status is judged on the corrected figure
    assert not at.exception, at.exception
    progress = at.dataframe[0].value
    assert any("7万套(间)" in str(v) for v in progress.to_numpy().ravel())

    with Store(db) as store:  # the report says what was corrected, by whom
        report = export.report_table(export.comparison_rows(store, export.ExportFilters(plans=("chengdu_2022",))))
    corrected = report[report["目标"] == "7万套(间)"]
    assert len(corrected) == 1 and "李雷" in corrected.iloc[0]["备注"]

    at.switch_page(PAGE).run()
    at.selectbox(key="w_pick").set_value(target_id).run()
    options = [o for key in ("w_undo_pick", f"w_merge_into_{target_id}") for o in at.selectbox(key=key).options]
    assert any("_" in o for o in options) and not any("\\" in o for o in options), options  # plain text
    at.button(key="w_undo").click().run()
    assert not at.exception, at.exception
    assert any("已撤销更正" in s.value for s in at.success)
    assert housing(db)["value"] == 6 and not housing(db)["corrected"]
    assert at.text_input(key=f"w_fix_value_{target_id}").value == "6"  # the form shows the restored row
