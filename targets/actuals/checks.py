"""Checking an upload row by row against the plans and the catalog: the header, each cell, repeats.

`validate` is the entry point: bytes in, a Report out, nothing written.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from targets.actuals import plausible
from targets.actuals.cells import (
    cell_text,
    control_character,
    fold,
    formula_start,
    is_blank,
    parse_value,
    parse_year,
    unit_factor,
    unit_label,
)
from targets.actuals.columns import ALIASES, REQUIRED
from targets.actuals.files import read_bytes, read_rows
from targets.actuals.report import FileProblem, Problem, Report, problem
from targets.catalog import Catalog, Indicator, load_catalog
from targets.store import Store

#: most data rows accepted in one file
MAX_ROWS = 200_000
#: longest text accepted in one cell
MAX_CELL_CHARS = 2000
#: years before a plan's first year that are accepted (as baselines)
BASELINE_YEARS = 1
#: seconds reading and checking one file may take before it is stopped (a budget, not a promise:
#: 200,000 rows take about 10 s)
PARSE_SECONDS = 120.0
#: groups of repeated rows reported one by one; the rest in one line
REPEAT_GROUPS_SHOWN = 20


@dataclass(frozen=True)
class PlanWindow:
    """A plan's id, names and the years an actual may have."""

    plan_id: str
    name_zh: str
    name_en: str
    first: int | None
    last: int | None


def plan_windows(store: Store) -> dict[str, PlanWindow]:
    """The plans an upload may name (manifest plans and plans added in the dashboard), by id."""
    out = {}
    for p in store.plans().to_dict("records"):
        first, last = plan_years(p)
        out[p["plan_id"]] = PlanWindow(p["plan_id"], p.get("name_zh") or "", p.get("name_en") or "", first, last)
    return out


def plan_years(plan: Mapping[str, Any]) -> tuple[int | None, int | None]:
    """(first, last) year an actual of a plan (a row of `Store.plans()`) may have: from the baseline year
    before its start to its end."""
    start, end = _int_or_none(plan.get("start_year")), _int_or_none(plan.get("end_year"))
    return (None if start is None else start - BASELINE_YEARS), end


