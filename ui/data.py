"""The dashboard's access to the database: one Store per process, query results cached.

Pages call these functions and never see SQL. Every cached read is keyed by the database path (so a
test or a second database never sees another's results). Writes go through `targets`/`etl` and are
followed by `invalidate()`, which clears the cached reads so every page shows the new data.
"""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from targets import actuals, audit, compare, config, corrections, export, timeline
from targets.accounts import Account
from targets.lead_units import lead_units as lead_units_of
from targets.model import Quantity
from targets.observations import chart_points
from targets.observations import observed as observations_of
from targets.store import Store
from targets.units import dimension
from targets.vocab import Status

if TYPE_CHECKING:  # the extractor is imported by the pages that add a plan, not by every app start (0.4 s)
    from etl import add_plan as adding


def path() -> str:
    """The database file this process serves ($TARGET_MONITOR_DB or data/targets.duckdb)."""
    return str(config.database_path())


@st.cache_resource(show_spinner=False)
def _open(db: str) -> Store:
    """The process's one connection to `db`.

    On first start the database is built from the sources and the sample actuals are loaded
    (`etl.build.init_db`, as `make run` does), so a new user sees real progress at once.
    """
    if not Path(db).exists():
        from etl.build import init_db  # the extractor, only when there is nothing to serve yet

        # FileExistsError: another process created it meanwhile
        with (
            st.spinner("首次启动：正在从源文件构建数据库…… / Building the database…"),
            contextlib.suppress(FileExistsError),
        ):
            init_db(db)
    return Store(db)


def store() -> Store:
    """The process's Store for the configured database."""
    return _open(path())


def invalidate() -> None:
    """Forget cached query results after the data changed."""
    st.cache_data.clear()


# --- plain reads ------------------------------------------------------------------------------------


@st.cache_data(show_spinner=False)
def _plans(db: str) -> pd.DataFrame:
    return _open(db).plans()


def plans() -> pd.DataFrame:
    """Every plan (manifest and added) with its document and target counts, in plan order."""
    return _plans(path())


@st.cache_data(show_spinner=False, max_entries=16)
def _documents(db: str, plans: tuple[str, ...]) -> pd.DataFrame:
    return _open(db).documents(plans=plans)


def documents(plans: tuple[str, ...] = ()) -> pd.DataFrame:
    """Document metadata with quantity counts, of the given plans (empty: every plan)."""
    return _documents(path(), tuple(plans))


@st.cache_data(show_spinner=False, max_entries=64)
def _document_titles(db: str, doc_ids: tuple[str, ...]) -> dict[str, str]:
    return _open(db).document_titles(doc_ids)


def document_titles(doc_ids: tuple[str, ...]) -> dict[str, str]:
    """doc_id -> title of the given documents (a page's few, not every document of the database)."""
    return _document_titles(path(), tuple(sorted(set(doc_ids))))


@st.cache_data(show_spinner=False, max_entries=16)
def _counts_by(db: str, column: str, plans: tuple[str, ...]) -> pd.DataFrame:
    return _open(db).count_by(column, plans)


def counts_by(column: str, plans: tuple[str, ...] = ()) -> pd.DataFrame:
    """Quantity counts per plan and per value of `column`, of the given plans (empty: every plan)."""
    return _counts_by(path(), column, tuple(plans))


@dataclass(frozen=True)
class Shown:
    """One page of a selection's rows (at most the limit asked for) and how many rows the selection has."""

    rows: pd.DataFrame
    total: int
    offset: int = 0


@dataclass(frozen=True)
class TargetFilters:
    """What the Targets page filters on (hashable, so the cached reads key on it); empty = no filter."""

    plans: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    search: str = ""
    categories: tuple[str, ...] = ()
    indicator_ids: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()

    def store_filters(self) -> dict:
        """The filters as `Store.quantities` takes them."""
        return {
            "plans": self.plans,
            "kinds": self.kinds,
            "search": self.search or None,
            "categories": self.categories,
            "indicator_ids": self.indicator_ids,
            "dimensions": self.dimensions,
        }


@st.cache_data(show_spinner=False, max_entries=32)
def _targets(db: str, filters: TargetFilters, limit: int | None, offset: int, wanted: str | None) -> pd.DataFrame:
    if wanted:  # the one row a link asks for, when the filters keep it
        return _open(db).quantities(**filters.store_filters(), target_ids=[wanted])
    return _open(db).quantities(**filters.store_filters(), limit=limit, offset=offset)


