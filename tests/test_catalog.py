"""The indicator catalog: `data/indicators.toml` is well formed, and `targets.catalog` maps extracted rows
(indicator text, canonical unit, metric) to canonical indicators and categories, on the gold annotations
and on phrasings of its own.
"""

from __future__ import annotations

import csv
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets.catalog import (
    DEFAULT_PATH,
    ROW_METRICS,
    Catalog,
    CatalogError,
    load_catalog,
    normalize_text,
)
from targets.units import dimension
from targets.vocab import UNITS, Direction, Metric

#: the tests that read the gold annotations in ../shared/eval/gold
NEEDS_GOLD = pytest.mark.needs_shared("eval/gold")

CATEGORIES = {
    "economy": "经济发展",
    "industry": "产业发展",
    "innovation": "科技创新",
    "opening_up": "对外开放",
    "ecology": "生态与绿化",
    "transport": "交通与轨道",
    "housing": "住房与城市更新",
    "employment_income": "就业与收入",
    "education": "教育",
    "health_elderly": "卫生健康与养老",
    "social_security": "社会保障",
    "culture_sports": "文化体育",
    "safety_governance": "安全与治理",
}

# Fixed ids other parts of the project rely on, with the unit and metric their meaning implies.
FIXED_IDS = {
    "gdp_growth": ("percent", "growth_rate"),
    "gdp": ("CNY", "level"),
    "fixed_asset_investment_growth": ("percent", "growth_rate"),
    "retail_sales_growth": ("percent", "growth_rate"),
    "retail_sales": ("CNY", "level"),
    "trade_growth": ("percent", "growth_rate"),
    "trade_total": ("CNY", "level"),
    "budget_revenue_growth": ("percent", "growth_rate"),
    "urban_income_growth": ("percent", "growth_rate"),
    "rural_income_growth": ("percent", "growth_rate"),
    "urbanization_rate": ("percent", "level"),
    "cpi": ("index", "index"),
    "unemployment_rate": ("percent", "level"),
    "rd_spending_growth": ("percent", "growth_rate"),
    "high_tech_enterprises": ("count", "level"),
    "high_tech_enterprises_new": ("count", "increment"),
    "tech_contract_value": ("CNY", "level"),
    "new_urban_jobs": ("count", "increment"),
    "air_quality_good_days": ("day", "level"),
    "air_quality_good_rate": ("percent", "level"),
    "forest_coverage": ("percent", "level"),
    "green_space_new": ("hectare", "increment"),
    "greenway_length": ("km", "level"),
    "greenway_length_new": ("km", "increment"),
    "metro_sections_opened": ("count", "increment"),
    "affordable_rental_housing": ("count", "increment"),
    "talent_apartments": ("count", "increment"),
    "old_compounds_renovated": ("count", "increment"),
    "school_places_new": ("count", "increment"),
    "pension_insurance_coverage": ("percent", "level"),
    "medical_insurance_coverage": ("percent", "level"),
    "international_freight_trains": ("count", "increment"),
    "ev_chargers_new": ("count", "increment"),
    "base_stations_5g_new": ("count", "increment"),
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def raw_toml() -> dict:
    with DEFAULT_PATH.open("rb") as f:
        return tomllib.load(f)


def matched(catalog: Catalog, indicator: str, norm_unit: str, metric: str) -> str | None:
    """The id of the indicator `catalog.match` finds, or None."""
    found = catalog.match(indicator, norm_unit, metric)
    return found.id if found else None


@pytest.fixture(scope="module")
def gold_rows(shared_dir: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted((shared_dir / "eval" / "gold").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows.extend(csv.DictReader(f))
    assert rows, "no gold rows in ../shared/eval/gold"
    return rows


@pytest.fixture(scope="module")
def core_rows(gold_rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [r for r in gold_rows if r["core"].strip() == "1"]


def _doc(row: dict[str, str]) -> str:
    return row["doc"][:3]


# ---------------------------------------------------------------------------------------------------
# The catalog file


def test_catalog_loads_with_at_least_70_indicators(catalog: Catalog) -> None:
    assert len(catalog.indicators) >= 70


def test_categories_are_the_thirteen_fixed_ones(catalog: Catalog) -> None:
    assert {cid: c.zh for cid, c in catalog.categories.items()} == CATEGORIES
    assert all(c.en for c in catalog.categories.values())


@pytest.mark.parametrize("indicator_id", sorted(FIXED_IDS))
def test_fixed_id_exists_with_its_unit_and_metric(catalog: Catalog, indicator_id: str) -> None:
    ind = catalog.indicators[indicator_id]
    assert (ind.norm_unit, ind.metric) == FIXED_IDS[indicator_id]


def test_every_indicator_uses_allowed_values(catalog: Catalog) -> None:
    bad = [
        (ind.id, field, getattr(ind, field))
        for ind in catalog.indicators.values()
        for field, allowed in (
            ("category", CATEGORIES),
            ("direction", tuple(Direction)),
            ("norm_unit", tuple(UNITS)),
            ("metric", tuple(Metric)),
        )
        if getattr(ind, field) not in allowed
    ]
    assert bad == []


def test_ids_in_file_are_unique_snake_case(raw_toml: dict) -> None:
    ids = [entry["id"] for entry in raw_toml["indicator"]]
    assert len(ids) == len(set(ids))
    assert all(i.replace("_", "").isalnum() and i == i.lower() and i.isascii() for i in ids)


def test_every_indicator_has_synonyms(catalog: Catalog) -> None:
    assert [ind.id for ind in catalog.indicators.values() if not ind.synonyms] == []
    assert all(normalize_text(s) for ind in catalog.indicators.values() for s in ind.synonyms)


def test_growth_rates_are_percent_and_shares_fractions(catalog: Catalog) -> None:
    bad = [
        ind.id
        for ind in catalog.indicators.values()
        if (ind.metric == "growth_rate" and ind.norm_unit != "percent")
        or (ind.metric == "share" and dimension(ind.norm_unit) != "share")
    ]
    assert bad == []


def test_every_category_has_indicators(catalog: Catalog) -> None:
    assert {ind.category for ind in catalog.indicators.values()} == set(CATEGORIES)


def test_families_group_related_indicators(catalog: Catalog) -> None:
    assert {i.id for i in catalog.family("greenway")} >= {"greenway_length", "greenway_length_new"}
    assert {i.id for i in catalog.family("air_quality")} >= {"air_quality_good_days", "air_quality_good_rate"}
    assert {i.id for i in catalog.family("high_tech")} >= {
        "high_tech_enterprises",
        "high_tech_enterprises_new",
    }
    assert catalog.family("no_such_family") == []


def test_load_catalog_is_cached_per_path(catalog: Catalog) -> None:
    assert load_catalog() is catalog
    assert load_catalog(DEFAULT_PATH) is catalog
    assert load_catalog(str(DEFAULT_PATH)) is catalog


# ---------------------------------------------------------------------------------------------------
# Malformed catalogs

_HEADER = """
[categories]
economy = { zh = "经济发展", en = "Economy" }
"""

_GOOD = """
[[indicator]]
id = "gdp"
name_zh = "地区生产总值"
name_en = "GDP"
category = "economy"
direction = "higher_better"
norm_unit = "CNY"
metric = "level"
synonyms = ["地区生产总值"]
"""


def _write(tmp_path: Path, body: str, name: str = "indicators.toml") -> Path:
    path = tmp_path / name
    path.write_text(_HEADER + body, encoding="utf-8")
    return path


def test_minimal_catalog_loads(tmp_path: Path) -> None:
    cat = load_catalog(_write(tmp_path, _GOOD))
    assert list(cat.indicators) == ["gdp"]
    assert matched(cat, "地区生产总值", "CNY", "level") == "gdp"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('norm_unit = "CNY"', 'norm_unit = "yuan"', "indicator #2 (bad): field 'norm_unit'"),
        ('category = "economy"', 'category = "farming"', "indicator #2 (bad): field 'category'"),
        ('direction = "higher_better"', 'direction = "up"', "indicator #2 (bad): field 'direction'"),
        ('metric = "level"', 'metric = "total"', "indicator #2 (bad): field 'metric'"),
        ('synonyms = ["地区生产总值"]', "synonyms = []", "indicator #2 (bad): field 'synonyms'"),
        ('synonyms = ["地区生产总值"]', "", "indicator #2 (bad): field 'synonyms' is missing"),
        ('synonyms = ["地区生产总值"]', 'synonyms = "地区生产总值"', "indicator #2 (bad): field 'synonyms'"),
        ('name_zh = "地区生产总值"', "", "indicator #2 (bad): field 'name_zh' is missing"),
        (
            'metric = "level"',
            'metric = "level"\nsynonym = ["x"]',
            "indicator #2 (bad): unknown field 'synonym'",
        ),
        ('metric = "level"', 'metric = "level"\nrequires = "新增"', "indicator #2 (bad): field 'requires'"),
        ('id = "bad"', 'id = "Bad-Id"', "indicator #2 (Bad-Id): field 'id'"),
        ('id = "bad"', 'id = "gdp"', "indicator #2 (gdp): field 'id' repeats"),
    ],
)
def test_malformed_indicator_raises_naming_entry_and_field(tmp_path: Path, old: str, new: str, expected: str) -> None:
    second = _GOOD.replace('id = "gdp"', 'id = "bad"').replace(old, new)
    path = _write(tmp_path, _GOOD + second)
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    assert expected in str(info.value)
    assert str(path) in str(info.value)


def test_invalid_toml_raises_catalog_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="not valid TOML"):
        load_catalog(_write(tmp_path, _GOOD + "\n[[indicator]\n"))


def test_missing_file_raises_catalog_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="not found"):
        load_catalog(tmp_path / "nope.toml")


