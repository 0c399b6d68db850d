"""Labels in Chinese first, with an English switch that changes every label.

The language lives in st.session_state and in the URL (?lang=en), so a shared link keeps it.
Every string a page shows comes from `LABELS` (through `t`), from a (zh, en) pair (through `pick`), or
from the domain vocabulary's own labels (`word`, targets.vocab).
"""

from __future__ import annotations

from enum import StrEnum

import streamlit as st

from targets.origins import ORIGIN_LABELS
from targets.vocab import label_of

LABELS: dict[str, tuple[str, str]] = {
    # frame and navigation
    "app_title": ("规划目标监测", "Target monitor"),
    "language": ("语言", "Language"),
    "nav_overview": ("总览", "Overview"),
    "nav_targets": ("目标", "Targets"),
    "nav_compare": ("对比", "Compare"),
    "nav_progress": ("进展", "Progress"),
    "nav_add_plan": ("新增规划", "Add a plan"),
    "nav_timeline": ("时间线", "Timeline"),
    # overview
    "overview_intro": (
        "从政府工作报告、五年规划建议和行动方案中自动提取的量化目标。",
        "Quantitative targets extracted automatically from work reports, five-year plan proposals and action plans.",
    ),
    "n_targets": ("{n} 条目标", "{n} targets"),
    "plan_help": (
        "共 {q} 个数值（其中实绩/基数 {r} 个），来自 {d} 份文件",
        "{q} quantities ({r} actuals/baselines) from {d} documents",
    ),
    "n_plans_limited": (
        "显示 {n} 个规划中的 {k} 个；在上方选择规划以查看其他规划。",
        "Showing {k} of {n} plans; choose plans above to see others.",
    ),
    "export_preview_limited": (
        "下表预览前 {k} 个规划（共 {n} 个）；选择规划可只导出所选规划，不选则下载文件包含全部规划，点击后生成。",
        "The table previews the first {k} of {n} plans; choose plans to export only those, or download every "
        "plan (the file is written when you click).",
    ),
    "headline": ("重点指标", "Headline indicators"),
    "headline_note": (
        "各规划对同一指标的目标；“未提出”表示规划没有提出，“未载入”表示所载文本（节选）中没有。",
        "Each plan's target for the same indicator; “not set”: the plan sets none; “not loaded”: the text "
        "loaded (an excerpt) lacks it.",
    ),
    "by_category": ("按领域统计的目标数", "Targets by category"),
    "by_status": ("按进展状态统计的目标数", "Targets by progress status"),
    "status_note": (
        "状态针对已归入指标目录、可跨规划比较的目标，按上传实际值和文件所载实绩判断。",
        "Statuses cover the targets matched to the indicator catalog, judged on uploaded actuals and the "
        "figures the documents report.",
    ),
    "sources": ("数据来源", "Where the data came from"),
    "origin_manifest": ("源文件清单", "source manifest"),
    "origin_upload": ("页面新增", "added in the dashboard"),
    "added_by": ("来源", "Added by"),
    # common columns
    "plans": ("规划", "Plans"),
    "plan": ("规划", "Plan"),
    "targets": ("目标", "Targets"),
    "quantities": ("数值", "Quantities"),
    "documents": ("文件", "Documents"),
    "actual_or_baseline": ("实绩/基数", "Actuals/baselines"),
    "building_db": ("首次启动：正在从源文件构建数据库……", "First start: building the database from the sources…"),
    "document": ("文件", "Document"),
    "category": ("领域", "Category"),
    "count": ("数量", "Count"),
    "indicator": ("指标", "Indicator"),
    "indicator_text": ("原文指标", "Indicator as written"),
    "value": ("数值", "Value"),
    "unit": ("单位", "Unit"),
    "norm": ("标准化数值", "Normalised"),
    "norm_unit": ("标准单位", "Canonical unit"),
    "comparator": ("比较", "Comparator"),
    "year": ("年份", "Year"),
    "lead_unit": ("牵头单位", "Lead unit"),
    "metric": ("指标类型", "Metric"),
    "kind": ("类型", "Kind"),
    "dimension": ("量纲", "Unit dimension"),
    "quote": ("原文", "Quote"),
    "where": ("位置", "Where"),
    "title": ("标题", "Title"),
    "issuer": ("发布机关", "Issuer"),
    "published": ("发布日期", "Published"),
    "script": ("字体", "Script"),
    "region": ("地区", "Region"),
    "region_help": (
        "地区名称或代码；已有地区的名称、简称或代码都可以（成都市、成都、510100），新地区会被新建",
        "The region's name or code; an existing region's name, short name or code all work (成都市, 成都, "
        "510100); a new one is made",
    ),
    "region_code": ("地区代码", "Region code"),
    "region_code_help": (
        "可不填：新地区的六位行政区划代码（如绵阳市 510700），用作地区编号",
        "Optional: a new region's six-digit administrative division code (绵阳市 510700), used as its id",
    ),
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
    "severity": ("级别", "Level"),
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
    "status": ("状态", "Status"),
    "all": ("全部", "All"),
    "and_more": ("等", " and more"),
    "n_shown": ("共 {n} 条", "{n} rows"),
    "n_range": ("显示第 {a}–{b} 条", "showing {a}–{b}"),
    "page_number": ("页码（共 {n} 页，每页 {k} 条）", "Page (of {n}, {k} rows each)"),
    "n_plans": ("{n} 个规划", "{n} plans"),
    # targets
    "targets_intro": (
        "筛选并搜索全部提取结果；选中一行可查看原文出处。",
        "Filter and search everything extracted; select a row to see where it comes from.",
    ),
    "search": ("搜索（指标、原文、牵头单位）", "Search (indicator, quote, lead unit)"),
    "no_rows": ("没有符合条件的目标。", "No targets match these filters."),
    "pick_target": ("查看原文出处", "Show the source of"),
    "select_hint": ("在表格中点选一行，或在下方选择。", "Select a row in the table, or choose below."),
    "source_sentence": ("原文出处", "Source sentence"),
    "location": ("位置", "Location"),
    "line": ("第{line}行", "line {line}"),
    "page": ("第{page}页", "page {page}"),
    "page_line": ("第{page}页第{line}行", "page {page}, line {line}"),
    "download_original": ("下载原文件 {name}", "Download the original file {name}"),
    "section": ("章节", "Section"),
    "item": ("条目", "Item"),
    "area": ("适用范围（不参与规划对比）", "Set for part of the region (left out of the comparison)"),
    "context": ("上下文", "Context"),
    # compare
    "compare_intro": (
        "同一指标在各规划中的目标并排比较：区间画成区间，≥/≤/≈ 用不同标记，增速与总量分图显示，"
        "多年累计目标同时给出年均当量。",
        "One indicator's targets across plans side by side: ranges as ranges, ≥/≤/≈ as distinct markers, "
        "growth rates and levels on separate charts, multi-year totals with their annual equivalent.",
    ),
    "compare_by": ("比较对象", "Compare"),
    "by_indicator": ("单个指标", "One indicator"),
    "by_family": ("指标族", "A family of indicators"),
    "family": ("指标族", "Family"),
    "no_comparison": ("所选规划中没有该指标的目标。", "None of the chosen plans sets a target for this."),
    "target": ("目标", "Target"),
    "target_year": ("目标年份", "Target year"),
    "period": ("期限", "Period"),
    "window": ("期间", "Window"),
    "annual_equivalent": ("年均当量", "Annual equivalent"),
    "annual_short": ("年均", "per year"),
    "baseline": ("基数", "Baseline"),
    "actual": ("实际值", "Actual"),
    "actual_year": ("实际值年份", "Actual year"),
    "origin": ("来源", "Source"),
    "actual_source": ("实际值出处", "Where the actual comes from"),
    "other_sources": ("其他来源（未采用）", "Other sources (not used)"),
    # --- timeline page (issue 12): keep this block together ---
    "timeline_intro": (
        "一个地区、一个指标的历年情况：各规划提出的目标，以及上传数据、统计公报、次年工作报告回顾和文件所引基数"
        "给出的实际值。各来源不一致时全部列出，并标明采用了哪一个（上传 > 统计公报 > 次年报告回顾 > 基数，"
        "同类来源以较新的文件为准）。",
        "One region and one indicator across the years: every plan's target, and the actuals from uploads, "
        "statistical communiqués, the next year's work report and the baselines documents quote. Where sources "
        "disagree all are listed with the one used marked (upload > communiqué > a later report's review > "
        "baseline; a later document before an earlier one of the same kind).",
    ),
    "tl_region": ("地区", "Region"),
    "tl_no_region": ("数据库中还没有地区。", "The database has no regions yet."),
    "tl_no_indicator": (
        "该地区没有可归入指标目录的目标或实际值。",
        "The region has no targets or actuals matched to the indicator catalog.",
    ),
    "tl_indicator_option": ("{name} · 目标 {t} · 实际值 {o}", "{name} · {t} targets · {o} actuals"),
    "tl_observed": ("实际值（采用）", "Actual (used)"),
    "tl_other_sources": ("其他来源的数值", "Other sources' figures"),
    "tl_what": ("类型", "What"),
    "tl_plan_or_source": ("规划 / 来源", "Plan / source"),
    "tl_horizon": ("规划期", "Window"),
    "tl_used": ("实际值（采用）", "actual (used)"),
    "tl_not_used": ("实际值（未采用）", "actual (not used)"),
    "tl_table": ("目标与实际值", "Targets and actuals"),
    "tl_pick": ("查看出处", "Show the source of"),
    "tl_source": ("出处", "Source"),
    "tl_select_hint": ("点选表格中的一行查看出处", "select a row to see its source"),
    "line_of_file": ("第 {row} 行", "row {row}"),
    # --- end of the timeline block ---
    "chart_table": ("图表数据", "Chart data"),
    "log_scale": ("对数坐标", "Logarithmic axis"),
    "log_scale_help": (
        "区县与城市的目标相差数十倍时，用对数坐标可同时看清；增速、占比始终用线性坐标。",
        "When a district's target is a fraction of a city's, a log axis shows both; rates and shares stay linear.",
    ),
    "legend_symbols": (
        "标记：▲ 不低于（≥）、▼ 不高于（≤）、◆ 左右（≈）、● 确定值、I 区间；○ 年均当量；□ 基数；✕ 实际值。",
        "Markers: ▲ at least (≥), ▼ at most (≤), ◆ about (≈), ● plain value, I range; ○ annual equivalent; "
        "□ baseline; ✕ actual.",
    ),
    "cumulative_note": ("{start}—{end}年累计", "total {start}–{end}"),
    # progress
    "progress_intro": (
        "所选规划每个目录指标的目标与实际值对照：状态、判断依据（所需值、进度比、差距、完成度）及趋势图。",
        "Each catalog indicator of the chosen plan against its actual: status, the numbers that decided it "
        "(required, pace ratio, gap, attainment) and a chart.",
    ),
    "required": ("所需值", "Required"),
    "ratio": ("进度比", "Pace ratio"),
    "gap": ("差距", "Gap"),
    "attainment": ("完成度", "Attainment"),
    "reason": ("判断依据", "Reason"),
    "method": ("方法", "Method"),
    "charts": ("逐项趋势图", "Chart per indicator"),
    "charts_note": (
        "显示 {n} / {m} 个指标的图（有实际值或基数的优先）；用上方筛选缩小范围。",
        "Charts for {n} of {m} indicators (those with actuals or baselines first); narrow them with the filters.",
    ),
    "no_progress": ("该规划没有可跟踪的目录指标目标。", "This plan has no catalog targets to follow."),
    "required_path": ("所需路径", "Required path"),
    "running_total": ("期内累计完成", "Running total since the start"),
    "target_band": ("目标区间", "Target range"),
    "observed_document": ("文件所载实绩/基数", "Reported in the documents"),
    "observed_upload": ("上传的实际值", "Uploaded actuals"),
    # add a plan
    "add_intro": (
        "上传或粘贴一份新的规划文件（PDF、Word .docx、网页或文本），填写地区、层级和年份，预览提取出的目标后保存；"
        "保存后新规划出现在所有页面。",
        "Upload or paste a new plan document (PDF, Word .docx, web page or text), fill in region, level and years, "
        "preview the targets found, then save: the new plan appears on every page.",
    ),
    "upload": (
        "上传文件（PDF、Word .docx、网页 .html 或文本 .txt）",
        "Upload a file (PDF, Word .docx, a web page .html or text .txt)",
    ),
    "n_pages": ("{n} 页", "{n} pages"),
    "format_pdf": ("PDF", "PDF"),
    "format_docx": ("Word 文档", "Word document"),
    "format_html": ("网页（已取正文）", "web page (main text)"),
    "format_text": ("文本", "text"),
    "paste": ("或粘贴文本", "Or paste the text"),
    "using_file": ("使用上传的文件 {name}（{n} 字）", "Using the uploaded file {name} ({n} characters)"),
    "metadata": ("规划信息", "About the plan"),
    "plan_id": ("规划编号", "Plan id"),
    "plan_id_suggested": ("规划编号未填写，将使用建议编号 {id}。", "No plan id typed: the suggested id {id} is used."),
    "plan_id_help": (
        "小写拼音或英文，下划线分隔，以目标年份结尾，例如 mianyang_2025",
        "Lower-case words joined by _, ending in the end year, e.g. mianyang_2025",
    ),
    "name_zh": ("规划名称（中文）", "Name (Chinese)"),
    "name_en": ("规划名称（英文，可选）", "Name (English, optional)"),
    "level": ("层级", "Level"),
    "plan_type": ("规划类型", "Plan type"),
    "start_year": ("起始年份", "First year"),
    "end_year": ("目标年份", "End year"),
    "doc_title": ("文件标题（可选）", "Document title (optional)"),
    "published_hint": ("发布日期（可选，如 2025-03-14）", "Published (optional, e.g. 2025-03-14)"),
    "preview": ("预览提取结果", "Preview of what is extracted"),
    "preview_counts": ("找到 {t} 条目标、{r} 条实绩/基数。", "Found {t} targets and {r} actuals/baselines."),
    "preview_empty": (
        "文本中没有找到量化目标；请检查文本是否完整。",
        "No quantitative targets found; check that the text is complete.",
    ),
    "no_text": ("请先上传文件或粘贴文本。", "Upload a file or paste the text first."),
    "save": ("保存为新规划", "Save as a new plan"),
    "saved": (
        "已保存规划 {name}：{t} 条目标、{r} 条实绩/基数，用时 {s:.2f} 秒。",
        "Saved {name}: {t} targets and {r} actuals/baselines in {s:.2f} s.",
    ),
    "problems": ("无法保存，请修改以下内容：", "Cannot save yet; please fix:"),
    "field": ("字段", "Field"),
    "field_text": ("文本", "Text"),
    "field_file": ("文件", "File"),
    "rule": ("规则", "Rule"),
    "message": ("说明", "Message"),
    "go_overview": ("在总览中查看", "See it in the overview"),
    "not_comparable_note": (
        "另有 {n} 个目标无法与该指标的实际值比较（如以美元计而该年无汇率），未画入图中，在下表中标为“不可比”。",
        "{n} more targets cannot be set beside this indicator's actuals (a currency without a rate for its"
        " year, for instance); they are not drawn and are marked not comparable in the table.",
    ),
    # --- accounts, audit, writes refused (issue 14): keep this block together ---
    "nav_sign_in": ("登录", "Sign in"),
    "nav_account": ("账户", "Account"),
    "nav_audit": ("审计日志", "Audit log"),
    "nav_accounts": ("账户管理", "Accounts"),
    "sign_in_intro": (
        "编辑者可以上传实际值、新增规划;管理员还可以管理账户、撤回或恢复任何批次。",
        "Editors upload actuals and add plans; admins also manage accounts and withdraw or restore any batch.",
    ),
    "sign_in_required": (
        "此仪表板需要登录后才能查看(服务器对外开放)。",
        "This dashboard needs you to sign in (the server is reachable from other machines).",
    ),
    "account_name": ("账户名", "Account name"),
    "password": ("密码", "Password"),
    "password_again": ("再输入一次密码", "Password again"),
    "sign_in": ("登录", "Sign in"),
    "sign_out": ("退出登录", "Sign out"),
    "signed_in_as": ("已登录:{name}({role})", "Signed in: {name} ({role})"),
    "not_signed_in": ("未登录(只读)", "Not signed in (read only)"),
    "session_ends": ("本次登录 {hours:g} 小时后失效。", "This session ends {hours:g} hours after sign-in."),
    "needs_role": ("此操作需要「{role}」权限,请先以该角色登录。", "This needs the {role} role: sign in as one."),
    "needs_role_signed_in": (
        "你的角色是「{mine}」;此操作需要「{role}」权限。",
        "Your role is {mine}; this needs the {role} role.",
    ),
    "change_password": ("修改我的密码", "Change my password"),
    "new_password": ("新密码", "New password"),
    "password_changed": ("密码已修改。", "Password changed."),
    "passwords_differ": ("两次输入的密码不一致。", "The two passwords differ."),
    "write_refused": ("无法写入:{reason}", "Cannot write: {reason}"),
    "act_limits": (
        "文件上限 {mb} MB、{rows} 行;上传人记为当前账户 {name}。",
        "Up to {mb} MB and {rows} rows per file; the uploader recorded is your account, {name}.",
    ),
    "act_sign_in_to_upload": (
        "上传实际值需要编辑者权限:请在「登录」页登录。",
        "Uploading actuals needs the editor role: sign in on the Sign in page.",
    ),
    "act_change_pick": ("选择批次", "Batch"),
    "act_restore": ("恢复", "Restore"),
    "act_confirm_withdraw": (
        "撤回批次 {batch}:{rows} 行将不再参与计算;以下 {n} 个目标的状态会改变。",
        "Withdraw batch {batch}: {rows} rows stop counting; these {n} statuses will change.",
    ),
    "act_confirm_restore": (
        "恢复批次 {batch}:{rows} 行将重新参与计算;以下 {n} 个目标的状态会改变。",
        "Restore batch {batch}: {rows} rows count again; these {n} statuses will change.",
    ),
    "act_confirm": ("确认", "Confirm"),
    "act_cancel": ("取消", "Cancel"),
    "act_restored": ("批次 {batch} 已恢复。", "Batch {batch} restored."),
    "act_history_search": ("筛选批次（文件名、上传人或批次号）", "Filter batches (file name, uploader or batch id)"),
    "act_history_status": ("批次状态", "Batch status"),
    "act_no_batches_match": ("没有符合条件的批次。", "No batch matches these filters."),
    "act_none_yours": (
        "没有你可以撤回或恢复的批次(编辑者只能操作自己上传的批次)。",
        "No batch you may withdraw or restore (editors change only the batches they uploaded).",
    ),
    "add_sign_in": (
        "新增规划需要编辑者权限:请在「登录」页登录。",
        "Adding a plan needs the editor role: sign in on the Sign in page.",
    ),
    "add_limits": (
        "文件上限 {mb} MB;文本上限 {chars} 字。",
        "Up to {mb} MB per file and {chars} characters of text.",
    ),
    "text_too_long": (
        "文本有 {n} 字,超过上限 {limit} 字:未提取。请只上传规划正文。",
        "The text has {n} characters, over the {limit} limit: nothing was extracted. Upload the plan's text only.",
    ),
    "delete_plan": ("删除新增的规划", "Delete an added plan"),
    "delete_plan_pick": ("规划", "Plan"),
    "delete_plan_confirm": (
        "删除规划 {plan}:{docs} 份文件、{targets} 个数值将被删除(已上传的实际值保留在批次历史中)。",
        "Delete plan {plan}: {docs} documents and {targets} quantities go (uploaded actuals stay in their batches).",
    ),
    "delete_plan_done": ("规划 {plan} 已删除。", "Plan {plan} deleted."),
    "audit_intro": (
        "每一次写入:谁、何时、做了什么(操作、对象、摘要)、从哪里(账户或命令行)。日志只增不改。",
        "Every write: who, when, what (action, objects, summary) and from where (account or command line). "
        "The log is append-only.",
    ),
    "audit_since": ("起始日期", "Since"),
    "audit_actions": ("操作", "Actions"),
    "audit_who": ("操作人", "Who"),
    "audit_download": ("下载 CSV", "Download CSV"),
    "audit_empty": ("没有符合条件的记录。", "No entries match."),
    "at": ("时间", "When"),
    "who": ("操作人", "Who"),
    "action": ("操作", "Action"),
    "object": ("对象", "Object"),
    "summary": ("摘要", "Summary"),
    "audit_origin": ("从哪里", "From"),
    "accounts_intro": (
        "账户与角色:查看者只读;编辑者上传实际值、新增规划、撤回自己的批次;管理员管理一切。",
        "Accounts and roles: viewers read; editors upload actuals, add plans and withdraw their own batches; "
        "admins manage everything.",
    ),
    "role": ("角色", "Role"),
    "disabled": ("已停用", "Disabled"),
    "failed_attempts": ("连续失败", "Failures"),
    "locked_until": ("锁定至", "Locked until"),
    "last_sign_in": ("上次登录", "Last sign-in"),
    "create_account": ("新建账户", "Create an account"),
    "create": ("新建", "Create"),
    "created": ("账户 {name} 已创建。", "Account {name} created."),
    "change_account": ("修改账户", "Change an account"),
    "set_role": ("设为此角色", "Set this role"),
    "disable": ("停用", "Disable"),
    "enable": ("启用(并解除锁定)", "Enable (and unlock)"),
    "reset_password": ("重设密码", "Reset the password"),
    "changed": ("已保存。", "Saved."),
    # --- issue 15: reports, corrections, lead units; keep this block together ---
    "nav_lead_units": ("牵头单位", "Lead units"),
    "years": ("年份", "Years"),
    "scope": ("适用范围", "Scope"),
    "scope_help": (
        "目标只针对地区的一部分时填写（如 国企、中心城区）：不与全地区的实际值比较，也不计入状态统计",
        "Fill in when the target is set for part of the region (国企, 中心城区): it is not judged against "
        "the whole region's actual nor counted in the status totals",
    ),
    "scoped_note": (
        "另有 {n} 个目标只针对地区的一部分（如国企、中心城区），标为“部分范围”，不计入上面的统计。",
        "{n} more targets are set for part of the region (国企, 中心城区): marked part of the region, left out "
        "of the totals above.",
    ),
    "corrected": ("人工更正", "Corrected"),
    "not_set": ("未提出", "not set"),
    "not_set_help": ("该规划的文件没有提出这一指标的目标。", "The plan's documents set no target for this."),
    "not_loaded": ("未载入", "not loaded"),
    "not_loaded_help": (
        "所载文本只是节选：目标可能在未载入的部分，不能说该规划没有提出。",
        "The text loaded is an excerpt: the target may be in the part not loaded; the plan may well set one.",
    ),
    "excerpt_help": (
        "⚠ 所载文本有节选（如报纸刊载的部分），缺少的目标记为“未载入”。",
        "⚠ Part of the text is an excerpt (a newspaper's): targets it lacks read “not loaded”.",
    ),
    "excerpt_note": (
        "⚠ {plan}：{docs} 只是节选，文中没有的目标记为“未载入”，而不是“未提出”。",
        "⚠ {plan}: {docs} is an excerpt; targets it lacks read “not loaded”, not “not set”.",
    ),
    "loaded_text": ("载入文本", "Text loaded"),
    "text_excerpt": ("节选", "excerpt"),
    "text_whole": ("全文", "whole"),
    "as_of": ("截至", "As of"),
    "as_of_latest": ("最新", "latest"),
    "as_of_year": ("{year}年底", "end of {year}"),
    "as_of_help": (
        "按所选年份年底的情况判断：之后的实际值不计，目标年份不晚于它的目标视为期满（已完成/未完成）。",
        "Judge as at the end of that year: later actuals are ignored, targets of that year or earlier are "
        "over (achieved or not achieved).",
    ),
    "as_of_note": ("截至{year}年底：之后的实际值不计。", "As at the end of {year}: later actuals are ignored."),
    "as_of_now": (
        "按现有全部实际值判断；目标年份早于今年的目标视为期满。",
        "Judged on every actual there is; targets of years before this one are over.",
    ),
    "target_source": ("目标出处", "Where the target is written"),
    "source_of": ("出处：{what}", "Source: {what}"),
    "click_for_source": ("点选图中的点或表中的一行，查看其原文出处。", "Click a point or a row to see its source."),
    "no_actual_source": ("该目标尚无实际值。", "This target has no actual yet."),
    "target_plain": ("目标（确定值）", "Target (plain value)"),
    "chart_download": ("下载图表（用于报告）", "Download the chart (for a report)"),
    "chart_pick": ("图表", "Chart"),
    "compare_chart_title": ("{name}：各规划目标对比", "{name}: the plans' targets"),
    "progress_chart_title": ("{name}：目标与实际值（{plan}）", "{name}: target and actuals ({plan})"),
    "baseline_entry": ("补填基数", "Enter a missing baseline"),
    "baseline_entry_note": (
        "以下目标有实际值但缺少基数（规划期开始前一年的数值），无法判断进度。在此填写后作为一个上传批次保存，"
        "与上传文件一样检查单位并记入审计日志。",
        "These targets have an actual but no baseline (the figure of the year before the plan window), so "
        "their pace cannot be judged. A figure entered here is saved as an upload batch, checked like a file "
        "and written to the audit log.",
    ),
    "baseline_save": ("保存基数", "Save the baseline"),
    "baseline_saved": ("已保存为批次 {batch}。", "Saved as batch {batch}."),
    "export_what": (
        "报告表：目标按规划原文写法（含 ≥、约、区间和计量单位），附实际值、完成情况、差距和来源；"
        "Excel 另含完整数据表。",
        "The report: targets as the plans write them (≥, about, ranges, their units) with the actual, status, "
        "gap and source; the Excel workbook adds the full data.",
    ),
    "export_data_csv": ("下载完整数据 CSV", "Download the full data CSV"),
    "export_preview": ("报告预览", "The report"),
    "lead_intro": (
        "各牵头单位承担的目标：规划、目标（按原文写法）、年份和完成情况；可筛选、导出。",
        "What each lead unit owes: plan, target (as written), year and status; filter and export.",
    ),
    "lead_none": ("所选规划没有注明牵头单位的目标。", "The chosen plans name no lead units."),
    "lead_summary": ("各单位汇总", "Per unit"),
    "lead_targets": ("目标清单", "The targets"),
    "lead_unmatched": ("未纳入指标目录", "Not in the catalog"),
    "lead_no_data_note": (
        "尚无实际值；未纳入指标目录的目标无法与实际值对照。",
        "no actual yet; targets outside the catalog cannot be matched to actuals.",
    ),
    "corrections": ("更正", "Corrections"),
    "corrections_intro": (
        "提取难免有误：编辑者可更正所选目标（指标、类型、年份、比较、数值、范围、不可比）、删除、合并重复项或补充遗漏的目标。"
        "更正与提取结果分开保存，重新构建后自动重新应用，可撤销，并在各页面和导出中标注。",
        "Extraction is never perfect: editors correct the selected target (indicator, kind, year, comparator, "
        "value, scope, not comparable), delete it, merge a duplicate or add a missed target. Corrections are "
        "kept apart from the extraction, re-applied after every rebuild, undoable, and marked in every view "
        "and export.",
    ),
    "correct_this": ("更正此目标", "Correct this target"),
    "correct_save": ("保存更正", "Save the correction"),
    "correct_done": ("已保存更正 {id}。", "Correction {id} saved."),
    "delete_or_merge": ("删除或合并重复项", "Delete, or merge a duplicate"),
    "delete_target": ("删除此条", "Delete this one"),
    "delete_done": ("已删除（更正 {id}，可撤销）。", "Deleted (correction {id}, undoable)."),
    "merge_into": ("与之重复的目标", "It repeats"),
    "merge_target": ("合并为一条", "Merge into it"),
    "merge_done": ("已合并（更正 {id}，可撤销）。", "Merged (correction {id}, undoable)."),
    "merge_none": ("同一规划中没有同一指标的其他目标可合并。", "No other target of this indicator in the plan."),
    "add_target": ("补充遗漏的目标", "Add a missed target"),
    "add_quote": ("原文（可选，照文件原样）", "Quote (optional, as the document writes it)"),
    "add_quote_help": (
        "填写文件中的原文（如“增长6%左右”），可定位到所在句子和行；文件中找不到的原文会被拒绝",
        "The words as the document has them (增长6%左右) place the target at its sentence and line; words "
        "the document lacks are refused",
    ),
    "add_save": ("添加", "Add"),
    "add_done": ("已添加（更正 {id}）。", "Added (correction {id})."),
    "added_no_quote": ("人工添加的目标，未注明原文。", "A target added by hand, without a quote."),
    "unit_written": ("单位（含量级，如 万套）", "Unit (with magnitude: 万套)"),
    "value_low": ("下限", "Low end"),
    "value_high": ("上限", "High end"),
    "not_comparable_box": ("不可比", "Not comparable"),
    "correction_note": ("更正说明", "Why"),
    "none": ("（无）", "(none)"),
    "cmp_at_least": ("不低于", "at least"),
    "cmp_more_than": ("超过", "more than"),
    "cmp_at_most": ("不高于", "at most"),
    "cmp_less_than": ("低于", "less than"),
    "cmp_about": ("约", "about"),
    "cmp_equal": ("确定值", "plain value"),
    "cmp_range": ("区间", "range"),
    "correction_history": ("更正记录", "Corrections made"),
    "no_corrections": ("还没有更正。", "No corrections yet."),
    "correction_active": ("生效", "in force"),
    "correction_undone": ("已撤销", "undone"),
    "correction_orphaned": ("目标已不存在", "target gone"),
    "orphans_note": (
        "有 {n} 条更正在重新构建后找不到对应的目标（原文已变化）：更正保留在此，原文恢复时会自动重新应用。",
        "{n} corrections found no target after the last rebuild (the text changed): they are kept here and "
        "re-applied should the text come back.",
    ),
    "undo_pick": ("撤销更正", "Undo a correction"),
    "undo": ("撤销", "Undo"),
    "undo_done": ("已撤销更正 {id}。", "Correction {id} undone."),
    "act_examples_note": (
        "模板中的示例行在“示例”列标有“示例”，导入时会跳过并提示；自己的数据请留空该列。",
        "The template's example rows are marked 示例 in its first column and skipped on import with a "
        "warning; leave that column empty in your own rows.",
    ),
    "act_plan_template": ("为一个规划预填的模板", "A template prefilled for one plan"),
    "act_plan_template_xlsx": ("下载该规划的模板", "Download that plan's template"),
    "act_more_problems": (
        "另有 {n} 条问题未显示；命令行 import-actuals 会列出全部。",
        "{n} more not shown; import-actuals on the command line lists every one.",
    ),
    # --- end of the issue 15 block ---
}

