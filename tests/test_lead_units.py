"""Lead units: the unit responsible for an item, from its note (bracketed, or on lines of its own)."""

import pytest

from etl.extract import DocumentInfo, extract_text


def leads(text: str) -> dict[str, str | None]:
    return {t.quote: t.lead_unit for t in extract_text("plan.txt", text, DocumentInfo(plan_year=2024))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 牵头单位 wins over 责任单位 and 数据提供单位, whatever their order
        (
            "1.新增城镇就业2万人。（责任单位：各区县政府；牵头单位：市人社局；数据提供单位：市统计局）",
            {"2万人": "市人社局"},
        ),
        ("2.新建公园10个（责任单位：市公园城市局）", {"10个": "市公园城市局"}),
        ("3.建成5G基站3000个。(数据提供单位:市经信局)", {"3000个": "市经信局"}),
        # a note on the lines under the item, as 民生实事 lists print it
        ("民生实事\n1.新建幼儿园3所。\n牵头单位：区教育局\n责任单位：各镇（街道）", {"3所": "区教育局"}),
        ("民生实事\n2.实施食堂改造20个。\n\n主责单位：区教育局、区财政局", {"20个": "区教育局、区财政局"}),
        # prose without a note has no lead unit
        ("全年新增城镇就业2万人。", {"2万人": None}),
    ],
)
def test_lead_unit_of_an_item(text, expected):
    assert leads(text) == expected


def test_a_note_line_does_not_attach_to_prose_above_it():
    found = leads("今年新增城镇就业2万人。\n责任单位：市人社局")
    assert found == {"2万人": None}


def test_a_units_targets_are_counted_per_region_and_several_units_each_owe_an_item():
    import pandas as pd

    from targets import lead_units

    assert lead_units.units_of("市住建局、市发改委") == ["市住建局", "市发改委"]
    frame = pd.DataFrame(
        {
            "region": ["成都市", "成都市", "绵阳市"],
            "lead_unit": ["市住建局", "市住建局", "市住建局"],
            "target_id": ["a", "b", "c"],
            "status": ["achieved", "no_data", "no_data"],
        }
    )
    summary = lead_units.summary(frame).set_index(["region", "lead_unit"])
    assert summary.loc[("成都市", "市住建局"), "targets"] == 2 and summary.loc[("绵阳市", "市住建局"), "targets"] == 1
    assert summary.loc[("成都市", "市住建局"), "achieved"] == 1


def test_a_target_stated_twice_gets_the_status_of_the_statement_judged(seeded_store):
    """A 民生实事 line naming its 牵头单位 often repeats a target the report states elsewhere; the comparison
    judges one statement of the two, and the lead unit's row carries that statement's status."""
    from targets import lead_units
    from targets.compare import comparison, judged_statements

    owed = lead_units.lead_units(seeded_store)
    catalogued = owed[owed["indicator_id"].notna()]
    assert len(catalogued) > 50
    assert (catalogued["status"] != lead_units.UNMATCHED).all()
    twins = judged_statements(seeded_store)
    merged = [t for t in catalogued["target_id"] if twins.get(t, t) != t]
    assert merged  # the seeds state some targets twice
    judged = comparison(seeded_store).set_index("target_id")
    row = catalogued.set_index("target_id").loc[merged[0]]
    assert row["status"] == judged.loc[twins[merged[0]], "status"]
