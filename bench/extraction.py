"""Extraction throughput (characters of source text per second), single process.

On the five seeds and on the generated corpus (bench/corpus.py), each run measures:
- etl: read + clean (decode, OpenCC, furniture) and extract (tables, segment, mentions, meaning,
  context, units, classify) — `etl.intake.read_path` + `extract_document`, as the build does;
- the stages on their own: read+clean, segment, find_mentions over every sentence, classify;
- load: the extracted rows and documents written to a fresh DuckDB file (`Store.replace_document`);
- the regex floor: read + decode + one `re.finditer` for "number + unit" with the registry's unit
  words — the least a Python scanner can do over the same text;
- the peer (seeds only; it runs at about 7k chars/s): Recognizers-Text, see bench/peer.py;
- before and now: the same etl pass in its own process (CPU seconds), for this tree and for the code before issue 16's
  extraction work (`BEFORE_REV`, exported with `git archive`; `$BENCH_BEFORE` names another revision),
  one after the other in each round, over the seeds and every `VERSUS_SAMPLE`th corpus document, with a
  digest of every extracted row (JSON, as `extract --format jsonl` writes it): the speed-up and whether
  the output stayed byte-identical (`python -m bench.identical` diffs the command line's output itself).
Ratios: ours / floor (time of etl over time of the floor), peer / ours, before / now (time over time).
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from bench import corpus, peer
from bench.common import ROOT, Context, Result, Row, export_tree, profile

GOAL_FLOOR_RATIO = 5.0
#: main before issue 16's extraction work: the "today" of its goal (≥ 1.5× the characters per second). It
#: must extract what this tree does (the rows are compared): when main's rules change, the last main
#: without the speed work (here: with time2's patterns) is the one to name
BEFORE_REV = "e89b8a9aea51efcec083a91feedddf42263926f8"
GOAL_SPEEDUP = 1.5
#: the before/now comparison reads every VERSUS_SAMPLE-th corpus document (a quarter: ~1.9M characters)
VERSUS_SAMPLE = 4

#: one etl pass in a fresh interpreter over the documents given on stdin (JSON), with whatever `etl` and
#: `targets` come first on its path: the CPU seconds reading and extracting (the process's own time, so the
#: other work sharing the machine weighs less than on the wall clock; after a warm-up over the first ten
#: documents, as the in-process runs are warm), and a digest of the rows
_CHILD = """
import hashlib, json, sys, time
from etl.extract import DocumentInfo, extract_document
from etl.intake import read_path

def one(d):
    t0 = time.process_time()
    source = read_path(d["path"])
    t1 = time.process_time()
    rows = extract_document(source, DocumentInfo(d["plan_year"], tuple(d["target_years"]), d["region"]))
    return t1 - t0, time.process_time() - t1, len(source.original), rows

docs = json.load(sys.stdin)
for d in docs[:10]:  # warm: lazily compiled patterns, the catalog, the unit registry's first reads
    one(d)
read = extract = 0.0
chars = count = 0
digest = hashlib.sha256()
for d in docs:
    r, e, n, rows = one(d)
    read, extract, chars, count = read + r, extract + e, chars + n, count + len(rows)
    for q in rows:
        digest.update((json.dumps(q.to_contract(), ensure_ascii=False) + "\\n").encode())
