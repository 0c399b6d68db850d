"""导出 Export: the report a planner pastes (numbers as the plan writes them, a source behind every row), with
filters and an as-of year; downloadable as the report CSV, an Excel workbook (报告, 数据, 说明, 实际值) and
the full data CSV."""

from dataclasses import replace
from functools import partial

import streamlit as st

from targets.vocab import Status
from ui import data
from ui.i18n import lang, t, word
from ui.layout import page_header
from ui.widgets import as_of_select, plan_picker, set_url_list, url_list

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

page_header("nav_export", "export_intro")

left, middle, right, last = st.columns([3, 2, 2, 1])
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
with last:
    as_of = as_of_select()

#: plans previewed at most when none is chosen (the files hold every plan the filters keep)
PREVIEW_PLANS = 12

choice = data.ExportChoice(plans, tuple(chosen_categories), tuple(chosen_statuses), as_of, lang())
everything = data.plans()["plan_id"]
preview_plans = plans or tuple(everything[:PREVIEW_PLANS])
report = data.export_report(replace(choice, plans=preview_plans))
complete = bool(plans) or len(everything) <= PREVIEW_PLANS  # the preview is all the files hold
if not complete:  # the files are written on click, streamed
    st.caption(t("export_preview_limited", k=PREVIEW_PLANS, n=len(everything)) + " · " + t("export_what"))
else:
    st.caption(t("n_shown", n=len(report)) + " · " + t("export_what"))

columns = st.columns(3)
for column, (label, fmt, table, name, mime) in zip(
    columns,
    (
        ("export_xlsx", "xlsx", "report", "规划目标对比.xlsx", XLSX_MIME),
        ("export_csv", "csv", "report", "规划目标对比-报告.csv", "text/csv"),
        ("export_data_csv", "csv", "data", "规划目标对比-数据.csv", "text/csv"),
    ),
    strict=True,
):
    column.download_button(
        t(label),
        data=partial(data.export_file, fmt, choice, table),  # built on click, streamed, not on every visit
        file_name=name,
        mime=mime,
        key=f"w_export_{fmt}_{table}",
        on_click="ignore",
        icon=":material/download:",
        disabled=report.empty and complete,
        width="stretch",
    )

if report.empty and complete:
    st.info(t("export_empty"))
    st.stop()

st.markdown(f"**{t('export_preview')}**")
st.dataframe(report, hide_index=True, width="stretch", key="w_export_table", row_height=60, height=640)
