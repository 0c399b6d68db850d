"""The target monitor dashboard. Run with `make run` (or `streamlit run app.py`)."""

from __future__ import annotations

import streamlit as st

from targets.store import StoreError
from ui import auth, data, safe
from ui.i18n import lang, t

#: (file, label key, icon, url path, role needed to see it); the first is the default page
PAGES = (
    ("pages/overview.py", "nav_overview", ":material/dashboard:", "overview", None),
    ("pages/targets.py", "nav_targets", ":material/list:", "targets", None),
    ("pages/compare.py", "nav_compare", ":material/compare_arrows:", "compare", None),
    ("pages/progress.py", "nav_progress", ":material/trending_up:", "progress", None),
    ("pages/timeline.py", "nav_timeline", ":material/timeline:", "timeline", None),
    ("pages/lead_units.py", "nav_lead_units", ":material/account_tree:", "lead_units", None),
    ("pages/actuals.py", "nav_actuals", ":material/upload_file:", "actuals", None),
    ("pages/export.py", "nav_export", ":material/download:", "export", None),
    ("pages/add_plan.py", "nav_add_plan", ":material/note_add:", "add_plan", None),
    ("pages/audit.py", "nav_audit", ":material/history:", "audit", "admin"),
    ("pages/accounts.py", "nav_accounts", ":material/group:", "accounts", "admin"),
)
SIGN_IN = "pages/sign_in.py"


def run() -> None:
    st.set_page_config(page_title="规划目标监测 Target monitor", page_icon=":material/flag:", layout="wide")
    try:
        store = data.store()  # build the database on first start, before any page queries it
    except StoreError as e:  # a database that is missing although it existed, locked, unreadable: one line
        st.error(safe.message(e, lang()), icon=":material/error:")
        st.stop()
    signed_in = auth.account()
    account_page = st.Page(
        SIGN_IN,
        title=t("nav_account" if signed_in else "nav_sign_in"),
        icon=":material/account_circle:" if signed_in else ":material/login:",
        url_path="sign_in",
        default=signed_in is None and not auth.reading_open(),
    )
    if signed_in is None and not auth.reading_open():
        pages = [account_page]  # reading needs sign-in: nothing else until then
    else:
        pages = [
            st.Page(path, title=t(label), icon=icon, url_path=url, default=(i == 0))
            for i, (path, label, icon, url, role) in enumerate(PAGES)
            if role is None or (signed_in is not None and signed_in.may(role))
        ] + [account_page]
    navigation = st.navigation(pages)
    auth.sidebar()
    problem = store.file_problem()
    if problem is not None:  # deleted, replaced or read-only: say so on every page, writes are refused
        st.warning(t("write_refused", reason=safe.message(problem, lang())), icon=":material/warning:")
    try:
        navigation.run()
    except StoreError as e:  # a write or read that failed (disk full …): one line, the app keeps serving
        st.error(safe.message(e, lang()), icon=":material/error:")


run()
