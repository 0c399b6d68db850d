"""A target in another currency than its indicator's (进出口总额100亿美元 for trade kept in 元) is converted
at the stated rate of its year, or kept in its own unit and reported as not comparable: it reaches
Compare, Progress and the export either way, never dropped (issue 17's bug)."""

from __future__ import annotations

import pytest

from etl.add_plan import PlanMetadata, add_plan, read_text
from targets import actuals, export
from targets.compare import comparison
from targets.store import Store
from targets.units import exchange_rate
from tests.actuals_support import csv_bytes
from tests.pages import open_page

#: a work report of a city outside the seeds, in the words such reports use
TEXT = """德阳市2023年政府工作报告
今年主要预期目标是：地区生产总值增长6.5%左右；外贸进出口总额突破100亿美元；城镇新增就业5万人。
到2027年，进出口总额达到150亿美元。
"""
META = PlanMetadata(
    plan_id="deyang_2023",
    name_zh="德阳市2023年政府工作报告",
    region="德阳市",
    level="city",
    start_year=2023,
    end_year=2023,
    plan_type="government_work_report",
)


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A database holding only the Deyang plan (and the catalog), served to the pages."""
    path = tmp_path / "deyang.duckdb"
    with Store(path) as store:
        from targets.catalog import load_catalog

        with store.transaction() as cur:
            store.replace_catalog(cur, load_catalog())
        add_plan(store, META, [read_text(TEXT)])
    monkeypatch.setenv("TARGET_MONITOR_DB", str(path))
    return path


def trade(store: Store) -> dict[int, dict]:
    rows = comparison(store, ["trade_total"], ["deyang_2023"])
    return {int(r["target_year"]): r for r in rows.to_dict("records")}


def test_a_year_with_a_stated_rate_is_converted_and_judged(db):
    with Store(db) as store:
        actuals.import_actuals(store, csv_bytes([("deyang_2023", "trade_total", 2023, 720, "亿元")]))
        row = trade(store)[2023]
    rate = exchange_rate("USD", 2023).cny
    assert (row["unit"], row["comparable"]) == ("CNY", True)
    assert row["target"] == pytest.approx(100e8 * rate)
    assert row["status"] == "achieved"  # 720亿元 > 100亿美元 × 7.0467
    assert f"{rate}" in row["reason_zh"] and "统计公报" in row["reason_zh"]


def test_a_year_without_a_rate_is_kept_in_its_own_currency_as_not_comparable(db):
    with Store(db) as store:
        row = trade(store)[2027]
    assert (row["unit"], row["comparable"], row["status"]) == ("USD", False, "not_comparable")
    assert row["target"] == pytest.approx(150e8)
    assert "150亿美元" in row["reason_zh"] and "2027" in row["reason_zh"] and "exchange_rates.toml" in row["reason_zh"]


def test_both_reach_the_export(db):
    with Store(db) as store:
        table = export.comparison_table(store, export.ExportFilters(indicator_ids=("trade_total",)))
    by_year = {int(r["target_year"]): r for r in table.to_dict("records")}
    assert by_year[2027]["status_code"] == "not_comparable" and by_year[2027]["unit"] == "美元"
    assert by_year[2027]["target_text"] == "150亿美元"
    assert by_year[2023]["unit"] == "元" and by_year[2023]["target_text"].startswith("> 704.67亿")


def test_both_reach_the_progress_and_compare_pages(db):
    at = open_page("pages/progress.py", query={"plan": "deyang_2023"})
    table = at.dataframe[0].value
    trade_rows = table[table["指标"] == "进出口总额"]
    assert set(trade_rows["状态"]) >= {"≠ 不可比"}
    assert "150亿美元" in set(trade_rows["目标"])
    at = open_page("pages/compare.py", query={"indicator": "trade_total"})
    assert "150亿美元" in set(at.dataframe[0].value["目标"])
    assert any("不可比" in c.value for c in at.caption)
