"""Command line of the ETL: a thin layer that parses arguments, calls the library and formats.

Exit codes: 0 done, 1 invalid data or a failed run, 2 bad usage. Only pipeable data goes to
stdout (JSON Lines, CSV, a batch id); reports and failures go to stderr.
"""

from __future__ import annotations

import argparse
import csv
import errno
import getpass
import json
import sys
import tempfile
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from etl import add_plan as adding
from etl.build import BuildFailed, build, init_db
from etl.explain import Explanation, explain_text
from etl.extract import DocumentInfo, explain_document, extract_document
from etl.intake import IntakeError, read_path
from etl.manifest import ManifestError, load_manifest
from etl.timeframe import GENRES, TimeReport, kind_of
from targets import accounts, actuals, audit, compare, config, export, timeline
from targets.audit import Actor
from targets.formatting import quantity, target, unit_word
from targets.model import CONTRACT_FIELDS
from targets.regions import RegionIndex
from targets.store import BatchNotFound, DatabaseMissing, Store, StoreError, created_marker, plain_value


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


def _explain(args: argparse.Namespace) -> int:
    """Print each quantity of a sentence with the rules that decided it and the ones tried before them."""
    text = " ".join(args.text).strip()
    if not text:
        print("Error: give the sentence to explain", file=sys.stderr)
        return 2
    print(format_explanation(explain_text(text, args.year)))
    return 0


def format_explanation(explanation: Explanation) -> str:
    """What ``explain`` prints: the document frame read, then per quantity its reading and its decisions."""
    frame = explanation.frame
    given = frame.decided_by.get("year")
    why = f" ({given.rule})" if given else ""
    lines = [
        f"“{explanation.text}”",
        f"document: plans for {frame.year or '?'}{why}; targets default to {frame.target_year or '?'}; "
        f"reviews describe {frame.review_year or '?'}",
    ]
    if frame.year is None:
        lines.append("(no year read from the text: give --year Y for the year its document is for)")
    if not explanation.quantities:
        lines.append("no quantity found")
    for n, item in enumerate(explanation.quantities, 1):
        q = item.quantity
        word = unit_word(q.unit_raw, q.norm_unit)
        reading = target(q.comparator, q.norm_value, q.norm_low, q.norm_high, q.norm_unit, word=word)
        lines.append(f"{n}. “{q.quote}”  {q.indicator}  {reading}  {q.metric}  {q.kind} {q.target_year or '?'}")
        for fired in item.decisions:
            tried = f"  (tried: {', '.join(fired.tried)})" if fired.tried else ""
            result = f" → {fired.result}" if fired.result else ""
            lines.append(f"   {fired.table:<10} {fired.rule}{result}{tried}")
    for words, rule in explanation.not_quantities:
        lines.append(f"not a quantity: {words}  ({rule})")
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
        region_code=args.region_code or "",
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
        if created_marker(db).exists():
            raise DatabaseMissing(str(db))
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
    rows = None
    if args.plan:  # prefilled for one plan: every catalog target's region, indicator, years and unit
        if not db.exists():
            print(f"Error: no database at {db}; a plan's template needs one", file=sys.stderr)
            return 1
        with Store(db, read_only=True) as store:
            if not store.plan_exists(args.plan):
                print(f"Error: unknown plan {args.plan}; plans: {', '.join(store.plans()['plan_id'])}", file=sys.stderr)
                return 2
            regions, catalog = store.regions(), store.catalog()
            rows = actuals.plan_rows(compare.comparison(store, plans=[args.plan]), catalog)
    elif args.format == "xlsx" and db.exists():
        with Store(db, read_only=True) as store:
            regions, catalog = store.regions(), store.catalog()
    else:  # no database yet: the manifest's regions and the catalog file
        regions, catalog = pd.DataFrame([asdict(r) for r in load_manifest(config.MANIFEST).regions]), None
    data = actuals.template_bytes(args.format, regions, catalog, rows)
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
            result = actuals.import_actuals(store, path, by=Actor.cli())
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
    return _batch_status(args, restore=False)


def _restore_batch(args: argparse.Namespace) -> int:
    """Make a withdrawn batch count again."""
    return _batch_status(args, restore=True)


def _batch_status(args: argparse.Namespace, restore: bool) -> int:
    change = actuals.restore_batch if restore else actuals.withdraw_batch
    with _open_store(args.db) as store:
        try:
            changed = change(store, args.batch_id, by=Actor.cli())
        except BatchNotFound:
            print(f"Error: no batch {args.batch_id!r} (see: python -m etl batches)", file=sys.stderr)
            return 1
    done, already = ("restored", "was active") if restore else ("withdrawn", "was already withdrawn")
    print(f"batch {args.batch_id} {done if changed else already}", file=sys.stderr)
    return 0


