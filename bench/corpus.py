"""A large plan corpus made deterministically from the five seeds (`python -m bench.corpus [DIR]`).

Each generated document is one seed with its paragraphs shuffled (the opening block stays first)
and every Arabic number varied by a seeded RNG (same number of digits, years kept); the order in
which seeds are drawn is shuffled too. Documents keep the seed's manifest facts (plan year,
target years, region), so extraction takes the same code paths as on the seeds. The corpus is
written into a cache directory (never the repository) and reused while the seeds, the size and the
generator are unchanged.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from etl.manifest import load_manifest
from targets import config

#: bump when the generator changes, so cached corpora are made again
VERSION = 3
RNG_SEED = 20261123

_NUMBER = re.compile(r"(?<![\d.])(\d+)(\.\d+)?")
#: dates and times keep their numbers (2023年3月10日, 2021-01-05 08:30): only quantities vary
_DATE_BEFORE = "-:：/年月"
_DATE_AFTER = "月日号时:：-/"
_YEAR = re.compile(r"(19[4-9]\d|20[0-5]\d)$")
_PARAGRAPH_END = re.compile(r"[。！？；;:：）)】」』”\"]\s*$")


@dataclass(frozen=True)
class CorpusDocument:
    """A document of the corpus and what the manifest would say about it."""

    path: Path
    seed: str
    plan_year: int | None
    target_years: tuple[int, ...]
    region: str | None

    @property
    def chars(self) -> int:
        return len(self.path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Seed:
    """A manifest document with its decoded text: what variants are made from."""

    file: str
    text: str
    plan_year: int | None
    target_years: tuple[int, ...]
    region: str | None


def seeds() -> list[Seed]:
    """The manifest's documents with their text (decoded as the pipeline decodes them)."""
    from etl.intake.text import decode

    manifest = load_manifest(config.MANIFEST)
    out = []
    for entry in manifest.documents:
        text, _ = decode((config.SOURCES_DIR / entry.file).read_bytes())
        out.append(Seed(entry.file, text, entry.plan_year, tuple(entry.target_years), entry.region))
    return out


def paragraphs(text: str) -> list[str]:
    """Runs of lines ending at a blank line or at a line that ends a sentence (lines may break mid-sentence)."""
    out, current = [], []
    for line in text.split("\n"):
        current.append(line)
        if not line.strip() or _PARAGRAPH_END.search(line):
            out.append("\n".join(current))
            current = []
    if current:
        out.append("\n".join(current))
    return out


def vary_numbers(text: str, rng: random.Random) -> str:
    """Every Arabic number replaced by a random one of the same shape; years, dates and times kept."""

    def replace(match: re.Match[str]) -> str:
        whole, fraction = match.group(1), match.group(2) or ""
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        if (
            (not fraction and _YEAR.match(whole))
            or (before and before in _DATE_BEFORE)
            or (after and after in _DATE_AFTER)
        ):
            return match.group(0)
        if fraction and after == "年" and _YEAR.match(fraction[1:]):
            return match.group(0)  # "5.2035年": an item number before a year, not a decimal
        digits = [str(rng.randint(1 if i == 0 and len(whole) > 1 else 0, 9)) for i in range(len(whole))]
        if fraction:
            fraction = "." + "".join(str(rng.randint(0, 9)) for _ in fraction[1:])
        return "".join(digits) + fraction

    return _NUMBER.sub(replace, text)


def variant(seed: Seed, rng: random.Random) -> str:
    """One generated document: the seed's paragraphs shuffled behind its opening block, numbers varied."""
    parts = paragraphs(seed.text)
    head, body = parts[:2], parts[2:]
    rng.shuffle(body)
    return vary_numbers("\n".join(head + body), rng)


def _key(target_bytes: int, documents: int | None, source: list[Seed]) -> str:
    size = f"{target_bytes}" if documents is None else f"{target_bytes}:{documents}"
    h = hashlib.sha256(f"{VERSION}:{RNG_SEED}:{size}".encode())
    for s in source:
        h.update(s.file.encode() + s.text.encode("utf-8"))
    return h.hexdigest()[:12]


