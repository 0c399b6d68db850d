"""Make data/samples/actuals_sample.csv from the published figures in ../shared/actuals/published_actuals.csv.

    python -m etl.samples [--input PATH] [--out PATH]

The sample is what a new user sees on first run (loaded into a new database by `python -m etl
init-db`), so every row must be a real published figure that fits a catalog indicator: the same
quantity, in a unit of the indicator's dimension, with the indicator's metric (a level is not a
yearly increment, a two-year total is not one year's amount). Each row keeps its page (`source`)
and the exact phrase (`note`). Rules, applied in this order:

1. Region: an actual is a fact about a place, so each figure is one row of its region (the region
   the manifest's regions find for the published name: 成都市, 温江区 -> 成都市温江区, 重庆市), whatever
   plans the region has; every plan of the region is judged against it. A published region the
   manifest does not list (川渝, two provinces together) is left out.
2. Indicator names are mapped by hand in `INDICATORS` (reviewed one by one); `EXCLUDED` says why the
   others are left out. A name in neither stops the script, so a new input is reviewed, not guessed.
3. Units: a qualifier in brackets or after the unit (突破, 超, 超过, 近, 以上, 左右) means the page gave a
   bound; the number is kept and the note says "原文为下限/约数". A bracket holding a unit is the
   mainland spelling of a Taiwanese one (兆元(万亿元)) and replaces it. A bare magnitude (万亿) gets 元
   for money indicators.
4. Where pages disagree (both rows are in the input) one row per (region, indicator, year) is kept,
   deterministically: a point
   value over a bound (突破2万亿 vs 2.08万亿: the bound is implied by the point), a final figure over a
   预计 estimate, then the figure with more significant digits (79.89 over 79.9: the shorter one is
   the longer one rounded), then a government site (gov.cn) over a copy on another site, then the
   earlier row of the input. The note lists the figures not kept.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from etl.manifest import load_manifest
from targets import config
from targets.actuals import TEMPLATE_COLUMNS as COLUMNS
from targets.actuals import header
from targets.catalog import load_catalog
from targets.regions import RegionError, RegionIndex

PUBLISHED = config.ROOT.parent / "shared" / "actuals" / "published_actuals.csv"

#: published indicator name -> catalog indicator id
INDICATORS: dict[str, str] = {
    "地区生产总值": "gdp",
    "地区生产总值(预计)": "gdp",
    "地区生产总值增速": "gdp_growth",
    "地区生产总值增速(预计)": "gdp_growth",
    "人均地区生产总值": "gdp_per_capita",
    "第一产业增加值增速": "primary_industry_va_growth",
    "第二产业增加值增速": "secondary_industry_va_growth",
    "第三产业增加值增速": "tertiary_industry_va_growth",
    "规上工业增加值增速": "industrial_va_growth",
    "全社会固定资产投资增速": "fixed_asset_investment_growth",
    "固定资产投资增速": "fixed_asset_investment_growth",
    "工业投资增速": "industrial_investment_growth",
    "重点项目完成投资": "key_projects_investment",
    "社会消费品零售总额": "retail_sales",
    "社会消费品零售总额增速": "retail_sales_growth",
    "进出口总额": "trade_total",
    "进出口总额增速": "trade_growth",
    "跨境电商交易规模": "cross_border_ecommerce",
    "一般公共预算收入": "budget_revenue",
    "地方一般公共预算收入增速(同口径)": "budget_revenue_growth",
    "居民消费价格涨幅": "cpi_increase",
    "常住人口": "resident_population",
    "常住人口城镇化率": "urbanization_rate",
    "城镇新增就业": "new_urban_jobs",
    "城镇调查失业率": "unemployment_rate",
    "全体居民人均可支配收入": "resident_income",
    "全体居民人均可支配收入增速": "resident_income_growth",
    "城镇居民人均可支配收入": "urban_income",
    "城镇居民人均可支配收入(预计)": "urban_income",
    "城镇居民人均可支配收入增速": "urban_income_growth",
    "城镇居民人均可支配收入增速(预计)": "urban_income_growth",
    "农村居民人均可支配收入": "rural_income",
    "农村居民人均可支配收入增速": "rural_income_growth",
    "城乡居民收入倍差": "urban_rural_income_ratio",
    "规上工业企业数": "industrial_enterprises_above_scale",
    "智能工厂新建": "smart_factories",
    "数字化车间新建": "digital_workshops",
    "高新技术企业数": "high_tech_enterprises",
    "科技型企业数": "tech_enterprises",
    "市场主体总数": "market_entities",
    "技术合同成交额": "tech_contract_value",
    "技术合同成交金额": "tech_contract_value",
    "全社会研发投入强度(预计)": "rd_intensity",
    "国际班列开行": "international_freight_trains",
    "航空旅客吞吐量": "airport_passengers",
    "城市轨道交通运营里程": "metro_mileage",
    "高速公路通车总里程": "expressway_mileage",
    "高速公路通车里程(十四五末)": "expressway_mileage",
    "铁路营业里程(十四五末)": "railway_mileage",
    "高铁营业里程(十四五末)": "high_speed_rail_mileage",
    "粮食产量": "grain_output",
    "森林覆盖率": "forest_coverage",
    "天府绿道累计建成": "greenway_length",
    "新增城市绿地": "green_space_new",
    "口袋公园建成": "parks_new",
    "空气质量优良天数": "air_quality_good_days",
    "空气质量优良天数率": "air_quality_good_rate",
    "PM2.5平均浓度": "pm25_concentration",
    "国控断面水质优良比例": "surface_water_quality_rate",
    "老旧小区改造完成": "old_compounds_renovated",
    "新建改扩建幼儿园中小学": "schools_built",
    "新增学位": "school_places_new",
    "普惠性幼儿园覆盖率": "inclusive_kindergarten_coverage",
    "公办园在园幼儿占比": "public_kindergarten_share",
    "每千人口3岁以下婴幼儿托位数": "childcare_places_per_1000",
    "新增养老床位": "elderly_care_beds",
}

_NO_INDICATOR = "目录中没有这个指标 / no catalog indicator"
_TWO_YEARS = "两年合计,不是一年的数 / a two-year total, not one year's amount"
_FIVE_YEARS = "五年合计或年均,不是一年的数 / a five-year total or average, not one year's amount"
_STOCK = "累计总量,目录指标是当年新增 / a running total; the catalog indicator counts one year's additions"
_MID_YEAR = "年中或月度数,不是全年数 / a mid-year or monthly figure, not the year's"
_HALF_YEAR = "上半年数,不是全年数 / a first-half figure, not the year's"

#: published indicator names left out, with the reason
EXCLUDED: dict[str, str] = {
    "地区生产总值占全省比重": _NO_INDICATOR,
    "三次产业结构": "三个比例,不是一个数 / three shares, not one number",
    "电子信息产业增加值增速": _NO_INDICATOR,
    "电子信息产业规模": _NO_INDICATOR,
    "国家企业技术中心": _NO_INDICATOR,
    "全国百强区(县)数": _NO_INDICATOR,
    "户籍人口": "目录的人口指标是常住人口 / the catalog tracks resident, not registered, population",
    "户籍人口城镇化率": "目录的城镇化率是常住人口口径 / the catalog's urbanisation rate is of residents",
    "民间投资": _NO_INDICATOR,
    "国际航空货邮吞吐量": "目录只有全部货邮吞吐量的增速 / the catalog has only the growth of all air cargo",
    "航空货邮吞吐量": "目录只有货邮吞吐量增速 / the catalog has only the growth rate of air cargo",
    "国际班列连接境外城市": _NO_INDICATOR,
    "全球创新指数排名": _NO_INDICATOR,
    "地区生产总值增量": _NO_INDICATOR,
    "新能源汽车产量增速": _NO_INDICATOR,
    "新能源汽车产量": "产量不是新增新能源汽车(推广量) / production, not vehicles added on the roads",
    "数字文创产业规模": _NO_INDICATOR,
    "千亿级园区数": _NO_INDICATOR,
    "高新技术企业数增速": _NO_INDICATOR,
    "国家级产业集群数": _NO_INDICATOR,
    "签约引进重大项目": _NO_INDICATOR,
    "签约重大项目总投资": _NO_INDICATOR,
    "有效发明专利拥有量增速": _NO_INDICATOR,
    "每千人口养老床位数": "目录的养老床位是当年新增 / the catalog counts beds added in the year",
    "地铁轨道在建里程": _NO_INDICATOR,
    "民生项目万人问卷满意率": _NO_INDICATOR,
    "各类公园数量": "公园总数,目录指标是新建公园 / the stock of parks; the catalog counts new parks",
    "城镇常住人口": _NO_INDICATOR,
    "巴渝和美乡村示范村创建": _NO_INDICATOR,
    "新建两岸青山千里林带": _NO_INDICATOR,
    "山城步道建成": "步道不是绿道 / trails are not the catalog's greenways",
    "川渝省际建成及在建高速公路": _NO_INDICATOR,
    "西部陆海新通道通达港口": _NO_INDICATOR,
    "品牌首店培育引进": _NO_INDICATOR,
    "算力规模": _NO_INDICATOR,
    "汽车出口额增速": _NO_INDICATOR,
    "数字经济核心产业增加值(预计)": "目录只有占地区生产总值比重 / the catalog has only the share of GDP",
    "战略性新兴产业占比(预计)": (
        "分母不明(多为规上工业),目录指标是占地区生产总值比重 / the denominator is unclear (usually "
        "industrial output), the catalog indicator is a share of GDP"
    ),
    "江北机场旅客吞吐量": "一个机场,不是全市 / one airport, not the city's total",
    "重点民生实事完成": _NO_INDICATOR,
    "高速公路年度新增通车里程": _NO_INDICATOR,
    "高速公路建设年度完成投资": _NO_INDICATOR,
    "高速公路省际出口通道": _NO_INDICATOR,
    "高速公路路网密度": _NO_INDICATOR,
    "综合交通网规模(十四五末)": _NO_INDICATOR,
    "农村公路总里程(十四五末)": _NO_INDICATOR,
    "轨道交通客运量": _NO_INDICATOR,
    "新增科技型企业": _NO_INDICATOR,
    "专利授权": _NO_INDICATOR,
    "青年留渝来渝": _NO_INDICATOR,
    "农民工就近就业": "就近就业不是劳动力转移就业 / local jobs, not labour transferred out",
    "净增经营主体": "净增数,目录指标是新增登记数 / a net change; the catalog counts new registrations",
    "市级重点项目建成投用": _NO_INDICATOR,
    "高品质生活服务圈建成": _NO_INDICATOR,
    "托育机构城市社区覆盖率": _NO_INDICATOR,
    "老旧小区改造惠及居民": _NO_INDICATOR,
    "累计改造老旧小区": _STOCK,
    "人才公寓累计筹建": _STOCK,
    "保障性租赁住房累计筹建": _STOCK,
    "地区生产总值年均增速(2018-2022)": _FIVE_YEARS,
    "人才公寓筹集(近五年)": _FIVE_YEARS,
    "新增租赁住房(近五年)": _FIVE_YEARS,
    "天府绿道建成(2021-2022两年)": _TWO_YEARS,
    "新增学位(2021-2022两年)": _TWO_YEARS,
    "托育服务机构建成(2021-2022两年)": _TWO_YEARS,
    "社区养老服务综合体建成(2021-2022两年)": _TWO_YEARS,
    "老旧院落改造项目完成(2021-2022两年)": _TWO_YEARS,
    "打通断头路(2021-2022两年)": _TWO_YEARS,
    "高速公路通车总里程(截至2024年6月)": _MID_YEAR,
    "高速公路路网密度(截至2024年6月)": _MID_YEAR,
    "城市轨道交通运营里程(2023年2月)": _MID_YEAR,
    "轨道交通运营总里程(2021年6月)": _MID_YEAR,
    "天府绿道累计建成(2021年6月)": _MID_YEAR,
    "地区生产总值增速(1-6月)": _HALF_YEAR,
    "规上工业增加值增速(1-6月)": _HALF_YEAR,
    "固定资产投资增速(1-6月)": _HALF_YEAR,
    "社会消费品零售总额增速(1-6月)": _HALF_YEAR,
    "进出口总值增速(1-6月)": _HALF_YEAR,
    "一般公共预算收入增速(1-6月)": _HALF_YEAR,
}

#: a qualifier in the unit column -> how the note reads it
QUALIFIERS = {
    "突破": "原文为下限(突破) / a lower bound (突破)",
    "超": "原文为下限(超) / a lower bound (超)",
    "超过": "原文为下限(超过) / a lower bound (超过)",
    "以上": "原文为下限(以上) / a lower bound (以上)",
    "近": "原文为约数(近) / approximate (近)",
    "左右": "原文为约数(左右) / approximate (左右)",
}
_BRACKET = re.compile(r"^(?P<unit>[^()()]*)[((](?P<inner>[^)()]*)[))]$")
_TRAILING = re.compile(r"^(?P<unit>.*?)(?P<inner>以上|左右)$")
_MAGNITUDES = ("万亿", "千亿", "百亿", "亿", "千万", "百万", "万")


class SampleError(ValueError):
    """The published file holds an indicator name neither mapped nor excluded."""


@dataclass(frozen=True)
class Published:
    """One row of the published file, read."""

    order: int
    region: str
    year: int
    indicator: str
    value: str
    unit_raw: str
    source_url: str
    quote: str


@dataclass(frozen=True)
class Candidate:
    """A published figure placed in its region, with what decides between disagreeing pages."""

    row: Published
    region: str  # the region's Chinese name, as the upload's region column holds it
    indicator_id: str
    unit: str
    qualifier: str | None
    unit_note: str | None
    estimate: bool

    @property
    def rank(self) -> tuple[int, int, int, int, int]:
        """Lower is better: point before bound, final before estimate, more digits, a government site
        (gov.cn) before a copy, earlier row."""
        official = (urlparse(self.row.source_url).hostname or "").endswith("gov.cn")
        return (self.qualifier is not None, self.estimate, -_digits(self.row.value), not official, self.row.order)


def _digits(value: str) -> int:
    return len(value.replace(".", "").replace("-", "").lstrip("0"))


def read_published(path: Path) -> list[Published]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Published(
                n, r["region"], int(r["year"]), r["indicator"], r["value"], r["unit"], r["source_url"], r["quote"]
            )
            for n, r in enumerate(csv.DictReader(f), start=2)
        ]


def split_unit(unit_raw: str, norm_unit: str) -> tuple[str, str | None, str | None]:
    """(unit to upload, qualifier word or None, note on a replaced unit or None) of a published unit."""
    unit, qualifier, note = unit_raw.strip(), None, None
    match = _BRACKET.match(unit)
    if match:
        inner = match.group("inner")
        if inner in QUALIFIERS:
            unit, qualifier = match.group("unit"), inner
        else:
            note = f"原文单位 {unit} / written as {unit}"
            unit = inner
    match = _TRAILING.match(unit)
    if match and match.group("unit"):
        unit, qualifier = match.group("unit"), match.group("inner")
    if norm_unit == "CNY" and unit in _MAGNITUDES:
        unit += "元"
    return unit, qualifier, note


def regions() -> RegionIndex:
    """The manifest's regions, by every name that finds them."""
    return RegionIndex(load_manifest(config.MANIFEST).regions)