def test_category_rule_with_unknown_category_raises(tmp_path: Path) -> None:
    body = _GOOD + '\n[[category_rule]]\ncategory = "farming"\nkeywords = ["粮"]\n'
    with pytest.raises(CatalogError, match=r"category_rule #1: field 'category'"):
        load_catalog(_write(tmp_path, body))


def test_fallback_with_unknown_category_raises(tmp_path: Path) -> None:
    body = _GOOD + '\n[category_fallback]\ndefault = "misc"\n'
    with pytest.raises(CatalogError, match=r"\[category_fallback\]: field 'default'"):
        load_catalog(_write(tmp_path, body))


def test_match_returns_none_when_two_indicators_fit_equally(tmp_path: Path) -> None:
    twin = _GOOD.replace('id = "gdp"', 'id = "gdp_twin"')
    cat = load_catalog(_write(tmp_path, _GOOD + twin))
    assert cat.match("地区生产总值", "CNY", "level") is None
    assert [c[0].id for c in cat.candidates("地区生产总值", "CNY", "level")] == ["gdp", "gdp_twin"]


# ---------------------------------------------------------------------------------------------------
# Gold annotations


@NEEDS_GOLD
def test_every_gold_row_gets_a_known_category(catalog: Catalog, gold_rows: list[dict[str, str]]) -> None:
    missing = [
        (r["doc"], r["line"], r["indicator"])
        for r in gold_rows
        if catalog.category_for(r["indicator"], r["norm_unit"], r["metric"]) not in catalog.categories
    ]
    assert missing == []


