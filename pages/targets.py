"""目标 Targets: filter and search every extracted quantity; pick one to see its source sentence highlighted."""

import streamlit as st

from ui import data
from ui.highlight import highlight
from ui.i18n import KINDS, pick, t
from ui.layout import page_header
from ui.widgets import plan_names, plan_picker, text_filter

page_header("nav_targets")
left, right = st.columns([2, 1])
with left:
    chosen_plans = plan_picker()
with right:
    query = text_filter(t("search"))

rows = data.targets(plans=tuple(chosen_plans), search=query)
st.caption(t("n_shown", n=len(rows)))
if rows.empty:
    st.info(t("no_rows"))
    st.stop()

names = plan_names()
table = rows[
    [
        "plan_id",
        "indicator",
        "comparator",
        "value",
        "value_low",
        "value_high",
        "unit_raw",
        "norm_value",
        "norm_unit",
        "kind",
        "target_year",
        "lead_unit",
        "quote",
    ]
].copy()
table["plan_id"] = table["plan_id"].map(names)
table["kind"] = table["kind"].map(lambda k: pick(KINDS.get(k), k))
table.columns = [
    t("plan"),
    t("indicator"),
    t("comparator"),
    t("value"),
    "low",
    "high",
    t("unit"),
    t("norm"),
    t("norm_unit"),
    t("kind"),
    t("year"),
    t("lead_unit"),
    t("quote"),
]
st.dataframe(table, hide_index=True, width="stretch")

labels = {r.target_id: f"{r.indicator} · {r.quote} ({r.doc_id}:{r.line})" for r in rows.itertuples()}
target_id = st.selectbox(t("pick_target"), list(labels), format_func=labels.get, key="w_pick")
row = rows.set_index("target_id").loc[target_id]
st.subheader(t("source_sentence"))
st.markdown(
    highlight(row["sentence"], int(row["sentence_start"]), int(row["char_start"]), int(row["char_end"])),
    unsafe_allow_html=True,
)
st.caption(
    f"{row['doc_id']} · {t('line', line=int(row['line']))} · {t('section')}: {row['section'] or '—'}"
    + (f" · {t('item')} {row['item']}" if row["item"] else "")
)
