"""Checking an upload row by row against the regions, plans and catalog: the header, each cell, repeats.

An actual is a fact about a region: a row names its region (a name or code, 成都市 / 510100), or a
plan, as older templates did, which stands for the plan's region (and keeps its years check). Two
rows of one region, indicator and year are one fact.

`validate` is the entry point: bytes in, a Report out, nothing written.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
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
from targets.catalog import Catalog, Indicator
from targets.regions import AmbiguousRegion, Region, RegionIndex
from targets.store import Store

#: most data rows accepted in one file
MAX_ROWS = 200_000
#: longest text accepted in one cell
MAX_CELL_CHARS = 2000
#: years before a plan's first year that are accepted (as baselines)
BASELINE_YEARS = 1
#: the first year a region's actual may have (the statistical yearbooks' series start)
FIRST_YEAR = 1949
#: seconds reading and checking one file may take before it is stopped (a budget, not a promise:
#: 200,000 rows take about 10 s)
PARSE_SECONDS = 120.0
#: groups of repeated rows reported one by one; the rest in one line
REPEAT_GROUPS_SHOWN = 20


@dataclass(frozen=True)
class PlanWindow:
    """A plan's id, names, region and the years an actual named by the plan may have."""

    plan_id: str
    name_zh: str
    name_en: str
    first: int | None
    last: int | None
    region_id: str | None = None


def plan_windows(store: Store) -> dict[str, PlanWindow]:
    """The plans an upload may name (manifest plans and plans added in the dashboard), by id."""
    out = {}
    for p in store.plans().to_dict("records"):
        first, last = plan_years(p)
        out[p["plan_id"]] = PlanWindow(
            p["plan_id"], _text(p.get("name_zh")), _text(p.get("name_en")), first, last, p.get("region_id")
        )
    return out


def _text(value: Any) -> str:
    """A name column's value as text: a missing name (None, or NaN from the frame) is ''."""
    return "" if value is None or pd.isna(value) else str(value)


def plan_years(plan: Mapping[str, Any]) -> tuple[int | None, int | None]:
    """(first, last) year an actual of a plan (a row of `Store.plans()`) may have: from the baseline year
    before its start to its end."""
    start, end = _int_or_none(plan.get("start_year")), _int_or_none(plan.get("end_year"))
    return (None if start is None else start - BASELINE_YEARS), end