@NEEDS_GOLD
def test_gold_matches_respect_unit_dimension_and_metric(catalog: Catalog, gold_rows: list[dict[str, str]]) -> None:
    for r in gold_rows:
        ind = catalog.match(r["indicator"], r["norm_unit"], r["metric"])
        if ind is not None:
            assert dimension(ind.norm_unit) == dimension(r["norm_unit"]), r
            assert not (ind.metric == "growth_rate") ^ (r["metric"] == "growth_rate"), r


# (doc, gold indicator text, gold quote, expected id); None = the row must not get a canonical id.
GOLD_HEADLINES = [
    ("000", "地区生产总值增速", "7%", "gdp_growth"),
    ("000", "第一产业增加值增速", "2%", "primary_industry_va_growth"),
    ("000", "全社会固定资产投资增速", "8%", "fixed_asset_investment_growth"),
    ("000", "社会消费品零售总额增速", "8.5%", "retail_sales_growth"),
    ("000", "进出口总额增速", "8%", "trade_growth"),
    ("000", "全社会研发经费投入增速", "8%", "rd_spending_growth"),
    ("000", "地方一般公共预算收入增速", "7%", "budget_revenue_growth"),
    ("000", "城镇居民人均可支配收入增速", "7.3%", "urban_income_growth"),
    ("000", "农村居民人均可支配收入增速", "8.2%", "rural_income_growth"),
    ("000", "常住人口城镇化率", "79.5%", "urbanization_rate"),
    ("000", "居民消费价格指数", "103", "cpi"),
    ("000", "城镇调查失业率", "5.5%", "unemployment_rate"),
    ("000", "空气质量优良天数率", "81%", "air_quality_good_rate"),
    ("000", "森林覆盖率", "40.5%", "forest_coverage"),
    ("000", "规上工业增加值增速", "7.5%", "industrial_va_growth"),
    ("000", "技术合同成交额", "1300亿元", "tech_contract_value"),
    ("000", "新增高新技术企业数", "1000家", "high_tech_enterprises_new"),
    ("000", "高新技术产业营业收入", "1.2万亿元", "high_tech_industry_revenue"),
    ("000", "人才公寓筹集建设", "1万套", "talent_apartments"),
    ("000", "国际班列开行量", "4300列", "international_freight_trains"),
    ("000", "新增城镇就业", "23万人", "new_urban_jobs"),
    ("000", "吸纳大学生就业创业", "7万人", "graduate_employment"),
    ("000", "农村富余劳动力转移就业", "7.3万人", "rural_labor_transfer"),
    ("000", "新增学位", "8万个", "school_places_new"),
    ("000", "新增普高学位", "5000个", "high_school_places_new"),
    ("000", "城乡居民基本养老保险参保率", "92%", "pension_insurance_coverage"),
    ("000", "城乡居民基本养老保险政府代缴率", "100%", "pension_contribution_subsidy_rate"),
    ("000", "城乡居民医疗保险参保率", "98%", "medical_insurance_coverage"),
    ("000", "城乡居民基本医疗保险参保登记率", "98%", "medical_insurance_coverage"),
    ("000", "保障性租赁住房筹集", "6万套(间)", "affordable_rental_housing"),
    ("000", "老旧小区改造数", "601个", "old_compounds_renovated"),
    ("000", "建成各级绿道长度", "800公里", "greenway_length_new"),
    ("000", "乡村绿道建设长度", "300公里", None),
    ("000", "新增绿地面积", "1800公顷", "green_space_new"),
    ("000", "居民小区电动汽车充电桩建设", "5500个", "ev_chargers_new"),
    ("000", "电动自行车停放充电示范场所总数", "500处", None),
    ("001", "地区生产总值", "717.11亿元", "gdp"),
    ("001", "地区生产总值增速", "3.0%", "gdp_growth"),
    ("001", "地区生产总值增速", "6.0%—7.0%", "gdp_growth"),
    ("001", "新增就业", "9360人", "new_urban_jobs"),
    ("001", "城镇新增就业", "6000人", "new_urban_jobs"),
    ("001", "新增高新技术企业", "168家", "high_tech_enterprises_new"),
    ("001", "高新技术企业数", "400家", "high_tech_enterprises"),
    ("001", "高新技术企业营业收入", "165亿元", "high_tech_enterprise_revenue"),
    ("001", "涉农高新技术企业数", "30家", None),
    ("001", "技术(输出)合同登记额", "32亿元", "tech_contract_value"),
    ("001", "新建绿道和慢行系统", "35公里", "greenway_length_new"),
    ("001", "提升改造天府绿道", "30公里", "greenway_upgraded"),
    ("001", "新增充电桩", "2065个", "ev_chargers_new"),
    ("001", "新增充电站", "10座", "ev_charging_stations_new"),
    ("001", "新增5G基站", "600个", "base_stations_5g_new"),
    ("001", "新建5G基站", "300个", "base_stations_5g_new"),
    ("001", "筹建保障性租赁住房", "1721套", "affordable_rental_housing"),
    ("001", "筹集建设保障性租赁住房", "1200套(间)", "affordable_rental_housing"),
    ("001", "新开工人才公寓", "3.2万平方米", "talent_apartments_area"),
    ("001", "筹建人才公寓", "200套", "talent_apartments"),
    ("001", "改造城中村户数", "400户", "urban_village_households"),
    ("001", "完成老旧小区改造", "20个", "old_compounds_renovated"),
    ("001", "基本养老保险参保率", "93%", "pension_insurance_coverage"),
    ("001", "最低标准城乡居民基本养老保险政府代缴率", "100%", "pension_contribution_subsidy_rate"),
    ("001", "基本医疗保险参保率", "98%", "medical_insurance_coverage"),
    ("001", "PM2.5平均浓度降幅", "7%", "pm25_decline"),
    ("001", "PM2.5年均浓度", "40微克/立方米", "pm25_concentration"),
    ("001", "新增普通高中学位", "100个", "high_school_places_new"),
    ("001", "新增中小学、幼儿园学位", "2610个", "school_places_new"),
    ("001", "普惠性幼儿园覆盖率提高", "2%", None),
    ("002", "天府绿道累计建成里程", "4238公里", "greenway_length"),
    ("002", "天府绿道建成里程", "10000公里", "greenway_length"),
    ("002", "森林覆盖率", "40.2%", "forest_coverage"),
    ("002", "居民人均可支配收入年均增速", "8.9%", "resident_income_growth"),
    (
        "003",
        "开通运营轨道交通线路(段)",
        "开通运营轨道交通10号线三期、13号线一期、17号线二期、30号线一期",
        "metro_sections_opened",
    ),
    ("003", "天府绿道总长度", "1万公里", "greenway_length"),
    ("003", "空气质量优良天数", "300天", "air_quality_good_days"),
    ("003", "城镇新增就业", "24万人", "new_urban_jobs"),
    ("003", "保障性租赁住房筹集", "1万套(间)", "affordable_rental_housing"),
    ("003", "新供应人才公寓", "8000套", "talent_apartments"),
    ("003", "老旧院落改造项目", "395个", "old_courtyards_renovated"),
    ("003", "高新技术企业数量", "1.55万家", "high_tech_enterprises"),
    ("003", "园区内高新技术企业数量", "9000家", None),
    ("003", "国际班列开行数量", "4800列", "international_freight_trains"),
    ("003", "新建电动汽车充电桩", "2万个", "ev_chargers_new"),
    ("003", "新增学位", "5万个", "school_places_new"),
    ("003", "技术合同成交额增速", "10%", "tech_contract_value_growth"),
    ("003", "规上工业企业研发经费投入强度", "1.5%", "enterprise_rd_intensity"),
    ("003", "基本养老保险参保率", "95%", "pension_insurance_coverage"),
    ("004", "主城都市区地区生产总值", "3萬億元", "gdp"),
    ("004", "高新技术企业总量", "1.27萬家", "high_tech_enterprises"),
    ("004", "民营高新技术企业数量", "9000家", None),
    ("004", "中欧班列(成渝)累计开行列数", "3.2萬列", "international_freight_trains_total"),
    ("004", "城镇新增就业累计", "300萬人", "new_urban_jobs"),
    ("004", "保障性租赁住房筹集", "22萬套(間)", "affordable_rental_housing"),
    ("004", "单位地区生产总值二氧化碳排放降低率", "15%", "co2_intensity_decline"),
    ("004", "亿元地区生产总值生产安全事故死亡率", "0.015", "work_safety_death_rate"),
    ("004", "空气质量优良天数", "338天", "air_quality_good_days"),
    ("004", "社会消费品零售总额", "1.65萬億元", "retail_sales"),
    ("004", "进出口总额", "1.1萬億元", "trade_total"),
    ("004", "全体居民人均可支配收入", "5萬元", "resident_income"),
    ("004", "城乡居民人均可支配收入比", "2.3∶1", "urban_rural_income_ratio"),
    ("004", "高技术制造业增加值占规模以上工业增加值比重", "22%", "high_tech_manufacturing_va_share"),
    ("004", "制造业增加值占地区生产总值比重", "28%", "manufacturing_va_share"),
    ("004", "新生儿死亡率", "2‰", "neonatal_mortality"),
]


