"""Upgrading a database made before regions (schema version 1): the targets table becomes quantities, plans
get their region from the manifest (an added plan from its region name), uploads keep their rows and get
their plan's region — when opened for writing and when opened read-only; a failed upgrade changes nothing."""

from __future__ import annotations

import duckdb
import pytest

from targets import actuals
from targets.store import SCHEMA_VERSION, Store

#: the tables of version 1 as a release before regions made them (trimmed to the columns that matter here)
VERSION_1 = """
CREATE TABLE plans (plan_id VARCHAR PRIMARY KEY, name_zh VARCHAR NOT NULL, name_en VARCHAR, region VARCHAR,
    level VARCHAR, plan_type VARCHAR, start_year INTEGER, end_year INTEGER, source VARCHAR DEFAULT 'manifest');
CREATE TABLE documents (doc_id VARCHAR PRIMARY KEY, plan_id VARCHAR NOT NULL, title VARCHAR, issuer VARCHAR,
    region VARCHAR, level VARCHAR, plan_type VARCHAR, published VARCHAR, plan_year INTEGER, target_years INTEGER[],
    script VARCHAR, encoding VARCHAR, sha256 VARCHAR, n_chars INTEGER, n_lines INTEGER, text VARCHAR);
CREATE TABLE targets (target_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, plan_id VARCHAR NOT NULL,
    line INTEGER, char_start INTEGER, char_end INTEGER, quote VARCHAR, sentence VARCHAR, sentence_start INTEGER,
    indicator VARCHAR, indicator_id VARCHAR, category VARCHAR, value DOUBLE, value_low DOUBLE, value_high DOUBLE,
    unit_raw VARCHAR, norm_value DOUBLE, norm_low DOUBLE, norm_high DOUBLE, norm_unit VARCHAR, dimension VARCHAR,
    comparator VARCHAR, metric VARCHAR, kind VARCHAR, target_year INTEGER, period VARCHAR, period_start INTEGER,
    lead_unit VARCHAR, item VARCHAR, section VARCHAR, derived BOOLEAN, rules VARCHAR);
CREATE TABLE indicators (indicator_id VARCHAR PRIMARY KEY, name_zh VARCHAR, name_en VARCHAR, category VARCHAR,
    direction VARCHAR, norm_unit VARCHAR, metric VARCHAR, family VARCHAR);
CREATE TABLE batches (batch_id VARCHAR PRIMARY KEY, file_name VARCHAR, sha256 VARCHAR, rows INTEGER,
    uploaded_at TIMESTAMP, uploaded_by VARCHAR, status VARCHAR DEFAULT 'active', withdrawn_at TIMESTAMP);
CREATE TABLE actuals (actual_id VARCHAR PRIMARY KEY, batch_id VARCHAR NOT NULL, row_no INTEGER,
    plan_id VARCHAR NOT NULL, indicator_id VARCHAR, target_id VARCHAR, period INTEGER NOT NULL, value DOUBLE,
    unit_raw VARCHAR, norm_value DOUBLE, norm_unit VARCHAR, source VARCHAR, note VARCHAR, uploaded_at TIMESTAMP);
INSERT INTO plans VALUES
    ('chengdu_2022', '成都市2022年目标', 'Chengdu 2022', '成都市', 'city', 'government_work_report', 2022, 2022,
     'manifest'),
    ('chengdu_2025', '成都市2025年目标', 'Chengdu 2025', '成都', 'city', 'five_year_plan', 2021, 2025, 'manifest'),
    ('mianyang_2025', '绵阳市2025年', '', '绵阳市', 'city', 'government_work_report', 2025, 2025, 'upload');
INSERT INTO documents VALUES ('x.txt', 'chengdu_2022', 't', 'i', '成都市', 'city', 'government_work_report',
    '2022-02-25', 2022, [2022], 'simplified', 'utf-8', '0', 10, 1, '城镇新增就业23万人。');
INSERT INTO targets (target_id, doc_id, plan_id, line, char_start, char_end, quote, indicator_id, norm_value,
    norm_unit, comparator, metric, kind, target_year)
    VALUES ('t1', 'x.txt', 'chengdu_2022', 1, 6, 10, '23万人', 'new_urban_jobs', 230000, 'count', '=', 'increment',
            'target', 2022);
INSERT INTO indicators VALUES ('new_urban_jobs', '城镇新增就业', 'New urban jobs', 'employment', 'higher_better',
    'count', 'increment', NULL);
INSERT INTO batches VALUES ('b1', 'old.csv', 'ab', 3, '2023-03-01 10:00:00', '张三', 'active', NULL);
INSERT INTO actuals VALUES
    ('a1', 'b1', 2, 'chengdu_2022', 'new_urban_jobs', NULL, 2022, 24, '万人', 240000, 'count', NULL, NULL,
     '2023-03-01 10:00:00'),
    ('a2', 'b1', 3, 'chengdu_2025', 'new_urban_jobs', NULL, 2021, 22, '万人', 220000, 'count', NULL, NULL,
     '2023-03-01 10:00:00'),
    ('a3', 'b1', 4, 'mianyang_2025', 'new_urban_jobs', NULL, 2024, 5, '万人', 50000, 'count', NULL, NULL,
     '2023-03-01 10:00:00');
"""


