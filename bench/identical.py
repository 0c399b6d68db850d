"""Byte-identical extraction before and after a change: `python -m bench.identical [--base REV] [--quick]`.

A speed change to `etl/` must not change one byte of what it extracts. This runs the command a planner
runs, `python -m etl extract FILES --format jsonl`, from two trees — this checkout and REV (default
`main`, exported with `git archive` into a temporary folder) — over the same inputs: the five seeds,
the dev documents (tests/fixtures/documents) and the generated corpus of bench/corpus.py. Each set is
extracted once as the command line does it (no options) and once per manifest group with its
`--year` and `--region`, as the build reads them. Prints, per invocation, the rows, the bytes and
whether both outputs are identical; on a difference, the first line that differs on each side.
Exit status 0 when every output is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bench import corpus
from bench.common import ROOT, Sizes, default_cache_dir, export_tree

DEV_DOCUMENTS = ROOT / "tests" / "fixtures" / "documents"


@dataclass(frozen=True)
class Invocation:
    """One `python -m etl extract` call: a label, its options and its files."""

    label: str
    options: tuple[str, ...]
    files: tuple[Path, ...]

    def argv(self) -> list[str]:
        return [sys.executable, "-m", "etl", "extract", *map(str, self.files), "--format", "jsonl", *self.options]


def invocations(corpus_bytes: int, cache: Path) -> list[Invocation]:
    """Every call to compare: each set as the command line reads it, then by manifest group."""
    sets = {
        "seeds": corpus.seed_documents(),
        "dev documents": [
            corpus.CorpusDocument(p, p.name, None, (), None) for p in sorted(DEV_DOCUMENTS.glob("*.txt"))
        ],
        "corpus": corpus.generate(cache, corpus_bytes),
    }
    out = []
    for name, docs in sets.items():
        out.append(Invocation(f"{name} ({len(docs)} documents)", (), tuple(d.path for d in docs)))
        groups: dict[tuple[int | None, str | None], list[Path]] = defaultdict(list)
        for d in docs:
            if d.plan_year is not None or d.region is not None:
                groups[(d.plan_year, d.region)].append(d.path)
        for (year, region), paths in sorted(groups.items(), key=str):
            options = (*(("--year", str(year)) if year else ()), *(("--region", region) if region else ()))
            out.append(Invocation(f"{name}: {' '.join(options)} ({len(paths)})", options, tuple(paths)))
    return out


def run_in(tree: Path, call: Invocation) -> tuple[bytes, float]:
    """(stdout, seconds) of the call with `tree`'s etl and targets first on the path."""
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    t0 = time.perf_counter()
    done = subprocess.run(call.argv(), cwd=tree, env=env, capture_output=True, check=False)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"{call.label} in {tree}: exit {done.returncode}\n{done.stderr.decode()[-2000:]}")
    return done.stdout, seconds


def first_difference(a: bytes, b: bytes) -> str:
    """The first line that differs, from both sides, numbered."""
    left, right = a.decode().splitlines(), b.decode().splitlines()
    for i, (x, y) in enumerate(zip(left, right, strict=False), start=1):
        if x != y:
            return f"line {i}:\n  base: {x[:400]}\n  this: {y[:400]}"
    return f"the outputs differ in length: {len(left):,} lines against {len(right):,}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.identical", description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="the revision to compare against (default: main)")
    parser.add_argument("--quick", action="store_true", help="a small corpus (300 KB) instead of 20 MB")
    parser.add_argument("--cache", type=Path, help="where the corpus goes (default: $BENCH_CACHE or a temp dir)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    sizes = Sizes.quick() if args.quick else Sizes()
    calls = invocations(sizes.corpus_bytes, args.cache or default_cache_dir())
    same = True
    with tempfile.TemporaryDirectory(prefix="identical-base-") as tmp:
        base = export_tree(args.base, Path(tmp))
        print(f"this tree: {ROOT}; base: {args.base} ({base})")
        # the two sides of each call run at once (two processes); the calls one after the other
        with ThreadPoolExecutor(max_workers=2) as pool:
            for call in calls:
                theirs, ours = pool.map(lambda tree, call=call: run_in(tree, call), (base, ROOT))
                identical = theirs[0] == ours[0]
                same &= identical
                digest = hashlib.sha256(ours[0]).hexdigest()[:12]
                rows = ours[0].count(b"\n")
                print(
                    f"{'identical' if identical else 'DIFFERENT'}  {call.label}: {rows:,} rows, "
                    f"{len(ours[0]):,} bytes, sha256 {digest}; {theirs[1]:.1f} s base, {ours[1]:.1f} s this",
                    flush=True,
                )
                if not identical:
                    print(first_difference(theirs[0], ours[0]))
    print("every output is byte-identical" if same else "outputs DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