def _int_or_none(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


class _Resolver:
    """Region, plan and indicator lookups with a cache, so a large file resolves each distinct name once."""

    def __init__(self, catalog: Catalog, plans: Mapping[str, PlanWindow], regions: RegionIndex) -> None:
        self.catalog = catalog
        self.plans = dict(plans)
        self.regions = regions
        self._regions: dict[str, Region | AmbiguousRegion | None] = {}
        self._plan_names: dict[str, str] = {}
        for p in self.plans.values():
            for name in (p.plan_id, p.name_zh, p.name_en):
                if name:
                    self._plan_names.setdefault(fold(name), p.plan_id)
        self._by_name: dict[str, list[Indicator]] = {}
        self._units: dict[tuple[str, str], tuple[str, float | None]] = {}

    def plan(self, text: str) -> str | None:
        return self._plan_names.get(fold(text))

    def region(self, text: str) -> Region | AmbiguousRegion | None:
        """The region a cell names, the ambiguity when it fits several, or None."""
        if text not in self._regions:
            try:
                self._regions[text] = self.regions.find(text)
            except AmbiguousRegion as e:
                self._regions[text] = e
        return self._regions[text]

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


def validate(
    store: Store,
    data: bytes,
    file_name: str = "upload",
    catalog: Catalog | None = None,
    *,
    size: int | None = None,
) -> Report:
    """Read an upload (CSV or .xlsx bytes) and check every row against the regions, plans and the catalog (by
    default the store's own copy, the one its comparison joins: `Store.catalog`).

    Nothing is written. Returns a Report; `report.valid` is False when any error was found. `size`
    is the real size when `data` was not read because it was too large.
    """
    catalog = catalog or store.catalog()
    sha = hashlib.sha256(data).hexdigest()
    report = Report(file_name, sha)
    notes: list[Problem] = []
    try:
        resolver = _Resolver(catalog, plan_windows(store), store.region_index())
        _check_rows(report, read_rows(data, size, notes), resolver)
        report.problems[:0] = notes
    except FileProblem as e:
        report.problems = [e.problem]  # the file as a whole is unusable: row problems would only distract
        report.rows = pd.DataFrame(columns=_PREVIEW_COLUMNS)
    report.problems = [  # each problem names its column as the planner's file does
        replace(p, header=report.headers[p.column]) if p.column in report.headers else p for p in report.problems
    ]
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
    "region",
    "region_name",
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
            report.headers[column] = text
    for column in REQUIRED:
        if column not in found:
            aliases = "、".join(a for a, c in ALIASES.items() if c == column)
            report.problems.append(problem(row_no, column, None, "missing-column", aliases=aliases))
    if "region" not in found and "plan" not in found:
        aliases = "、".join(a for a, c in ALIASES.items() if c in ("region", "plan"))
        report.problems.append(problem(row_no, "region", None, "missing-column", aliases=aliases))
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
    example_rows: list[int] = []
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
        if not is_blank(raw.get("example")):  # the template's example rows, marked 示例: never imported
            example_rows.append(row_no)
            continue
        if is_blank(raw.get("value")):  # a row of a prefilled template not filled in (yet)
            skipped_rows.append(row_no)
            continue
        record = _check_row(report, row_no, raw, resolver)
        extra = next((i for i in range(width, len(cells)) if not is_blank(cells[i])), None)
        if extra is not None:  # a cell no header names: 22,074.7 split by its comma, a note beside the table
            record["ok"] = False
            report.problems.append(problem(row_no, None, cells[extra], "extra-cell", position=extra + 1, width=width))
        key = (record["region"], record["indicator_id"], record["period"])
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
    report.problems.extend(_left_out(skipped_rows, example_rows))
    if read == skipped + len(example_rows):
        report.problems.insert(0, problem(None, None, None, "no-rows"))
    report.rows = pd.DataFrame(records, columns=_PREVIEW_COLUMNS)
    report.stats = {
        "rows": read,
        "accepted": int(report.rows["ok"].sum()) if records else 0,
        "skipped": skipped,
        "examples": len(example_rows),
        "repeated": repeated,
    }


def _left_out(skipped_rows: list[int], example_rows: list[int]) -> list[Problem]:
    """One warning for the rows without a value, one for the template's example rows (the first 20 named)."""
    out = []
    for rows, column, rule in ((skipped_rows, None, "skipped-row"), (example_rows, "example", "example-row")):
        if rows:
            shown = ", ".join(map(str, rows[:20])) + (" …" if len(rows) > 20 else "")
            out.append(problem(None, column, None, rule, n=len(rows), rows=shown))
    return out


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


class _RowCheck:
    """The checks of one data row, one method per column; `found` collects its problems."""

    def __init__(self, row_no: int, raw: Mapping[str, Any], resolver: _Resolver) -> None:
        self.row_no, self.raw, self.resolver = row_no, raw, resolver
        self.found: list[Problem] = []

    def fail(self, column: str | None, value: Any, rule: str, **details: Any) -> None:
        self.found.append(problem(self.row_no, column, value, rule, **details))

    def failed(self, *columns: str) -> bool:
        return any(p.column in columns for p in self.found)

    def texts(self) -> dict[str, str]:
        """The text cells, trimmed; a cell holding a control character (NUL …), too long or starting like a
        formula (also after spaces) is refused (and read as "")."""
        text: dict[str, str] = {}
        for column in ("region", "plan", "indicator_id", "indicator", "unit", "source", "note"):
            cell = self.raw.get(column)
            shown = "" if is_blank(cell) else cell_text(cell).strip()
            control = control_character(shown)
            if control:
                self.fail(column, shown, "control-character", char=control)
                shown = ""
            elif len(shown) > MAX_CELL_CHARS:
                self.fail(column, shown, "cell-too-long", limit=MAX_CELL_CHARS)
                shown = ""
            elif formula_start(cell_text(cell)) and not is_blank(cell):
                self.fail(column, cell_text(cell), "formula-cell", start=formula_start(cell_text(cell)))
                shown = ""
            text[column] = shown
        return text

    def plan(self, written: str) -> str | None:
        """The plan an older file's row names (None when it names none)."""
        if not written:
            return None
        plan_id = self.resolver.plan(written)
        if plan_id is None:
            self.fail("plan", written, "unknown-plan", choices=", ".join(self.resolver.plans))
        return plan_id

    def region(self, written: str, plan_id: str | None) -> Region | None:
        """The row's region: its region cell, or its plan's region; the two must agree when both are given."""
        region = None
        if written:
            named = self.resolver.region(written)
            if named is None:
                choices = "、".join(r.name_zh for r in self.resolver.regions.regions.values())
                self.fail("region", written, "unknown-region", choices=choices)
            elif isinstance(named, AmbiguousRegion):
                choices = "、".join(f"{r.name_zh}({r.region_id})" for r in named.candidates)
                self.fail("region", written, "ambiguous-region", choices=choices)
            else:
                region = named
        plan_region = self.resolver.plans[plan_id].region_id if plan_id else None
        if region is not None and plan_region is not None and region.region_id != plan_region:
            shown = self.resolver.regions.regions.get(plan_region)
            name = shown.name_zh if shown else ""
            self.fail("region", written, "region-plan-mismatch", plan=plan_id, plan_region=name)
        elif region is None and plan_region is not None and not written:
            region = self.resolver.regions.regions.get(plan_region)
        if not written and is_blank(self.raw.get("plan")) and not self.failed("region", "plan"):
            self.fail("region" if "region" in self.raw else "plan", None, "missing-cell")
        return region

    def indicator(self, by_id: str, by_name: str) -> Indicator | None:
        """The indicator of the row: the id wins; a name must agree with it."""
        if by_id:
            indicator = self.resolver.indicator_id(by_id)
            if indicator is None:
                self.fail("indicator_id", by_id, "unknown-indicator")
                return None
            named = self.resolver.indicator_name(by_name) if by_name else []
            if named and indicator not in named:
                choices = ", ".join(i.id for i in named)
                self.fail("indicator", by_name, "indicator-mismatch", choices=choices, indicator_id=indicator.id)
                return None
            return indicator
        if not by_name:
            if not self.failed("indicator_id", "indicator"):
                self.fail("indicator_id", None, "missing-cell")
            return None
        named = self.resolver.indicator_name(by_name)
        if not named:
            self.fail("indicator", by_name, "unknown-indicator")
        elif len(named) > 1:
            choices = ", ".join(f"{i.id}({i.name_zh})" for i in named)
            self.fail("indicator", by_name, "ambiguous-indicator", choices=choices)
        return named[0] if len(named) == 1 else None

    def parsed(self, column: str, parse: Callable[[Any], Any], rule: str) -> Any:
        """A number or year cell parsed, or None with the problem recorded (missing, formula, unreadable)."""
        cell = self.raw.get(column)
        if is_blank(cell):
            self.fail(column, None, "missing-cell")
            return None
        value = parse(cell)
        if value is None:
            start = formula_start(cell_text(cell))
            if start:
                self.fail(column, cell, "formula-cell", start=start)
            else:
                self.fail(column, cell, rule)
        return value

    def period(self, plan_id: str | None, by_region: bool) -> int | None:
        """The year: 1949 to this year; an older file's plan row (no region) within the plan's years."""
        period = self.parsed("period", parse_year, "not-a-year")
        if period is None:
            return None
        cell = self.raw.get("period")
        if plan_id is not None and not by_region:
            window = self.resolver.plans[plan_id]
            low, high = window.first or 1900, window.last or 2100
            if not low <= period <= high:
                self.fail("period", cell, "period-outside-plan", plan=plan_id, low=low, high=high)
        elif not FIRST_YEAR <= period <= date.today().year:
            self.fail("period", cell, "period-out-of-range", low=FIRST_YEAR, high=date.today().year)
        return period

    def norm_value(self, written: str, indicator: Indicator | None, value: float | None) -> float | None:
        """The value in the indicator's unit, once the written unit is checked against it."""
        if indicator is None or self.failed("unit"):
            return None
        rule, factor = self.resolver.unit(written, indicator)
        if rule:
            unit_shown = unit_label(indicator.norm_unit) or "(无单位 / no unit)"
            self.fail("unit", written or None, rule, indicator=indicator.name_zh, unit=unit_shown)
            return None
        if value is None or factor is None:
            return None
        converted = value * factor
        broken = plausible.check(converted, indicator.norm_unit, indicator.metric)
        if broken is not None:  # 1e308 亿元 (infinity), 150% of a share: refused with the range named
            self.fail(
                "value",
                self.raw.get("value"),
                "implausible-value",
                indicator=indicator.name_zh,
                range_zh=broken.zh,
                range_en=broken.en,
            )
            return None
        return converted


def _check_row(report: Report, row_no: int, raw: Mapping[str, Any], resolver: _Resolver) -> dict[str, Any]:
    """Check one data row; appends its problems to the report and returns the preview record."""
    check = _RowCheck(row_no, raw, resolver)
    text = check.texts()
    plan_id = check.plan(text["plan"])
    region = check.region(text["region"], plan_id)
    indicator = check.indicator(text["indicator_id"], text["indicator"])
    period = check.period(plan_id, bool(text["region"]))
    value = check.parsed("value", parse_value, "not-a-number")
    norm_value = check.norm_value(text["unit"], indicator, value)
    report.problems.extend(check.found)
    return {
        "row": row_no,
        "region": region.region_id if region else text["region"],
        "region_name": region.name_zh if region else text["region"],
        "plan": plan_id or text["plan"] or None,
        "indicator_id": indicator.id if indicator else text["indicator_id"],
        "indicator": indicator.name_zh if indicator else text["indicator"],
        "period": period,
        "value": value,
        "unit": text["unit"],
        "norm_value": norm_value,
        "norm_unit": indicator.norm_unit if indicator else None,
        "source": text["source"] or None,
        "note": text["note"] or None,
        "ok": not check.found,
    }
