"""Regions (targets.regions, Store): every name and code finds one region, ambiguity is refused, plans get
their region from the manifest or the add-a-plan form, and a new place gets a region of its own."""

from __future__ import annotations

from typing import Any

import pytest

from etl.add_plan import PlanMetadata, add_plan, read_text, validate
from etl.cli import main
from etl.manifest import ManifestError, load_manifest
from targets import config
from targets.catalog import load_catalog
from targets.regions import AmbiguousRegion, Region, RegionError, RegionIndex, RegionNotFound, short_name, slug
from targets.store import PlanRecord, Store
from tests.actuals_support import planned_store

CHENGDU = Region("510100", "成都市", "Chengdu", "city", "510000", ("chengdu",))
WENJIANG = Region("510115", "成都市温江区", "Wenjiang District, Chengdu", "district", "510100", ("wenjiang",))
SICHUAN = Region("510000", "四川省", "Sichuan", "province")
CHAOYANG_DISTRICT = Region("110105", "朝阳区", "Chaoyang District", "district")
CHAOYANG_CITY = Region("211300", "朝阳市", "Chaoyang", "city")


@pytest.fixture
def index() -> RegionIndex:
    return RegionIndex([CHENGDU, WENJIANG, SICHUAN, CHAOYANG_DISTRICT, CHAOYANG_CITY])


@pytest.mark.parametrize(
    "text, region_id",
    [
        ("成都市", "510100"),  # the name
        ("510100", "510100"),  # the code
        ("chengdu", "510100"),  # an alias
        ("Chengdu", "510100"),  # the English name, any case
        (" 成都 ", "510100"),  # without its suffix, spaces trimmed
        ("成都市温江区", "510115"),
        ("温江区", "510115"),  # a district without its city in front
        ("温江", "510115"),
        ("Ｗｅｎｊｉａｎｇ", "510115"),  # full-width letters
        ("四川", "510000"),
        ("朝阳区", "110105"),  # the full names of two places sharing a short name are not ambiguous
        ("朝阳市", "211300"),
    ],
)
def test_a_name_or_code_finds_its_region(index, text, region_id):
    assert index.resolve(text).region_id == region_id


def test_a_short_name_of_two_places_is_refused_not_guessed(index):
    with pytest.raises(AmbiguousRegion) as raised:
        index.resolve("朝阳")
    assert [r.region_id for r in raised.value.candidates] == ["110105", "211300"]


def test_an_unknown_region_names_the_known_ones(index):
    assert index.find("绵阳市") is None
    with pytest.raises(RegionNotFound, match="成都市"):
        index.resolve("绵阳市")


def test_new_ids_are_the_code_else_a_slug_of_the_plan_else_the_name(index):
    assert index.new_id("绵阳市", code="510700") == "510700"
    assert index.new_id("绵阳市", hint="mianyang_2025") == "mianyang"
    assert index.new_id("绵阳市") == "绵阳市"
    assert RegionIndex([Region("mianyang", "绵阳市")]).new_id("绵阳高新区", hint="mianyang_2026") == "mianyang_2"
    with pytest.raises(RegionError):
        index.new_id("绵阳市", code="51-07")


def test_slug_and_short_name():
    assert slug("chengdu_tianfu_2025") == "chengdu_tianfu"
    assert slug("成都市") == ""
    assert short_name("成都市") == "成都" and short_name("北京市") == "北京"
    assert short_name("新疆维吾尔自治区") == "新疆维吾尔"
    assert short_name("县") is None


def test_the_manifest_lists_regions_and_gives_every_plan_its_region():
    manifest = load_manifest(config.MANIFEST)
    regions = {r.region_id: r for r in manifest.regions}
    assert regions["510100"].name_zh == "成都市" and regions["510115"].parent == "510100"
    by_plan = {p.plan_id: p.region_id for p in manifest.plans}
    assert by_plan == {
        "chengdu_2022": "510100",
        "wenjiang_2023": "510115",
        "chengdu_2025": "510100",
        "chongqing_2027": "500000",
    }


def test_a_manifest_plan_naming_an_unlisted_region_is_refused(tmp_path):
    text = config.MANIFEST.read_text(encoding="utf-8")
    plan = text.index("[plans.chongqing_2027]")
    text = text[:plan] + text[plan:].replace('region = "重庆市"', 'region = "重庆"', 1)  # a short name is found
    path = tmp_path / "ok.toml"
    path.write_text(text, encoding="utf-8")
    assert {p.plan_id: p.region_id for p in load_manifest(path).plans}["chongqing_2027"] == "500000"
    path.write_text(text.replace('region = "重庆"', 'region = "渝州"', 1), encoding="utf-8")
    with pytest.raises(ManifestError, match=r"chongqing_2027.*渝州"):
        load_manifest(path)