@NEEDS_GOLD
@pytest.mark.parametrize(("doc", "indicator", "quote", "expected"), GOLD_HEADLINES)
def test_gold_headline_row_matches(
    catalog: Catalog,
    gold_rows: list[dict[str, str]],
    doc: str,
    indicator: str,
    quote: str,
    expected: str | None,
) -> None:
    rows = [r for r in gold_rows if _doc(r) == doc and r["indicator"] == indicator and r["quote"] == quote]
    assert rows, f"no gold row {doc} {indicator} {quote}: the gold changed"
    for r in rows:
        found = catalog.match(r["indicator"], r["norm_unit"], r["metric"])
        assert (found.id if found else None) == expected


# For the headline ids: the gold documents (core rows) in which each must be found at least once.
HEADLINE_DOCS = {
    "gdp_growth": {"000", "001"},
    "gdp": {"001", "004"},
    "new_urban_jobs": {"000", "001", "003", "004"},
    "affordable_rental_housing": {"000", "001", "003", "004"},
    "talent_apartments": {"000", "001", "003"},
    "greenway_length": {"002", "003"},
    "greenway_length_new": {"000", "001"},
    "metro_sections_opened": {"003"},
    "high_tech_enterprises": {"001", "003", "004"},
    "high_tech_enterprises_new": {"000", "001"},
    "tech_contract_value": {"000", "001", "004"},
    "air_quality_good_days": {"003", "004"},
    "air_quality_good_rate": {"000"},
    "forest_coverage": {"000", "002"},
    "green_space_new": {"000", "001"},
    "old_compounds_renovated": {"000", "001"},
    "school_places_new": {"000", "001", "003"},
    "pension_insurance_coverage": {"000", "001", "003", "004"},
    "medical_insurance_coverage": {"000", "001"},
    "international_freight_trains": {"000", "003"},
    "ev_chargers_new": {"000", "001", "003"},
    "base_stations_5g_new": {"001"},
    "unemployment_rate": {"000", "001", "004"},
    "rd_spending_growth": {"000", "003", "004"},
    "urban_income_growth": {"000", "001"},
    "rural_income_growth": {"000", "001"},
    "retail_sales_growth": {"000", "001"},
    "fixed_asset_investment_growth": {"000", "001"},
    "trade_growth": {"000", "001"},
    "budget_revenue_growth": {"000", "001"},
    "urbanization_rate": {"000", "004"},
    "cpi": {"000"},
}


