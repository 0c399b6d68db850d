"""The actuals journey in a real browser: upload the sample CSV, import it, see statuses change, then
download the comparison export and read its rows."""

from __future__ import annotations

import csv
import io

import pytest

from tests.browser.conftest import assert_no_error_box, go, screenshot, sign_in, wait_for_app
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

SAMPLE = ROOT / "data" / "samples" / "actuals_sample.csv"


def main_text(page) -> str:
    return page.inner_text('[data-testid="stMain"]')


def test_upload_the_sample_and_see_statuses_change_then_export(live_app, page, tmp_path):
    sign_in(page, live_app, "编辑者乙")
    go(page, "实际值")
    page.get_by_text("还没有上传过实际值").wait_for()
    wait_for_app(page)
    assert_no_error_box(page)

    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(SAMPLE))
    commit = page.get_by_role("button", name="导入为一个批次")
    commit.wait_for()
    wait_for_app(page)
    metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
    assert any("读取行数" in m and "106" in m for m in metrics), metrics
    assert any("错误" in m and "0" in m for m in metrics), metrics
    screenshot(page, "actuals-preview")

    commit.click()
    page.get_by_text("已导入 106 行").wait_for()
    wait_for_app(page)
    assert_no_error_box(page)
    freight = page.locator('[data-testid="stTable"] tr', has_text="国际班列开行量").first.inner_text()
    assert "暂无数据" in freight and "已完成" in freight
    screenshot(page, "actuals-imported")

    page.goto(f"{live_app}/export?plan=chengdu_2022")
    page.get_by_role("button", name="下载 CSV").wait_for()
    wait_for_app(page)
    assert_no_error_box(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="下载 CSV").click()
    path = tmp_path / "comparison.csv"
    download.value.save_as(path)
    content = path.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))  # the report table
    assert {r["规划"] for r in rows} == {"成都市2022年政府工作报告目标任务"}
    assert len(rows) > 50
    freight_row = next(r for r in rows if r["指标"] == "国际班列开行量")
    assert freight_row["实际值"].startswith("5064列") and freight_row["完成情况"] == "已完成"
    assert "上传文件actuals_sample.csv" in freight_row["来源"] and "上传人编辑者乙" in freight_row["来源"]
    screenshot(page, "export")