print(json.dumps({"read": read, "extract": extract, "chars": chars, "rows": count, "sha256": digest.hexdigest()}))
"""


@cache
def floor_pattern() -> re.Pattern[str]:
    """number (Arabic, full-width too) + optional magnitude + a unit word of the registry, %, ‰."""
    from targets.units import unit_words

    words = unit_words()
    units = "|".join(re.escape(w) for w in words)
    return re.compile(rf"([\d０-９]+(?:[.．][\d０-９]+)?)\s*([万亿千百]*)({units}|%|％|‰)")


def floor_scan(docs: list[corpus.CorpusDocument]) -> int:
    """The floor: read, decode and scan every document once; returns the number of matches."""
    from etl.intake.text import decode

    pattern = floor_pattern()
    found = 0
    for d in docs:
        text, _ = decode(d.path.read_bytes())
        found += len([(m.start(), m.end(), m.group(1), m.group(2) + m.group(3)) for m in pattern.finditer(text)])
    return found


@dataclass
class Pass:
    """Seconds per stage of one run over a document set."""

    chars: int = 0
    read: float = 0.0
    segment: float = 0.0
    mentions: float = 0.0
    extract: float = 0.0
    classify: float = 0.0
    load: float = 0.0
    targets: int = 0
    sentences: int = 0
    documents: list = field(default_factory=list)

    @property
    def etl(self) -> float:
        return self.read + self.extract


def _info(d: corpus.CorpusDocument):
    from etl.extract import DocumentInfo

    return DocumentInfo(plan_year=d.plan_year, target_years=d.target_years, region=d.region)


def etl_pass(docs: list[corpus.CorpusDocument], db_path: Path | None = None, stages: bool = True) -> Pass:
    """One run of the pipeline over `docs`, timing each stage; loads into `db_path` when given."""
    from etl.classify import classify
    from etl.extract import extract_document
    from etl.intake import read_path
    from etl.mentions import find_mentions
    from etl.segment import segment

    p = Pass()
    loaded = []
    for d in docs:
        t0 = time.perf_counter()
        source = read_path(d.path)
        t1 = time.perf_counter()
        targets = extract_document(source, _info(d))
        t2 = time.perf_counter()
        p.read += t1 - t0
        p.extract += t2 - t1
        p.chars += len(source.original)
        p.targets += len(targets)
        if stages:
            t0 = time.perf_counter()
            paragraphs = segment(source)
            t1 = time.perf_counter()
            for paragraph in paragraphs:
                for sentence in paragraph.sentences:
                    find_mentions(sentence.text)
                    p.sentences += 1
            t2 = time.perf_counter()
            classify(targets)
            t3 = time.perf_counter()
            p.segment += t1 - t0
            p.mentions += t2 - t1
            p.classify += t3 - t2
        if db_path is not None:
            loaded.append((d, source, targets))
    if db_path is not None:
        p.load = load(db_path, loaded)
    return p


def load(db_path: Path, loaded: list) -> float:
    """Seconds to write documents and their rows into a fresh DuckDB file in one transaction."""
    from targets.store import DocumentRecord, Store

    for suffix in ("", ".wal", ".created"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    t0 = time.perf_counter()
    with Store(db_path) as store, store.transaction() as cur:
        for d, source, targets in loaded:
            record = DocumentRecord(
                source.name,
                "bench",
                d.seed,
                "",
                d.region or "",
                "city",
                "bench",
                "",
                d.plan_year,
                d.target_years,
                source.script,
                source.encoding,
                source.sha256,
                source.original,
            )
            store.replace_document(cur, record, targets)
    return time.perf_counter() - t0


def _throughput(case: str, chars: int, samples: list[float], **kw) -> Row:
    return Row(case, "chars/s", [chars / s for s in samples], **kw)


def _child_pass(tree: Path, payload: str) -> dict:
    """One etl pass (`_CHILD`) in a fresh interpreter, `tree`'s etl and targets first on the path."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], input=payload, cwd=tree, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"etl pass in {tree} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def versus(ctx: Context, sets: dict[str, list[corpus.CorpusDocument]], result: Result) -> None:
    """Before and now, alternating in each round: rows, the speed-up and whether the output is identical."""
    rev = os.environ.get("BENCH_BEFORE") or BEFORE_REV
    with tempfile.TemporaryDirectory(prefix="before-", dir=ctx.cache_dir) as tmp:
        try:
            before = export_tree(rev, Path(tmp))
        except (OSError, subprocess.CalledProcessError) as e:  # no git, or a clone without that commit
            result.notes.append(f"before/now: revision {rev[:9]} cannot be exported ({e}); not compared")
            return
        for name, docs in sets.items():
            payload = json.dumps(
                [
                    {"path": str(d.path), "plan_year": d.plan_year, "target_years": d.target_years, "region": d.region}
                    for d in docs
                ]
            )
            runs: dict[str, list[dict]] = {"before": [], "now": []}
            for _ in range(ctx.sizes.extraction_runs):
                runs["before"].append(_child_pass(before, payload))
                runs["now"].append(_child_pass(ROOT, payload))
            chars = runs["now"][0]["chars"]
            seconds = {label: [r["read"] + r["extract"] for r in out] for label, out in runs.items()}
            speedup = statistics.median(seconds["before"]) / statistics.median(seconds["now"])
            result.ratios[f"before/now ({name})"] = speedup
            digests = {label: {r["sha256"] for r in out} for label, out in runs.items()}
            identical = len(digests["before"] | digests["now"]) == 1
            result.add(_throughput(f"{name} ({len(docs)} documents): etl before ({rev[:7]}), own process", chars,
                                   seconds["before"]))  # fmt: skip
            result.add(
                _throughput(
                    f"{name} ({len(docs)} documents): etl now, own process",
                    chars,
                    seconds["now"],
                    goal=f"≥ {GOAL_SPEEDUP:g}× before",
                    ok=speedup >= GOAL_SPEEDUP,
                )
            )
            result.add(
                Row(
                    f"{name} ({len(docs)} documents): rows extracted, before and now",
                    "rows",
                    [float(runs["now"][0]["rows"])],
                    goal="byte-identical",
                    ok=identical,
                    note=f"sha256 {sorted(digests['now'])[0][:12]}" + ("" if identical else " (DIFFERENT)"),
                )
            )


