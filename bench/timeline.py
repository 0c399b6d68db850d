"""Next year's report judges this year's targets: twenty years of one government's annual work reports,
generated from templates with varied wording, loaded with `build --manifest`, each year's headline
targets judged on the next year's report alone (issue 12's measure).

The corpus: one city (绵阳市), one work report a year. Report Y opens with its meeting line, reviews Y-1
under one of several headings ("一、2012年工作回顾", "一、过去一年的工作", "回顾过去一年" …) in one of
several phrasings per indicator (全年实现地区生产总值N亿元、增长X% / 地区生产总值比上年增长X% …), with a
five-year review in the first year of each five-year plan (年均增长…, which is not a year's figure), then
sets Y's headline targets in one of several lead-ins and phrasings (增长X%左右 / 以上 / 控制在X%以内 …).
Each report states a random subset of the eleven headline indicators, so a pair (report Y's target, report
Y+1's result for Y) exists only where both are stated; values are drawn from a seeded RNG.

Measured: of the pairs the reports state, the share whose target gets a status (not no_data) from an
observation of year Y with the right value, taken from report Y+1's review (goal ≥ 90%), and of those the
share whose status agrees with the plain reading of the figures (met or missed). Plus the build and the
progress table's time. `python -m bench timeline` (`--quick`: 6 years).
"""

from __future__ import annotations

import itertools
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import Context, Result, Row

FIRST_YEAR = 2005
YEARS = 20
RNG_SEED = 12
REGION = ("510700", "绵阳市", "Mianyang")
#: five-year plans by first year
PERIODS = {2006: "十一五", 2011: "十二五", 2016: "十三五", 2021: "十四五"}
CHINESE_DIGITS = "〇一二三四五六七八九十"


@dataclass(frozen=True)
class Headline:
    """A headline indicator: its catalog id, how plans set it and how reviews report it."""

    indicator_id: str
    sense: str  # floor | ceiling: how a planner reads the target
    low: float
    high: float
    targets: tuple[str, ...]  # templates with {v} (and 左右 or 以上 in them, or not)
    results: tuple[str, ...]  # templates with {v} and maybe {n} (an amount stated beside the rate)
    decimals: int = 1
    scale: float = 1.0  # {n}, the amount stated beside a rate, is 3–12 times this (亿元)
    norm: float = 1.0  # the written value times this is the canonical one (万人 -> people, 万吨 -> t)


