"""The rule catalogue: every check an upload must pass, with a stable kebab-case id and its messages.

The README's rule table is `rules_table()`; a test keeps the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """A check an upload must pass: a stable id, a title and a message template in both languages."""

    id: str
    title_zh: str
    title_en: str
    zh: str
    en: str
    warning: bool = False


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("empty-file", "空文件", "empty file", "文件是空的", "the file is empty"),
        Rule("no-rows", "没有数据行", "no data rows", "只有表头,没有数据行", "the file has a header but no data rows"),
        Rule(
            "file-too-large",
            "文件过大",
            "file too large",
            "文件大小 {size} 超过上限 {limit};请拆分成多个文件",
            "the file is {size}, over the {limit} limit; split it into several files",
        ),
        Rule(
            "too-many-rows",
            "行数过多",
            "too many rows",
            "超过 {limit} 行的上限;请拆分成多个文件",
            "more than {limit} rows; split the file into several files",
        ),
        Rule(
            "wrong-file-type",
            "文件类型不对",
            "wrong file type",
            "{detail_zh};请上传 CSV(UTF-8 或 GBK 编码,逗号或制表符分隔)或 Excel .xlsx 文件",
            "{detail_en}; upload a CSV (UTF-8 or GBK, comma or tab separated) or an Excel .xlsx file",
        ),
        Rule(
            "encoding-error",
            "无法识别编码",
            "unknown encoding",
            "文件既不是 UTF-8 也不是 GBK/GB18030 编码;请在 Excel 中另存为「CSV UTF-8」",
            "the file is neither UTF-8 nor GBK/GB18030; in Excel, save it as 'CSV UTF-8'",
        ),
        Rule(
            "mixed-encoding",
            "编码混杂",
            "mixed encodings",
            "文件前面是 {first} 编码,从这一行起是 {other} 编码(可能是两个文件拼在一起);"
            "请在 Excel 中把整个文件另存为「CSV UTF-8」",
            "the file is {first} up to here and {other} from this line on (two files put together?); save the "
            "whole file as 'CSV UTF-8'",
        ),
        Rule(
            "sheet-too-large",
            "工作表范围过大",
            "sheet too large",
            "工作表「{sheet}」声明的范围为 {value}(行 × 列),超过 {rows} 行或 {columns} 列的上限;"
            "请删去远处的空白单元格或只复制数据区域",
            "the sheet '{sheet}' declares {value} (rows × columns), over {rows} rows or {columns} columns; delete "
            "stray cells far away, or copy only the data into a new sheet",
        ),
        Rule(
            "parse-budget",
            "读取超时",
            "reading took too long",
            "读到第 {at} 行时已超过 {seconds} 秒,已停止读取;请拆分文件或删去多余的行列",
            "reading stopped at row {at} after {seconds} s; split the file or remove stray rows and columns",
        ),
        Rule(
            "malformed-csv",
            "CSV 格式错误",
            "malformed CSV",
            "无法按 CSV 读取:{detail}",
            "cannot be read as CSV: {detail}",
        ),
        Rule(
            "missing-column",
            "缺少列",
            "missing column",
            "缺少必需的列「{name_zh}」(表头可写 {aliases})",
            "the required column '{name_en}' is missing (header may be {aliases})",
        ),
        Rule(
            "duplicate-column",
            "列重复",
            "duplicate column",
            "「{name_zh}」列出现了两次(第 {first} 列和第 {second} 列)",
            "the column '{name_en}' appears twice (columns {first} and {second})",
        ),
        Rule("missing-cell", "缺少内容", "missing cell", "「{name_zh}」不能为空", "'{name_en}' must not be empty"),
        Rule(
            "cell-too-long",
            "内容过长",
            "cell too long",
            "超过 {limit} 个字符",
            "longer than {limit} characters",
        ),
        Rule(
            "formula-cell",
            "公式单元格",
            "formula cell",
            "「{value}」以 {start} 开头,Excel 会把它当作公式;请填写数值或纯文本(去掉开头的 {start})",
            "'{value}' starts with {start}, which Excel runs as a formula; write a plain number or text",
        ),
        Rule(
            "extra-cell",
            "多出的单元格",
            "extra cell",
            "第 {position} 列有内容「{value}」,但表头只有 {width} 列;数字中的逗号(如 22,074.7)会把一个数拆成两列,"
            "请去掉千位分隔符或给单元格加引号",
            "column {position} holds '{value}' but the header has {width} columns; a comma inside a number "
            "(22,074.7) splits it in two: remove the thousands separator or quote the cell",
        ),
        Rule(
            "control-character",
            "控制字符",
            "control character",
            "含有控制字符 {char}(如 NUL),这不是正常文本;请删去后重试",
            "holds the control character {char} (such as NUL), which is not text; remove it",
        ),
        Rule(
            "implausible-value",
            "数值不合理",
            "implausible value",
            "「{value}」超出指标「{indicator}」的合理范围({range_zh});请检查数值和单位",
            "'{value}' is outside what the indicator '{indicator}' can be ({range_en}); check the number and unit",
        ),
        Rule(
            "unknown-region",
            "未知地区",
            "unknown region",
            "没有名称或代码为「{value}」的地区;可用的地区:{choices}",
            "no region has the name or code '{value}'; regions: {choices}",
        ),
        Rule(
            "ambiguous-region",
            "地区名称有歧义",
            "ambiguous region",
            "「{value}」可以指多个地区:{choices};请填写其中一个的全称或代码",
            "'{value}' may mean several regions: {choices}; write the full name or code of one",
        ),
        Rule(
            "region-plan-mismatch",
            "地区与规划不一致",
            "region and plan disagree",
            "规划「{plan}」属于地区「{plan_region}」,不是「{value}」;请只填地区,或改正其中一个",
            "the plan '{plan}' is for {plan_region}, not '{value}'; give the region only, or correct one of them",
        ),
        Rule(
            "period-out-of-range",
            "年份超出范围",
            "year out of range",
            "{value} 年不在 {low}–{high} 年之内;实际值只能是已经过去或当年的数",
            "{value} is outside {low}–{high}; an actual is a figure of a past year or of this year",
        ),
        Rule(
            "unknown-plan",
            "未知规划",
            "unknown plan",
            "没有编号为「{value}」的规划;可用的规划编号:{choices}",
            "no plan has the id '{value}'; plan ids: {choices}",
        ),
        Rule(
            "unknown-indicator",
            "未知指标",
            "unknown indicator",
            "指标目录中没有「{value}」;请使用模板「指标」表中的编号或名称",
            "the catalog has no indicator '{value}'; use an id or name from the template's indicator sheet",
        ),
        Rule(
            "ambiguous-indicator",
            "指标名称有歧义",
            "ambiguous indicator",
            "「{value}」可以指多个指标:{choices};请在「指标编号」列填写其中一个",
            "'{value}' may mean several indicators: {choices}; put one of these ids in 'indicator id'",
        ),
        Rule(
            "indicator-mismatch",
            "指标编号与名称不一致",
            "indicator id and name disagree",
            "指标名称「{value}」对应 {choices},与指标编号「{indicator_id}」不一致",
            "the name '{value}' means {choices}, not the id '{indicator_id}'",
        ),
        Rule(
            "not-a-number",
            "不是数字",
            "not a number",
            "「{value}」不是数字;{fix_zh}",
            "'{value}' is not a number; {fix_en}",
        ),
        Rule(
            "not-a-year",
            "不是年份",
            "not a year",
            "「{value}」不是年份;请填写四位数年份,如 2023",
            "'{value}' is not a year; write a four-digit year such as 2023",
        ),
        Rule(
            "period-outside-plan",
            "年份超出规划期",
            "year outside the plan",
            "{value} 年不在规划「{plan}」的年份内(可填 {low}–{high} 年,含规划开始前一年的基数)",
            "{value} is outside the plan '{plan}' (years {low}–{high}, including the baseline year before it)",
        ),
        Rule(
            "unknown-unit",
            "无法识别的单位",
            "unknown unit",
            "无法识别单位「{value}」;指标「{indicator}」的单位是 {unit}",
            "the unit '{value}' is unknown; the indicator '{indicator}' is measured in {unit}",
        ),
        Rule(
            "wrong-unit",
            "单位与指标不符",
            "unit does not fit the indicator",
            "单位「{value}」无法换算为指标「{indicator}」的单位 {unit}",
            "the unit '{value}' cannot be converted to {unit}, the unit of the indicator '{indicator}'",
        ),
        Rule(
            "percent-for-percentage-point",
            "百分比用于百分点指标",
            "percent for a percentage-point indicator",
            "指标「{indicator}」以百分点(个百分点)计,「{value}」是百分比;请确认是变化的百分点数并把单位写成 个百分点",
            "the indicator '{indicator}' is a change in percentage points, '{value}' is a percent; "
            "if the number is a change in points, write the unit as 个百分点",
        ),
        Rule(
            "percentage-point-for-percent",
            "百分点用于百分比指标",
            "percentage points for a percent indicator",
            "指标「{indicator}」以百分比(%)计,「{value}」是百分点(变化量);请填写百分比水平",
            "the indicator '{indicator}' is a percent, '{value}' is a change in percentage points; give the level",
        ),
        Rule(
            "duplicate-row",
            "重复的行",
            "duplicate row",
            "与第 {first} 行是同一地区、指标和年份,但数值不同({first_value} 与 {this_value});请只保留一行",
            "row {first} has the same region, indicator and year with another value ({first_value} vs {this_value})",
        ),
        # warnings: reported, not blocking
        Rule(
            "repeated-row",
            "完全重复的行",
            "repeated row",
            "{n} 行与第 {first} 行完全相同(第 {rows} 行),只导入一次",
            "{n} rows repeat row {first} (rows {rows}); imported once",
            warning=True,
        ),
        Rule(
            "repeated-rows",
            "更多完全重复的行",
            "more repeated rows",
            "另有 {n} 行分别与前面 {groups} 行完全相同,各只导入一次",
            "{n} more rows repeat {groups} earlier rows; each imported once",
            warning=True,
        ),
        Rule(
            "skipped-row",
            "未填写的行",
            "row not filled in",
            "{n} 行没有填写数值,已跳过(第 {rows} 行)",
            "{n} rows without a value skipped (rows {rows})",
            warning=True,
        ),
        Rule(
            "example-row",
            "示例行",
            "example row",
            "{n} 行是模板的示例(「示例」列有内容),未导入(第 {rows} 行);要导入这一行,请清空它的「示例」列",
            "{n} example rows of the template (marked in 'example') not imported (rows {rows}); to import one, "
            "empty its 'example' cell",
            warning=True,
        ),
        Rule(
            "sheet-read",
            "读取的工作表",
            "sheet read",
            "读取的是工作表「{sheet}」(隐藏的工作表不读取:{hidden})",
            "the sheet read is '{sheet}' (hidden sheets are never read: {hidden})",
            warning=True,
        ),
        Rule(
            "ignored-column",
            "忽略的列",
            "ignored column",
            "「{value}」不是模板中的列,已忽略",
            "'{value}' is not a template column; ignored",
            warning=True,
        ),
        Rule(
            "uploaded-before",
            "文件已上传过",
            "file uploaded before",
            "同一文件已于 {when} 上传(批次 {batch});再次导入会成为新的批次",
            "the same file was uploaded on {when} (batch {batch}); importing it again makes a new batch",
            warning=True,
        ),
    )
}


def rules_table() -> str:
    """The rule catalogue as a Markdown table (the README's copy is checked against it)."""
    lines = ["| rule | 规则 | what it means | blocks the upload |", "|---|---|---|---|"]
    for rule in RULES.values():
        lines.append(
            f"| `{rule.id}` | {rule.title_zh} | {rule.title_en} | {'no (warning)' if rule.warning else 'yes'} |"
        )
    return "\n".join(lines)