# --- accounts and the audit log ----------------------------------------------------------------------


def _new_password(name: str) -> str | None:
    """Ask for a password twice (never on the command line); None when the two differ."""
    first = getpass.getpass(f"{name} 的密码 / password for {name}: ")
    second = getpass.getpass("再输入一次 / again: ")
    return first if first == second else None


def _create_user(args: argparse.Namespace) -> int:
    """Create an account, asking for its password."""
    password = _new_password(args.name)
    if password is None:
        print("Error: 两次输入的密码不一致 / the two passwords differ", file=sys.stderr)
        return 1
    db = Path(args.db or config.database_path())
    with _open_store(db) as store:
        account = accounts.create_user(store, args.name, password, args.role, Actor.cli())
    print(f"account {account.name} ({account.role}) created in {db}", file=sys.stderr)
    return 0


def _set_password(args: argparse.Namespace) -> int:
    """Give an account a new password (ends its sessions, lifts a lock-out)."""
    password = _new_password(args.name)
    if password is None:
        print("Error: 两次输入的密码不一致 / the two passwords differ", file=sys.stderr)
        return 1
    with _open_store(args.db) as store:
        accounts.set_password(store, args.name, password, Actor.cli())
    print(f"password of {args.name} changed", file=sys.stderr)
    return 0


def _set_role(args: argparse.Namespace) -> int:
    """Give an account another role."""
    with _open_store(args.db) as store:
        account = accounts.set_role(store, args.name, args.role, Actor.cli())
    print(f"{account.name} is now {account.role}", file=sys.stderr)
    return 0


def _set_disabled(args: argparse.Namespace) -> int:
    """Disable an account, or enable it again (`args.disabled` comes from the command's name)."""
    with _open_store(args.db) as store:
        accounts.set_disabled(store, args.name, args.disabled, Actor.cli())
    print(f"{args.name} {'disabled' if args.disabled else 'enabled'}", file=sys.stderr)
    return 0


def _users(args: argparse.Namespace) -> int:
    """Print the accounts, tab separated."""
    with _open_store(args.db, read_only=True) as store:
        frame = accounts.accounts(store)
    columns = ["name", "role", "disabled", "failed_attempts", "locked_until", "last_sign_in"]
    print("\t".join(columns))
    for record in frame[columns].to_dict("records"):
        print("\t".join("" if v is None or v != v else str(v) for v in record.values()))
    return 0


def _audit(args: argparse.Namespace) -> int:
    """Print the audit log, oldest first."""
    with _open_store(args.db, read_only=True) as store:
        entries = audit.log(store, since=args.since, actions=args.action or None, who=args.who)
    sys.stdout.write(audit.render(entries, args.format))
    return 0


def _since(text: str) -> datetime:
    """--since: a date (2026-11-01) or a date and time (2026-11-01T09:30)."""
    try:
        return (
            datetime.fromisoformat(text)
            if "T" in text or " " in text
            else datetime.combine(date.fromisoformat(text), datetime.min.time())
        )
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (write 2026-11-01 or 2026-11-01T09:30)") from None


def _export(args: argparse.Namespace) -> int:
    """Write the comparison table (indicator × plan) as CSV or Excel."""
    plans = tuple(p for value in args.plan or () for p in value.split(",") if p)
    with _open_store(args.db, read_only=True) as store:
        known = set(store.plans()["plan_id"])
        unknown = [p for p in plans if p not in known]
        if unknown:
            print(f"Error: unknown plan {', '.join(unknown)}; plans: {', '.join(sorted(known))}", file=sys.stderr)
            return 2
        filters = export.ExportFilters(plans=plans, as_of=args.as_of, lang=args.lang)
        if args.out == "-":  # streamed to a temporary file, then to stdout
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / f"export.{args.format}"
                export.write_export(store, out, args.format, filters, table=args.table)
                _write("-", out.read_bytes())
            return 0
        # a chunk of indicators at a time
        rows = export.write_export(store, args.out, args.format, filters, table=args.table)
    print(f"{rows} rows -> {args.out}", file=sys.stderr)
    return 0


