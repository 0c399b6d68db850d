"""Benchmarks of the target monitor: extraction, build, queries, pages, upload, memory (`make bench`).

Figures come from here, never from timed assertions in tests. Each benchmark prints one table and
writes `bench/results/<name>.json`; generated inputs (the 20 MB corpus, the 100k-target database,
the 100k-row uploads) are made deterministically from the seeds into a cache directory.
"""
