"""Formats: the same answers whatever format a plan comes in, and how fast a PDF is taken in.

- Agreement: each seed document, and each document of the test-document writer's dev set
  (tests/fixtures/documents), is printed to PDF by Debian's chromium (an HTML page of its text, A4, a CJK
  font, each line a paragraph with a first-line indent, as a word processor prints it) and written to DOCX
  with python-docx (each line a paragraph); all three go through `etl.intake.read_document` and
  `etl.extract.extract_document` (seeds with the manifest's years, the dev set with none), and each format's
  rows are compared with the .txt extraction on (value, low, high, unit, comparator, metric, kind, year).
  Goal: ≥ 98% of the .txt rows found identical in each format; the rest are listed (the notes and
  bench/results/formats.json).
- PDF intake speed: pages per second of `read_document` over the seed PDFs (layout, furniture, reading).
- Add a plan from a 30-page PDF: `etl.add_plan.read_upload` + `preview` (what the 新增规划 page does from
  the upload to the preview table), on a PDF of the seeds printed one after another to at least 30 pages.
  Goal < 5 s.

Rendered files are cached in the bench cache directory (re-rendered when the seed changes).
"""

from __future__ import annotations

import hashlib
import html
import io
import shutil
import time
from collections import Counter
from pathlib import Path

from bench.common import Context, Result, Row, check, repeat

