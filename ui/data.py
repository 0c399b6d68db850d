"""The dashboard's access to the database: one Store per process, query results cached.

Pages call these functions and never see SQL. Every cached read is keyed by the database path (so a
test or a second database never sees another's results). Writes go through `targets`/`etl` and are
followed by `invalidate()`, which clears the cached reads so every page shows the new data.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from etl import add_plan as adding
from etl.build import init_db
from targets import actuals, audit, compare, config, export, timeline
from targets.accounts import Account
from targets.model import Quantity
from targets.observations import chart_points
from targets.observations import observed as observations_of
from targets.store import Store
from targets.units import dimension


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


@st.cache_data(show_spinner=False)
def _documents(db: str) -> pd.DataFrame:
    return _open(db).documents()


def documents() -> pd.DataFrame:
    """Document metadata with quantity counts."""
    return _documents(path())


@st.cache_data(show_spinner=False)
def _counts_by(db: str, column: str) -> pd.DataFrame:
    return _open(db).count_by(column)


def counts_by(column: str) -> pd.DataFrame:
    """Quantity counts per plan and per value of `column`."""
    return _counts_by(path(), column)


@st.cache_data(show_spinner=False)
def _targets(
    db: str,
    plans: tuple[str, ...],
    kinds: tuple[str, ...],
    search: str,
    categories: tuple[str, ...],
    indicator_ids: tuple[str, ...],
    dimensions: tuple[str, ...],
) -> pd.DataFrame:
    return _open(db).quantities(
        plans=plans,
        kinds=kinds,
        search=search or None,
        categories=categories,
        indicator_ids=indicator_ids,
        dimensions=dimensions,
    )


def targets(
    plans: tuple[str, ...] = (),
    kinds: tuple[str, ...] = (),
    search: str = "",
    categories: tuple[str, ...] = (),
    indicator_ids: tuple[str, ...] = (),
    dimensions: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Extracted quantities matching every given filter (empty = no filter), in document order."""
    return _targets(path(), plans, kinds, search, categories, indicator_ids, dimensions)


@st.cache_data(show_spinner=False)
def _categories(db: str) -> pd.DataFrame:
    return _open(db).categories()


def categories() -> pd.DataFrame:
    """Catalog categories (category_id, name_zh, name_en)."""
    return _categories(path())


@st.cache_data(show_spinner=False)
def _indicators(db: str) -> pd.DataFrame:
    frame = _open(db).indicators()
    rows = _comparison(db, (), ())
    plans_per_indicator = rows.groupby("indicator_id")["plan_id"].nunique()
    frame["plans"] = frame["indicator_id"].map(plans_per_indicator).fillna(0).astype(int)
    return frame


def indicators() -> pd.DataFrame:
    """The catalog with, per indicator, its target count and the number of plans that set it."""
    return _indicators(path())


@st.cache_data(show_spinner=False, max_entries=64)
def _document_text(db: str, doc_id: str) -> str:
    return _open(db).document_text(doc_id) or ""


def document_text(doc_id: str) -> str:
    """A document's original text."""
    return _document_text(path(), doc_id)


@st.cache_data(show_spinner=False, max_entries=4)
def _document_file(db: str, doc_id: str) -> tuple[str, bytes] | None:
    return _open(db).document_file(doc_id)


def document_file(doc_id: str) -> tuple[str, bytes] | None:
    """(file name, bytes) of an added document's original file (a PDF, a .docx), or None."""
    return _document_file(path(), doc_id)


def dimensions_in_use() -> list[str]:
    """The unit dimensions the extracted quantities have (money, area, count ...)."""
    units = counts_by("norm_unit")["norm_unit"].dropna().unique()
    return sorted({d for u in units if (d := dimension(u))})


# --- comparison and progress ------------------------------------------------------------------------


@st.cache_data(show_spinner=False)
def _comparison(db: str, indicator_ids: tuple[str, ...], plans: tuple[str, ...]) -> pd.DataFrame:
    return compare.comparison(_open(db), list(indicator_ids) or None, list(plans) or None)


def comparison(indicator_ids: tuple[str, ...] = (), plans: tuple[str, ...] = ()) -> pd.DataFrame:
    """Indicator × plan rows (targets.compare.comparison): target in the indicator's unit, actual, status."""
    return _comparison(path(), tuple(indicator_ids), tuple(plans))


def status_counts() -> pd.DataFrame:
    """(plan_id, status, n): comparable targets per plan and progress status."""
    rows = comparison()
    if rows.empty:
        return pd.DataFrame(columns=["plan_id", "status", "n"])
    return rows.groupby(["plan_id", "status"]).size().rename("n").reset_index()


