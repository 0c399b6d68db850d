"""Command line of the ETL: a thin layer that parses arguments, calls the library and formats.

Exit codes: 0 done, 1 invalid data or a failed run, 2 bad usage. Only pipeable data goes to
stdout (JSON Lines, CSV, a batch id); reports and failures go to stderr.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from etl import add_plan as adding
from etl.build import BuildFailed, build, init_db
from etl.extract import DocumentInfo, explain_document, extract_document
from etl.intake import IntakeError, read_path
from etl.manifest import ManifestError, load_manifest
from etl.timeframe import GENRES, TimeReport, kind_of
from targets import actuals, config, export
from targets.model import CONTRACT_FIELDS
from targets.store import BatchNotFound, Store, StoreError


def _extract(args: argparse.Namespace) -> int:
    """Print every quantity found in the files, in the extraction contract's shape."""
    info = DocumentInfo(plan_year=args.year, region=args.region)
    rows: list[dict] = []
    for path in args.files:
        if not Path(path).is_file():
            print(f"Error: no such file: {path}", file=sys.stderr)
            return 1
        try:
            doc = read_path(path)
        except IntakeError as e:
            print(f"Error: {e}", file=sys.stderr)
            return 1
        if args.explain:
            print(format_time_report(doc.name, explain_document(doc, info)), file=sys.stderr)
        rows.extend(t.to_contract() for t in extract_document(doc, info))
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


def format_time_report(name: str, report: TimeReport) -> str:
    """The document's time frame and each section's, as ``extract --explain`` prints them."""
    frame = report.frame
    horizon = f"{frame.horizon[0]}—{frame.horizon[1]}" if frame.horizon else "?"
    lines = [
        f"{name}: plans for {frame.year or '?'} ({frame.genre}: {GENRES.get(frame.genre, '')}); "
        f"horizon {horizon}; targets default to {frame.target_year or '?'}; reviews describe {frame.review_year or '?'}"
    ]
    for ev in frame.evidence:
        chosen = "*" if any(ev is decided for decided in frame.decided_by.values()) else " "
        where = f" (line {ev.line})" if ev.line else ""
        lines.append(f"  {chosen} {ev.field} {ev.value}  {ev.rule}  “{ev.text}”{where}")
    lines.append("  sections:")
    for section in report.sections:
        if section.frame is None:
            continue
        f = section.frame
        kind = kind_of(f, frame)
        lines.append(f"    line {section.line}: {kind} {f.year}  {f.rule}  “{section.text[:40]}” ({section.where})")
    return "\n".join(lines)


def _build(args: argparse.Namespace) -> int:
    """Extract the manifest's documents into the database."""
    manifest = args.manifest or config.MANIFEST
    if not manifest.is_file():
        print(f"Error: no such manifest: {manifest}", file=sys.stderr)
        return 1
    try:
        build(args.db or config.database_path(), manifest, args.sources, log=print, jobs=args.jobs)
    except (ManifestError, BuildFailed) as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_INTERRUPTED, file=sys.stderr)
        return 130
    return 0


_INTERRUPTED = "Error: interrupted; the database is as it was / 已中断，数据库保持原样"


def _add_plan(args: argparse.Namespace) -> int:
    """Read FILEs as the documents of a new plan, check it, and store it (or, --dry-run, print its rows)."""
    sources = []
    for path in args.files:
        if not Path(path).is_file():
            print(f"Error: no such file: {path}", file=sys.stderr)
            return 1
        try:
            sources.append(adding.read_upload(Path(path).name, Path(path).read_bytes()))
        except adding.InvalidPlan as e:
            _print_problems(e.problems)
            return 1
    for source in sources:
        for warning in source.document.warnings:
            print(f"{source.label}: {warning}", file=sys.stderr)
    first = sources[0]
    name = args.name or args.title or first.document.title or Path(first.file_name).stem
    meta = adding.PlanMetadata(
        plan_id=args.plan_id,
        name_zh=name,
        name_en=args.name_en or "",
        region=args.region,
        level=args.level,
        plan_type=args.type,
        start_year=args.start_year,
        end_year=args.end_year,
        title=args.title or "",
        issuer=args.issuer or "",
        published=args.published or "",
    )
    if args.dry_run:
        problems = adding.validate(None, meta, sources)
        for row in adding.preview(meta, sources):
            sys.stdout.write(json.dumps(row.to_contract(), ensure_ascii=False) + "\n")
        _print_problems(problems)
        return 1 if problems else 0
    with _open_store(args.db) as store:
        try:
            added = adding.add_plan(store, meta, sources)
        except adding.InvalidPlan as e:
            _print_problems(e.problems)
            return 1
    print(added.plan_id)
    print(
        f"规划 {added.plan_id} 已添加：{len(added.doc_ids)} 个文件（{', '.join(added.doc_ids)}），"
        f"{added.targets} 个目标，{added.reported} 个实际值/基期值，{added.seconds:.1f} 秒 / "
        f"plan {added.plan_id} added: {added.targets} targets, {added.reported} actuals/baselines",
        file=sys.stderr,
    )
    return 0