def _progress(args: argparse.Namespace) -> int:
    """Print, per target, its status, the observation used and its origin (doc:line or batch:row)."""
    plans = tuple(p for value in args.plan or () for p in value.split(",") if p)
    regions = tuple(r for value in args.region or () for r in value.split(",") if r)
    with _open_store(args.db, read_only=True) as store:
        try:
            table = timeline.progress_table(store, plans, regions, args.as_of, lang=args.lang)
        except timeline.UnknownName as e:
            known = ", ".join(store.plans()["plan_id"]) if plans else _region_names(store.region_index())
            print(f"Error: {e}; known: {known}", file=sys.stderr)
            return 2
    out = sys.stdout
    if args.format == "jsonl":
        for record in table.to_dict("records"):
            out.write(json.dumps({k: plain_value(v) for k, v in record.items()}, ensure_ascii=False) + "\n")
    elif args.format == "csv":
        table.to_csv(out, index=False)
    else:
        out.write("\t".join(("region", "indicator", "year", "target", "observation", "origin", "status")) + "\n")
        for r in table.to_dict("records"):
            target = _target_text(r, args.lang)
            seen = "—"
            if plain_value(r["observed"]) is not None:
                seen = f"{quantity(r['observed'], r['unit'], args.lang, r['unit_word'])} ({r['observed_year']})"
            origin = " ".join(str(x) for x in (r["origin_label"], r["where"]) if plain_value(x))
            if r["others"]:
                origin += f" | {r['others']}"
            cells = (
                r["region"],
                r["indicator"],
                plain_value(r["target_year"]),
                target,
                seen,
                origin,
                r["status_label"],
            )
            out.write("\t".join("" if c is None else str(c) for c in cells) + "\n")
    out.flush()
    print(f"{len(table)} targets", file=sys.stderr)
    return 0


def _target_text(row: dict, lang: str) -> str:
    """A target as the plan writes it: ≥ 5万人, ≈ 6.5%, 6–7%."""
    low, high = row["target_low"], row["target_high"]
    return target(row["comparator"], row["target"], low, high, row["unit"], lang, row["unit_word"] or "")


def _region_names(index: RegionIndex) -> str:
    return ", ".join(f"{r.name_zh} ({r.region_id})" for r in index.regions.values())


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
    p.add_argument("--region", required=True, help="the plan's region, e.g. 绵阳市 (a name or code it is known by)")
    p.add_argument(
        "--region-code", help="the region's administrative division code, e.g. 510700 (a new region gets it as its id)"
    )
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
    p = sub.add_parser(
        "explain",
        help="print each quantity of a sentence with the rules that decided it (why did it say that?)",
        description="Read TEXT as the extractor reads a document and print, for each quantity, its reading and "
        "each decision — the frame it sits in, its time, subject, comparator and metric — with the rule that won "
        "and the rules tried before it; then the numbers that are not quantities and the rule that said so. "
        'Example: python -m etl explain "到2027年，新建城市绿道500公里以上。" --year 2024',
    )
    p.add_argument("text", nargs="+", metavar="TEXT", help="a sentence or a passage (several words are joined)")
    p.add_argument("--year", type=int, help="the year the text's document is for, as extract --year")
    p.set_defaults(func=_explain)
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
        "indicators; its example rows are marked 示例 and skipped on import. --plan ID prefills it with every "
        "catalog target of that plan (the value left empty). "
        "Example: python -m etl actuals-template --format xlsx --out 实际值模板.xlsx --plan chengdu_2022",
    )
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    p.add_argument("--out", required=True, metavar="FILE", help="file to write ('-' for stdout)")
    p.add_argument("--db", type=Path, help=db_help + "; plans are read from it when it exists")
    p.add_argument("--plan", metavar="PLAN", help="prefill the template with every catalog target of this plan")
    p.set_defaults(func=_actuals_template)
    p = sub.add_parser(
        "import-actuals",
        help="validate a file of actuals and import it as one batch",
        description="Check every row of FILE (CSV in UTF-8/GBK, comma or tab separated, or .xlsx) and import "
        "it as one batch in one transaction. Prints the batch id on stdout (exit 0); on any error prints the "
        "row-level report on stderr, writes nothing and exits 1. The uploader recorded is the operating-system "
        "user (cli:<user> in the audit log). Example: python -m etl import-actuals data/samples/actuals_sample.csv",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--db", type=Path, help=db_help)
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
        "restore-batch",
        help="restore a withdrawn upload batch",
        description="Make a withdrawn batch count again (a later upload of the same value still wins). "
        "Example: python -m etl restore-batch 20261123-101649-4f9a475b",
    )
    p.add_argument("batch_id", metavar="BATCH_ID")
    p.add_argument("--db", type=Path, help=db_help)
    p.set_defaults(func=_restore_batch)
    _account_parsers(sub, db_help)
    p = sub.add_parser(
        "export",
        help="write the comparison table as CSV or Excel",
        description="Write the comparison for a report: CSV (UTF-8 with BOM) of the report table (目标 as the plan "
        "writes it, 实际值, 完成情况, 差距, 来源 …; --table data for every column) or Excel with the sheets 报告 (the "
        "report, numbers kept as numbers), 数据 (every column), 说明 (filters, units, sources) and 实际值. "
        "Example: python -m etl export --format xlsx --out 对比.xlsx --plan chengdu_2025",
    )
    p.add_argument("--format", choices=export.FORMATS, default="csv")
    p.add_argument("--out", required=True, metavar="FILE", help="file to write ('-' for stdout)")
    p.add_argument("--db", type=Path, help=db_help)
    p.add_argument("--plan", action="append", metavar="PLAN", help="only this plan (repeat, or comma-separate)")
    p.add_argument("--as-of", type=int, metavar="YEAR", help="ignore actuals after this year")
    p.add_argument(
        "--table", choices=export.TABLES, default="report", help="a CSV of the report (default) or of every column"
    )
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the report sheet")
    p.set_defaults(func=_export)
    p = sub.add_parser(
        "progress",
        help="print each target's status with the observation used and its origin",
        description="Print, per target, its status, the observation of the plan's region that decided it "
        "(value, year, origin: upload, statistical communiqué, a later report's review or a baseline; "
        "place: doc:line or batch:row) and the other sources' values for that year. "
        "Example: python -m etl progress --region 成都市 --as-of 2024 --format table",
    )
    p.add_argument("--plan", action="append", metavar="ID", help="only this plan (repeat, or comma-separate)")
    p.add_argument("--region", action="append", metavar="R", help="only this region: a name or code (成都市, 510100)")
    p.add_argument("--as-of", type=int, metavar="YEAR", help="ignore observations after this year")
    p.add_argument("--format", choices=("csv", "jsonl", "table"), default="table")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of names and labels")
    p.add_argument("--db", type=Path, help=db_help)
    p.set_defaults(func=_progress)
    return parser


