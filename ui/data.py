"""The dashboard's access to the database: one Store per process, query results cached.

Pages call these functions and never see SQL. Writes go through `targets` and are followed by
`invalidate()`, which clears the cached reads so every page shows the new data.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from etl.build import build
from targets import config
from targets.store import Store


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """The process's one connection; the database is built from the sources on first start."""
    path = config.database_path()
    if not path.exists():
        with st.spinner("首次启动:正在从源文件构建数据库…… / Building the database…"):
            build(path)
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