def _print_problems(problems: list[adding.Problem]) -> None:
    """A new plan's problems on stderr, one a line: field, rule, message (Chinese / English)."""
    for p in problems:
        print(f"{p.field}\t{p.rule}\t{p.message_zh} / {p.message_en}", file=sys.stderr)


# --- actuals and exports -----------------------------------------------------------------------------


def _open_store(path: Path | None, read_only: bool = False) -> Store:
    """The store at `path` (default: $TARGET_MONITOR_DB or data/targets.duckdb); raises StoreError when missing."""
    db = Path(path or config.database_path())
    if not db.exists():
        raise StoreError(f"no database at {db}; create it with: python -m etl init-db --db {db}")
    return Store(db, read_only=read_only)


def _init_db(args: argparse.Namespace) -> int:
    """Create a new database from the sources with the sample actuals loaded."""
    path = args.db or config.database_path()
    try:
        init_db(path, log=lambda line: print(line, file=sys.stderr), jobs=args.jobs)
    except (FileExistsError, ManifestError, BuildFailed) as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_INTERRUPTED.replace("the database is as it was", "no database was made"), file=sys.stderr)
        return 130
    return 0


def _actuals_template(args: argparse.Namespace) -> int:
    """Write the actuals template (CSV or Excel)."""
    db = Path(args.db or config.database_path())
    if args.format == "xlsx" and db.exists():
        with Store(db, read_only=True) as store:
            plans, catalog = store.plans(), store.catalog()
    else:  # no database yet: the manifest's plans and the catalog file
        plans, catalog = pd.DataFrame([asdict(p) for p in load_manifest(config.MANIFEST).plans]), None
    data = actuals.template_bytes(args.format, plans, catalog)
    _write(args.out, data)
    return 0


def _write(out: str, data: bytes) -> None:
    if out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(out).write_bytes(data)


def import_actuals(args: argparse.Namespace) -> int:
    """Validate FILE and import it as one batch; print the batch id, or the report on stderr."""
    path = Path(args.file)
    if not path.is_file():
        print(f"Error: no such file: {path}", file=sys.stderr)
        return 1
    with _open_store(args.db) as store:
        if args.dry_run:
            report = actuals.validate_file(store, path)
            print(report.as_text(), file=sys.stderr)
            return 0 if report.valid else 1
        try:
            result = actuals.import_actuals(store, path, uploaded_by=args.by)
        except actuals.InvalidUpload as e:
            print(e.report.as_text(), file=sys.stderr)
            return 1
    print(result.batch.batch_id)
    print(
        f"{result.batch.rows} 行已导入为批次 {result.batch.batch_id} / "
        f"{result.batch.rows} rows imported as batch {result.batch.batch_id}",
        file=sys.stderr,
    )
    for warning in result.report.warnings:
        print(warning.message, file=sys.stderr)
    return 0


def _batches(args: argparse.Namespace) -> int:
    """Print the upload history as tab-separated rows, newest first."""
    with _open_store(args.db, read_only=True) as store:
        history = actuals.batches(store)
    columns = ["batch_id", "status", "rows", "rows_in_use", "uploaded_at", "uploaded_by", "file_name"]
    print("\t".join(columns))
    for record in history[columns].to_dict("records"):
        record["uploaded_at"] = f"{record['uploaded_at']:%Y-%m-%d %H:%M:%S}"
        print("\t".join("" if v is None or v != v else str(v) for v in record.values()))
    return 0


