"""Uploaded actuals: the template, reading files, the validation report, conversion, batches.

The package is split by role; an upload's bytes pass `files` (what the file is, its encoding, its
rows) → `cells` (text, numbers, years, units) → `checks` (the header and each row against the plans
and the catalog) → `report` (problems at row, column and rule from `rules`) → `batch` (one
transaction). `columns` names the upload's columns, `template` builds the file a planner fills in.
The names below are the public entry points, as they were before the split.

A planner fills the template (CSV or Excel) with what actually happened, one row per plan,
indicator and year. `validate` reads the file and checks every row before anything is written;
`import_actuals` writes a valid file as one batch in one transaction; `withdraw_batch` takes a
batch back (its rows stay in the history but stop counting); `batches` is the history.

The report follows frictionless: every problem is a record `{row, column, value, rule, message}`,
`row` counted like the spreadsheet (the header is row 1, the first data row row 2), `rule` a
stable kebab-case id from `RULES`, `message` Chinese first, then English. Pages and the CLI show the
same report (`Report.as_text`, `Report.errors_frame`).

Decisions (also in the README):
  * Columns: plan, indicator_id and/or indicator, period, value, unit, source, note. A header may be
    the column id, its Chinese name (规划, 指标编号, 指标, 年份, 数值, 单位, 来源, 备注) or both
    ("规划 plan"); other columns are ignored with a warning.
  * Periods: from one year before the plan's first year (the baseline a plan starts from, like the
    2020 figures of a 2021–2025 plan) to its last year.
  * Values are numbers as written (a leading minus is a number, 1,234 and full-width digits are
    accepted); magnitudes (万, 亿) belong in the unit, which pint converts to the indicator's unit.
    Ratio and index indicators take no unit (or 倍); every other indicator needs one.
  * A row repeated exactly (same plan, indicator, year and value) is imported once with a warning;
    the same key with another value is an error. A row without year and value is skipped with a
    warning (a sheet prepared for every indicator and filled in part, like an export).
  * Text cells starting with = + - @ (or a tab or carriage return) are refused: Excel would run them
    as formulas when the data is exported and opened again.
"""

from targets.actuals.batch import (
    ImportResult,
    batch_rows,
    batches,
    import_actuals,
    new_batch_id,
    status_changes,
    withdraw_batch,
)
from targets.actuals.cells import FORMULA_STARTS, NO_UNIT, parse_value, parse_year, unit_label
from targets.actuals.checks import (
    BASELINE_YEARS,
    MAX_CELL_CHARS,
    MAX_ROWS,
    PlanWindow,
    plan_windows,
    validate,
    validate_file,
)
from targets.actuals.columns import ALIASES, COLUMN_NAMES, COLUMNS, REQUIRED, header
from targets.actuals.files import MAX_BYTES, MAX_XLSX_UNZIPPED, SHEET_NAMES, read_bytes
from targets.actuals.report import ActualsError, InvalidUpload, Problem, Report, problem
from targets.actuals.rules import RULES, Rule, rules_table
from targets.actuals.template import (
    TEMPLATE_EXAMPLES,
    rows_to_csv,
    template_bytes,
    template_csv,
    template_frame,
    template_xlsx,
)

__all__ = [
    "ALIASES",
    "BASELINE_YEARS",
    "COLUMNS",
    "COLUMN_NAMES",
    "FORMULA_STARTS",
    "MAX_BYTES",
    "MAX_CELL_CHARS",
    "MAX_ROWS",
    "MAX_XLSX_UNZIPPED",
    "NO_UNIT",
    "REQUIRED",
    "RULES",
    "SHEET_NAMES",
    "TEMPLATE_EXAMPLES",
    "ActualsError",
    "ImportResult",
    "InvalidUpload",
    "PlanWindow",
    "Problem",
    "Report",
    "Rule",
    "batch_rows",
    "batches",
    "header",
    "import_actuals",
    "new_batch_id",
    "parse_value",
    "parse_year",
    "plan_windows",
    "problem",
    "read_bytes",
    "rows_to_csv",
    "rules_table",
    "status_changes",
    "template_bytes",
    "template_csv",
    "template_frame",
    "template_xlsx",
    "unit_label",
    "validate",
    "validate_file",
    "withdraw_batch",
]