HEADLINES = (
    Headline(
        "gdp_growth",
        "floor",
        3.0,
        12.0,
        ("地区生产总值增长{v}%左右", "地区生产总值增长{v}%以上", "全市地区生产总值增长{v}%"),
        (
            "全年实现地区生产总值{n}亿元、增长{v}%",
            "地区生产总值比上年增长{v}%",
            "全市地区生产总值达到{n}亿元，增长{v}%",
        ),
        scale=300,
    ),
    Headline(
        "industrial_va_growth",
        "floor",
        4.0,
        15.0,
        ("规模以上工业增加值增长{v}%", "规模以上工业增加值增长{v}%左右"),
        ("规模以上工业增加值增长{v}%", "规模以上工业增加值比上年增长{v}%", "规上工业增加值增长{v}%"),
    ),
    Headline(
        "fixed_asset_investment_growth",
        "floor",
        2.0,
        20.0,
        ("全社会固定资产投资增长{v}%", "全社会固定资产投资增长{v}%以上"),
        ("全社会固定资产投资增长{v}%", "全社会固定资产投资比上年增长{v}%", "完成全社会固定资产投资{n}亿元、增长{v}%"),
        scale=150,
    ),
    Headline(
        "retail_sales_growth",
        "floor",
        3.0,
        16.0,
        ("社会消费品零售总额增长{v}%", "社会消费品零售总额增长{v}%左右"),
        ("社会消费品零售总额{n}亿元、增长{v}%", "社会消费品零售总额增长{v}%"),
        scale=120,
    ),
    Headline(
        "budget_revenue_growth",
        "floor",
        2.0,
        15.0,
        ("一般公共预算收入增长{v}%", "地方一般公共预算收入增长{v}%左右"),
        ("一般公共预算收入{n}亿元、增长{v}%", "地方一般公共预算收入增长{v}%"),
        scale=20,
    ),
    Headline(
        "urban_income_growth",
        "floor",
        4.0,
        11.0,
        ("城镇居民人均可支配收入增长{v}%",),
        ("城镇居民人均可支配收入增长{v}%", "城镇居民人均可支配收入比上年增长{v}%"),
    ),
    Headline(
        "rural_income_growth",
        "floor",
        5.0,
        13.0,
        ("农村居民人均可支配收入增长{v}%",),
        ("农村居民人均可支配收入增长{v}%", "农村居民人均可支配收入比上年增长{v}%"),
    ),
    Headline(
        "cpi_increase",
        "ceiling",
        0.2,
        5.5,
        ("居民消费价格涨幅控制在{v}%左右", "居民消费价格涨幅{v}%左右"),
        ("居民消费价格上涨{v}%", "居民消费价格比上年上涨{v}%", "居民消费价格涨幅控制在{v}%"),
    ),
    Headline(
        "new_urban_jobs",
        "floor",
        3.0,
        8.0,
        ("城镇新增就业{v}万人以上", "城镇新增就业{v}万人"),
        ("城镇新增就业{v}万人", "全年城镇新增就业{v}万人", "实现城镇新增就业{v}万人"),
        norm=1e4,
    ),
    Headline(
        "unemployment_rate",
        "ceiling",
        3.5,
        5.8,
        ("城镇调查失业率控制在{v}%以内", "城镇调查失业率{v}%以内"),
        ("城镇调查失业率为{v}%", "城镇调查失业率{v}%", "城镇调查失业率控制在{v}%以内"),  # a result in target words
    ),
    Headline(
        "grain_output",
        "floor",
        200.0,
        260.0,
        ("粮食产量稳定在{v}万吨以上", "粮食总产量{v}万吨以上"),
        ("粮食总产量{v}万吨", "粮食产量达到{v}万吨", "粮食总产量连续多年稳定在200万吨以上，达到{v}万吨"),
        norm=1e4,
    ),
)

REVIEW_HEADINGS = ("一、{p}年工作回顾", "一、过去一年的工作", "一、{p}年主要工作", "一、回顾过去一年")
REVIEW_OPENINGS = (
    "过去一年，面对复杂多变的外部环境，我们坚持稳中求进工作总基调，较好完成了全年目标任务。",
    "{p}年，是极不平凡的一年。全市上下团结奋斗，经济社会发展取得新成绩。",
    "一年来，我们认真落实市委决策部署，扎实做好各项工作。",
)
PLAN_HEADINGS = ("二、{y}年主要目标任务", "二、{y}年工作安排", "二、今年的主要目标和重点任务")
PLAN_LEADS = (
    "今年经济社会发展的主要预期目标是：",
    "{y}年全市经济社会发展的主要预期目标是：",
    "综合考虑各方面因素，今年发展的主要预期目标为：",
)
FILLER = (
    "我们坚持把项目建设作为稳增长的关键抓手，持续优化营商环境，市场主体活力不断增强。",
    "坚持以人民为中心的发展思想，持续加大民生投入，群众获得感、幸福感、安全感不断提升。",
    "统筹发展和安全，守牢安全生产底线，社会大局保持和谐稳定。",
)


@dataclass
class Report:
    """One year's report: its text, the targets it sets for its year and the results it states for the last."""

    year: int
    text: str
    targets: dict[str, tuple[float, str]] = field(default_factory=dict)  # id -> (value, template)
    results: dict[str, float] = field(default_factory=dict)  # id -> value for year - 1


def _value(rng: random.Random, h: Headline) -> float:
    return round(rng.uniform(h.low, h.high), h.decimals)


def _number(x: float) -> str:
    return f"{x:g}"


def _session(year: int) -> str:
    return f"第{CHINESE_DIGITS[(year - 1998) // 5 % 10 + 1]}届人民代表大会第{CHINESE_DIGITS[year % 5 + 1]}次会议"