@st.cache_data(show_spinner=False, max_entries=32)
def _count_targets(db: str, filters: TargetFilters) -> int:
    return _open(db).count_quantities(**filters.store_filters())


@st.cache_data(show_spinner=False, max_entries=32)
def _target_position(db: str, filters: TargetFilters, target_id: str) -> int | None:
    return _open(db).quantity_position(target_id, **filters.store_filters())


def targets(
    filters: TargetFilters = TargetFilters(), limit: int | None = None, offset: int = 0, wanted: str | None = None
) -> Shown:
    """Extracted quantities matching every filter, in document order: `limit` of them from the `offset`-th
    (filtered, ordered and cut in SQL; every one without a limit) and the one `wanted` (a target id) when the
    filters keep it, with the count of all that match (counted once per filter)."""
    rows = _targets(path(), filters, limit, offset, None)  # one entry per filter and page, whatever is selected
    total = len(rows) if limit is None or (offset == 0 and len(rows) < limit) else _count_targets(path(), filters)
    if wanted and wanted not in set(rows["target_id"]):
        extra = _targets(path(), filters, None, 0, wanted)
        if not extra.empty:
            rows = pd.concat([rows, extra], ignore_index=True)
    return Shown(rows, total, offset)


def target_position(target_id: str, filters: TargetFilters = TargetFilters()) -> int | None:
    """The 0-based row of a target in `targets` with the same filters (None when they leave it out)."""
    return _target_position(path(), filters, target_id)


@st.cache_data(show_spinner=False)
def _categories(db: str) -> pd.DataFrame:
    return _open(db).categories()


def categories() -> pd.DataFrame:
    """Catalog categories (category_id, name_zh, name_en)."""
    return _categories(path())


@st.cache_data(show_spinner=False)
def _indicators(db: str) -> pd.DataFrame:
    return _open(db).indicators()


def indicators() -> pd.DataFrame:
    """The catalog with, per indicator, its target count and the number of plans that set it (counted in SQL)."""
    return _indicators(path())


@st.cache_data(show_spinner=False, max_entries=32)
def _plans_comparing(db: str, indicator_ids: tuple[str, ...], limit: int | None) -> tuple[str, ...]:
    return tuple(_open(db).plans_comparing(indicator_ids, limit))


def plans_comparing(indicator_ids: tuple[str, ...], limit: int | None = None) -> tuple[str, ...]:
    """The plans that set a target of the indicators, in plan order (the first `limit` when given)."""
    return _plans_comparing(path(), tuple(indicator_ids), limit)


@st.cache_data(show_spinner=False, max_entries=64)
def _document_text(db: str, doc_id: str) -> str:
    return _open(db).document_text(doc_id) or ""


def quantity(target_id: str) -> dict | None:
    """One quantity (a target, actual or baseline) as a dict, or None (never cached: it is one row)."""
    return store().quantity(target_id)


def document_text(doc_id: str) -> str:
    """A document's original text."""
    return _document_text(path(), doc_id)


@st.cache_data(show_spinner=False, max_entries=4)
def _document_file(db: str, doc_id: str) -> tuple[str, bytes] | None:
    return _open(db).document_file(doc_id)


def document_file(doc_id: str) -> tuple[str, bytes] | None:
    """(file name, bytes) of an added document's original file (a PDF, a .docx), or None."""
    return _document_file(path(), doc_id)


@st.cache_data(show_spinner=False)
def _dimensions_in_use(db: str) -> list[str]:
    return sorted({d for u in _open(db).distinct_values("norm_unit") if (d := dimension(u))})


def dimensions_in_use() -> list[str]:
    """The unit dimensions the extracted quantities have (money, area, count ...)."""
    return _dimensions_in_use(path())


# --- comparison and progress ------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=32)
def _comparison(
    db: str, indicator_ids: tuple[str, ...], plans: tuple[str, ...], regions: tuple[str, ...], as_of: int | None
) -> pd.DataFrame:
    store = _open(db)
    return compare.comparison(
        store, list(indicator_ids) or None, list(plans) or None, as_of=as_of, regions=list(regions) or None
    )


