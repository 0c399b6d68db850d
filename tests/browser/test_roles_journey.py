"""Who may change what, in a real browser: a viewer signs in and cannot upload or withdraw; an editor uploads,
sees only their own batch offered (not another editor's, not the sample), withdraws it after a
confirmation stating the rows and the statuses that change, and restores it; an admin reads it all back
in the audit log's CSV."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.browser.conftest import assert_no_error_box, go, prepare_db, screenshot, serve, sign_in, wait_for_app
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

SAMPLE = ROOT / "data" / "samples" / "actuals_sample.csv"


@pytest.fixture
def live(seeded_db, tmp_path):
    """The dashboard over a database with the sample batch (command line) and a batch of 编辑者丙."""
    from targets import actuals
    from targets.accounts import Account
    from targets.audit import Actor
    from targets.store import Store
    from tests.actuals_support import csv_bytes

    db = prepare_db(seeded_db, tmp_path)
    with Store(db) as store:
        actuals.import_actuals(store, SAMPLE, by=Actor("示例数据 sample", "cli:ops"))
        theirs = csv_bytes([("chengdu_2025", "new_urban_jobs", 2024, 25, "万人")])
        actuals.import_actuals(store, theirs, file_name="丙的数据.csv", by=Account("编辑者丙", "editor"))
    with serve(db, tmp_path) as url:
        yield url


def new_page(browser):
    """A page in a browser context of its own: a person of their own, signed out."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


def offered(page) -> str:
    """The batch the withdraw/restore box shows."""
    box = page.locator('[data-testid="stSelectbox"]', has_text="选择批次")
    return box.inner_text() + " " + " ".join(box.locator("input").evaluate_all("els => els.map(e => e.value)"))


def test_a_viewer_cannot_withdraw_and_an_editor_withdraws_only_their_own_batch(live, browser, tmp_path):
    viewer, page = new_page(browser)
    sign_in(page, live, "查看者甲")
    go(page, "实际值")
    page.get_by_text("你的角色是「查看者」").first.wait_for()
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert page.get_by_role("button", name="撤回").count() == 0
    page.get_by_text("3. 批次历史").wait_for()  # the history is there to read (a data grid: drawn, not text)
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    screenshot(page, "roles-viewer-actuals")
    viewer.close()

    editor, page = new_page(browser)
    sign_in(page, live, "编辑者乙")
    go(page, "实际值")
    page.get_by_text("没有你可以撤回或恢复的批次").wait_for()  # neither the sample nor 丙's batch
    mine = tmp_path / "乙的数据.csv"
    mine.write_text("规划,指标编号,年份,数值,单位\nchengdu_2022,new_urban_jobs,2022,23.5,万人\n", encoding="utf-8")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(mine))
    page.get_by_role("button", name="导入为一个批次").click()
    page.get_by_text("已导入 1 行").wait_for()
    wait_for_app(page)
    assert "乙的数据.csv" in offered(page) and "编辑者乙" in offered(page)
    page.get_by_role("button", name="撤回").click()
    page.get_by_text("1 行将不再参与计算").wait_for()
    screenshot(page, "roles-editor-confirm-withdraw")
    page.get_by_role("button", name="确认").click()
    page.get_by_text("已撤回,其数据保留在历史中").wait_for()  # the message, not the history's status cell
    wait_for_app(page)
    page.get_by_role("button", name="恢复").click()
    page.get_by_text("1 行将重新参与计算").wait_for()
    page.get_by_role("button", name="确认").click()
    page.get_by_text(re.compile(r"^批次 \S+ 已恢复")).wait_for()
    assert_no_error_box(page)
    screenshot(page, "roles-editor-restored")
    editor.close()

    admin, page = new_page(browser)
    sign_in(page, live, "管理员丁")
    go(page, "审计日志")
    page.get_by_role("button", name="下载 CSV").wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="下载 CSV").click()
    path = tmp_path / "audit.csv"
    download.value.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    by_editor = [(r["action"], r["origin"]) for r in rows if r["who"] == "编辑者乙" and r["action"] != "sign-in"]
    assert by_editor == [
        ("import", "account:编辑者乙"),
        ("withdraw", "account:编辑者乙"),
        ("restore", "account:编辑者乙"),
    ]
    assert {r["who"] for r in rows if r["action"] == "sign-in"} >= {"查看者甲", "编辑者乙", "管理员丁"}
    screenshot(page, "roles-admin-audit")
    admin.close()
