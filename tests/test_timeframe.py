"""The time frame of a document and of its sections (etl.timeframe), and ``extract --year/--explain``."""

from __future__ import annotations

import json

import pytest

from etl import cli
from etl.document import SourceDocument
from etl.extract import DocumentInfo, explain_document, extract_document, extract_text
from etl.intake import read_path
from etl.timeframe import ANCHOR_RULES, OPENING_RULES, SECTION_RULES, read_document_frame


def frame(text: str, plan_year: int | None = None, target_years: tuple[int, ...] = ()):
    return read_document_frame(SourceDocument.from_text("doc.txt", text), plan_year, target_years)


# (opening lines, year, genre, the rule that decided the year)
OPENINGS = [
    ("政府工作报告\n——2024年1月21日在成都市第十八届人民代表大会第二次会议上\n", 2024, "annual_report", "meeting-line"),
    ("政府工作报告\n——2018年3月5日在第十三届全国人民代表大会第一次会议上\n国务院总理\n", 2018, "annual_report",
     "meeting-line"),
    ("政府工作报告\n（2023年1月12日在某区第三届人民代表大会第二次会议上）\n", 2023, "annual_report", "meeting-line"),
    ("政府工作报告\n——二〇〇六年一月十六日在某省第十届人民代表大会第四次会议上\n",
     2006, "annual_report", "meeting-line"),
    ("2023 年 1 月 12 日在某县第十八届人民代表大会\n第二次会议上\n各位代表：\n", 2023, "annual_report", "meeting-line"),
    ("政府工作报告\n——2023年12月26日在某区第八届人民代表大会第五次会议上\n", 2024, "annual_report",
     "meeting-line-late-in-year"),
    ("2020年12月27日中国共产党某市第十三届委员会第八次全体会议通过\n", 2021, "plan", "meeting-line-late-in-year"),
    ("2024年某市政府工作报告\n", 2024, "annual_report", "title-work-report"),
    ("某市2022年《政府工作报告》目标任务分解方案\n", 2022, "annual_report", "title-work-report"),
    ("关于某市2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告\n", 2024, "plan_report",
     "title-plan-report"),
    ("关于某省2024年预算执行情况和2025年预算草案的报告\n", 2025, "plan_report", "title-plan-report"),
    ("某市2023年国民经济和社会发展统计公报\n", 2023, "communique", "title-communique"),
    ("某市推动成渝地区双城经济圈建设行动方案（2023—2027年）\n", 2023, "action_plan", "title-year-span"),
    ("某区新型城镇化三年行动计划(2024-2026年)\n", 2024, "action_plan", "title-year-span"),
    ("某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n",
     2021, "five_year_plan", "title-five-year-plan"),
    ("中共某市委关于制定“十五五”规划的建议\n", 2026, "five_year_plan", "title-five-year-plan"),
    ("某县2025年十件民生实事\n", 2025, "livelihood_list", "title-livelihood-list"),
    ("某市2024年优化营商环境工作要点\n", 2024, "annual_plan", "title-year-plan"),
    ("政府工作报告\n2025年03月14日\n今年主要预期目标是：地区生产总值增长6%。\n",
     2025, "annual_report", "publication-date"),
    ("某市实施方案\n发布时间：2022-03-08 10:00\n", 2022, "action_plan", "publication-date"),
    ("一、2021年工作回顾\n全年城镇新增就业4.3万人。\n", 2022, "plan", "review-heading-plans-next-year"),
    ("今年是“十五五”开局之年。主要预期目标是：地区生产总值增长5%左右。\n", 2026, "plan",
     "this-year-is-a-year-of-the-period"),
    ("今年是“十四五”规划收官之年。\n", 2025, "plan", "this-year-is-a-year-of-the-period"),
    ("2019年全区经济社会发展的主要预期目标是：地区生产总值增长7%。\n", 2019, "plan", "year-of-the-targets"),
    ("做好2023年政府工作，要坚持稳中求进。\n", 2023, "plan", "year-of-the-targets"),
    ("全市新建5G基站3000个，2021年建成。2021年完成改造。到2030年达到1万个。\n", 2021, "plan", "most-mentioned-year"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "year", "genre", "rule"), OPENINGS, ids=[o[3] + f"-{i}" for i, o in enumerate(OPENINGS)]
)
def test_the_document_year_and_its_evidence(text, year, genre, rule):
    found = frame(text)
    assert (found.year, found.genre, found.decided_by["year"].rule) == (year, genre, rule)


def test_a_person_s_year_wins_over_the_text():
    found = frame("2022年某市政府工作报告\n——2022年1月20日在某市第十七届人民代表大会第一次会议上\n", plan_year=2024)
    assert (found.year, found.decided_by["year"].rule) == (2024, "person")
    assert any(e.rule == "meeting-line" for e in found.evidence)  # the text's readings stay as evidence


def test_a_person_s_year_that_ends_the_horizon_names_its_end():
    found = frame("某市行动方案（2023—2027年）\n", plan_year=2027)
    assert (found.year, found.horizon, found.target_year, found.review_year) == (2023, (2023, 2027), 2027, 2022)


def test_a_meeting_in_december_counts_this_year_from_its_date():
    found = frame("政府工作报告\n——2023年12月26日在某区第八届人民代表大会第五次会议上\n")
    assert (found.year, found.now, found.review_year) == (2024, 2023, 2023)


def test_an_annual_report_is_never_a_multi_year_plan_whatever_plan_it_names():
    found = frame(
        "政府工作报告\n——2024年1月9日在某区第十届人民代表大会第四次会议上\n今年是实现“十四五”规划目标任务的关键一年。\n"
    )
    assert (found.genre, found.multi_year, found.horizon, found.target_year) == (
        "annual_report",
        False,
        (2024, 2024),
        2024,
    )


