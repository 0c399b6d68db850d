"""Browser tests: Playwright drives Debian's chromium (/usr/bin/chromium) against `streamlit run`.

`live_app` serves the dashboard on a free local port over a fresh copy of the seeded database with one
account of each role (`ACCOUNTS`; `sign_in` signs in, `go` follows the sidebar so the session lasts);
`page` is a Playwright page in headless chromium. Screenshots go to test-output/screenshots/.
Without chromium these tests skip, unless REQUIRE_BROWSER=1 (set by `make test`) makes that a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"chromium not found at {CHROMIUM} (make test installs it with apt-get)")
        pytest.skip("chromium is not installed")


#: accounts in every live database (password PASSWORD): one of each role, and a second editor
ACCOUNTS = {"查看者甲": "viewer", "编辑者乙": "editor", "编辑者丙": "editor", "管理员丁": "admin"}
PASSWORD = "browser test 123"


def prepare_db(seeded_db: Path, directory: Path) -> Path:
    """A private copy of the seeded database with the ACCOUNTS."""
    from targets import accounts
    from targets.audit import Actor
    from targets.store import Store

    db = directory / "live.duckdb"
    shutil.copy(seeded_db, db)
    with Store(db) as store:
        for name, role in ACCOUNTS.items():
            accounts.create_user(store, name, PASSWORD, role, Actor("test", "cli:test"))
    return db


@contextmanager
def serve(db: Path, directory: Path) -> Iterator[str]:
    """Base URL of `streamlit run app.py` serving `db` on a free local port, until the block ends."""
    _require_chromium()
    port = _free_port()
    env = dict(os.environ, TARGET_MONITOR_DB=str(db))
    log = open(directory / "streamlit.log", "w")  # noqa: SIM115 (closed after the server stops)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start: " + (directory / "streamlit.log").read_text())
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture
def live_app(seeded_db, tmp_path) -> Iterator[str]:
    """Base URL of a dashboard serving a private copy of the seeded database (with ACCOUNTS)."""
    _require_chromium()
    with serve(prepare_db(seeded_db, tmp_path), tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN", accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def wait_for_app(page) -> None:
    """Wait until Streamlit has finished running the script (no spinner, app view rendered)."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]')
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelectorAll('[data-testid=\"stMain\"] *').length > 10"
    )
    page.wait_for_timeout(300)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_no_error_box(page) -> None:
    errors = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    assert errors.count() == 0, errors.first.inner_text()


def sign_in(page, base: str, name: str, password: str = PASSWORD) -> None:
    """Sign in on the sign-in page. Later pages must be reached through the app's own links: a new page
    load is a new Streamlit session, which is signed out."""
    page.goto(f"{base}/sign_in")
    wait_for_app(page)
    page.get_by_label("账户名").fill(name)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录").click()
    page.get_by_text(f"已登录:{name}").first.wait_for()
    wait_for_app(page)


def go(page, title: str) -> None:
    """Open a page through the sidebar's navigation (the session, and so the sign-in, goes on)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title).click()
    wait_for_app(page)
