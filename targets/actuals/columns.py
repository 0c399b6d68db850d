"""The upload's columns: their ids, their names in both languages and the header words accepted."""

from __future__ import annotations

COLUMNS = ("region", "plan", "indicator_id", "indicator", "period", "value", "unit", "source", "note", "example")
#: the columns of the template and of rows typed in the dashboard: a region, no plan (a file of an older
#: template with a plan column still imports: the plan stands for its region)
TEMPLATE_COLUMNS = ("region", "indicator_id", "indicator", "period", "value", "unit", "source", "note")
#: columns every upload has; and region or plan (an older template's plan stands for its region), and
#: indicator_id or indicator
REQUIRED = ("period", "value", "unit")
#: column id -> (Chinese name, English name): the template's headers are "中文 id"
COLUMN_NAMES: dict[str, tuple[str, str]] = {
    "region": ("地区", "region"),
    "plan": ("规划", "plan"),
    "indicator_id": ("指标编号", "indicator id"),
    "indicator": ("指标", "indicator"),
    "period": ("年份", "year"),
    "value": ("数值", "value"),
    "unit": ("单位", "unit"),
    "source": ("来源", "source"),
    "note": ("备注", "note"),
    "example": ("示例", "example"),
}
#: the template's first column: "示例" marks an example row, which an import skips with a warning
EXAMPLE_COLUMN = "example"
#: header words accepted for each column (compared after NFKC, lower case, spaces trimmed)
ALIASES: dict[str, str] = {
    "region": "region",
    "region_id": "region",
    "region_code": "region",
    "地区": "region",
    "地区编码": "region",
    "地区代码": "region",
    "区划代码": "region",
    "行政区": "region",
    "行政区划": "region",
    "plan": "plan",
    "plan_id": "plan",
    "规划": "plan",
    "规划编号": "plan",
    "indicator_id": "indicator_id",
    "指标编号": "indicator_id",
    "指标id": "indicator_id",
    "indicator": "indicator",
    "indicator_name": "indicator",
    "指标": "indicator",
    "指标名称": "indicator",
    "period": "period",
    "year": "period",
    "年份": "period",
    "年度": "period",
    "value": "value",
    "数值": "value",
    "实际值": "value",
    "unit": "unit",
    "单位": "unit",
    "source": "source",
    "来源": "source",
    "数据来源": "source",
    "note": "note",
    "备注": "note",
    "说明": "note",
    "example": "example",
    "示例": "example",
    "是否示例": "example",
}


def header(column: str) -> str:
    """The template header of a column: its Chinese name and id ("规划 plan")."""
    return f"{COLUMN_NAMES[column][0]} {column}"
