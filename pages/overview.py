"""总览 Overview: every plan with its target counts by category and by status, headline targets, sources."""

import streamlit as st

from ui import charts, data, tables
from ui.highlight import plain
from ui.i18n import lang, t
from ui.layout import page_header
from ui.widgets import category_names, indicator_names, plan_names, plan_picker

#: indicators every planner asks about first; each plan's target is shown as a card
HEADLINES = ("gdp_growth", "new_urban_jobs", "affordable_rental_housing", "green_space_new")

#: plans shown at most (a card, a column and a bar each); with more, a picker chooses which
MAX_PLANS = 12

page_header("app_title", "overview_intro")

plans = data.plans()
names = plan_names()
if len(plans) > MAX_PLANS:  # a nation's plans: the page shows (and computes) the first ones or those picked
    chosen = plan_picker()[:MAX_PLANS] or list(plans["plan_id"][:MAX_PLANS])
    st.caption(t("n_plans_limited", k=len(chosen), n=len(plans)))
    plans = plans[plans["plan_id"].isin(chosen)]
    names = {p: names[p] for p in plans["plan_id"]}
shown = tuple(plans["plan_id"])
for column, plan in zip(st.columns(max(1, len(plans))), plans.itertuples(), strict=False):
    column.metric(
        plain(names[plan.plan_id]),
        t("n_targets", n=plan.targets),
        help=t("plan_help", q=plan.quantities, r=plan.quantities - plan.targets, d=plan.documents),
    )

st.subheader(t("headline"))
st.caption(t("headline_note"))
compared = data.comparison(plans=shown)  # one comparison for the cards and the status counts below
headline = tables.headline_cards(compared[compared["indicator_id"].isin(HEADLINES)], list(shown))
indicators = indicator_names()
for indicator in (i for i in HEADLINES if i in headline):
    st.markdown(f"**{indicators.get(indicator, indicator)}**")
    for column, card in zip(st.columns(len(plans)), headline[indicator], strict=True):
        column.metric(
            plain(names[card.plan_id]), card.value, card.note, delta_color="off", delta_arrow="off", help=card.help
        )

st.subheader(t("by_category"))
counts = data.counts_by("category", shown)
counts = counts.assign(plan=counts["plan_id"].map(names), category=counts["category"].map(category_names()))
figure = charts.counts_bar(counts, "plan", "category", {"plan": t("plan"), "n": t("count")}, list(names.values()))
st.plotly_chart(figure, width="stretch", key="chart_category")
st.dataframe(tables.crosstab(counts, "category", "plan", list(names.values())), width="stretch")

st.subheader(t("by_status"))
st.caption(t("status_note"))
statuses = data.status_counts(shown)
st.plotly_chart(charts.status_bar(statuses, names), width="stretch", key="chart_status")
st.dataframe(tables.status_crosstab(statuses, names), width="stretch")

st.subheader(t("sources"))
st.dataframe(tables.documents(data.documents(shown), plans, names, lang()), hide_index=True, width="stretch")
