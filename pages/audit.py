"""审计日志 Audit log (admins): every write with who, when, what and from where, filtered; a CSV download."""

from datetime import date, datetime, timedelta

import streamlit as st

from targets import audit
from ui import auth, data
from ui.i18n import lang, pick, t
from ui.layout import page_header

page_header("nav_audit", "audit_intro")
if not auth.may("admin"):
    auth.refuse("admin")
    st.stop()

left, middle, right = st.columns([1, 2, 1])
since = left.date_input(t("audit_since"), value=date.today() - timedelta(days=30), key="w_audit_since")
actions = middle.multiselect(
    t("audit_actions"),
    list(audit.ACTIONS),
    format_func=lambda a: pick(audit.ACTIONS[a], a),
    key="w_audit_actions",
    placeholder=t("all"),
)
entries = data.audit_log(datetime.combine(since, datetime.min.time()) if since else None, tuple(actions))
people = sorted(set(entries["who"]))
who = right.selectbox(t("audit_who"), ["", *people], format_func=lambda w: w or t("all"), key="w_audit_who")
if who:
    entries = entries[entries["who"] == who]
st.caption(t("n_shown", n=len(entries)))
if entries.empty:
    st.info(t("audit_empty"))
    st.stop()
shown = entries.sort_values("seq", ascending=False)[["at", "who", "action", "object", "summary", "origin"]].copy()
shown["action"] = shown["action"].map(lambda a: pick(audit.ACTIONS.get(a), a) if lang() == "zh" else a)
shown.columns = [t("audit_origin" if c == "origin" else c) for c in shown.columns]
st.dataframe(shown, hide_index=True, width="stretch", key="w_audit_table")  # a data grid: text shown as text
st.download_button(
    t("audit_download"),
    data=audit.render(entries, "csv").encode("utf-8-sig"),
    file_name="audit.csv",
    mime="text/csv",
    key="w_audit_csv",
    on_click="ignore",
    icon=":material/download:",
)
