"""Where extraction's time goes now, and what a candidate-span-first design would give:
`python -m bench.extraction_profile [--sample N] [--cache DIR]`.

Over the seeds and every Nth document of the generated corpus (bench/corpus.py):
1. a profile of read + extract (cProfile), its own time summed by stage — the module a function lives in;
   a built-in (a regex search, str methods) counts for the module that called it;
2. the candidate-span-first estimate. That design finds every number+unit span in one regex pass (the
   floor of bench/extraction.py) and runs the sentence rules only on the windows around them. Measured
   here on today's code: the sentence loop of `extract_document` run over every sentence, then only over
   the sentences holding a floor match (the window: its sentence, with the paragraph's time frame as
   today), each in CPU seconds, and the rows each finds. The whole-text stages (reading, cleaning,
   segmenting, the document and section time frames, tables) stay as they are in both.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict
from pathlib import Path

from bench import corpus
from bench.common import Sizes, default_cache_dir
from bench.extraction import floor_pattern

#: stage of a function by where it lives (first match wins); built-ins count for their caller
STAGES = (
    ("etl/intake", "read + clean"),
    ("etl/document", "read + clean"),
    ("etl/furniture", "read + clean"),
    ("opencc", "read + clean"),
    ("etl/segment", "segment"),
    ("etl/tables", "tables"),
    ("etl/timeframe", "time frames and years"),
    ("etl/prefilter", "time frames and years"),
    ("etl/mentions", "find_mentions"),
    ("etl/meaning", "meaning rules"),
    ("etl/scope", "area scope"),
    ("targets/units", "units (pint)"),
    ("pint", "units (pint)"),
    ("etl/classify", "classify + catalog"),
    ("targets/catalog", "classify + catalog"),
    ("etl/extract", "extract loop, Quantity records"),
    ("targets/", "extract loop, Quantity records"),
)


def stage_of(path: str) -> str:
    for part, stage in STAGES:
        if part in path:
            return stage
    return "other (Python, re, dataclasses)"


def profile_stages(docs: list[corpus.CorpusDocument]) -> tuple[dict[str, float], float, int]:
    """(own seconds by stage, total seconds, characters) of read + extract under cProfile."""
    from bench.extraction import _info
    from etl.extract import extract_document
    from etl.intake import read_path

    profiler = cProfile.Profile()
    chars = 0
    profiler.enable()
    for d in docs:
        source = read_path(d.path)
        extract_document(source, _info(d))
        chars += len(source.original)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    by_stage: dict[str, float] = defaultdict(float)
    for (path, _, _), (_, _, own, _, callers) in stats.items():
        if path != "~":
            by_stage[stage_of(path)] += own
            continue
        total_from_callers = sum(c[2] for c in callers.values()) or 1.0
        for (caller_path, _, _), c in callers.items():
            by_stage[stage_of(caller_path)] += own * c[2] / total_from_callers
    return dict(by_stage), sum(by_stage.values()), chars


def candidate_first(docs: list[corpus.CorpusDocument]) -> dict[str, float]:
    """The sentence loop over every sentence and over the sentences with a number+unit span only."""
    from bench.extraction import _info
    from etl.extract import _prose, _sentence_targets
    from etl.intake import read_path
    from etl.tables import find_tables
    from etl.timeframe import ParagraphTime, paragraph_frames, read_document_frame

    pattern = floor_pattern()
    out: dict[str, float] = defaultdict(float)
    for d in docs:
        source = read_path(d.path)
        info = _info(d)
        t0 = time.process_time()
        years = read_document_frame(source, info.plan_year, info.target_years)
        tables = find_tables(source)
        work = []
        for paragraph, frame, part in paragraph_frames(_prose(source, tables), years):
            if not paragraph.skip:
                work.append((paragraph, ParagraphTime(paragraph.text, frame, part)))
        t1 = time.process_time()
        out["whole-text stages (frames, tables, segment)"] += t1 - t0
        sentences = [(s, t) for p, t in work for s in p.sentences]
        t0 = time.process_time()
        candidates = [(s, t) for s, t in sentences if pattern.search(s.text)]
        t1 = time.process_time()
        for label, chosen in (("every sentence", sentences), ("candidate sentences only", candidates)):
            t2 = time.process_time()
            rows = sum(len(_sentence_targets(source, s, t, info)[0]) for s, t in chosen)
            out[f"sentence loop: {label}"] += time.process_time() - t2
            out[f"rows: {label}"] += rows
        out["floor scan of the sentences"] += t1 - t0
        out["sentences"] += len(sentences)
        out["candidate sentences"] += len(candidates)
        out["characters in sentences"] += sum(len(s.text) for s, _ in sentences)
        out["characters in candidate sentences"] += sum(len(s.text) for s, _ in candidates)
    return dict(out)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction_profile", description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=10, help="every Nth corpus document (default 10)")
    parser.add_argument("--cache", type=Path, help="where the corpus goes (default: $BENCH_CACHE or a temp dir)")
    args = parser.parse_args()
    cache = args.cache or default_cache_dir()
    docs = corpus.seed_documents() + corpus.generate(cache, Sizes().corpus_bytes)[:: args.sample]
    profile_stages(docs[:3])  # warm: compiled patterns, the catalog, the registry
    by_stage, total, chars = profile_stages(docs)
    print(f"profile of read + extract over {len(docs)} documents, {chars:,} characters ({total:.1f} s under cProfile)")
    for stage, seconds in sorted(by_stage.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<40} {seconds:7.2f} s  {seconds / total:6.1%}")
    c = candidate_first(docs)
    every, only = c["sentence loop: every sentence"], c["sentence loop: candidate sentences only"]
    whole = c["whole-text stages (frames, tables, segment)"]
    print("\ncandidate-span-first (CPU seconds, extraction only: reading and cleaning are the same in both)")
    print(
        f"  sentences: {c['sentences']:,.0f}, of which {c['candidate sentences']:,.0f} "
        f"({c['candidate sentences'] / c['sentences']:.0%}) hold a number+unit span, "
        f"{c['characters in candidate sentences'] / c['characters in sentences']:.0%} of the characters"
    )
    print(f"  whole-text stages {whole:.2f} s; floor scan {c['floor scan of the sentences']:.2f} s")
    print(f"  sentence loop over every sentence {every:.2f} s ({c['rows: every sentence']:,.0f} rows)")
    print(f"  sentence loop over candidate sentences {only:.2f} s ({c['rows: candidate sentences only']:,.0f} rows)")
    today = whole + every
    candidate = whole + c["floor scan of the sentences"] + only
    print(f"  extraction today {today:.2f} s; candidate-first {candidate:.2f} s: {today / candidate:.2f}×")


if __name__ == "__main__":
    main()