@st.cache_data(show_spinner=False)
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


@st.cache_data(show_spinner=False)
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


@st.cache_data(show_spinner=False, max_entries=4)
def _validate_upload(db: str, content: bytes, file_name: str) -> actuals.Report:
    return actuals.validate(_open(db), content, file_name)


def validate_upload(content: bytes, file_name: str) -> actuals.Report:
    """The validation report of an upload (nothing is written)."""
    return _validate_upload(path(), content, file_name)


@st.cache_data(show_spinner=False)
def _batches(db: str) -> pd.DataFrame:
    return actuals.batches(_open(db))


def batches() -> pd.DataFrame:
    """Every upload batch, newest first, with the rows of each still in use."""
    return _batches(path())


@st.cache_data(show_spinner=False)
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


@st.cache_data(show_spinner=False)
def _export_table(
    db: str, plans: tuple[str, ...], categories: tuple[str, ...], statuses: tuple[str, ...]
) -> pd.DataFrame:
    filters = export.ExportFilters(plans=plans, categories=categories, statuses=statuses)
    return export.comparison_table(_open(db), filters)


def export_table(
    plans: tuple[str, ...] = (), categories: tuple[str, ...] = (), statuses: tuple[str, ...] = ()
) -> pd.DataFrame:
    """The comparison table as exported, with the given filters."""
    return _export_table(path(), plans, categories, statuses)


@st.cache_data(show_spinner=False)
def _export_file(
    db: str, fmt: str, plans: tuple[str, ...], categories: tuple[str, ...], statuses: tuple[str, ...]
) -> bytes:
    filters = export.ExportFilters(plans=plans, categories=categories, statuses=statuses)
    return export.render(_open(db), _export_table(db, plans, categories, statuses), fmt, filters)


def export_file(
    fmt: str, plans: tuple[str, ...] = (), categories: tuple[str, ...] = (), statuses: tuple[str, ...] = ()
) -> bytes:
    """The export as a CSV (UTF-8 with BOM) or XLSX file."""
    return _export_file(path(), fmt, plans, categories, statuses)


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
    try:
        return PlanText(adding.read_upload(file_name, content))
    except adding.InvalidPlan as e:
        return PlanText(problems=tuple(e.problems))


@st.cache_data(show_spinner=False, max_entries=4)
def pasted_text(text: str) -> PlanText:
    """Pasted text (pasted page source read as a web page)."""
    return PlanText(adding.read_text(text)) if text.strip() else PlanText()


def new_plan(**fields: object) -> adding.PlanMetadata:
    """The metadata of a new plan from the form's fields."""
    return adding.PlanMetadata(**fields)  # type: ignore[arg-type]


def _plan_key(plan: PlanText) -> tuple[str, bytes | None] | None:
    """What a preview depends on: the document's text and the file it came from."""
    return (plan.source.text, plan.source.data) if plan.source is not None else None


@st.cache_data(show_spinner=False, max_entries=8, hash_funcs={PlanText: _plan_key})
def preview(meta: adding.PlanMetadata, plan: PlanText) -> list[Quantity]:
    """What the extractor finds in a new plan's document (cached per text and metadata; nothing is written)."""
    return adding.preview(meta, plan.sources)


def add_plan(meta: adding.PlanMetadata, plan: PlanText, by: Account | None = None) -> adding.AddedPlan:
    """Store a new plan as `by` (raises etl.add_plan.InvalidPlan, NotAllowed) and refresh every page's data."""
    added = adding.add_plan(store(), meta, plan.sources, by=by)
    invalidate()
    return added


def delete_plan(plan_id: str, by: Account | None) -> tuple[int, int]:
    """Delete an added plan as `by` (an admin) and refresh every page's data; (documents, targets) deleted."""
    deleted = adding.delete_plan(store(), plan_id, by=by)
    invalidate()
    return deleted


# --- the audit log (never cached: admins read what just happened) -------------------------------------


def audit_log(since: datetime | None = None, actions: tuple[str, ...] = ()) -> pd.DataFrame:
    """Audit entries from `since` with one of `actions` (empty: all), oldest first."""
    return audit.log(store(), since=since, actions=list(actions) or None)


def validate(meta: adding.PlanMetadata, plan: PlanText) -> list[adding.Problem]:
    """What is wrong with a new plan (duplicates included); empty when it can be saved."""
    return adding.validate(store(), meta, plan.sources)