def test_the_seeded_plans_share_the_regions_of_the_manifest(seeded_store):
    plans = seeded_store.plans().set_index("plan_id")
    assert plans.loc["chengdu_2022", "region_id"] == plans.loc["chengdu_2025", "region_id"] == "510100"
    assert plans.loc["chengdu_2022", "region"] == "成都市" and plans.loc["wenjiang_2023", "level"] == "district"
    regions = seeded_store.regions().set_index("region_id")
    assert regions.loc["510100", "plans"] == 2 and regions.loc["510115", "parent_name_zh"] == "成都市"
    assert seeded_store.resolve_region("温江").region_id == "510115"


def test_a_plan_of_a_known_region_joins_it_and_a_new_place_gets_its_own(fresh_store):
    with fresh_store.transaction() as cur:
        fresh_store.upsert_region(cur, CHENGDU)
        fresh_store.upsert_plan(cur, PlanRecord("cd_2030", "成都规划", "", "成都", "city", "action_plan", 2026, 2030))
        fresh_store.upsert_plan(cur, PlanRecord("my_2030", "绵阳规划", "", "绵阳市", "city", "action_plan", 2026, 2030))
        fresh_store.upsert_plan(
            cur, PlanRecord("dy_2030", "德阳规划", "", "德阳市", "city", "action_plan", 2026, 2030, region_id="510600")
        )
    assert fresh_store.plan("cd_2030").region_id == "510100"
    assert fresh_store.plan("my_2030").region_id == "my" and fresh_store.region("my").name_zh == "绵阳市"
    assert fresh_store.plan("dy_2030").region_id == "510600" and fresh_store.plan("dy_2030").region == "德阳市"
    assert fresh_store.total("regions") == 3


def meta(**fields: Any) -> PlanMetadata:
    values: dict[str, Any] = dict(
        plan_id="mianyang_2025",
        name_zh="绵阳市2025年政府工作报告",
        region="绵阳市",
        level="city",
        start_year=2025,
        end_year=2025,
        plan_type="government_work_report",
    )
    values.update(fields)
    return PlanMetadata(**values)


TEXT = "2025年主要预期目标：地区生产总值增长6%左右，城镇新增就业5万人以上。\n"


def test_adding_a_plan_with_a_region_code_makes_the_region_with_that_code():
    with planned_store() as store:
        add_plan(store, meta(region_code="510700"), [read_text(TEXT)])
        assert store.plan("mianyang_2025").region_id == "510700"
        assert store.resolve_region("绵阳").region_id == "510700"
        # a second plan of the place, named by its short name, joins the region
        later = meta(plan_id="mianyang_2026", region="绵阳", end_year=2026, start_year=2026)
        add_plan(store, later, [read_text(TEXT.replace("2025", "2026"))])
        assert store.plan("mianyang_2026").region_id == "510700"


def test_a_region_code_that_belongs_to_another_region_is_refused():
    with planned_store() as store:
        problems = validate(store, meta(region="绵阳市", region_code="510100"), [read_text(TEXT)])
        assert [(p.field, p.rule) for p in problems] == [("region_code", "region-code-mismatch")]
        problems = validate(store, meta(region="成都", region_code="510700"), [read_text(TEXT)])
        assert [(p.field, p.rule) for p in problems] == [("region_code", "region-code-mismatch")]
        problems = validate(store, meta(region_code="51 07"), [read_text(TEXT)])
        assert [(p.field, p.rule) for p in problems] == [("region_code", "region-code-format")]
        assert validate(store, meta(region="成都市", region_code="510100"), [read_text(TEXT)]) == []


def test_an_ambiguous_region_name_is_refused_on_the_form(fresh_store):
    with fresh_store.transaction() as cur:
        fresh_store.upsert_region(cur, CHAOYANG_CITY)
        fresh_store.upsert_region(cur, CHAOYANG_DISTRICT)
    problems = validate(fresh_store, meta(region="朝阳"), [read_text(TEXT)])
    assert [(p.field, p.rule) for p in problems] == [("region", "region-ambiguous")]


def test_the_add_plan_command_takes_a_region_code(tmp_path):
    db = tmp_path / "t.duckdb"
    with Store(db) as target, target.transaction() as cur:
        target.replace_catalog(cur, load_catalog())
    source = tmp_path / "绵阳.txt"
    source.write_text(TEXT, encoding="utf-8")
    args = ["add-plan", str(source), "--plan-id", "mianyang_2025", "--region", "绵阳市", "--region-code", "510700"]
    args += ["--level", "city", "--type", "government_work_report", "--start-year", "2025", "--end-year", "2025"]
    assert main([*args, "--db", str(db)]) == 0
    with Store(db) as store:
        assert store.plan("mianyang_2025").region_id == "510700"
