"""Main journeys in a real browser: every page opens without an error box, targets filter and highlight,
a compare chart draws, a plan is added through the page and then shows in the overview.

Each test writes a screenshot of its page to test-output/screenshots/.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_error_box, go, screenshot, sign_in, wait_for_app
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

PLANS = ("成都市 2022 政府工作报告", "温江区 2023 政府工作报告")  # the cards' short names


def main_text(page) -> str:
    return page.inner_text('[data-testid="stMain"]')


def test_overview_shows_the_four_plans(live_app, page):
    page.goto(live_app)
    wait_for_app(page)
    assert_no_error_box(page)
    page.locator('[data-testid="stMetricLabel"]').nth(3).wait_for()  # all_inner_texts() does not wait
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert len(labels) >= 4 and all(any(plan in label for label in labels[:4]) for plan in PLANS)
    page.locator(".js-plotly-plot").nth(1).wait_for()  # counts by category and by status
    screenshot(page, "overview")


def test_search_targets_and_see_the_quote_highlighted(live_app, page):
    page.goto(f"{live_app}/targets")
    wait_for_app(page)
    assert_no_error_box(page)
    search = page.get_by_label("搜索（指标、原文、牵头单位）")
    search.fill("保障性租赁住房")
    search.press("Enter")
    page.get_by_text(re.compile(r"^共 14 条")).wait_for()
    # the first match in plan order is Chengdu 2022's; expect() waits out the rerun that replaces the
    # quote of the previously selected row
    expect(page.locator("mark").first).to_have_text("6万套(间)")
    assert "q=" in page.url  # the filter is in the URL
    screenshot(page, "targets")


def test_compare_chart_draws_every_plan(live_app, page):
    page.goto(f"{live_app}/compare?indicator=affordable_rental_housing")
    wait_for_app(page)
    assert_no_error_box(page)
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(state="visible")
    labels = chart.inner_text()
    assert "22万套(间) (2023—2027年累计)" in labels and "年均 4.4万套(间)" in labels
    assert page.locator('[data-testid="stDataFrame"]').count() == 1
    screenshot(page, "compare")


def test_progress_page_charts_a_plan(live_app, page):
    page.goto(f"{live_app}/progress?plan=wenjiang_2023")
    wait_for_app(page)
    assert_no_error_box(page)
    page.locator(".js-plotly-plot").first.wait_for(state="visible")
    assert "暂无数据" in main_text(page)
    screenshot(page, "progress")


def test_add_a_plan_through_the_page(live_app, page):
    sign_in(page, live_app, "编辑者乙")
    go(page, "新增规划")
    assert_no_error_box(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        str(ROOT / "tests" / "fixtures" / "mianyang_2025.html")
    )
    page.get_by_text(re.compile("使用上传的文件 mianyang_2025.html")).wait_for()
    for label, value in (
        ("规划编号", "mianyang_2025"),
        ("规划名称（中文）", "绵阳市2025年政府工作报告"),
        ("地区", "绵阳市"),
        ("起始年份", "2025"),
        ("目标年份", "2025"),
    ):
        field = page.get_by_label(label, exact=True)
        for _ in range(10):  # while a rerun redraws the form, a stale copy of a field may still be on the page
            if field.count() == 1:
                break
            page.wait_for_timeout(300)
        field.fill(value)
        field.press("Enter")
        wait_for_app(page)
    page.get_by_text(re.compile(r"^找到 \d+ 条目标")).wait_for()
    page.get_by_role("button", name="保存为新规划").click()
    page.get_by_text(re.compile("^已保存规划 绵阳市2025年政府工作报告")).wait_for()
    assert_no_error_box(page)
    screenshot(page, "add_plan")
    page.get_by_role("link", name="在总览中查看").click()
    wait_for_app(page)
    page.locator('[data-testid="stMetricLabel"]', has_text="绵阳市 2025").first.wait_for()
