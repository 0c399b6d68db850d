"""The target monitor dashboard. Run with `make run` (or `streamlit run app.py`)."""

from __future__ import annotations

import streamlit as st

from ui import data
from ui.i18n import t

#: (file, label key, icon, url path); the first is the default page
PAGES = (
    ("pages/overview.py", "nav_overview", ":material/dashboard:", "overview"),
    ("pages/targets.py", "nav_targets", ":material/list:", "targets"),
    ("pages/compare.py", "nav_compare", ":material/compare_arrows:", "compare"),
    ("pages/progress.py", "nav_progress", ":material/trending_up:", "progress"),
    ("pages/timeline.py", "nav_timeline", ":material/timeline:", "timeline"),
    ("pages/actuals.py", "nav_actuals", ":material/upload_file:", "actuals"),
    ("pages/export.py", "nav_export", ":material/download:", "export"),
    ("pages/add_plan.py", "nav_add_plan", ":material/note_add:", "add_plan"),
)


def run() -> None:
    st.set_page_config(page_title="规划目标监测 Target monitor", page_icon=":material/flag:", layout="wide")
    pages = [
        st.Page(path, title=t(label), icon=icon, url_path=url, default=(i == 0))
        for i, (path, label, icon, url) in enumerate(PAGES)
    ]
    navigation = st.navigation(pages)
    data.store()  # build the database on first start, before any page queries it
    navigation.run()


run()
