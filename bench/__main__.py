"""Run the benchmarks: `python -m bench [NAME...] [--quick] [--cache DIR] [--results DIR] [--no-profile] [--only PART]`.

Without names every benchmark but `scale` runs (`make bench`); `python -m bench scale` (`make bench-large`)
runs the 10k/1M scale benchmark, which does not fit in the same ten minutes. `--only` runs some parts of a
benchmark that has parts: `python -m bench scale --only pages` measures the pages only (10k and 1M interleaved,
about 6–8 minutes), `--only export`, `--only memory`, or several (`--only pages,memory`).

Prints one table per benchmark and writes bench/results/<name>.json (with the profiles of what missed
a goal); a run of all of them also writes bench/results/latest.json, the summary the README quotes
(`python -m bench.report` prints it as Markdown). With `--quick` (tiny sizes, to check that every
benchmark runs) results go to the cache directory unless --results is given.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import sys
import time
import traceback
from pathlib import Path

from bench.common import Context, Result, Sizes, default_cache_dir, machine_line, write_latest

#: name -> module in bench/ with `run(ctx) -> Result`, in the order they run
BENCHMARKS = {
    "extraction": "bench.extraction",
    "build": "bench.build",
    "queries": "bench.queries",
    "pages": "bench.pages",
    "upload": "bench.upload",
    "memory": "bench.memory",
    "formats": "bench.formats",
    "timeline": "bench.timeline",
    "scale": "bench.scale",
}
#: run only when named (`make bench-large`): the 1M database and its pages take ten minutes of their own
ON_REQUEST = ("scale",)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", choices=[*BENCHMARKS, []], help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: checks that every benchmark runs")
    parser.add_argument("--cache", type=Path, help="where generated inputs go (default: $BENCH_CACHE or a temp dir)")
    parser.add_argument("--results", type=Path, help="where the JSON goes (default: bench/results)")
    parser.add_argument("--no-profile", action="store_true", help="do not profile what misses its goal")
    parser.add_argument(
        "--only",
        type=lambda v: tuple(p for p in v.split(",") if p),
        default=(),
        metavar="PART[,PART]",
        help="parts of a benchmark to run (scale: pages, export, memory; default all)",
    )
    parser.add_argument(
        "--scale-large", type=int, metavar="N", help="quantities of the scale benchmark's large database (1M)"
    )
    return parser.parse_args(argv)


def _sizes(args: argparse.Namespace) -> Sizes:
    sizes = Sizes.quick() if args.quick else Sizes()
    return dataclasses.replace(sizes, scale_large=args.scale_large) if args.scale_large else sizes


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    cache = args.cache or default_cache_dir()
    if args.quick:
        cache = cache / "quick"
    results_dir = args.results or (cache / "results" if args.quick else Path(__file__).with_name("results"))
    ctx = Context(
        sizes=_sizes(args),
        cache_dir=cache,
        results_dir=results_dir,
        quick=args.quick,
        profile=not args.no_profile,
        only=args.only,
    )
    cache.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine_line()}")
    print(f"inputs cached in {cache}; results to {results_dir}\n", flush=True)
    started, failed, results = time.perf_counter(), [], []
    for name in args.names or [n for n in BENCHMARKS if n not in ON_REQUEST]:
        t0 = time.perf_counter()
        try:
            result = importlib.import_module(BENCHMARKS[name]).run(ctx)
        except Exception:
            traceback.print_exc()
            failed.append(name)
            result = Result(name, "failed", skipped="failed: see the traceback above")
        result.seconds = time.perf_counter() - t0
        result.write(results_dir)
        results.append(result)
        print(result.table() + "\n", flush=True)
    total = time.perf_counter() - started
    if not args.names:  # a whole run: the summary the README quotes
        path = write_latest(results, total, results_dir)
        print(f"summary: {path}")
    print(
        f"all benchmarks: {time.perf_counter() - started:.0f} s" + (f"; FAILED: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