def candidates(rows: Iterable[Published]) -> tuple[list[Candidate], list[tuple[Published, str]]]:
    """Every figure placed in its region, and the rows left out with the reason."""
    catalog = load_catalog()
    index = regions()
    kept, left_out = [], []
    for row in rows:
        try:
            region = index.find(row.region)
        except RegionError:
            region = None
        if region is None:
            left_out.append((row, f"清单中没有地区 {row.region} / the manifest lists no region {row.region}"))
            continue
        if row.indicator in EXCLUDED:
            left_out.append((row, EXCLUDED[row.indicator]))
            continue
        if row.indicator not in INDICATORS:
            raise SampleError(f"row {row.order}: {row.indicator!r} is neither in INDICATORS nor in EXCLUDED")
        indicator = catalog.indicators[INDICATORS[row.indicator]]
        unit, qualifier, unit_note = split_unit(row.unit_raw, indicator.norm_unit)
        kept.append(Candidate(row, region.name_zh, indicator.id, unit, qualifier, unit_note, "(预计)" in row.indicator))
    return kept, left_out


def choose(found: list[Candidate]) -> list[tuple[Candidate, list[Candidate]]]:
    """One candidate per (region, indicator, year), by `Candidate.rank`, with the ones not kept."""
    groups: dict[tuple[str, str, int], list[Candidate]] = {}
    for c in found:
        groups.setdefault((c.region, c.indicator_id, c.row.year), []).append(c)
    out = []
    for key in sorted(groups):
        ranked = sorted(groups[key], key=lambda c: c.rank)
        out.append((ranked[0], ranked[1:]))
    return out


