"""牵头单位 Lead units (AppTest): what each bureau owes, per unit and status, each target as the plan writes it;
filterable by unit (in the URL) and downloadable; English switch."""

from __future__ import annotations

import pytest

from targets import lead_units
from targets.store import PlanRecord, Store
from tests.actuals_support import copy_db
from tests.pages import open_page

PAGE = "pages/lead_units.py"
PAGE_ROWS = 200  # pages/lead_units.py PAGE_ROWS


@pytest.fixture
def db(seeded_db, monkeypatch):
    monkeypatch.setenv("TARGET_MONITOR_DB", str(seeded_db))
    return seeded_db


def test_every_unit_owes_its_targets_with_status_and_the_plans_numbers(db, seeded_store):
    at = open_page(PAGE, {"plan": "chengdu_2022"})
    summary, table = at.dataframe[0].value, at.dataframe[1].value
    assert list(summary.columns[:3]) == ["地区", "牵头单位", "目标"]  # a unit is its region's
    owed = lead_units.lead_units(seeded_store, ["chengdu_2022"])
    assert len(owed) > PAGE_ROWS  # more than a page: the table shows the first, the summary counts them all
    assert list(table["牵头单位"]) == list(owed["lead_unit"][:PAGE_ROWS])
    assert any(c.value.startswith(f"共 {len(owed)} 条 · 显示第 1–{PAGE_ROWS} 条") for c in at.caption)
    assert set(summary["牵头单位"]) == set(owed["lead_unit"])
    assert summary["目标"].sum() == len(owed)
    at.number_input(key="w_lead_page").set_value(2).run()
    rest = at.dataframe[1].value
    assert list(rest["牵头单位"]) == list(owed["lead_unit"][PAGE_ROWS:])
    assert any(c.value.startswith(f"共 {len(owed)} 条 · 显示第 {PAGE_ROWS + 1}–{len(owed)} 条") for c in at.caption)
    at = open_page(PAGE, {"plan": "chengdu_2022", "unit": "市住建局"})
    housing = at.dataframe[1].value
    assert "6万套(间)" in set(housing["目标"])  # the plan's own unit and magnitude
    assert summary.set_index("牵头单位").loc["市住建局", "目标"] == len(housing)
    assert not at.number_input  # one unit's targets fit on a page


def test_a_row_selected_on_the_second_page_shows_its_own_source(db, seeded_store):
    owed = lead_units.lead_units(seeded_store, ["chengdu_2022"])
    at = open_page(PAGE, {"plan": "chengdu_2022"})
    at.number_input(key="w_lead_page").set_value(2).run()
    at.session_state["w_lead_table"] = {"selection": {"rows": [3], "columns": [], "cells": []}}
    at.run()
    wanted = seeded_store.quantity(owed.iloc[PAGE_ROWS + 3]["target_id"])
    assert any(wanted["quote"] in m.value for m in at.markdown), "the source of the page's fourth row"


def test_a_unit_filter_narrows_the_table_and_keeps_the_url_and_both_downloads_are_offered(db):
    at = open_page(PAGE, {"plan": "chengdu_2022", "unit": "市住建局"})
    table = at.dataframe[1].value
    assert set(table["牵头单位"]) == {"市住建局"} and "市住建局" in at.query_params["unit"]
    assert [b.proto.label for b in at.get("download_button")] == ["下载 CSV", "下载 Excel"]


def test_english_switch_changes_the_headers_and_targets(db):
    at = open_page(PAGE, {"plan": "chengdu_2022"}, english=True)
    table = at.dataframe[1].value
    assert "Lead unit" in table.columns and "60,000 units" in set(table["Target"])  # the housing target, in English


def test_with_more_plans_than_shown_the_page_judges_the_first_ones_and_says_so(seeded_db, tmp_path, monkeypatch):
    """A nation's plans: with none picked, the page computes the first MAX_PLANS plans, never everything."""
    import ui.data

    path = copy_db(seeded_db, tmp_path)
    with Store(path) as store, store.transaction() as cur:
        for i in range(12):
            store.upsert_plan(
                cur,
                PlanRecord(f"extra_{i:02d}", f"某县{i}", f"County {i}", "成都市", "city", "work_report", 2024, 2024),
            )
    monkeypatch.setenv("TARGET_MONITOR_DB", str(path))
    asked: list[tuple[str, ...]] = []
    real = ui.data.lead_units

    def recorded(plans: tuple[str, ...] = (), as_of: int | None = None):
        asked.append(plans)
        return real(plans, as_of)

    monkeypatch.setattr(ui.data, "lead_units", recorded)
    at = open_page(PAGE)
    assert asked and len(asked[-1]) == 12
    assert any("12" in c.value and "16" in c.value for c in at.caption)  # k of n plans, said on the page
