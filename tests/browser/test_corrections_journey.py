"""Correct a target in a real browser and see it everywhere: an editor corrects Chengdu 2022's housing target on
the Targets page, sees it marked with their name, then downloads the workbook from the Export page and reads
the report sheet back (the corrected figure as a number that shows 7万套(间), the correction in 备注); the
corrected Targets page at phone width too."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import assert_no_error_box, go, screenshot, sign_in, wait_for_app

pytestmark = pytest.mark.browser


def test_an_editor_corrects_a_target_and_the_report_sheet_says_so(live_app, page, tmp_path):
    sign_in(page, live_app, "编辑者乙")
    go(page, "目标")
    search = page.get_by_label("搜索（指标、原文、牵头单位）")
    search.fill("筹集建设保障性租赁住房")
    search.press("Enter")
    wait_for_app(page)
    page.locator("mark", has_text="6万套(间)").first.wait_for()  # Chengdu 2022's, the first match

    page.get_by_text("更正此目标").click()
    form = page.locator('[data-testid="stForm"]').first
    value = form.get_by_label("数值", exact=True)
    value.fill("7")
    form.get_by_label("更正说明").fill("原文为7万套(间)")
    form.get_by_role("button", name="保存更正").click()
    page.get_by_text(re.compile("^已保存更正")).wait_for()
    wait_for_app(page)
    assert_no_error_box(page)
    page.get_by_text(re.compile("✎ .*编辑者乙")).first.wait_for()  # marked beside the source, with its author
    screenshot(page, "correction-saved")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the same page stacked, still readable
    wait_for_app(page)
    screenshot(page, "correction-saved-phone")
    page.set_viewport_size({"width": 1400, "height": 1000})
    wait_for_app(page)

    go(page, "导出")
    with page.expect_download() as download:
        page.get_by_role("button", name="下载 Excel").click()
    path = tmp_path / "report.xlsx"
    download.value.save_as(path)
    sheet = load_workbook(path)["报告"]
    header = [c.value for c in sheet[1]]
    target, note = header.index("目标"), header.index("备注")
    corrected = [r for r in sheet.iter_rows(min_row=2) if r[note].value and "编辑者乙" in r[note].value]
    assert len(corrected) == 1
    cell = corrected[0][target]
    assert (cell.value, cell.number_format) == (7, '0"万套(间)"')  # a number that reads as the plan writes it
