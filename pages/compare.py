"""对比 Compare: one indicator (or a family) across plans in one chart, with the table under it."""

import streamlit as st

from ui import charts, data, tables
from ui.i18n import t
from ui.layout import page_header
from ui.widgets import indicator_names, indicator_or_family, plan_names, plan_picker, url_toggle

page_header("nav_compare", "compare_intro")
left, right = st.columns([3, 2])
with left:
    _mode, indicator_ids, title = indicator_or_family()
with right:
    chosen_plans = plan_picker()
    log = url_toggle("log", t("log_scale"), help=t("log_scale_help"))

#: plans drawn at most when none is chosen: one chart of a nation's plans would be unreadable and slow
MAX_PLANS = 30

names = plan_names()
plan_order = chosen_plans or list(names)
if not chosen_plans and len(names) > MAX_PLANS:  # the first plans that set it, found in SQL
    setting = data.plans_comparing(tuple(indicator_ids))
    plan_order = list(setting[:MAX_PLANS])
    if len(setting) > MAX_PLANS:
        st.caption(t("n_plans_limited", k=MAX_PLANS, n=len(setting)))
rows = data.comparison(tuple(indicator_ids), tuple(plan_order))
st.subheader(title)
if rows.empty:
    st.info(t("no_comparison"))
    st.stop()

indicators = indicator_names()
figure = charts.comparison_figure(rows, plan_order, names, indicators, log=log)
st.plotly_chart(figure, width="stretch", key="chart_compare")
st.caption(t("legend_symbols"))
apart = int((~rows["comparable"].astype(bool)).sum())
if apart:
    st.caption(t("not_comparable_note", n=apart))
st.markdown(f"**{t('chart_table')}**")
st.dataframe(tables.comparison(rows, names, indicators), hide_index=True, width="stretch")