def _docs_by_id(catalog: Catalog, rows: list[dict[str, str]]) -> dict[str, set[str]]:
    docs: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        ind = catalog.match(r["indicator"], r["norm_unit"], r["metric"])
        if ind is not None:
            docs[ind.id].add(_doc(r))
    return docs


@NEEDS_GOLD
@pytest.mark.parametrize("indicator_id", sorted(HEADLINE_DOCS))
def test_headline_id_found_in_its_gold_documents(
    catalog: Catalog, core_rows: list[dict[str, str]], indicator_id: str
) -> None:
    assert HEADLINE_DOCS[indicator_id] <= _docs_by_id(catalog, core_rows)[indicator_id]


@NEEDS_GOLD
def test_new_urban_jobs_found_wherever_gold_states_new_jobs(catalog: Catalog, core_rows: list[dict[str, str]]) -> None:
    stating = {_doc(r) for r in core_rows if r["indicator"].startswith(("城镇新增就业", "新增城镇就业", "新增就业"))}
    assert stating == {"000", "001", "003", "004"}
    assert stating <= _docs_by_id(catalog, core_rows)["new_urban_jobs"]


# ---------------------------------------------------------------------------------------------------
# Phrasings of our own: (indicator text, norm_unit, metric, expected id or None)

PHRASINGS = [
    # GDP and its look-alikes
    ("地区生产总值", "percent", "growth_rate", "gdp_growth"),
    ("地区生产总值", "CNY", "level", "gdp"),
    ("GDP增速", "percent", "growth_rate", "gdp_growth"),
    ("经济增长", "percent", "growth_rate", "gdp_growth"),
    ("全市地区生产总值年均增长", "percent", "growth_rate", "gdp_growth"),
    ("地区生产总值", "count", "level", None),
    ("第二产业增加值", "percent", "growth_rate", "secondary_industry_va_growth"),
    ("规模以上工业增加值", "CNY", "level", None),
    ("规模以上工业增加值", "percent", "growth_rate", "industrial_va_growth"),
    ("人均地区生产总值", "CNY", "level", "gdp_per_capita"),
    ("单位GDP二氧化碳排放下降", "percent", "growth_rate", "co2_intensity_decline"),
    ("单位地区生产总值能耗降低", "percent", "growth_rate", "energy_intensity_decline"),
    ("数字经济核心产业增加值占GDP比重", "percent", "share", "digital_economy_core_va_share"),
    ("数字经济核心产业增加值占GDP比重", "percentage_point", "increment", None),
    # employment and income
    ("城镇新增就业人数", "count", "increment", "new_urban_jobs"),
    ("新增城镇就业", "count", "count", "new_urban_jobs"),
    ("新增就业", "percent", "level", None),
    ("新增就业岗位", "count", "increment", None),
    ("帮助高校毕业生就业", "count", "increment", "graduate_employment"),
    ("农村劳动力转移就业", "count", "increment", "rural_labor_transfer"),
    ("城镇登记失业率", "percent", "level", "registered_unemployment_rate"),
    ("城镇常住居民人均可支配收入", "percent", "growth_rate", "urban_income_growth"),
    ("农村常住居民人均可支配收入", "percent", "growth_rate", "rural_income_growth"),
    ("全体居民人均可支配收入", "percent", "growth_rate", "resident_income_growth"),
    ("城镇居民人均可支配收入", "CNY", "level", "urban_income"),
    ("居民消费价格涨幅", "percent", "growth_rate", "cpi_increase"),
    # high-tech enterprises
    ("新认定高新技术企业", "count", "increment", "high_tech_enterprises_new"),
    ("高新技术企业总数", "count", "level", "high_tech_enterprises"),
    ("高新技术企业", "CNY", "level", None),
    ("高新技术企业营收", "CNY", "level", "high_tech_enterprise_revenue"),
    ("研发经费投入强度", "percent", "share", "rd_intensity"),
    # greenways and green space
    ("天府绿道累计建成", "km", "level", "greenway_length"),
    ("新建绿道", "km", "increment", "greenway_length_new"),
    ("绿道总里程", "km", "increment", None),
    ("绿道", "count", "increment", None),
    ("新增城市绿地", "hectare", "increment", "green_space_new"),
    ("新增绿地", "count", "increment", None),
    ("人均公园绿地面积", "square_meter", "level", "park_green_space_per_capita"),
    # air
    ("空气质量优良天数", "day", "level", "air_quality_good_days"),
    ("空气质量优良天数比例", "percent", "level", "air_quality_good_rate"),
    ("空气质量优良天数", "percent", "level", "air_quality_good_rate"),
    ("细颗粒物(PM2.5)平均浓度", "ug/m3", "level", "pm25_concentration"),
    ("细颗粒物浓度下降", "percent", "growth_rate", "pm25_decline"),
    # housing and renewal
    ("保障性租赁住房", "km", "increment", None),
    ("筹集保障性租赁住房", "count", "increment", "affordable_rental_housing"),
    ("建设筹集保租房", "count", "count", "affordable_rental_housing"),
    ("人才公寓", "hectare", "increment", "talent_apartments_area"),
    ("人才公寓", "count", "increment", "talent_apartments"),
    ("老旧院落改造", "count", "increment", "old_courtyards_renovated"),
    ("改造老旧小区", "count", "count", "old_compounds_renovated"),
    ("城中村改造", "count", "increment", "urban_village_households"),
    ("棚户区改造", "count", "increment", "shantytown_households"),
    # transport and networks
    ("开通运营地铁线路", "count", "count", "metro_sections_opened"),
    ("中欧班列开行", "count", "increment", "international_freight_trains"),
    ("累计开行中欧班列", "count", "level", "international_freight_trains_total"),
    ("国际班列", "km", "increment", None),
    ("新增5G基站", "count", "increment", "base_stations_5g_new"),
    ("5G基站总数", "count", "level", "base_stations_5g"),
    ("新建电动汽车充电桩", "count", "increment", "ev_chargers_new"),
    ("公共充电站", "count", "increment", "ev_charging_stations_new"),
    ("电动自行车充电桩", "count", "increment", None),
    ("高速公路通车里程", "km", "level", "expressway_mileage"),
    ("高速公路通车里程", "count", "level", None),
    # social security, education, health
    ("基本养老保险参保率", "percent", "level", "pension_insurance_coverage"),
    ("城乡居民基本养老保险政府代缴率", "percent", "level", "pension_contribution_subsidy_rate"),
    ("基本医疗保险参保登记率", "percent", "level", "medical_insurance_coverage"),
    ("新增普通高中学位", "count", "increment", "high_school_places_new"),
    ("新增义务教育学位", "count", "increment", "school_places_new"),
    ("新增硕士学位授权点", "count", "increment", None),
    ("新改扩建中小学", "count", "increment", "schools_built"),
    ("新生儿死亡率", "percent", "level", "neonatal_mortality"),
    ("每千人口拥有婴幼儿托位数", "count", "level", "childcare_places_per_1000"),
    ("新增托位", "count", "increment", "childcare_places_new"),
    # opening up and money units
    ("实际使用外资", "USD", "level", "fdi_utilized"),
    ("实际使用外资", "CNY", "level", "fdi_utilized"),
    ("实际使用外资", "percent", "growth_rate", "fdi_utilized_growth"),
    ("外贸进出口总额", "USD", "level", "trade_total"),
    ("二氧化碳排放", "t", "level", None),
    # near misses that share a word with an indicator
    ("新增港口泊位", "count", "increment", None),
    ("新增公共停车位", "count", "increment", "parking_spaces_new"),
    ("农村生活污水处理率", "percent", "level", None),
    ("新建学校食堂", "count", "increment", None),
    ("服务进出口总额", "CNY", "level", "service_trade"),
    ("中欧班列集结中心", "count", "increment", None),
]


