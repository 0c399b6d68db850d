"""Uploaded actuals: the template, reading files, the validation report, conversion, batches.

The package is split by role; an upload's bytes pass `files` (what the file is, its encoding, its
rows) → `cells` (text, numbers, years, units) → `checks` (the header and each row against the plans
and the catalog) → `report` (problems at row, column and rule from `rules`) → `batch` (one
transaction). `columns` names the upload's columns, `template` builds the file a planner fills in.
The names below are the public entry points, as they were before the split.

A planner fills the template (CSV or Excel) with what actually happened, one row per region,
indicator and year (an actual is a fact about a place, shared by every plan of the region).
`validate` reads the file and checks every row before anything is written; `import_actuals` writes
a valid file as one batch in one transaction; `withdraw_batch` takes a batch back (its rows stay in
the history but stop counting); `batches` is the history; `restore_batch` puts it
back and `status_effect` says beforehand what either would change. Every write names who makes it
(an account, whose role is checked, or the command line) and goes to the audit log.

The report follows frictionless: every problem is a record `{row, column, value, rule, message}`,
`row` counted like the spreadsheet (the header is row 1, the first data row row 2), `rule` a
stable kebab-case id from `RULES`, `message` Chinese first, then English. Pages and the CLI show the
same report (`Report.as_text`, `Report.errors_frame`).

Decisions (also in the README):
  * Columns: region, indicator_id and/or indicator, period, value, unit, source, note. A header may
    be the column id, its Chinese name (地区, 指标编号, 指标, 年份, 数值, 单位, 来源, 备注) or both
    ("地区 region"); other columns are ignored with a warning. A region is a name or a code
    (成都市, 成都, 510100, chengdu). Files of the older template name a plan instead ("规划 plan"):
    the plan stands for its region; a row with both must name the plan's region.
  * Periods: 1949 to this year (an actual has happened); a row naming a plan and no region (an
    older file) keeps the older check, from one year before the plan's first year (its baseline) to
    its last year.
  * Values are numbers as written (a leading minus is a number, 1,234 and full-width digits are
    accepted); magnitudes (万, 亿) belong in the unit, which pint converts to the indicator's unit.
    Ratio and index indicators take no unit (or 倍); every other indicator needs one.
  * A row repeated exactly (same region, indicator, year and value) is imported once with a warning;
    the same key with another value is an error. A row without year and value is skipped with a
    warning (a sheet prepared for every indicator and filled in part, like an export).
  * Text cells starting with = + - @ (or a tab or carriage return), also after leading spaces, are
    refused: Excel would run them as formulas when the data is exported and opened again. Control
    characters (NUL …) are refused in every cell.
  * Values must be plausible for their indicator (`plausible`): a share 0–100%, a growth rate
    −100…1000%, a level finite and below a bound per dimension.
  * Every row fits the header: a cell right of the last header is an error (`extra-cell`), and so
    is a quote left open (`malformed-csv`); a file mixing UTF-8 and GBK lines is refused.
"""

from targets.actuals.batch import (
    Effect,
    ImportResult,
    batch_rows,
    batches,
    import_actuals,
    may_change,
    new_batch_id,
    restore_batch,
    status_changes,
    status_effect,
    withdraw_batch,
)
from targets.actuals.cells import FORMULA_STARTS, NO_UNIT, formula_start, parse_value, parse_year, unit_label
from targets.actuals.checks import (
    BASELINE_YEARS,
    MAX_CELL_CHARS,
    MAX_ROWS,
    PlanWindow,
    plan_windows,
    validate,
    validate_file,
)
from targets.actuals.columns import ALIASES, COLUMN_NAMES, COLUMNS, REQUIRED, TEMPLATE_COLUMNS, header
from targets.actuals.files import MAX_BYTES, MAX_XLSX_UNZIPPED, SHEET_NAMES, read_bytes
from targets.actuals.report import ActualsError, InvalidUpload, Problem, Report, problem
from targets.actuals.rules import RULES, Rule, rules_table
from targets.actuals.template import (
    TEMPLATE_EXAMPLES,
    plan_rows,
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
    "TEMPLATE_COLUMNS",
    "TEMPLATE_EXAMPLES",
    "ActualsError",
    "Effect",
    "ImportResult",
    "InvalidUpload",
    "PlanWindow",
    "Problem",
    "Report",
    "Rule",
    "batch_rows",
    "batches",
    "formula_start",
    "header",
    "import_actuals",
    "may_change",
    "new_batch_id",
    "parse_value",
    "parse_year",
    "plan_rows",
    "plan_windows",
    "problem",
    "read_bytes",
    "restore_batch",
    "rows_to_csv",
    "rules_table",
    "status_changes",
    "status_effect",
    "template_bytes",
    "template_csv",
    "template_frame",
    "template_xlsx",
    "unit_label",
    "validate",
    "validate_file",
    "withdraw_batch",
]