LEVELS = {
    "national": ("全国", "national"),
    "province": ("省级", "province"),
    "city": ("市级", "city"),
    "district": ("区级", "district"),
    "county": ("县级", "county"),
    "other": ("其他", "other"),
}
PLAN_TYPES = {
    "government_work_report": ("政府工作报告", "government work report"),
    "five_year_plan": ("五年规划纲要", "five-year plan"),
    "five_year_plan_proposal": ("五年规划建议", "five-year plan proposal"),
    "action_plan": ("行动方案", "action plan"),
    "livelihood_projects": ("民生实事", "livelihood projects"),
    "statistical_communique": ("统计公报", "statistical communiqué"),
    "five_year_plan_and_work_report": ("五年规划与工作报告", "five-year plan and work report"),
    "other": ("其他", "other"),
}
ORIGINS = ORIGIN_LABELS  # where an actual came from: upload, statistical communiqué, review, baseline
SCRIPTS = {"simplified": ("简体", "simplified"), "traditional": ("繁体", "traditional")}


def lang() -> str:
    """'zh' or 'en': the switch's value once drawn (so app.py's navigation already follows it), else the URL's."""
    choice = st.session_state.get("lang_radio")
    if choice is not None:
        st.session_state["lang"] = "en" if choice == "English" else "zh"
    elif "lang" not in st.session_state:
        st.session_state["lang"] = "en" if st.query_params.get("lang") == "en" else "zh"
    return st.session_state["lang"]


def t(key: str, **values: object) -> str:
    """The label for `key` in the current language, with {placeholders} filled."""
    zh, en = LABELS[key]
    text = en if lang() == "en" else zh
    return text.format(**values) if values else text


def word(enum: type[StrEnum], value: object) -> str:
    """A stored word of the domain vocabulary (a kind, metric, period or status) in the current language."""
    return label_of(enum, value, lang())


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
