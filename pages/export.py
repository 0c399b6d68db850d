"""导出 Export: the comparison table (indicator × plan) with filters, downloadable as CSV and Excel."""

from functools import partial

import streamlit as st

from targets.export import EXPORT_COLUMNS
from targets.vocab import Status
from ui import data
from ui.i18n import lang, t, word
from ui.layout import page_header
from ui.widgets import plan_picker, set_url_list, url_list

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

page_header("nav_export", "export_intro")

left, middle, right = st.columns(3)
with left:
    plans = tuple(plan_picker())
categories = data.categories()
category_names = dict(
    zip(categories["category_id"], categories["name_en" if lang() == "en" else "name_zh"], strict=True)
)
with middle:
    chosen_categories = st.multiselect(
        t("export_categories"),
        list(category_names),
        default=[c for c in url_list("category") if c in category_names],
        format_func=category_names.__getitem__,
        key="w_export_category",
        placeholder=t("all"),
    )
    set_url_list("category", chosen_categories)
with right:
    chosen_statuses = st.multiselect(
        t("export_statuses"),
        list(Status),
        default=[s for s in url_list("status") if s in set(Status)],
        format_func=partial(word, Status),
        key="w_export_status",
        placeholder=t("all"),
    )
    set_url_list("status", chosen_statuses)

#: plans previewed at most when none is chosen (the files hold every plan the filters keep)
PREVIEW_PLANS = 12

filters = (plans, tuple(chosen_categories), tuple(chosen_statuses))
everything = data.plans()["plan_id"]
preview_plans = plans or tuple(everything[:PREVIEW_PLANS])
table = data.export_table(preview_plans, *filters[1:])
complete = bool(plans) or len(everything) <= PREVIEW_PLANS  # the preview is all the files hold
if not complete:  # the files are written on click, streamed
    st.caption(t("export_preview_limited", k=PREVIEW_PLANS, n=len(everything)))
else:
    st.caption(t("n_shown", n=len(table)))

left, right = st.columns(2)
left.download_button(
    t("export_csv"),
    data=partial(data.export_file, "csv", *filters),  # built on click, not on every visit
    file_name="comparison.csv",
    mime="text/csv",
    key="w_export_csv",
    on_click="ignore",
    icon=":material/download:",
    disabled=table.empty and complete,
)
right.download_button(
    t("export_xlsx"),
    data=partial(data.export_file, "xlsx", *filters),
    file_name="comparison.xlsx",
    mime=XLSX_MIME,
    key="w_export_xlsx",
    on_click="ignore",
    icon=":material/download:",
    disabled=table.empty and complete,
)

if table.empty and complete:
    st.info(t("export_empty"))
    st.stop()

# The preview leads with what planners read (target, actual, status); the files carry every column.
PREVIEW = (
    "indicator",
    "plan_name",
    "comparator",
    "target",
    "unit",
    "target_year",
    "period",
    "value",
    "gap",
    "attainment",
    "status",
    "reason",
    "quote",
    "document",
    "indicator_id",
    "plan",
)
shown = table.copy()
if lang() == "en":
    shown["status"] = shown["status_code"].map(partial(word, Status))
    shown["reason"] = shown["reason_en"]
    shown["indicator"] = shown["indicator_en"]
shown = shown[list(PREVIEW)]
labels = {key: (zh if lang() == "zh" else key.replace("_", " ")) for key, zh, _ in EXPORT_COLUMNS}
shown.columns = [labels[c] for c in shown.columns]
numbers = {labels[c]: st.column_config.NumberColumn(format="localized") for c in ("target", "value", "gap")}
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    key="w_export_table",
    column_config={**numbers, labels["attainment"]: st.column_config.NumberColumn(format="percent")},
)