def comparison(
    indicator_ids: tuple[str, ...] = (),
    plans: tuple[str, ...] = (),
    as_of: int | None = None,
    regions: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Indicator × plan rows (targets.compare.comparison): target in the indicator's unit, actual, status;
    `as_of` reads the figures as of that year's end. Cached per filter: callers narrow it (the comparison of
    everything costs what the database holds)."""
    return _comparison(path(), tuple(indicator_ids), tuple(plans), tuple(regions), as_of)


def status_counts(plans: tuple[str, ...] = (), as_of: int | None = None) -> pd.DataFrame:
    """(plan_id, status, n): comparable targets per plan and progress status, of the given plans (empty: all);
    a target set for part of the region (status scoped) is no part of the totals."""
    rows = comparison(plans=tuple(plans), as_of=as_of)
    rows = rows[rows["status"] != Status.SCOPED]
    if rows.empty:
        return pd.DataFrame(columns=["plan_id", "status", "n"])
    return rows.groupby(["plan_id", "status"]).size().rename("n").reset_index()


@st.cache_data(show_spinner=False, max_entries=256)
def _observed(db: str, region_id: str, indicator_id: str, unit: str) -> pd.DataFrame:
    return observations_of(_open(db), [region_id], [indicator_id], {indicator_id: unit})


def observed(region_id: str, indicator_id: str, unit: str) -> pd.DataFrame:
    """Every observation of a region's indicator (targets.observations.observed), in the indicator's unit
    `unit`, the one used per year marked `used`."""
    return _observed(path(), region_id, indicator_id, unit)


def observed_points(region_id: str, indicator_id: str, unit: str) -> pd.DataFrame:
    """(period, value, origin, source): the observation used per year, for a progress chart."""
    return chart_points(observed(region_id, indicator_id, unit))


@st.cache_data(show_spinner=False)
def _regions(db: str) -> pd.DataFrame:
    return _open(db).regions()


def regions() -> pd.DataFrame:
    """Every region with its parent's name and plan count."""
    return _regions(path())


@st.cache_data(show_spinner=False, max_entries=32)
def _region_timeline(db: str, region_id: str, indicator_ids: tuple[str, ...]) -> timeline.RegionTimeline:
    return timeline.region_timeline(_open(db), region_id, list(indicator_ids))


def region_timeline(region_id: str, indicator_ids: tuple[str, ...]) -> timeline.RegionTimeline:
    """A region's targets and observations of the indicators (the Timeline page)."""
    return _region_timeline(path(), region_id, tuple(indicator_ids))


@st.cache_data(show_spinner=False, max_entries=32)
def _region_indicators(db: str, region_id: str) -> pd.DataFrame:
    return _open(db).region_indicators(region_id)


def region_indicators(region_id: str) -> pd.DataFrame:
    """(indicator_id, targets, observations): the catalog indicators a region has targets or observations of."""
    return _region_indicators(path(), region_id)


# --- actuals and export -----------------------------------------------------------------------------
# Reads for the Actuals and Export pages. Imports and withdrawals go through targets.actuals and are
# followed by invalidate().


@st.cache_data(show_spinner=False)
def _actuals_template(db: str, fmt: str) -> bytes:
    store = _open(db)
    return actuals.template_bytes(fmt, store.regions(), store.catalog())


def actuals_template(fmt: str) -> bytes:
    """The actuals template (csv or xlsx), listing the regions in the database."""
    return _actuals_template(path(), fmt)


@st.cache_data(show_spinner=False, max_entries=8)
def _plan_template(db: str, plan_id: str, fmt: str) -> bytes:
    store = _open(db)
    catalog = store.catalog()
    rows = actuals.plan_rows(compare.comparison(store, plans=[plan_id]), catalog)
    return actuals.template_bytes(fmt, store.regions(), catalog, rows)


def plan_template(plan_id: str, fmt: str = "xlsx") -> bytes:
    """The actuals template prefilled for one plan: every catalog target's region, indicator, years and unit."""
    return _plan_template(path(), plan_id, fmt)


@st.cache_data(show_spinner=False, max_entries=4)
def _validate_upload(db: str, content: bytes, file_name: str) -> actuals.Report:
    return actuals.validate(_open(db), content, file_name)


def validate_upload(content: bytes, file_name: str) -> actuals.Report:
    """The validation report of an upload (nothing is written)."""
    return _validate_upload(path(), content, file_name)


@st.cache_data(show_spinner=False, max_entries=16)
def _batches(db: str, limit: int | None, offset: int, search: str, status: str | None) -> pd.DataFrame:
    return _open(db).batches(limit=limit, offset=offset, search=search or None, status=status)