def _note(best: Candidate, others: list[Candidate]) -> str:
    parts = [f"原文:{best.row.quote}"]
    if best.qualifier:
        parts.append(QUALIFIERS[best.qualifier])
    if best.estimate:
        parts.append("预计数 / an estimate")
    if best.unit_note:
        parts.append(best.unit_note)
    if "同口径" in best.row.indicator:
        parts.append("同口径 / on a comparable basis")
    differing = sorted(
        {
            f"{o.row.value}{o.row.unit_raw}({urlparse(o.row.source_url).netloc})"
            for o in others
            if (o.row.value, o.unit) != (best.row.value, best.unit) or o.qualifier != best.qualifier
        }
    )
    if differing:
        parts.append("另见 / also reported: " + ";".join(differing))
    return ";".join(parts)


def sample_rows(path: Path = PUBLISHED) -> tuple[list[dict[str, str]], list[tuple[Published, str]]]:
    """The sample's rows (template columns) and the published rows left out with the reason."""
    catalog = load_catalog()
    found, left_out = candidates(read_published(path))
    rows = []
    for best, others in choose(found):
        rows.append(
            {
                "region": best.region,
                "indicator_id": best.indicator_id,
                "indicator": catalog.indicators[best.indicator_id].name_zh,
                "period": str(best.row.year),
                "value": best.row.value,
                "unit": best.unit,
                "source": best.row.source_url,
                "note": _note(best, others),
            }
        )
    return rows, left_out


def to_csv(rows: list[dict[str, str]]) -> bytes:
    """The rows as the template's CSV: UTF-8 with a BOM, headers "规划 plan" ..."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([header(c) for c in COLUMNS])
    for r in rows:
        writer.writerow([r[c] for c in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl.samples", description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=PUBLISHED, help="published figures (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=config.SAMPLE_ACTUALS, help="sample CSV (default: %(default)s)")
    args = parser.parse_args(argv)
    if not args.input.is_file():
        print(f"Error: no such file: {args.input}", file=sys.stderr)
        return 1
    try:
        rows, left_out = sample_rows(args.input)
    except SampleError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(to_csv(rows))
    print(f"{len(rows)} rows -> {args.out} ({len(left_out)} published rows left out)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