def _int_or_none(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


class _Resolver:
    """Plan and indicator lookups with a cache, so a large file resolves each distinct name once."""

    def __init__(self, catalog: Catalog, plans: Mapping[str, PlanWindow]) -> None:
        self.catalog = catalog
        self.plans = dict(plans)
        self._plan_names: dict[str, str] = {}
        for p in self.plans.values():
            for name in (p.plan_id, p.name_zh, p.name_en):
                if name:
                    self._plan_names.setdefault(fold(name), p.plan_id)
        self._by_name: dict[str, list[Indicator]] = {}
        self._units: dict[tuple[str, str], tuple[str, float | None]] = {}

    def plan(self, text: str) -> str | None:
        return self._plan_names.get(fold(text))

    def indicator_id(self, text: str) -> Indicator | None:
        return self.catalog.indicators.get(text.strip()) or self.catalog.indicators.get(text.strip().lower())

    def indicator_name(self, text: str) -> list[Indicator]:
        key = text.strip()
        if key not in self._by_name:
            self._by_name[key] = self.catalog.resolve_name(key)
        return self._by_name[key]

    def unit(self, unit_raw: str, indicator: Indicator) -> tuple[str, float | None]:
        """(rule broken or "", factor to the indicator's unit) for a written unit."""
        key = (unit_raw, indicator.norm_unit)
        if key not in self._units:
            self._units[key] = unit_factor(unit_raw, indicator.norm_unit)
        return self._units[key]


@cache
def default_catalog() -> Catalog:
    """The catalog of data/indicators.toml, read once."""
    return load_catalog()


def validate(
    store: Store,
    data: bytes,
    file_name: str = "upload",
    catalog: Catalog | None = None,
    *,
    size: int | None = None,
) -> Report:
    """Read an upload (CSV or .xlsx bytes) and check every row against the plans and the catalog.

    Nothing is written. Returns a Report; `report.valid` is False when any error was found. `size`
    is the real size when `data` was not read because it was too large.
    """
    catalog = catalog or default_catalog()
    sha = hashlib.sha256(data).hexdigest()
    report = Report(file_name, sha)
    notes: list[Problem] = []
    try:
        _check_rows(report, read_rows(data, size, notes), _Resolver(catalog, plan_windows(store)))
        report.problems[:0] = notes
    except FileProblem as e:
        report.problems = [e.problem]  # the file as a whole is unusable: row problems would only distract
        report.rows = pd.DataFrame(columns=_PREVIEW_COLUMNS)
    if report.valid and not report.rows.empty:
        earlier = store.batches_with_sha256(sha)
        if not earlier.empty:
            first = earlier.iloc[0]
            report.problems.append(
                problem(
                    None,
                    None,
                    None,
                    "uploaded-before",
                    when=f"{first['uploaded_at']:%Y-%m-%d %H:%M}",
                    batch=first["batch_id"],
                )
            )
    return report


def validate_file(store: Store, path: str | Path, catalog: Catalog | None = None) -> Report:
    """`validate` for a file on disk (over-large files are refused without being read)."""
    data, name = read_bytes(path)
    return validate(store, data, name, catalog, size=Path(path).stat().st_size)


_PREVIEW_COLUMNS = [
    "row",
    "plan",
    "indicator_id",
    "indicator",
    "period",
    "value",
    "unit",
    "norm_value",
    "norm_unit",
    "source",
    "note",
    "ok",
]


def _columns(report: Report, row_no: int, cells: list[Any]) -> dict[str, int] | None:
    """Map column ids to positions from the header row; records header problems."""
    found: dict[str, int] = {}
    for position, cell in enumerate(cells):
        text = cell_text(cell).strip()
        if not text:
            continue
        folded = fold(text)
        candidates = [folded, *[part for part in re.split(r"[\s/()()\[\]【】::]+", folded) if part]]
        column = next((ALIASES[c] for c in candidates if c in ALIASES), None)
        if column is None:
            report.problems.append(problem(row_no, None, text, "ignored-column"))
        elif column in found:
            report.problems.append(
                problem(row_no, column, text, "duplicate-column", first=found[column] + 1, second=position + 1)
            )
        else:
            found[column] = position
    for column in REQUIRED:
        if column not in found:
            aliases = "、".join(a for a, c in ALIASES.items() if c == column)
            report.problems.append(problem(row_no, column, None, "missing-column", aliases=aliases))
    if "indicator_id" not in found and "indicator" not in found:
        aliases = "、".join(a for a, c in ALIASES.items() if c in ("indicator_id", "indicator"))
        report.problems.append(problem(row_no, "indicator_id", None, "missing-column", aliases=aliases))
    return None if report.errors else found


def _check_rows(report: Report, rows: Iterable[tuple[int, list[Any]]], resolver: _Resolver) -> None:
    columns: dict[str, int] | None = None
    width = 0  # the header's cells, up to its last non-blank one
    records: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, int], dict[str, Any]] = {}
    repeats: dict[int, list[int]] = {}  # first row -> the rows repeating it
    read = 0
    skipped_rows: list[int] = []
    deadline = time.monotonic() + PARSE_SECONDS
    for row_no, cells in rows:
        if row_no % 1000 == 0 and time.monotonic() > deadline:
            raise FileProblem(problem(row_no, None, None, "parse-budget", at=row_no, seconds=f"{PARSE_SECONDS:.0f}"))
        if all(is_blank(c) for c in cells):
            continue
        if columns is None:
            columns = _columns(report, row_no, cells)
            if columns is None:
                return
            width = max(i for i, c in enumerate(cells) if not is_blank(c)) + 1
            continue
        read += 1
        if read > MAX_ROWS:
            raise FileProblem(problem(None, None, None, "too-many-rows", limit=f"{MAX_ROWS:,}"))
        raw = {c: (cells[i] if i < len(cells) else None) for c, i in columns.items()}
        if is_blank(raw.get("period")) and is_blank(raw.get("value")):
            skipped_rows.append(row_no)
            continue
        record = _check_row(report, row_no, raw, resolver)
        extra = next((i for i in range(width, len(cells)) if not is_blank(cells[i])), None)
        if extra is not None:  # a cell no header names: 22,074.7 split by its comma, a note beside the table
            record["ok"] = False
            report.problems.append(problem(row_no, None, cells[extra], "extra-cell", position=extra + 1, width=width))
        key = (record["plan"], record["indicator_id"], record["period"])
        if record["ok"]:
            first = seen.get(key)
            if first is None:
                seen[key] = record
            elif math.isclose(first["norm_value"], record["norm_value"], rel_tol=1e-12, abs_tol=1e-12):
                record["ok"] = False
                repeats.setdefault(first["row"], []).append(row_no)
            else:
                record["ok"] = False
                report.problems.append(
                    problem(
                        row_no,
                        None,
                        None,
                        "duplicate-row",
                        first=first["row"],
                        first_value=f"{cell_text(first['value'])} {first['unit']}",
                        this_value=f"{cell_text(record['value'])} {record['unit']}",
                    )
                )
        records.append(record)
    if columns is None:
        raise FileProblem(problem(None, None, None, "empty-file"))
    report.problems.extend(_repeat_warnings(repeats))
    repeated = sum(len(rows) for rows in repeats.values())
    skipped = len(skipped_rows)
    if skipped:
        shown = ", ".join(map(str, skipped_rows[:20])) + (" …" if skipped > 20 else "")
        report.problems.append(problem(None, None, None, "skipped-row", n=skipped, rows=shown))
    if read == skipped:
        report.problems.insert(0, problem(None, None, None, "no-rows"))
    report.rows = pd.DataFrame(records, columns=_PREVIEW_COLUMNS)
    report.stats = {
        "rows": read,
        "accepted": int(report.rows["ok"].sum()) if records else 0,
        "skipped": skipped,
        "repeated": repeated,
    }