@pytest.mark.parametrize(("text", "unit", "metric", "expected"), PHRASINGS)
def test_phrasing_matches(catalog: Catalog, text: str, unit: str, metric: str, expected: str | None) -> None:
    found = catalog.match(text, unit, metric)
    assert (found.id if found else None) == expected


def test_full_width_and_quotes_do_not_matter(catalog: Catalog) -> None:
    assert matched(catalog, "新增５Ｇ基站", "count", "increment") == "base_stations_5g_new"
    assert matched(catalog, "国家级专精特新“小巨人”企业", "count", "level") == "little_giants"
    assert normalize_text("（ＰＭ２．５） “浓度”") == "(pm2.5)浓度"


def test_unknown_unit_or_metric_matches_nothing(catalog: Catalog) -> None:
    assert catalog.match("城镇新增就业", "people", "increment") is None
    assert catalog.match("城镇新增就业", "count", "total") is None
    assert catalog.match("", "count", "increment") is None


# ---------------------------------------------------------------------------------------------------
# Categories for rows no indicator matches


@pytest.mark.parametrize(
    ("text", "unit", "metric", "expected"),
    [
        ("城镇新增就业", "count", "increment", "employment_income"),
        ("新建社区图书馆", "count", "increment", "culture_sports"),
        ("建设应急避难场所", "count", "count", "safety_governance"),
        ("新增市级科普基地", "count", "increment", "innovation"),
        ("新开及优化公交线路", "count", "count", "transport"),
        ("新建人才公寓", "km", "increment", "housing"),
        ("某某专项资金", "CNY", "level", "economy"),
        ("某某指标", "percent", "growth_rate", "economy"),
        ("某某指标", "count", "level", "safety_governance"),
        ("", "", "", "safety_governance"),
    ],
)
def test_category_for_unmatched_rows(catalog: Catalog, text: str, unit: str, metric: str, expected: str) -> None:
    assert catalog.category_for(text, unit, metric) == expected


