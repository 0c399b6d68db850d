"""总览 Overview: what the plans are (region, years, type, documents, whether the text loaded is partial), their
headline targets with where each is written, target counts by category and by status."""

import streamlit as st

from targets.vocab import Status
from ui import charts, data, tables
from ui.highlight import plain
from ui.i18n import PLAN_TYPES, lang, pick, t
from ui.layout import page_header
from ui.widgets import HEADLINES, category_names, indicator_names, plan_names, plan_picker, plan_short_names

#: plans shown at most (a card, a column and a bar each); with more, a picker chooses which
MAX_PLANS = 12

page_header("app_title", "overview_intro")

plans = data.plans()
names, short = plan_names(), plan_short_names()
if len(plans) > MAX_PLANS:  # a nation's plans: the page shows (and computes) the first ones or those picked
    chosen = plan_picker()[:MAX_PLANS] or list(plans["plan_id"][:MAX_PLANS])
    st.caption(t("n_plans_limited", k=len(chosen), n=len(plans)))
    plans = plans[plans["plan_id"].isin(chosen)]
    names = {p: names[p] for p in plans["plan_id"]}
    short = {p: short[p] for p in plans["plan_id"]}
shown = tuple(plans["plan_id"])
documents = data.documents(shown)
excerpts = set(documents.loc[documents["excerpt"].fillna(False).astype(bool), "plan_id"])
for column, plan in zip(st.columns(max(1, len(plans))), plans.itertuples(), strict=False):
    titles = documents.loc[documents["plan_id"] == plan.plan_id, "title"]
    about = [
        plain(names[plan.plan_id]),
        f"{t('plan_type')}: {pick(PLAN_TYPES.get(plan.plan_type or ''), plan.plan_type or '')}",
        f"{t('years')}: {plan.start_year}–{plan.end_year}",
        t("plan_help", q=plan.quantities, r=plan.quantities - plan.targets, d=plan.documents),
        *(f"· {plain(title)}" for title in titles),
    ]
    if plan.plan_id in excerpts:
        about.append(t("excerpt_help"))
    column.metric(
        plain(short[plan.plan_id]) + (" ⚠" if plan.plan_id in excerpts else ""),
        t("n_targets", n=plan.targets),
        help="  \n".join(about),
    )
for plan_id in (p for p in plans["plan_id"] if p in excerpts):
    parts = documents[(documents["plan_id"] == plan_id) & documents["excerpt"].astype(bool)]
    st.caption(t("excerpt_note", plan=plain(short[plan_id]), docs="、".join(plain(x) for x in parts["title"])))

st.subheader(t("headline"))
st.caption(t("headline_note"))
compared = data.comparison(plans=shown)  # one comparison for the cards and the status counts below
headline = tables.headline_cards(compared[compared["indicator_id"].isin(HEADLINES)], list(shown), excerpts)
indicators = indicator_names()
for indicator in (i for i in HEADLINES if i in headline):
    st.markdown(f"**{plain(indicators.get(indicator, indicator))}**")
    for column, card in zip(st.columns(len(plans)), headline[indicator], strict=True):
        column.metric(
            plain(short[card.plan_id]), card.value, card.note, delta_color="off", delta_arrow="off", help=card.help
        )

st.subheader(t("by_category"))
counts = data.counts_by("category", shown)
counts = counts.assign(plan=counts["plan_id"].map(short), category=counts["category"].map(category_names()))
figure = charts.counts_bar(counts, "plan", "category", {"plan": t("plan"), "n": t("count")}, list(short.values()))
st.plotly_chart(figure, width="stretch", key="chart_category")
st.dataframe(tables.crosstab(counts, "category", "plan", list(short.values())), width="stretch")

st.subheader(t("by_status"))
st.caption(t("status_note"))
statuses = data.status_counts(shown)
st.plotly_chart(charts.status_bar(statuses, short), width="stretch", key="chart_status")
st.dataframe(tables.status_crosstab(statuses, short), width="stretch")
scoped = int((compared["status"] == Status.SCOPED).sum())
if scoped:
    st.caption(t("scoped_note", n=scoped))

st.subheader(t("sources"))
st.dataframe(tables.documents(documents, plans, names, lang()), hide_index=True, width="stretch")
