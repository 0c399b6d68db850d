"""The dashboard's access to the database: one Store per process, query results cached.

Pages call these functions and never see SQL. Writes go through `targets` and are followed by
`invalidate()`, which clears the cached reads so every page shows the new data.
"""

from __future__ import annotations

import contextlib

import pandas as pd
import streamlit as st

from etl.build import init_db
from targets import actuals, config, export
from targets.compare import comparison
from targets.store import Store


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """The process's one connection; on first start the database is built from the sources and the
    sample actuals are loaded (`etl.build.init_db`, as `make run` does)."""
    path = config.database_path()
    if not path.exists():
        # FileExistsError: another process created it meanwhile
        with (
            st.spinner("首次启动:正在从源文件构建数据库…… / Building the database…"),
            contextlib.suppress(FileExistsError),
        ):
            init_db(path)
    return Store(path)


def invalidate() -> None:
    """Forget cached query results after the data changed."""
    st.cache_data.clear()


@st.cache_data(show_spinner=False)
def plans() -> pd.DataFrame:
    return store().plans()


@st.cache_data(show_spinner=False)
def documents() -> pd.DataFrame:
    return store().documents()


@st.cache_data(show_spinner=False)
def counts_by(column: str) -> pd.DataFrame:
    return store().count_by(column)


@st.cache_data(show_spinner=False)
def targets(
    plans: tuple[str, ...] = (),
    kinds: tuple[str, ...] = (),
    search: str = "",
    categories: tuple[str, ...] = (),
    indicator_ids: tuple[str, ...] = (),
    dimensions: tuple[str, ...] = (),
) -> pd.DataFrame:
    return store().targets(
        plans=plans,
        kinds=kinds,
        search=search or None,
        categories=categories,
        indicator_ids=indicator_ids,
        dimensions=dimensions,
    )


# --- actuals and export (issue 6) -------------------------------------------------------------------
# Reads for the Actuals and Export pages. Imports and withdrawals go through targets.actuals and are
# followed by invalidate().


@st.cache_data(show_spinner=False)
def actuals_template(fmt: str) -> bytes:
    """The actuals template (csv or xlsx), listing the plans in the database."""
    return actuals.template_bytes(fmt, store().plans())


@st.cache_data(show_spinner=False, max_entries=4)
def validate_upload(content: bytes, file_name: str) -> actuals.Report:
    """The validation report of an upload (nothing is written)."""
    return actuals.validate(store(), content, file_name)


@st.cache_data(show_spinner=False)
def batches() -> pd.DataFrame:
    return actuals.batches(store())


@st.cache_data(show_spinner=False)
def batch_rows(batch_id: str) -> pd.DataFrame:
    return actuals.batch_rows(store(), batch_id)


@st.cache_data(show_spinner=False)
def comparison_rows() -> pd.DataFrame:
    """The comparison's status per target, to show what an import changed."""
    return comparison(store())


@st.cache_data(show_spinner=False)
def categories() -> pd.DataFrame:
    return store().categories()


@st.cache_data(show_spinner=False)
def export_table(plans: tuple[str, ...] = (), categories: tuple[str, ...] = (), statuses: tuple[str, ...] = ()):
    return export.comparison_table(store(), export.ExportFilters(plans=plans, categories=categories, statuses=statuses))


@st.cache_data(show_spinner=False)
def export_file(
    fmt: str, plans: tuple[str, ...] = (), categories: tuple[str, ...] = (), statuses: tuple[str, ...] = ()
) -> bytes:
    filters = export.ExportFilters(plans=plans, categories=categories, statuses=statuses)
    return export.render(store(), export_table(plans, categories, statuses), fmt, filters)