@given(
    text=st.text(max_size=30),
    unit=st.sampled_from([*UNITS, "", "people"]),
    metric=st.sampled_from([*ROW_METRICS, "", "total"]),
)
def test_category_for_always_returns_a_category(text: str, unit: str, metric: str) -> None:
    catalog = load_catalog()
    assert catalog.category_for(text, unit, metric) in catalog.categories


@given(
    text=st.sampled_from(["地区生产总值", "新增就业", "绿道", "空气质量优良天数", "高新技术企业", "人才公寓"]),
    unit=st.sampled_from(list(UNITS)),
    metric=st.sampled_from(ROW_METRICS),
)
def test_a_match_always_agrees_with_unit_and_metric(text: str, unit: str, metric: str) -> None:
    found = load_catalog().match(text, unit, metric)
    if found is not None:
        assert dimension(found.norm_unit) == dimension(unit)
        assert (found.metric == "growth_rate") == (metric == "growth_rate")


# ---------------------------------------------------------------------------------------------------
# resolve_name (uploads)


def test_resolve_name_by_id(catalog: Catalog) -> None:
    assert [i.id for i in catalog.resolve_name("greenway_length")] == ["greenway_length"]


def test_resolve_name_by_chinese_and_english_name(catalog: Catalog) -> None:
    assert [i.id for i in catalog.resolve_name("城镇新增就业")] == ["new_urban_jobs"]
    assert [i.id for i in catalog.resolve_name(" 地区生产总值 ")] == ["gdp"]
    assert [i.id for i in catalog.resolve_name("gdp growth")] == ["gdp_growth"]


