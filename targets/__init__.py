"""The domain core of the target monitor: units, numbers, catalog, store, progress, actuals, exports.

Nothing in this package imports Streamlit; `etl/` and the dashboard both build on it.
"""
