"""bench/results/latest.json as the README's Markdown: `python -m bench.report [PATH]`.

Rows with a goal, the extraction throughputs and the reference points; every other row is in the JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.common import RESULTS_DIR, fmt


def machine_line(m: dict[str, Any]) -> str:
    """The machine and versions in one line."""
    p = m["packages"]
    return (
        f"{m['cpu']}, {m['cores']} cores (`nproc`), {m['memory_gb']} GB RAM, Python {m['python']}, "
        f"DuckDB {p.get('duckdb')}, pandas {p.get('pandas')}, Streamlit {p.get('streamlit')}"
    )


def _shown(row: dict[str, Any]) -> bool:
    """Rows with a goal, and those that explain them: stages, reference points, imports, the SQL, validation."""
    case = row["case"].strip()
    return (
        bool(row["goal"])
        or row["metric"] == "chars/s"
        or case.startswith(("python -m", "imports", "store.", "csv: validate"))
    )


def markdown(data: dict[str, Any], everything: bool = False) -> str:
    """One table of every benchmark's rows (median, min–max, n, goal), then the ratios."""
    lines = [
        f"Machine: {machine_line(data['machine'])}. Whole run: {data['seconds'] / 60:.1f} min.",
        "",
        "| benchmark | case | unit | median | min–max | n | goal |",
        "|---|---|---|---:|---:|---:|---|",
    ]
    ratios = []
    for bench in data["benchmarks"]:
        if bench.get("skipped"):
            lines.append(f"| {bench['name']} | skipped: {bench['skipped']} | | | | | |")
            continue
        for row in bench["rows"]:
            if not (everything or _shown(row)):
                continue
            verdict = {True: " ✅", False: " ❌", None: ""}[row["ok"]]
            goal = (row["goal"] + verdict) if row["goal"] else ""
            lines.append(
                f"| {bench['name']} | {row['case'].strip()} | {row['metric']} | {fmt(row['median'])} | "
                f"{fmt(row['min'])}–{fmt(row['max'])} | {row['n']} | {goal} |"
            )
        ratios.extend(f"- {bench['name']}: {key} = **{fmt(value)}**" for key, value in bench["ratios"].items())
    return "\n".join([*lines, "", "Ratios (time over time, from the medians):", "", *ratios])


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv and not argv[0].startswith("-") else RESULTS_DIR / "latest.json"
    print(markdown(json.loads(path.read_text(encoding="utf-8")), everything="--all" in argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
