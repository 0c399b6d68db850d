"""Helpers for the AppTest page tests (tests/test_pages_*.py): open a page of app.py, read what it drew."""

from __future__ import annotations

import json
from collections.abc import Mapping

from streamlit.testing.v1 import AppTest

from targets import accounts, config
from targets.audit import Actor
from targets.store import Store
from tests.conftest import ROOT

APP = str(ROOT / "app.py")


#: the password of every account the page tests make
PASSWORD = "test password 123"


def open_page(
    page: str | None = None,
    query: Mapping[str, str] | None = None,
    english: bool = False,
    role: str | None = None,
    name: str | None = None,
) -> AppTest:
    """Run app.py (the overview), then switch to `page` ("pages/targets.py"); the URL holds `query`.
    With `role`, first sign in (through the sign-in form) as `name` (default: the role), an account of
    that role made in the database when missing.

    TARGET_MONITOR_DB must be set (monkeypatch) before calling.
    """
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception, at.exception
    if role:
        sign_in(at, name or role, role)
    if page:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    if english:
        at.sidebar.radio(key="lang_radio").set_value("English").run()
        assert not at.exception, at.exception
    return at


def figures(at: AppTest) -> list[dict]:
    """The Plotly figures the page drew, as their JSON specs."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def marked(at: AppTest) -> list[str]:
    """Markdown bodies holding a highlighted quote."""
    return [m.value for m in at.markdown if "<mark>" in m.value]


def ensure_account(name: str, role: str) -> None:
    """An account `name` with `role` and PASSWORD in the database the app serves."""
    with Store(config.database_path()) as store:
        if accounts.account(store, name) is None:
            accounts.create_user(store, name, PASSWORD, role, Actor("test", "cli:test"))


def sign_in(at: AppTest, name: str, role: str | None = None, password: str = PASSWORD) -> AppTest:
    """Sign in through the sign-in page's form (making the account first when `role` is given)."""
    if role:
        ensure_account(name, role)
    at.switch_page("pages/sign_in.py").run()
    at.text_input(key="w_sign_in_name").input(name)
    at.text_input(key="w_sign_in_password").input(password)
    next(b for b in at.button if b.label in ("登录", "Sign in")).click().run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> list[str]:
    """Every text the page drew that Streamlit renders as Markdown: titles, headers, captions, alerts,
    metric labels and values, widget labels and help, expander labels, st.table cells."""
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info", "success"):
        out.extend(str(getattr(e, "value", "")) for e in at.get(kind))
    for metric in at.metric:
        out.extend([str(metric.label), str(metric.value), str(metric.proto.help)])
    for kind in ("text_input", "selectbox", "multiselect", "radio", "button", "number_input", "text_area", "toggle"):
        for widget in at.get(kind):
            out.append(str(getattr(widget, "label", "")))
            out.append(str(getattr(widget.proto, "help", "")))
    for expander in at.get("expander"):
        out.append(str(getattr(expander, "label", "")))
    for table in at.get("table"):
        out.extend(str(v) for v in getattr(table, "value").to_numpy().ravel())  # noqa: B009 (a Block has none)
    return out