def report(year: int, rng: random.Random, previous_targets: dict[str, tuple[float, str]]) -> Report:
    """The report of `year`: a review of year - 1, then the targets for `year`."""
    out = Report(year, "")
    name = REGION[1]
    lines = [
        "政府工作报告",
        f"——{year}年1月{rng.randint(8, 28)}日在{name}{_session(year)}上",
        f"{name}人民政府市长",
        "",
        "各位代表：",
        "现在，我代表市人民政府，向大会报告工作，请予审议。",
        "",
        rng.choice(REVIEW_HEADINGS).format(p=year - 1),
        rng.choice(REVIEW_OPENINGS).format(p=year - 1),
    ]
    if year in PERIODS:  # the first year of a plan reviews the five years before: averages, not a year's figure
        lines.append(
            f"过去五年，全市地区生产总值年均增长{_number(round(rng.uniform(6, 12), 1))}%，"
            f"城镇累计新增就业{_number(round(rng.uniform(20, 35), 1))}万人，综合实力迈上新台阶。"
        )
    clauses = []
    for h in HEADLINES:
        if rng.random() > 0.85:
            continue
        planned = previous_targets.get(h.indicator_id)
        # the result lands near the target: above or below it, so both outcomes occur
        v = (
            round(planned[0] + rng.uniform(-1.5, 1.5) * (h.high - h.low) / 10, h.decimals)
            if planned
            else _value(rng, h)
        )
        v = max(round(h.low / 2, h.decimals), v)
        out.results[h.indicator_id] = v
        template = rng.choice(h.results)
        clauses.append(template.format(v=_number(v), n=_number(round(h.scale * rng.uniform(3, 12), 1))))
    if len(clauses) > 3 and rng.random() < 0.5:  # results spread over two numbered paragraphs, with prose between
        cut = rng.randint(2, len(clauses) - 1)
        lines.append(
            "（一）经济运行稳中向好。"
            + "，".join(clauses[:cut])
            + f"，增速比全省平均水平高{rng.randint(1, 9) / 10:g}个百分点。"
        )
        lines.append(rng.choice(FILLER))
        lines.append("（二）民生福祉持续增进。" + "，".join(clauses[cut:]) + "。")
    else:
        lead = f"{year - 1}年，" if rng.random() < 0.3 else ""
        lines.append(lead + "，".join(clauses) + "。" if clauses else rng.choice(FILLER))
    lines.extend(rng.sample(FILLER, 2))
    lines.append("")
    lines.append(rng.choice(PLAN_HEADINGS).format(y=year))
    opening = f"今年是“{PERIODS[year]}”规划的开局之年。" if year in PERIODS else "今年是承上启下的重要一年。"
    targets = []
    for h in HEADLINES:
        if rng.random() > 0.85:
            continue
        v = _value(rng, h)
        template = rng.choice(h.targets)
        out.targets[h.indicator_id] = (v, template)
        targets.append(template.format(v=_number(v)))
    lines.append(opening + rng.choice(PLAN_LEADS).format(y=year) + "，".join(targets) + "。")
    lines.append("做好今年工作，要坚持稳中求进，统筹发展和安全，奋力推动高质量发展取得新成效。")
    out.text = "\n".join(lines) + "\n"
    return out


