"""Read plan documents, extract their quantitative targets, load them into DuckDB."""
