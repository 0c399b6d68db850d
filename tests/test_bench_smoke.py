"""The benchmark corpus generator (bench/corpus.py): deterministic, with numbers varied. No timings here:
figures come from `make bench`, never from timed assertions in tests."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

from bench import corpus

SIZE = 200_000  # bytes: a few documents


def _texts(docs: list[corpus.CorpusDocument]) -> list[str]:
    return [d.path.read_text(encoding="utf-8") for d in docs]


def test_the_same_corpus_twice(tmp_path: Path) -> None:
    first = corpus.generate(tmp_path / "a", SIZE)
    second = corpus.generate(tmp_path / "b", SIZE)
    assert [d.path.name for d in first] == [d.path.name for d in second]
    assert _texts(first) == _texts(second)
    assert sum(d.path.stat().st_size for d in first) >= SIZE
    assert corpus.generate(tmp_path / "a", SIZE) == first  # reused from the cache, not made again


def test_numbers_are_varied_and_years_kept(tmp_path: Path) -> None:
    seeds = {s.file: s.text for s in corpus.seeds()}
    docs = corpus.generate(tmp_path, sum(len(text.encode()) for text in seeds.values()))
    assert {d.seed for d in docs} == set(seeds)  # the first round draws every seed once
    for doc, text in zip(docs, _texts(docs), strict=True):
        seed = seeds[doc.seed]
        numbers = Counter(re.findall(r"\d+(?:\.\d+)?", text))
        seed_numbers = Counter(re.findall(r"\d+(?:\.\d+)?", seed))
        assert sum(numbers.values()) == sum(seed_numbers.values())  # same quantities, other values
        changed = sum((seed_numbers - numbers).values()) / sum(seed_numbers.values())
        assert changed > 0.3, f"{doc.path.name}: only {changed:.0%} of the numbers changed"
        assert text != seed and sorted(text) != sorted(seed)
        assert Counter(re.findall(r"20[0-5]\d年", text)) == Counter(re.findall(r"20[0-5]\d年", seed))


def test_vary_numbers_keeps_shape_years_and_dates() -> None:
    text = "到2025年，地区生产总值达到2.50万亿元，新增就业12万人，2023年3月10日发布。"
    varied = corpus.vary_numbers(text, random.Random(1))
    assert varied != text
    assert "2025年" in varied and "2023年3月10日" in varied
    assert re.search(r"达到\d\.\d\d万亿元", varied) and re.search(r"新增就业[1-9]\d万人", varied)