def test_a_file_of_target_lines_keeps_each_line_s_own_year():
    """Sixty independent target sentences with --year 2024: the one 到2030年 line is 2030, every other 2024."""
    lines = [f"新建社区食堂{n}个。" for n in range(10, 40)] + [f"新增公共停车泊位{n}00个。" for n in range(10, 39)]
    lines.insert(17, "到2030年，全市森林覆盖率达到50%。")
    rows = extract_text("lines.txt", "\n".join(lines), DocumentInfo(plan_year=2024))
    assert len(rows) == 60
    assert [r.target_year for r in rows if r.target_year != 2024] == [2030]
    assert {r.kind for r in rows} == {"target"}


def test_without_a_year_a_deadline_is_not_the_document_s_year():
    rows = extract_text("lines.txt", "到2030年，全市森林覆盖率达到50%。\n2024年，新建社区食堂30个。\n新增泊位3000个。")
    assert [(r.quote, r.target_year) for r in rows] == [("50%", 2030), ("30个", 2024), ("3000个", 2024)]


# --- section frames ------------------------------------------------------------------------------------------------

REPORT = """政府工作报告
——2026年1月20日在某省第十四届人民代表大会第四次会议上
一、2025年和“十四五”时期工作回顾
全年地区生产总值增长5.3%。
（一）深入实施创新驱动发展行动
新增高新技术企业1200家。
五年来，全省累计新增城镇就业340万人。
二、“十五五”时期主要目标任务
到2030年，全省地区生产总值突破4.6万亿元。
三、2026年主要目标和重点任务
今年是“十五五”开局之年。城镇新增就业60万人以上。
"""


def test_nested_frames_keep_their_own_kind_and_year():
    rows = extract_text("report.txt", REPORT)
    assert [(r.quote, r.kind, r.target_year) for r in rows] == [
        ("5.3%", "actual", 2025),
        ("1200家", "actual", 2025),  # a review's sub-heading of plan words stays a review
        ("340万人", "actual", 2025),  # a five-year review inside the annual review
        ("4.6万亿元", "target", 2030),  # the new period's goal
        ("60万人", "target", 2026),
    ]


def test_explain_lists_each_section_with_the_rule_that_set_it():
    doc = SourceDocument.from_text("report.txt", REPORT)
    report = explain_document(doc)
    seen = [(s.line, s.frame.role, s.frame.year, s.frame.rule) for s in report.sections if s.frame]
    assert seen == [
        (3, "review", 2025, "review-of-year-and-period"),
        (5, "plan", 2026, "plan-words"),
        (8, "plan", 2030, "plan-of-period"),
        (10, "plan", 2026, "plan-of-year"),
    ]
    assert report.frame.decided_by["year"].rule == "meeting-line"


def test_a_short_line_saying_nothing_of_time_does_not_end_a_review_part():
    text = "2023年工作回顾\n稳中求进 提质增效\n全年新增市场主体2.1万户。\n2024年工作安排\n新增市场主体2万户。"
    rows = extract_text("r.txt", text)
    assert [(r.kind, r.target_year) for r in rows] == [("actual", 2023), ("target", 2024)]


# --- the rule tables -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", [SECTION_RULES, OPENING_RULES, ANCHOR_RULES], ids=["sections", "openings", "anchors"])
def test_every_rule_is_named_once_and_its_example_is_decided_by_it(table):
    names = [r.name for r in table]
    assert len(names) == len(set(names))
    for rule in table:
        first = next((r for r in table if r.pattern.search(rule.example)), None)
        assert first is rule, f"{rule.name}: its example {rule.example!r} is decided by {first and first.name}"


# --- the command line ----------------------------------------------------------------------------------------------


@pytest.fixture
def report_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_extract_explain_prints_the_frame_on_stderr_and_only_rows_on_stdout(report_file, capsys):
    assert cli.main(["extract", str(report_file), "--explain", "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    assert "report.txt: plans for 2026 (annual_report" in err
    assert "* year 2026  meeting-line" in err
    assert "line 3: actual 2025  review-of-year-and-period" in err
    assert "line 8: target 2030  plan-of-period" in err
    doc = read_path(report_file)
    printed = [json.loads(line) for line in out.splitlines()]
    assert printed == [json.loads(json.dumps(q.to_contract(), ensure_ascii=False)) for q in extract_document(doc)]


def test_extract_year_is_the_document_s_year_and_wins(report_file, capsys):
    assert cli.main(["extract", str(report_file), "--year", "2027", "--format", "jsonl", "--explain"]) == 0
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert "* year 2027  person" in err
    assert [(r["quote"], r["kind"], r["target_year"]) for r in rows][-1] == ("60万人", "target", 2027)
    assert rows[0]["target_year"] == 2025  # a review heading that names its year keeps it


def test_every_title_rule_reads_its_example_first():
    from etl.timeframe import TITLE_RULES

    for rule in TITLE_RULES:
        first = next(r for r in TITLE_RULES if r.pattern.search(rule.example))
        assert first is rule, f"{rule.name}: {rule.example!r} is read by {first.name}"


def test_every_clause_rule_fires_on_its_example():
    from etl.timeframe import EVIDENCE_RULES

    for name, example in ((r.name, r.example) for r in EVIDENCE_RULES.rules):
        text = example.replace("（统计公报）", "某市2023年国民经济和社会发展统计公报\n")
        text = text.replace("（中期评估）", "某省“十四五”规划纲要实施中期评估报告\n")
        fired = {rule for row in extract_text("e.txt", text, DocumentInfo(plan_year=2024)) for rule in row.rules}
        if name == "communique-reports-its-year":
            fired |= {rule for row in extract_text("e.txt", text) for rule in row.rules}
        assert name in fired, (name, fired)