@pytest.fixture
def old_db(tmp_path):
    path = tmp_path / "v1.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(VERSION_1)
    return path


def check_upgraded(store: Store) -> None:
    assert store.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(SCHEMA_VERSION)
    plans = store.plans().set_index("plan_id")
    # the manifest names chengdu_2025's region 成都市 (the old row said 成都): both plans share 510100
    assert plans.loc["chengdu_2022", "region_id"] == plans.loc["chengdu_2025", "region_id"] == "510100"
    assert plans.loc["chengdu_2022", "region"] == "成都市"
    assert plans.loc["mianyang_2025", "region_id"] == "mianyang"  # an added plan: a region made from its name
    assert store.region("mianyang").name_zh == "绵阳市" and store.region("mianyang").level == "city"
    assert store.quantities()["target_id"].tolist() == ["t1"] and store.total("quantities") == 1
    uploads = store.current_actuals().set_index("plan_id")
    assert uploads["region_id"].to_dict() == {
        "chengdu_2022": "510100",
        "chengdu_2025": "510100",
        "mianyang_2025": "mianyang",
    }
    assert store.batch("b1").uploaded_by == "张三"  # the batch and its rows are kept


def test_a_version_1_database_is_upgraded_when_opened(old_db):
    with Store(old_db) as store:
        check_upgraded(store)
        # and works as a new one: an upload by region, the old plan-keyed row judged on the region's timeline
        content = "地区,指标编号,年份,数值,单位\n成都,new_urban_jobs,2022,25,万人\n".encode()
        actuals.import_actuals(store, content, file_name="new.csv")
        assert store.current_actuals(["510100"])["norm_value"].tolist() == [220000.0, 250000.0]
    with Store(old_db) as again:  # opening again changes nothing
        assert again.total("regions") >= 2 and again.total("actuals") == 4


def test_a_version_1_database_opened_read_only_is_upgraded_first(old_db):
    with Store(old_db, read_only=True) as store:
        check_upgraded(store)


def test_a_failed_upgrade_leaves_the_database_as_it_was(old_db, monkeypatch):
    import targets.store as store_module

    def broken(con):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store_module, "_regions_for_old_plans", broken)
    with pytest.raises(RuntimeError):
        Store(old_db)
    with duckdb.connect(str(old_db)) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert "targets" in tables and "quantities" not in tables and "regions" not in tables
        assert con.execute("SELECT count(*) FROM actuals").fetchall() == [(3,)]


def test_a_new_database_is_made_at_the_current_version(tmp_path):
    with Store(tmp_path / "new.duckdb") as store:
        assert store.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(SCHEMA_VERSION)
        assert store.total("quantities") == 0