def _withdraw_batch(args: argparse.Namespace) -> int:
    """Withdraw a batch: its rows stay in the history and stop counting."""
    with _open_store(args.db) as store:
        try:
            changed = actuals.withdraw_batch(store, args.batch_id)
        except BatchNotFound:
            print(f"Error: no batch {args.batch_id!r} (see: python -m etl batches)", file=sys.stderr)
            return 1
    state = "withdrawn" if changed else "was already withdrawn"
    print(f"batch {args.batch_id} {state}", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    """Write the comparison table (indicator × plan) as CSV or Excel."""
    plans = tuple(p for value in args.plan or () for p in value.split(",") if p)
    with _open_store(args.db, read_only=True) as store:
        known = set(store.plans()["plan_id"])
        unknown = [p for p in plans if p not in known]
        if unknown:
            print(f"Error: unknown plan {', '.join(unknown)}; plans: {', '.join(sorted(known))}", file=sys.stderr)
            return 2
        filters = export.ExportFilters(plans=plans, as_of=args.as_of)
        table = export.comparison_table(store, filters)
        _write(args.out, export.render(store, table, args.format, filters))
    if args.out != "-":
        print(f"{len(table)} rows -> {args.out}", file=sys.stderr)
    return 0


def _add_jobs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="processes that read and extract documents (default: the number of cores, or this process alone for "
        "under 2 MB of documents; 1: in this process)",
    )


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser(
        "build",
        help="extract data/sources into the database",
        description="Extract every document of data/sources.toml (or --manifest) into the DuckDB database on "
        "every core, keeping uploaded actuals and added plans. The new database is written beside the old one "
        "and replaces it only when complete: a failed or interrupted build changes nothing. "
        "Example: python -m etl build --db /tmp/t.duckdb --jobs 2",
    )
    p.add_argument("--db", type=Path, help="database file (default: $TARGET_MONITOR_DB or data/targets.duckdb)")
    p.add_argument(
        "--manifest",
        type=Path,
        help="a manifest of one's own corpus (default: data/sources.toml); its files are "
        "found beside it unless --sources says where",
    )
    p.add_argument("--sources", type=Path, help="the folder holding the manifest's files")
    _add_jobs(p)
    p.set_defaults(func=_build)
    p = sub.add_parser(
        "add-plan",
        help="add a plan from its documents (PDF, .docx, web page or text)",
        description="Read FILEs (PDF, Word .docx, a saved web page or text, by their content) as the documents "
        "of a new plan, check the plan and store it with its quantities in one transaction, as the dashboard's "
        "新增规划 page does; the files are kept in the database and read again on every rebuild. Prints the plan "
        "id on stdout; problems go to stderr, one a line (field, rule, message), and nothing is written. "
        "Example: python -m etl add-plan 绵阳市2025年政府工作报告.pdf --plan-id mianyang_2025 --region 绵阳市 "
        "--level city --type government_work_report --start-year 2025 --end-year 2025",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--plan-id", required=True, help="lower-case words joined by _, ending in the end year")
    p.add_argument("--region", required=True, help="the plan's region, e.g. 绵阳市")
    p.add_argument("--level", required=True, choices=adding.LEVELS)
    p.add_argument("--type", required=True, choices=adding.PLAN_TYPES, help="the plan type")
    p.add_argument("--start-year", required=True, type=int)
    p.add_argument("--end-year", required=True, type=int)
    p.add_argument("--name", help="the plan's Chinese name (default: --title, else the first document's title)")
    p.add_argument("--name-en", help="the plan's English name")
    p.add_argument("--title", help="the document's title")
    p.add_argument("--issuer", help="who issued it")
    p.add_argument("--published", help="publication date, YYYY-MM-DD")
    p.add_argument("--db", type=Path, help="database file (default: $TARGET_MONITOR_DB or data/targets.duckdb)")
    p.add_argument("--dry-run", action="store_true", help="write nothing: print the rows found (JSON Lines)")
    p.set_defaults(func=_add_plan)
    p = sub.add_parser(
        "extract",
        help="print the quantities of any files: PDF, .docx, web page or text (the extraction contract)",
        description="Print one record per quantity found in FILEs. "
        "Example: python -m etl extract data/sources/000_0dc414d589cf70f6.txt --format jsonl --explain",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl")
    p.add_argument(
        "--year",
        type=int,
        help="the year the documents are for (a work report's year, a multi-year plan's first or last year); "
        "wins over the year read from the text",
    )
    p.add_argument("--region", help="region to record with each quantity (e.g. 成都市)")
    p.add_argument(
        "--explain",
        action="store_true",
        help="print each document's time frame (year, genre, evidence) and each section's kind and year to stderr",
    )
    p.set_defaults(func=_extract)
    db_help = "database file (default: $TARGET_MONITOR_DB or data/targets.duckdb)"
    p = sub.add_parser(
        "init-db",
        help="create a new database with the sample actuals",
        description="Build a new database from data/sources and load data/samples/actuals_sample.csv as one "
        "batch (what `make run` does when the database is missing). Refuses an existing file. "
        "Example: python -m etl init-db --db /tmp/t.duckdb",
    )
    p.add_argument("--db", type=Path, help=db_help)
    _add_jobs(p)
    p.set_defaults(func=_init_db)
    p = sub.add_parser(
        "actuals-template",
        help="write the template for uploading actuals",
        description="Write the actuals template: CSV (UTF-8 with BOM) or Excel with sheets of plans and "
        "indicators. Example: python -m etl actuals-template --format xlsx --out 实际值模板.xlsx",
    )
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    p.add_argument("--out", required=True, metavar="FILE", help="file to write ('-' for stdout)")
    p.add_argument("--db", type=Path, help=db_help + "; plans are read from it when it exists")
    p.set_defaults(func=_actuals_template)
    p = sub.add_parser(
        "import-actuals",
        help="validate a file of actuals and import it as one batch",
        description="Check every row of FILE (CSV in UTF-8/GBK, comma or tab separated, or .xlsx) and import "
        "it as one batch in one transaction. Prints the batch id on stdout (exit 0); on any error prints the "
        "row-level report on stderr, writes nothing and exits 1. "
        "Example: python -m etl import-actuals data/samples/actuals_sample.csv --by 张三",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--db", type=Path, help=db_help)
    p.add_argument("--by", help="uploader name recorded with the batch")
    p.add_argument("--dry-run", action="store_true", help="only validate and print the report")
    p.set_defaults(func=import_actuals)
    p = sub.add_parser(
        "batches",
        help="list the upload batches",
        description="Print the upload history, newest first, tab separated. Example: python -m etl batches",
    )
    p.add_argument("--db", type=Path, help=db_help)
    p.set_defaults(func=_batches)
    p = sub.add_parser(
        "withdraw-batch",
        help="withdraw an upload batch",
        description="Withdraw a batch: its rows stay in the history and stop counting. "
        "Example: python -m etl withdraw-batch 20261123-101649-4f9a475b",
    )
    p.add_argument("batch_id", metavar="BATCH_ID")
    p.add_argument("--db", type=Path, help=db_help)
    p.set_defaults(func=_withdraw_batch)
    p = sub.add_parser(
        "export",
        help="write the comparison table as CSV or Excel",
        description="Write the comparison table (indicator × plan: target, actual, gap, attainment, status, "
        "quote, document) as CSV (UTF-8 with BOM) or Excel (with a sheet describing filters, units and sources). "
        "Example: python -m etl export --format xlsx --out 对比.xlsx --plan chengdu_2025",
    )
    p.add_argument("--format", choices=export.FORMATS, default="csv")
    p.add_argument("--out", required=True, metavar="FILE", help="file to write ('-' for stdout)")
    p.add_argument("--db", type=Path, help=db_help)
    p.add_argument("--plan", action="append", metavar="PLAN", help="only this plan (repeat, or comma-separate)")
    p.add_argument("--as-of", type=int, metavar="YEAR", help="ignore actuals after this year")
    p.set_defaults(func=_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `| head` closed the pipe: not an error
        sys.stderr.close()
        return 0
    except StoreError as e:  # a missing or locked database: one line, no traceback
        print(f"Error: {e}", file=sys.stderr)
        return 1