def run(ctx: Context) -> Result:
    """The extraction benchmark over the seeds and the corpus, with the floor and the peer beside it."""
    result = Result("extraction", "extraction throughput, single process (characters of source text per second)")
    sets = {
        "seeds": corpus.seed_documents(),
        "corpus": corpus.generate(ctx.cache_dir, ctx.sizes.corpus_bytes),
    }
    size = sum(d.path.stat().st_size for d in sets["corpus"])
    result.notes.append(
        f"corpus: {len(sets['corpus'])} documents, {size / 1e6:.1f} MB UTF-8 (generated from the seeds)"
    )
    floor_scan(sets["seeds"])  # warm the imports, the registry and the pattern
    etl_pass(sets["seeds"][:1], stages=False)
    ratios = {}
    for name, docs in sets.items():
        # the stages and the load on their own in every run over the seeds, in the first over the corpus
        runs = [
            etl_pass(
                docs, ctx.path(f"load-{name}.duckdb") if i == 0 or name == "seeds" else None, i == 0 or name == "seeds"
            )
            for i in range(ctx.sizes.extraction_runs)
        ]
        detailed = [r for r in runs if r.sentences]
        chars = runs[0].chars
        floor_samples = []
        for _ in range(ctx.sizes.extraction_runs):
            t0 = time.perf_counter()
            matches = floor_scan(docs)
            floor_samples.append(time.perf_counter() - t0)
        etl = [r.etl for r in runs]
        result.notes.append(
            f"{name}: {chars:,} chars, {runs[0].targets:,} rows extracted, {runs[0].sentences:,} sentences, "
            f"{matches:,} floor matches"
        )
        median = sorted(etl)[len(etl) // 2]
        floor_median = sorted(floor_samples)[len(floor_samples) // 2]
        ratio = median / floor_median
        ratios[f"ours/floor ({name})"] = ratio
        result.add(
            _throughput(
                f"{name}: etl (read, clean, extract, classify)",
                chars,
                etl,
                goal=f"≤ {GOAL_FLOOR_RATIO:g}× floor time",
                ok=ratio <= GOAL_FLOOR_RATIO,
            )
        )
        result.add(_throughput(f"{name}:   read + clean", chars, [r.read for r in runs]))
        result.add(_throughput(f"{name}:   segment", chars, [r.segment for r in detailed]))
        result.add(_throughput(f"{name}:   find_mentions", chars, [r.mentions for r in detailed]))
        result.add(_throughput(f"{name}:   classify", chars, [r.classify for r in detailed]))
        result.add(_throughput(f"{name}:   extract_document (all of extraction)", chars, [r.extract for r in runs]))
        result.add(_throughput(f"{name}: load (DuckDB file)", chars, [r.load for r in detailed]))
        result.add(_throughput(f"{name}: regex floor (read + scan)", chars, floor_samples))
        if name == "seeds":
            models, why = peer.load()
            if models is None:
                result.notes.append(f"peer {peer.NAME}: {why}")
            else:
                texts = [d.path.read_text(encoding="utf-8") for d in docs]
                peer_samples, found = [], 0
                for _ in range(ctx.sizes.peer_runs):
                    t0 = time.perf_counter()
                    found = sum(peer.scan(models, t) for t in texts)
                    peer_samples.append(time.perf_counter() - t0)
                result.add(_throughput(f"{name}: peer {peer.NAME}", chars, peer_samples))
                ratios[f"peer/ours ({name})"] = sorted(peer_samples)[len(peer_samples) // 2] / median
                result.notes.append(f"peer found {found:,} quantities in the seeds (ours: {runs[0].targets:,} rows)")
    result.ratios = ratios
    versus(ctx, {"seeds": sets["seeds"], "corpus sample": sets["corpus"][::VERSUS_SAMPLE]}, result)
    missed = [k for k, v in ratios.items() if k.startswith("ours/floor") and v > GOAL_FLOOR_RATIO]
    if missed and ctx.profile:
        docs = sets["corpus"][: max(5, len(sets["corpus"]) // 20)]
        text = profile(lambda: etl_pass(docs, stages=False))
        if text:
            result.profiles["etl over 5% of the corpus"] = text
    return result
