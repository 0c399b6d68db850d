"""Labels in Chinese first, with an English switch that changes every label.

The language lives in st.session_state and in the URL (?lang=en), so a shared link keeps it.
"""

from __future__ import annotations

import streamlit as st

LABELS: dict[str, tuple[str, str]] = {
    "app_title": ("规划目标监测", "Target monitor"),
    "language": ("语言", "Language"),
    "nav_overview": ("总览", "Overview"),
    "nav_targets": ("目标", "Targets"),
    "overview_intro": (
        "从政府工作报告、五年规划建议和行动方案中自动提取的量化目标。",
        "Quantitative targets extracted automatically from work reports, five-year plan proposals and action plans.",
    ),
    "plans": ("规划", "Plans"),
    "plan": ("规划", "Plan"),
    "targets": ("目标", "Targets"),
    "quantities": ("数值", "Quantities"),
    "actual_or_baseline": ("实绩/基数", "Actuals/baselines"),
    "documents": ("文件", "Documents"),
    "by_category": ("按领域统计的目标数", "Targets by category"),
    "category": ("领域", "Category"),
    "count": ("数量", "Count"),
    "sources": ("数据来源", "Where the data came from"),
    "search": ("搜索(指标、原文、牵头单位)", "Search (indicator, quote, lead unit)"),
    "kind": ("类型", "Kind"),
    "indicator": ("指标", "Indicator"),
    "value": ("数值", "Value"),
    "unit": ("单位", "Unit"),
    "norm": ("标准化数值", "Normalised"),
    "norm_unit": ("标准单位", "Canonical unit"),
    "comparator": ("比较", "Comparator"),
    "year": ("年份", "Year"),
    "lead_unit": ("牵头单位", "Lead unit"),
    "metric": ("指标类型", "Metric"),
    "quote": ("原文", "Quote"),
    "source_sentence": ("原文出处", "Source sentence"),
    "pick_target": ("查看原文出处", "Show the source of"),
    "location": ("位置", "Location"),
    "line": ("第{line}行", "line {line}"),
    "section": ("章节", "Section"),
    "item": ("条目", "Item"),
    "no_rows": ("没有符合条件的目标。", "No targets match these filters."),
    "n_shown": ("共 {n} 条", "{n} rows"),
    "all": ("全部", "All"),
    "title": ("标题", "Title"),
    "issuer": ("发布机关", "Issuer"),
    "published": ("发布日期", "Published"),
    "script": ("字体", "Script"),
    "region": ("地区", "Region"),
    "building_db": ("首次启动:正在从源文件构建数据库……", "First start: building the database from the sources…"),
    # --- actuals and export pages (issue 6): keep this block together ---
    "nav_actuals": ("实际值", "Actuals"),
    "nav_export": ("导出", "Export"),
    "act_intro": (
        "上传规划指标的实际完成值:下载模板,填写后上传,逐行检查并换算单位,确认后作为一个批次导入。",
        "Upload what actually happened: fill in the template, upload it, check it row by row with units "
        "converted, then commit it as one batch.",
    ),
    "act_template": ("1. 下载模板", "1. Download the template"),
    "act_template_help": (
        "每行一个规划、一个指标、一个年份。Excel 模板附有规划和指标编号表。",
        "One row per plan, indicator and year. The Excel template lists the plan and indicator ids.",
    ),
    "act_template_csv": ("下载 CSV 模板", "Download the CSV template"),
    "act_template_xlsx": ("下载 Excel 模板", "Download the Excel template"),
    "act_upload": ("2. 上传并检查", "2. Upload and check"),
    "act_file": ("CSV(UTF-8 或 GBK)或 Excel .xlsx 文件", "CSV (UTF-8 or GBK) or Excel .xlsx file"),
    "act_type_rows": ("或直接录入几行", "Or type a few rows"),
    "act_check_typed": ("检查录入的行", "Check the typed rows"),
    "act_typed_name": ("手动录入", "typed rows"),
    "act_rows": ("读取行数", "Rows read"),
    "act_accepted": ("可导入", "Accepted"),
    "act_errors": ("错误", "Errors"),
    "act_warnings": ("提示", "Warnings"),
    "act_problems": ("问题清单(按行、列、规则)", "Problems (row, column, rule)"),
    "act_preview": ("预览:上传值与换算后的值", "Preview: uploaded and converted values"),
    "act_fix_and_retry": (
        "请修改文件后重新上传;没有写入任何数据。",
        "Fix the file and upload it again; nothing was written.",
    ),
    "act_by": ("上传人(可不填)", "Uploaded by (optional)"),
    "act_commit": ("导入为一个批次", "Import as one batch"),
    "act_committed": (
        "已导入 {rows} 行,批次 {batch}。",
        "Imported {rows} rows as batch {batch}.",
    ),
    "act_already": ("这个文件已导入为批次 {batch}。", "This file was imported as batch {batch}."),
    "act_changes": ("进度状态变化", "Status changes"),
    "act_no_changes": ("本次导入没有改变任何进度状态。", "This import changed no status."),
    "act_history": ("3. 批次历史", "3. Batch history"),
    "act_no_batches": ("还没有上传过实际值。", "No actuals uploaded yet."),
    "act_withdraw_pick": ("撤回批次", "Batch to withdraw"),
    "act_withdraw": ("撤回", "Withdraw"),
    "act_withdrawn": (
        "批次 {batch} 已撤回,其数据保留在历史中但不再参与计算。",
        "Batch {batch} withdrawn: its rows stay in the history and no longer count.",
    ),
    "act_batch_rows": ("查看批次内容", "Rows of a batch"),
    "row": ("行", "Row"),
    "column": ("列", "Column"),
    "rule": ("规则", "Rule"),
    "message": ("说明", "Message"),
    "level": ("级别", "Level"),
    "error": ("错误", "error"),
    "warning": ("提示", "warning"),
    "uploaded_value": ("上传数值", "Uploaded value"),
    "converted_value": ("换算值", "Converted value"),
    "source": ("来源", "Source"),
    "note": ("备注", "Note"),
    "ok": ("通过", "OK"),
    "batch": ("批次", "Batch"),
    "file": ("文件", "File"),
    "uploaded_by": ("上传人", "Uploaded by"),
    "uploaded_at": ("上传时间", "Uploaded at"),
    "rows": ("行数", "Rows"),
    "rows_in_use": ("生效行数", "Rows in use"),
    "status": ("状态", "Status"),
    "withdrawn_at": ("撤回时间", "Withdrawn at"),
    "batch_active": ("有效", "active"),
    "batch_withdrawn": ("已撤回", "withdrawn"),
    "before": ("之前", "Before"),
    "after": ("之后", "After"),
    "export_intro": (
        "规划目标与实际值的对比表(指标 × 规划),可下载 CSV(Excel 可直接打开)或 Excel 工作簿。",
        "The comparison of targets and actuals (indicator × plan), as CSV (opens in Excel) or an Excel workbook.",
    ),
    "export_statuses": ("状态", "Statuses"),
    "export_categories": ("领域", "Categories"),
    "export_csv": ("下载 CSV", "Download CSV"),
    "export_xlsx": ("下载 Excel", "Download Excel"),
    "export_empty": ("没有符合条件的行。", "No rows match these filters."),
    # --- end of the actuals and export block ---
}

KINDS = {"target": ("目标", "target"), "actual": ("实绩", "actual"), "baseline": ("基数", "baseline")}


def lang() -> str:
    """'zh' or 'en'."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = "en" if st.query_params.get("lang") == "en" else "zh"
    return st.session_state["lang"]


def t(key: str, **values: object) -> str:
    """The label for `key` in the current language, with {placeholders} filled."""
    zh, en = LABELS[key]
    text = en if lang() == "en" else zh
    return text.format(**values) if values else text


def pick(pair: tuple[str, str] | None, fallback: str = "") -> str:
    """Choose from a (zh, en) pair in the current language."""
    if not pair:
        return fallback
    return pair[1] if lang() == "en" else pair[0]


def language_switch() -> None:
    """A sidebar switch between 中文 and English, kept in the URL."""
    current = lang()
    choice = st.sidebar.radio(
        "语言 / Language", ["中文", "English"], index=1 if current == "en" else 0, horizontal=True, key="lang_radio"
    )
    new = "en" if choice == "English" else "zh"
    if new != current:
        st.session_state["lang"] = new
    if new == "en":
        st.query_params["lang"] = "en"
    elif "lang" in st.query_params:
        del st.query_params["lang"]