def batches(limit: int | None = None, offset: int = 0, search: str = "", status: str | None = None) -> pd.DataFrame:
    """Upload batches, newest first, with the rows of each still in use: every one, or `limit` from the
    `offset`-th of those whose file name, uploader or id holds `search` and whose status is `status` (cut in
    SQL, the rows in use counted for those only)."""
    return _batches(path(), limit, offset, search, status)


@st.cache_data(show_spinner=False, max_entries=16)
def _count_batches(db: str, search: str, status: str | None) -> int:
    return _open(db).count_batches(search=search or None, status=status)


def count_batches(search: str = "", status: str | None = None) -> int:
    """How many batches `batches` with the same filters lists."""
    return _count_batches(path(), search, status)


@st.cache_data(show_spinner=False, max_entries=8)
def _batch_rows(db: str, batch_id: str) -> pd.DataFrame:
    return actuals.batch_rows(_open(db), batch_id)


def batch_rows(batch_id: str) -> pd.DataFrame:
    """The rows of one batch, whatever its status."""
    return _batch_rows(path(), batch_id)


@st.cache_data(show_spinner=False, max_entries=8)
def _status_effect(db: str, batch_id: str, restore: bool) -> actuals.Effect:
    return actuals.status_effect(_open(db), batch_id, restore)


def status_effect(batch_id: str, restore: bool = False) -> actuals.Effect:
    """What withdrawing (or restoring) a batch would change, without changing it (cached until the next write)."""
    return _status_effect(path(), batch_id, restore)


@dataclass(frozen=True)
class ExportChoice:
    """What the Export page asks for (hashable, so the cached reads key on it)."""

    plans: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    as_of: int | None = None
    lang: str = "zh"

    def filters(self) -> export.ExportFilters:
        return export.ExportFilters(
            plans=self.plans, categories=self.categories, statuses=self.statuses, as_of=self.as_of, lang=self.lang
        )


@st.cache_data(show_spinner=False, max_entries=16)
def _export_rows(db: str, choice: ExportChoice) -> pd.DataFrame:
    return export.comparison_rows(_open(db), choice.filters())


def export_report(choice: ExportChoice) -> pd.DataFrame:
    """The report table as exported (every cell its text, headers in the choice's language)."""
    return export.report_table(_export_rows(path(), choice), choice.lang)


def export_file(fmt: str, choice: ExportChoice, table: str = "report") -> bytes:
    """The export as a CSV (UTF-8 with BOM: the report, or `table="data"` every column) or XLSX file, streamed to
    a temporary file a chunk of indicators at a time (targets.export.write_export) and read back; built when
    the button is clicked and never cached (everything at a nation's scale is hundreds of megabytes)."""
    with tempfile.TemporaryDirectory(prefix="target-monitor-export-") as tmp:
        out = Path(tmp) / f"comparison.{fmt}"
        export.write_export(store(), out, fmt, choice.filters(), table=table)
        return out.read_bytes()


@st.cache_data(show_spinner=False, max_entries=8)
def _lead_units(db: str, plans: tuple[str, ...], as_of: int | None) -> pd.DataFrame:
    return lead_units_of(_open(db), list(plans) or None, as_of=as_of)


def lead_units(plans: tuple[str, ...] = (), as_of: int | None = None) -> pd.DataFrame:
    """Every target with a lead unit, one row per (unit, target), with its status (targets.lead_units)."""
    return _lead_units(path(), tuple(plans), as_of)


# --- corrections: written through targets.corrections, then every page's data refreshed ------------------


@st.cache_data(show_spinner=False)
def _corrections(db: str, plan_id: str | None) -> pd.DataFrame:
    return corrections.corrections(_open(db), plan_id=plan_id)


def corrections_of(plan_id: str | None = None) -> pd.DataFrame:
    """Every correction (newest first), with its summary in both languages, active and orphaned."""
    return _corrections(path(), plan_id)


def correct(target_id: str, changes: dict, by: Account, note: str = "") -> corrections.Correction:
    """Correct a target as `by` (an editor or admin) and refresh every page's data."""
    made = corrections.correct(store(), target_id, changes, by, note)
    invalidate()
    return made


def delete_target(target_id: str, by: Account, note: str = "") -> corrections.Correction:
    made = corrections.delete(store(), target_id, by, note)
    invalidate()
    return made


def merge_targets(duplicate_id: str, into_id: str, by: Account, note: str = "") -> corrections.Correction:
    made = corrections.merge(store(), duplicate_id, into_id, by, note)
    invalidate()
    return made