def _repeat_warnings(repeats: Mapping[int, list[int]]) -> list[Problem]:
    """One warning per group of rows repeating an earlier row ("199,999 rows repeat row 2"), the first
    REPEAT_GROUPS_SHOWN groups by name and the rest in one line."""
    out = []
    groups = sorted(repeats.items())
    for first, rows in groups[:REPEAT_GROUPS_SHOWN]:
        shown = ", ".join(map(str, rows[:10])) + (" …" if len(rows) > 10 else "")
        out.append(problem(rows[0], None, None, "repeated-row", n=f"{len(rows):,}", first=first, rows=shown))
    rest = groups[REPEAT_GROUPS_SHOWN:]
    if rest:
        n = sum(len(rows) for _, rows in rest)
        out.append(problem(None, None, None, "repeated-rows", n=f"{n:,}", groups=f"{len(rest):,}"))
    return out


def _check_row(report: Report, row_no: int, raw: Mapping[str, Any], resolver: _Resolver) -> dict[str, Any]:
    """Check one data row; appends its problems to the report and returns the preview record."""
    found: list[Problem] = []

    def fail(column: str | None, value: Any, rule: str, **details: Any) -> None:
        found.append(problem(row_no, column, value, rule, **details))

    text: dict[str, str] = {}
    for column in ("plan", "indicator_id", "indicator", "unit", "source", "note"):
        cell = raw.get(column)
        value = "" if is_blank(cell) else cell_text(cell).strip()
        control = control_character(value)
        if control:
            fail(column, value, "control-character", char=control)
            value = ""
        elif len(value) > MAX_CELL_CHARS:
            fail(column, value, "cell-too-long", limit=MAX_CELL_CHARS)
            value = ""
        elif formula_start(cell_text(cell)) and not is_blank(cell):
            fail(column, cell_text(cell), "formula-cell", start=formula_start(cell_text(cell)))
            value = ""
        text[column] = value

    # plan
    plan_id = None
    if not text["plan"] and not any(p.column == "plan" for p in found):
        fail("plan", None, "missing-cell")
    elif text["plan"]:
        plan_id = resolver.plan(text["plan"])
        if plan_id is None:
            fail("plan", text["plan"], "unknown-plan", choices=", ".join(resolver.plans))

    # indicator: the id wins; a name must agree with it
    indicator = None
    if text["indicator_id"]:
        indicator = resolver.indicator_id(text["indicator_id"])
        if indicator is None:
            fail("indicator_id", text["indicator_id"], "unknown-indicator")
        elif text["indicator"]:
            named = resolver.indicator_name(text["indicator"])
            if named and indicator not in named:
                fail(
                    "indicator",
                    text["indicator"],
                    "indicator-mismatch",
                    choices=", ".join(i.id for i in named),
                    indicator_id=indicator.id,
                )
                indicator = None
    elif text["indicator"]:
        named = resolver.indicator_name(text["indicator"])
        if not named:
            fail("indicator", text["indicator"], "unknown-indicator")
        elif len(named) > 1:
            choices = ", ".join(f"{i.id}({i.name_zh})" for i in named)
            fail("indicator", text["indicator"], "ambiguous-indicator", choices=choices)
        else:
            indicator = named[0]
    elif not any(p.column in ("indicator_id", "indicator") for p in found):
        fail("indicator_id", None, "missing-cell")

    # period
    period_cell = raw.get("period")
    period = None
    if is_blank(period_cell):
        fail("period", None, "missing-cell")
    else:
        period = parse_year(period_cell)
        if period is None:
            start = formula_start(cell_text(period_cell))
            if start:
                fail("period", period_cell, "formula-cell", start=start)
            else:
                fail("period", period_cell, "not-a-year")
        elif plan_id is not None:
            window = resolver.plans[plan_id]
            low, high = window.first or 1900, window.last or 2100
            if not low <= period <= high:
                fail("period", period_cell, "period-outside-plan", plan=plan_id, low=low, high=high)

    # value
    value_cell = raw.get("value")
    value = None
    if is_blank(value_cell):
        fail("value", None, "missing-cell")
    else:
        value = parse_value(value_cell)
        if value is None:
            start = formula_start(cell_text(value_cell))
            if start:
                fail("value", value_cell, "formula-cell", start=start)
            else:
                fail("value", value_cell, "not-a-number")

    # unit, against the indicator
    norm_value = None
    if indicator is not None and not any(p.column == "unit" for p in found):
        rule, factor = resolver.unit(text["unit"], indicator)
        if rule:
            unit_shown = unit_label(indicator.norm_unit) or "(无单位 / no unit)"
            fail("unit", text["unit"] or None, rule, indicator=indicator.name_zh, unit=unit_shown)
        elif value is not None and factor is not None:
            norm_value = value * factor
            broken = plausible.check(norm_value, indicator.norm_unit, indicator.metric)
            if broken is not None:
                fail(
                    "value",
                    value_cell,
                    "implausible-value",
                    indicator=indicator.name_zh,
                    range_zh=broken.zh,
                    range_en=broken.en,
                )
                norm_value = None

    report.problems.extend(found)
    return {
        "row": row_no,
        "plan": plan_id or text["plan"],
        "indicator_id": indicator.id if indicator else text["indicator_id"],
        "indicator": indicator.name_zh if indicator else text["indicator"],
        "period": period,
        "value": value,
        "unit": text["unit"],
        "norm_value": norm_value,
        "norm_unit": indicator.norm_unit if indicator else None,
        "source": text["source"] or None,
        "note": text["note"] or None,
        "ok": not found,
    }