AGREEMENT_GOAL = 0.98
ADD_PLAN_GOAL_S = 5.0
LONG_PAGES = 30
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DEV_SET = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "documents"
#: the page chromium prints: A4, a CJK font, one paragraph per line of the text
_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 25mm 22mm; }}
body {{ font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; font-size: 12pt; line-height: 1.6; }}
p {{ margin: 0; text-indent: 2em; white-space: pre-wrap; }}
</style></head><body>
{body}
</body></html>"""


def _html(text: str) -> str:
    lines = text.replace("\r\n", "\n").split("\n")
    return _PAGE.format(body="\n".join(f"<p>{html.escape(line) or '&nbsp;'}</p>" for line in lines))


def render_pdfs(texts: dict[str, str], folder: Path) -> dict[str, Path]:
    """Each text printed to PDF by chromium (cached by the text's hash)."""
    from playwright.sync_api import sync_playwright

    out, todo = {}, {}
    for name, text in texts.items():
        digest = hashlib.sha256(text.encode()).hexdigest()[:12]
        path = folder / f"{Path(name).stem}-{digest}.pdf"
        out[name] = path
        if not path.exists():
            todo[name] = (text, path)
    if todo:
        folder.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()
            for text, path in todo.values():
                page.set_content(_html(text), wait_until="load")
                page.pdf(path=str(path), format="A4", print_background=False)
            browser.close()
    return out


def docx_of(text: str) -> bytes:
    """The text as a Word document, a paragraph per line."""
    from docx import Document

    document = Document()
    for line in text.replace("\r\n", "\n").split("\n"):
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _key(row) -> tuple:
    return (
        row.value,
        row.value_low,
        row.value_high,
        row.unit_raw,
        row.comparator,
        row.metric,
        row.kind,
        row.target_year,
    )


def compare(reference: list, other: list) -> tuple[int, list, list]:
    """(rows of `reference` found identical in `other`, those missing, `other`'s rows not in `reference`)."""
    wanted = Counter(_key(r) for r in reference)
    found = Counter(_key(r) for r in other)
    missing_keys = wanted - found
    extra_keys = found - wanted
    missing, extra = [], []
    for r in reference:
        if missing_keys[_key(r)] > 0:
            missing_keys[_key(r)] -= 1
            missing.append(r)
    for r in other:
        if extra_keys[_key(r)] > 0:
            extra_keys[_key(r)] -= 1
            extra.append(r)
    return len(reference) - len(missing), missing, extra


def run(ctx: Context) -> Result:
    """Agreement of PDF and DOCX with text, PDF pages per second, and add-a-plan time for a 30-page PDF."""
    from etl.add_plan import PlanMetadata, preview, read_upload
    from etl.extract import DocumentInfo, extract_document
    from etl.intake import read_document
    from etl.manifest import load_manifest
    from targets import config

    result = Result("formats", "the same rows from PDF and DOCX as from text; PDF intake speed")
    if not Path(CHROMIUM).exists():
        result.skipped = f"no chromium at {CHROMIUM} (make test installs Debian's chromium)"
        return result
    manifest = load_manifest(config.MANIFEST)
    seeds = manifest.documents[:1] if ctx.quick else manifest.documents
    corpus = {
        "seeds": [
            (e.file, (config.SOURCES_DIR / e.file).read_bytes(), DocumentInfo(e.plan_year, e.target_years))
            for e in seeds
        ],
        # the test-document writer's dev set (tests/fixtures/documents): no manifest, years read from the text
        "dev set": []
        if ctx.quick
        else [(p.name, p.read_bytes(), DocumentInfo()) for p in sorted(DEV_SET.glob("*.txt"))],
    }
    decoded = {name: read_document(data, name).original for docs in corpus.values() for name, data, _ in docs}
    pdfs = render_pdfs(decoded, ctx.cache_dir / "formats")
    listed: dict[str, list[str]] = {}
    pages = 0
    intake_seconds = 0.0
    for group, docs in corpus.items():
        totals = {"pdf": [0, 0], "docx": [0, 0]}
        for name, data, info in docs:
            reference = extract_document(read_document(data, name), info)
            t0 = time.perf_counter()
            pdf_doc = read_document(pdfs[name].read_bytes(), name)
            intake_seconds += time.perf_counter() - t0
            pages += pdf_doc.pages or 0
            docx_doc = read_document(docx_of(decoded[name]), name)
            for fmt, doc in (("pdf", pdf_doc), ("docx", docx_doc)):
                same, missing, extra = compare(reference, extract_document(doc, info))
                totals[fmt][0] += same
                totals[fmt][1] += len(reference)
                note = f"{same}/{len(reference)} rows; {len(extra)} rows only in {fmt}"
                result.add(Row(f"{fmt} {name}", "share", [same / max(1, len(reference))], note=note))
                listed[f"{fmt} {name}"] = [f"missing: {r.line} {r.quote!r} {r.indicator} {_key(r)}" for r in missing]
                listed[f"{fmt} {name}"] += [
                    f"only in {fmt}: {r.line} {r.quote!r} {r.indicator} {_key(r)}" for r in extra
                ]
        for fmt, (same, total) in totals.items():
            if total:
                share = same / total
                ok = check(share, AGREEMENT_GOAL, below=False)
                result.add(Row(f"{fmt}: {group}", "share", [share], f">= {AGREEMENT_GOAL:.0%}", ok, f"{same}/{total}"))
    result.add(Row("PDF intake", "pages/s", [pages / intake_seconds], note=f"{pages} pages in {intake_seconds:.2f} s"))
    long_pdf = _long_pdf(decoded, ctx)
    meta = PlanMetadata("bench_2025", "基准测试", "成都市", "city", 2025, 2025, "government_work_report")
    data = long_pdf.read_bytes()

    def add_a_plan() -> int:
        source = read_upload(long_pdf.name, data)
        return len(preview(meta, [source]))

    samples, n = repeat(add_a_plan, 1 if ctx.quick else 3, warmup=0 if ctx.quick else 1)
    long_pages = read_document(data, long_pdf.name).pages
    result.add(
        Row(
            f"add a plan: {long_pages}-page PDF, upload to preview",
            "s",
            samples,
            f"< {ADD_PLAN_GOAL_S:.0f} s",
            check(sorted(samples)[len(samples) // 2], ADD_PLAN_GOAL_S),
            f"{n} rows",
        )
    )
    for case, lines in listed.items():
        result.notes.extend(f"{case}: {line}" for line in lines[:12])
    return result


def _long_pdf(decoded: dict[str, str], ctx: Context) -> Path:
    """A PDF of LONG_PAGES pages (3 in --quick) of the seeds' text, one after another: the whole text is printed
    once, then cut to the share that fills that many pages."""
    from etl.intake import read_document

    text = "\n".join(decoded[name] for name in sorted(decoded) if not name.startswith("td"))
    want = 3 if ctx.quick else LONG_PAGES
    folder = ctx.cache_dir / "formats"
    whole = render_pdfs({"long.txt": text}, folder)["long.txt"]
    pages = read_document(whole.read_bytes(), whole.name).pages or 1
    cut = text[: int(len(text) * min(1.0, want / pages))]
    while True:
        pdf = render_pdfs({f"long-{want}.txt": cut}, folder)[f"long-{want}.txt"]
        if (read_document(pdf.read_bytes(), pdf.name).pages or 0) >= want or len(cut) >= len(text):
            return pdf
        cut = text[: int(len(cut) * 1.05)]
