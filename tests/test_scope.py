"""Targets set for a sub-area of the plan's region (or for a group of its enterprises) carry the area, and the
comparison marks them scoped: never judged against the whole region's actual, never in the status totals."""

import pytest

from etl.document import SourceDocument
from etl.extract import DocumentInfo, extract_document
from targets.catalog import load_catalog
from targets.compare import comparison
from targets.store import DocumentRecord, PlanRecord, Store


def areas(text: str) -> dict[str, str | None]:
    doc = SourceDocument.from_text("plan.txt", text)
    return {t.quote: t.area for t in extract_document(doc, DocumentInfo(plan_year=2027, target_years=(2027,)))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a paragraph opening on an area as its topic scopes all of it
        (
            "两江新区是全市开放发展的主阵地。到2027年，地区生产总值突破6000亿元，新增高新技术企业500家。",
            {"6000亿元": "两江新区", "500家": "两江新区"},
        ),
        # a clause subject scopes only its clause
        (
            "到2027年，全市森林覆盖率达到41%，中心城区绿化覆盖率达到45%。",
            {"41%": None, "45%": "中心城区"},
        ),
        # a sentence subject scopes the clauses after it
        (
            "东部城镇群和西部山区城镇群现代化建设取得显著成效，常住人口城镇化率达到60%。",
            {"60%": "东部城镇群和西部山区城镇群"},
        ),
        # 全市 opening a clause puts the quantity back on the whole region
        (
            "主城都市区防洪能力全面提升，全市江河堤防达标率达88%以上。",
            {"88%": None},
        ),
        # an area that is the object of a task is not the subject
        ("推进城市新区建设，新建中小学10所。", {"10所": None}),
        # 区域 is not an area noun: 连片区域 names a kind of place, not a part of the city
        ("解决集中连片区域供水问题3处。", {"3处": None}),
        # a plan's own region is not a sub-area
        ("全市地区生产总值增长6%左右。", {"6%": None}),
        # a task for the state-owned enterprises opening the sentence sets its counts for them ...
        ("推进国企数字化赋能，建成数字化车间100个以上、智能工厂20个以上。", {"100个": "国企", "20个": "国企"}),
        # ... while the enterprises named as the object of a later clause scope nothing
        (
            "促进产业数字化，加快国有企业智改数转步伐，新建50个智能工厂和500个数字化车间。",
            {"50个": None, "500个": None},
        ),
    ],
)
def test_area_of_a_quantity(text, expected):
    assert areas(text) == expected


def test_sub_area_targets_are_marked_scoped_and_never_judged(tmp_path):
    text = "到2027年，全市常住人口城镇化率达到72%，中心城区常住人口城镇化率达到90%。"
    doc = SourceDocument.from_text("t.txt", text)
    targets = extract_document(doc, DocumentInfo(plan_year=2027, target_years=(2027,)))
    with Store(tmp_path / "t.duckdb") as store, store.transaction() as cur:
        store.replace_catalog(cur, load_catalog())
        store.upsert_plan(cur, PlanRecord("demo_2027", "示例", "Demo", "示例市", "city", "action_plan", 2023, 2027))
        record = DocumentRecord(
            "t.txt", "demo_2027", "示例", "", "示例市", "city", "action_plan", "", 2027, (2027,),
            "simplified", "utf-8", doc.sha256, doc.original,
        )  # fmt: skip
        store.replace_document(cur, record, targets)
    with Store(tmp_path / "t.duckdb") as store:
        stored = store.quantities()
        assert dict(zip(stored["quote"], stored["area"].fillna(""), strict=True)) == {"72%": "", "90%": "中心城区"}
        rows = comparison(store, ["urbanization_rate"])
        assert list(zip(rows["target"], rows["scope"].fillna(""), rows["status"], strict=True)) == [
            (72, "", "no_data"),
            (90, "中心城区", "scoped"),
        ]
        assert "不以示例市全域的实际值判断" in rows["reason_zh"].iloc[1]
