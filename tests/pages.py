"""Helpers for the AppTest page tests (tests/test_pages_*.py): open a page of app.py, read what it drew."""

from __future__ import annotations

import json
from collections.abc import Mapping

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def open_page(page: str | None = None, query: Mapping[str, str] | None = None, english: bool = False) -> AppTest:
    """Run app.py (the overview), then switch to `page` ("pages/targets.py"); the URL holds `query`.

    TARGET_MONITOR_DB must be set (monkeypatch) before calling.
    """
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception, at.exception
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
