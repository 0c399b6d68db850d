"""Main journeys in a real browser: open pages, filter targets, see the quote highlighted."""

import pytest

from tests.browser.conftest import assert_no_error_box, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def test_overview_shows_the_four_plans(live_app, page):
    page.goto(live_app)
    wait_for_app(page)
    assert_no_error_box(page)
    metrics = page.locator('[data-testid="stMetric"]')
    assert metrics.count() == 4
    assert "温江区2023年政府工作报告" in page.inner_text('[data-testid="stMain"]')
    screenshot(page, "overview")


def test_search_targets_and_see_the_quote_highlighted(live_app, page):
    page.goto(f"{live_app}/targets?q=保障性租赁住房")
    wait_for_app(page)
    assert_no_error_box(page)
    mark = page.locator("mark").first
    mark.wait_for()
    assert "万套(间)" in mark.inner_text() or "套" in mark.inner_text()
    screenshot(page, "targets")