def add_target(doc_id: str, fields: dict, by: Account, note: str = "") -> corrections.Correction:
    made = corrections.add(store(), doc_id, fields, by, note)
    invalidate()
    return made


def undo_correction(correction_id: str, by: Account) -> corrections.Correction:
    made = corrections.undo(store(), correction_id, by)
    invalidate()
    return made


def enter_baseline(
    region: str, indicator_id: str, year: int, value: str, unit: str, by: Account
) -> actuals.ImportResult:
    """Upload one actual (a missing baseline typed on the Progress page) as a batch of its own, through the
    same checks as a file (raises actuals.InvalidUpload with the report)."""
    row = pd.DataFrame(
        [{"region": region, "indicator_id": indicator_id, "period": str(year), "value": value, "unit": unit,
          "source": "进展页面录入 / entered on the Progress page", "note": ""}],
        columns=list(actuals.TEMPLATE_COLUMNS),
    )  # fmt: skip
    imported = actuals.import_actuals(store(), actuals.rows_to_csv(row), file_name="基数录入.csv", by=by)
    invalidate()
    return imported


# --- adding a plan ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanText:
    """A new plan's document as read from an upload or a paste, or the problems that stopped reading it."""

    source: adding.PlanSource | None = None
    problems: tuple[adding.Problem, ...] = ()

    @property
    def text(self) -> str:
        return self.source.text if self.source is not None else ""

    @property
    def sources(self) -> list[adding.PlanSource]:
        return [self.source] if self.source is not None else []


@st.cache_data(show_spinner=False, max_entries=4)
def plan_text(file_name: str, content: bytes) -> PlanText:
    """An uploaded file (PDF, .docx, web page or text, by content) as a plan document, or why it cannot be
    read (cached per file: a PDF is laid out once, not on every rerun)."""
    from etl import add_plan as adding

    try:
        return PlanText(adding.read_upload(file_name, content))
    except adding.InvalidPlan as e:
        return PlanText(problems=tuple(e.problems))


@st.cache_data(show_spinner=False, max_entries=4)
def pasted_text(text: str) -> PlanText:
    """Pasted text (pasted page source read as a web page)."""
    from etl import add_plan as adding

    return PlanText(adding.read_text(text)) if text.strip() else PlanText()


def new_plan(**fields: object) -> adding.PlanMetadata:
    """The metadata of a new plan from the form's fields."""
    from etl import add_plan as adding

    return adding.PlanMetadata(**fields)  # type: ignore[arg-type]


def _plan_key(plan: PlanText) -> tuple[str, bytes | None] | None:
    """What a preview depends on: the document's text and the file it came from."""
    return (plan.source.text, plan.source.data) if plan.source is not None else None


@st.cache_data(show_spinner=False, max_entries=8, hash_funcs={PlanText: _plan_key})
def preview(meta: adding.PlanMetadata, plan: PlanText) -> list[Quantity]:
    """What the extractor finds in a new plan's document (cached per text and metadata; nothing is written)."""
    from etl import add_plan as adding

    return adding.preview(meta, plan.sources)


def add_plan(meta: adding.PlanMetadata, plan: PlanText, by: Account | None = None) -> adding.AddedPlan:
    """Store a new plan as `by` (raises etl.add_plan.InvalidPlan, NotAllowed) and refresh every page's data."""
    from etl import add_plan as adding

    added = adding.add_plan(store(), meta, plan.sources, by=by)
    invalidate()
    return added


def delete_plan(plan_id: str, by: Account | None) -> tuple[int, int]:
    """Delete an added plan as `by` (an admin) and refresh every page's data; (documents, targets) deleted."""
    from etl import add_plan as adding

    deleted = adding.delete_plan(store(), plan_id, by=by)
    invalidate()
    return deleted


# --- the audit log (never cached: admins read what just happened) -------------------------------------


def audit_log(since: datetime | None = None, actions: tuple[str, ...] = ()) -> pd.DataFrame:
    """Audit entries from `since` with one of `actions` (empty: all), oldest first."""
    return audit.log(store(), since=since, actions=list(actions) or None)


def validate(meta: adding.PlanMetadata, plan: PlanText) -> list[adding.Problem]:
    """What is wrong with a new plan (duplicates included); empty when it can be saved."""
    from etl import add_plan as adding

    return adding.validate(store(), meta, plan.sources)