def generate(folder: Path, years: int = YEARS, first: int = FIRST_YEAR) -> list[Report]:
    """Write the reports and their manifest (manifest.toml) into `folder`; the reports, by year."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(RNG_SEED)
    reports: list[Report] = []
    for year in range(first, first + years):
        reports.append(report(year, rng, reports[-1].targets if reports else {}))
    region_id, name, english = REGION
    parts = [f'[regions.{region_id}]\nname_zh = "{name}"\nname_en = "{english}"\nlevel = "city"\n']
    for r in reports:
        plan = f"mianyang_{r.year}"
        (folder / f"{plan}.txt").write_text(r.text, encoding="utf-8")
        parts.append(
            f'[plans.{plan}]\nname_zh = "{name}{r.year}年政府工作报告"\nname_en = "{english} {r.year} work report"\n'
            f'region = "{name}"\nlevel = "city"\nplan_type = "government_work_report"\n'
            f"start_year = {r.year}\nend_year = {r.year}\n"
        )
    for r in reports:
        plan = f"mianyang_{r.year}"
        parts.append(
            f'[[documents]]\nfile = "{plan}.txt"\nplan = "{plan}"\ntitle = "{r.year}年{name}政府工作报告"\n'
            f'issuer = "{name}人民政府"\nregion = "{name}"\nlevel = "city"\nplan_type = "government_work_report"\n'
            f'plan_year = {r.year}\ntarget_years = [{r.year}]\npublished = "{r.year}-01-20"\nscript = "simplified"\n'
        )
    (folder / "manifest.toml").write_text("\n".join(parts), encoding="utf-8")
    return reports


@dataclass
class Score:
    """How the pairs came out."""

    pairs: int = 0
    judged: int = 0  # a status from the right observation of report Y+1
    agreeing: int = 0  # ... and the status reads the figures as a person would (met or missed)
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.judged / self.pairs if self.pairs else 0.0


def expected_met(h: Headline, target: float, template: str, result: float) -> bool:
    """Met or missed as a planner reads it: a floor (左右 lowers it by half a point), a ceiling (左右 raises it)."""
    slack = 0.5 if "左右" in template else 0.0
    return result >= target - slack if h.sense == "floor" else result <= target + slack


def score(db: Path, reports: list[Report]) -> Score:
    """Judge each year's stated targets (progress_table) against the next report's stated results."""
    from targets.store import Store
    from targets.timeline import progress_table

    by_id = {h.indicator_id: h for h in HEADLINES}
    out = Score()
    with Store(db, read_only=True) as store:
        table = progress_table(store).to_dict("records")
    rows: dict[tuple[str, str], list[dict]] = {}
    for r in table:
        rows.setdefault((r["plan_id"], r["indicator_id"]), []).append(r)
    for this, following in itertools.pairwise(reports):
        for indicator, (target, template) in this.targets.items():
            if indicator not in following.results:
                continue
            out.pairs += 1
            truth = following.results[indicator]
            scale = by_id[indicator].norm
            want = f"mianyang_{following.year}.txt:"
            found = [r for r in rows.get((f"mianyang_{this.year}", indicator), []) if r["target_year"] == this.year]
            row = found[0] if len(found) == 1 else None
            ok = (
                row is not None
                and row["status"] != "no_data"
                and row["observed_year"] == this.year
                and abs(float(row["observed"]) - truth * scale) <= 1e-6 * max(1.0, truth * scale)
                and str(row["where"]).startswith(want)
            )
            if not ok:
                seen = (row["status"], row["observed_year"], row["observed"], row["where"]) if row else len(found)
                out.misses.append(f"{this.year} {indicator}: target {target}, result {truth}; got {seen}")
                continue
            out.judged += 1
            met = row["status"] == "achieved"
            if met == expected_met(by_id[indicator], target, template, truth):
                out.agreeing += 1
            else:
                out.misses.append(f"{this.year} {indicator}: {row['status']} for {target} vs {truth} ({template})")
    return out


def run(ctx: Context) -> Result:
    """Generate the corpus, build it from its manifest, judge every pair; print the rates."""
    from etl.build import build

    years = 6 if ctx.quick else YEARS
    result = Result("timeline", f"{years} years of one city's work reports: next year's report judges this year's")
    folder = ctx.path("timeline", f"corpus-{years}")
    reports = generate(folder, years)
    db = ctx.path("timeline", f"timeline-{years}.duckdb")
    for suffix in ("", ".wal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    t0 = time.perf_counter()
    build(db, folder / "manifest.toml")
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = score(db, reports)
    judged = time.perf_counter() - t0
    rate = Row("targets judged on the next report, right value", "share", [found.rate], goal=">= 0.90")
    rate.ok = found.rate >= 0.90
    rate.note = f"{found.judged} of {found.pairs} pairs"
    result.add(rate)
    agreeing = found.agreeing / found.judged if found.judged else 0.0
    result.add(Row("  of those, status reads the figures right", "share", [agreeing], note=f"{found.agreeing}"))
    result.add(Row("build --manifest", "s", [built], note=f"{len(reports)} reports"))
    result.add(Row("progress table of every plan (and scoring)", "s", [judged]))
    result.notes.extend(found.misses[:20])
    return result