def test_resolve_name_by_synonym(catalog: Catalog) -> None:
    assert [i.id for i in catalog.resolve_name("保租房")] == ["affordable_rental_housing"]
    assert [i.id for i in catalog.resolve_name("全市城镇新增就业人数")] == ["new_urban_jobs"]


def test_resolve_name_ambiguous_synonym_returns_all(catalog: Catalog) -> None:
    ids = {i.id for i in catalog.resolve_name("绿道")}
    assert ids == {"greenway_length", "greenway_length_new"}
    assert len(catalog.resolve_name("空气质量优良天数率")) == 1


def test_resolve_name_unknown_returns_empty(catalog: Catalog) -> None:
    assert catalog.resolve_name("no such indicator") == []
    assert catalog.resolve_name("   ") == []


def test_an_opening_naming_the_means_does_not_decide_the_indicator(catalog: Catalog) -> None:
    # the count is of jobs offered through exhibitions, not of exhibitions
    assert catalog.match("依托重大展会活动为灵活就业人员提供临时就业岗位", "count", "increment") is None
    assert matched(catalog, "举办各类展会活动", "count", "increment") == "exhibition_events"
    # what follows the verb still matches
    assert matched(catalog, "通过老旧小区改造新增绿地", "hectare", "increment") == "green_space_new"


_KEYWORDS = sorted({k for rule in load_catalog().category_rules for k in rule.keywords})


@given(st.lists(st.one_of(st.sampled_from(_KEYWORDS), st.text(max_size=4)), max_size=6).map("".join))
def test_keyword_lookup_by_first_character_finds_what_a_scan_of_every_keyword_finds(text: str) -> None:
    """The index by first character is a speed-up only: the longest keyword, earliest rule on a tie."""
    catalog = load_catalog()
    normalized = normalize_text(text)
    found = [
        (len(normalize_text(k)), -order, rule.category)
        for order, rule in enumerate(catalog.category_rules)
        for k in rule.keywords
        if normalize_text(k) in normalized
    ]
    assert catalog.category_from_keywords(text) == (max(found)[2] if found else None)