def _account_parsers(sub: argparse._SubParsersAction, db_help: str) -> None:
    """The account and audit commands."""
    p = sub.add_parser(
        "create-user",
        help="create an account (asks for its password)",
        description="Create an account for the dashboard. The password is asked for twice and never taken from "
        "the command line; it is stored only as a salted argon2id hash. Roles: viewer (reads), editor (uploads "
        "actuals, adds plans, withdraws its own batches), admin (everything, accounts too). "
        "Example: python -m etl create-user 王芳 --role admin",
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", choices=accounts.ROLES, default="viewer")
    p.add_argument("--db", type=Path, help=db_help)
    p.set_defaults(func=_create_user)
    p = sub.add_parser(
        "users",
        help="list the accounts",
        description="Print the accounts (name, role, disabled, failures, lock, last sign-in), tab separated. "
        "Example: python -m etl users",
    )
    p.add_argument("--db", type=Path, help=db_help)
    p.set_defaults(func=_users)
    for name, func, disabled, text in (
        ("set-password", _set_password, None, "give an account a new password (asks for it; ends its sessions)"),
        ("disable-user", _set_disabled, True, "disable an account (it can no longer sign in)"),
        ("enable-user", _set_disabled, False, "enable an account again (and lift a lock-out)"),
    ):
        p = sub.add_parser(
            name, help=text, description=f"{text[0].upper()}{text[1:]}. Example: python -m etl {name} 王芳"
        )
        p.add_argument("name", metavar="NAME")
        p.add_argument("--db", type=Path, help=db_help)
        p.set_defaults(func=func, disabled=disabled)
    p = sub.add_parser(
        "set-role",
        help="give an account another role",
        description="Give an account another role (the last admin keeps theirs). "
        "Example: python -m etl set-role 李雷 editor",
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("role", choices=accounts.ROLES)
    p.add_argument("--db", type=Path, help=db_help)
    p.set_defaults(func=_set_role)
    p = sub.add_parser(
        "audit",
        help="print the audit log",
        description="Print the audit log, oldest first: when, who, what (action, objects, summary) and from where "
        "(account:<name> or cli:<os user>). Example: python -m etl audit --since 2026-11-01 --format csv",
    )
    p.add_argument("--since", type=_since, metavar="DATE", help="only entries from this date (or date and time) on")
    p.add_argument("--action", action="append", choices=list(audit.ACTIONS), help="only this action (repeat)")
    p.add_argument("--who", help="only entries by this account or user")
    p.add_argument("--format", choices=audit.FORMATS, default="table")
    p.add_argument("--db", type=Path, help=db_help)
    p.set_defaults(func=_audit)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `| head` closed the pipe: not an error
        sys.stderr.close()
        return 0
    except (StoreError, accounts.AccountError) as e:  # a missing, locked or full database, a refused change
        print(f"Error: {e}", file=sys.stderr)
        return 1
    except OSError as e:  # writing an output file: one line, no traceback
        full = e.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
        print(f"Error: {'磁盘已满 / disk full: ' if full else ''}{e}", file=sys.stderr)
        return 1
