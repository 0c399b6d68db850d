"""Command line of the ETL: a thin layer that parses arguments, calls the library and formats.

Exit codes: 0 done, 1 invalid data or a failed run, 2 bad usage. Only pipeable data goes to
stdout (JSON Lines, CSV, a batch id); reports and failures go to stderr.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from etl.build import build
from etl.extract import DocumentInfo, extract_path
from targets import config
from targets.model import CONTRACT_FIELDS


def _extract(args: argparse.Namespace) -> int:
    """Print every quantity found in the files, in the extraction contract's shape."""
    info = DocumentInfo(fallback_year=args.year, region=args.region)
    rows = []
    for path in args.files:
        if not Path(path).is_file():
            print(f"Error: no such file: {path}", file=sys.stderr)
            return 1
        rows.extend(t.to_contract() for t in extract_path(path, info))
    out = sys.stdout
    if args.format == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif args.format == "csv":
        fields = list(rows[0]) if rows else list(CONTRACT_FIELDS)
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("|".join(v) if isinstance(v, list) else v) for k, v in row.items()})
    else:
        for row in rows:
            value = row["value"] if row["value"] is not None else f"{row['value_low']}–{row['value_high']}"
            out.write(
                f"{row['doc']}:{row['line']}\t{row['kind']}\t{row['target_year']}\t{row['indicator']}\t"
                f"{row['comparator']} {value}{row['unit_raw']}\t{row['metric']}\t{row['norm_value']} "
                f"{row['norm_unit']}\n"
            )
    return 0


def _build(args: argparse.Namespace) -> int:
    """Extract the manifest's documents into the database."""
    build(args.db or config.database_path(), log=print)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser(
        "build",
        help="extract data/sources into the database",
        description="Extract every document of data/sources.toml into the DuckDB database, "
        "in one transaction. Example: python -m etl build --db /tmp/t.duckdb",
    )
    p.add_argument("--db", type=Path, help="database file (default: $TARGET_MONITOR_DB or data/targets.duckdb)")
    p.set_defaults(func=_build)
    p = sub.add_parser(
        "extract",
        help="print the quantities of any text files (the extraction contract)",
        description="Print one record per quantity found in FILEs. "
        "Example: python -m etl extract data/sources/000_0dc414d589cf70f6.txt --format jsonl",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl")
    p.add_argument("--year", type=int, help="the plan year, used only when the text does not say")
    p.add_argument("--region", help="region to record with each quantity (e.g. 成都市)")
    p.set_defaults(func=_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `| head` closed the pipe: not an error
        sys.stderr.close()
        return 0
