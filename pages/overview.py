"""总览 Overview: every plan with its target counts, targets by category, and where the data came from."""

import plotly.express as px
import streamlit as st

from ui import data
from ui.i18n import t
from ui.layout import page_header
from ui.widgets import plan_names

page_header("app_title", "overview_intro")

plans = data.plans()
names = plan_names()
columns = st.columns(max(1, len(plans)))
for column, (_, plan) in zip(columns, plans.iterrows(), strict=False):
    column.metric(
        names[plan["plan_id"]],
        f"{plan['targets']} {t('targets')}",
        help=f"{plan['quantities']} {t('quantities')}, {plan['documents']} {t('documents')}",
    )

st.subheader(t("by_category"))
counts = data.counts_by("category")
counts["plan"] = counts["plan_id"].map(names)
counts["category"] = counts["category"].fillna("—")
figure = px.bar(
    counts, x="plan", y="n", color="category", labels={"plan": t("plan"), "n": t("count"), "category": t("category")}
)
st.plotly_chart(figure, width="stretch")
table = counts.pivot_table(index="category", columns="plan", values="n", aggfunc="sum", fill_value=0)
st.dataframe(table, width="stretch")

st.subheader(t("sources"))
docs = data.documents()
shown = docs[["doc_id", "plan_id", "title", "issuer", "published", "script", "quantities"]].copy()
shown["plan_id"] = shown["plan_id"].map(names)
shown.columns = [t("documents"), t("plan"), t("title"), t("issuer"), t("published"), t("script"), t("quantities")]
st.dataframe(shown, hide_index=True, width="stretch")