def generate(directory: Path, target_bytes: int = 0, documents: int | None = None) -> list[CorpusDocument]:
    """Write (or reuse) a corpus of at least `target_bytes` UTF-8 bytes, or of exactly `documents`
    documents, under `directory`; its documents. The same RNG draws both: a corpus of N documents
    starts with the documents of a smaller one."""
    source = seeds()
    folder = directory / f"corpus-{_key(target_bytes, documents, source)}"
    index = folder / "index.json"
    if index.exists():
        return _load(folder, index)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(RNG_SEED)
    entries, written, n = [], 0, 0

    def full() -> bool:
        return n >= documents if documents is not None else written >= target_bytes

    while not full():
        for seed in rng.sample(source, len(source)):
            text = variant(seed, rng)
            name = f"gen{n:05d}_{seed.file}"
            data = text.encode("utf-8")
            (folder / name).write_bytes(data)
            entries.append(
                {
                    "file": name,
                    "seed": seed.file,
                    "plan_year": seed.plan_year,
                    "target_years": list(seed.target_years),
                    "region": seed.region,
                }
            )
            written += len(data)
            n += 1
            if full():
                break
    tmp = index.with_suffix(".tmp")
    tmp.write_text(json.dumps(entries, ensure_ascii=False, indent=0), encoding="utf-8")
    tmp.replace(index)  # the index is written last: a half-made corpus is never reused
    return _load(folder, index)


def _load(folder: Path, index: Path) -> list[CorpusDocument]:
    return [
        CorpusDocument(folder / e["file"], e["seed"], e["plan_year"], tuple(e["target_years"]), e["region"])
        for e in json.loads(index.read_text(encoding="utf-8"))
    ]


def seed_documents() -> list[CorpusDocument]:
    """The five seeds themselves, in the same shape as generated documents."""
    manifest = load_manifest(config.MANIFEST)
    return [
        CorpusDocument(config.SOURCES_DIR / e.file, e.file, e.plan_year, tuple(e.target_years), e.region)
        for e in manifest.documents
    ]


def write_manifest(docs: list[CorpusDocument], path: Path) -> Path:
    """A manifest (data/sources.toml's shape) of the corpus at `path`, beside its files: the seeds' plans,
    and each document with the facts of the seed it was made from, so `python -m etl build --manifest`
    builds it."""
    manifest = load_manifest(config.MANIFEST)
    by_file = {d.file: d for d in manifest.documents}
    lines = []
    for region in manifest.regions:
        lines.append(f"[regions.{region.region_id}]")
        values = dataclasses.asdict(region)
        values["aliases"] = list(region.aliases)
        del values["region_id"]
        lines.extend(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in values.items() if v is not None)
    for plan in manifest.plans:
        lines.append(f"[plans.{plan.plan_id}]")
        for name in ("name_zh", "name_en", "region", "level", "plan_type", "start_year", "end_year"):
            lines.append(f"{name} = {json.dumps(getattr(plan, name), ensure_ascii=False)}")
    for doc in docs:
        if doc.path.parent != path.parent:
            raise ValueError(f"{doc.path} is not beside {path}: a manifest's files are found beside it")
        seed = by_file[doc.seed]
        values = {**dataclasses.asdict(seed), "file": doc.path.name}
        values["target_years"] = list(values["target_years"])
        lines.append("[[documents]]")
        lines.extend(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in values.items())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    """Make (or find) the full-size corpus and say where it is."""
    from bench.common import Sizes, default_cache_dir

    directory = Path(argv[0]) if argv else default_cache_dir()
    docs = generate(directory, Sizes().corpus_bytes)
    size = sum(d.path.stat().st_size for d in docs)
    print(f"{len(docs)} documents, {size / 1e6:.1f} MB in {docs[0].path.parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
