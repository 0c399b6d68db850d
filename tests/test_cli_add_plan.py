"""`python -m etl add-plan`, `build --manifest` and `extract` on PDF and Word files, run in process."""

import json
import shutil

import pytest

from etl.cli import main
from targets.store import Store
from tests.documents import OUTLINE_DOCX, REPORT, Layout, flowed_pdf, scanned_pdf

ARGS = [
    "--plan-id",
    "mianyang_2025",
    "--region",
    "绵阳市",
    "--level",
    "city",
    "--type",
    "government_work_report",
    "--start-year",
    "2025",
    "--end-year",
    "2025",
]


@pytest.fixture
def db(seeded_db, tmp_path):
    path = tmp_path / "cli.duckdb"
    shutil.copy(seeded_db, path)
    return path


@pytest.fixture
def pdf(tmp_path):
    path = tmp_path / "绵阳市2025年政府工作报告.pdf"
    path.write_bytes(flowed_pdf(REPORT, Layout(footer=lambda n, k: f"— {n} —")))
    return path


def test_add_plan_stores_a_pdf_and_prints_the_plan_id(db, pdf, capsys):
    assert main(["add-plan", str(pdf), *ARGS, "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert out == "mianyang_2025\n"
    assert "规划 mianyang_2025 已添加" in err
    with Store(db) as store:
        plan = store.plan("mianyang_2025")
        assert (plan.name_zh, plan.source) == ("绵阳市2025年政府工作报告", "upload")  # no --name: the file's name
        assert store.document_file("mianyang_2025.pdf")[1] == pdf.read_bytes()
        assert store.quantities(plans=["mianyang_2025"])["page"].eq(1).all()


def test_add_plan_dry_run_prints_the_rows_and_writes_nothing(db, pdf, capsys):
    with Store(db) as store:
        before = store.total("quantities")
    assert main(["add-plan", str(pdf), *ARGS, "--db", str(db), "--dry-run"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and {r["doc"] for r in rows} == {"mianyang_2025.pdf"} and {r["page"] for r in rows} == {1}
    with Store(db) as store:
        assert store.total("quantities") == before


def test_add_plan_refuses_a_scan_naming_file_rule_and_reason(db, tmp_path, capsys):
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(scanned_pdf())
    assert main(["add-plan", str(scan), *ARGS, "--db", str(db)]) == 1
    field, rule, message = capsys.readouterr().err.strip().split("\t")
    assert (field, rule) == ("file", "scanned-pdf") and "扫描件.pdf" in message


def test_add_plan_reports_every_problem_of_the_plan(db, pdf, capsys):
    args = [a if a != "mianyang_2025" else "Mianyang" for a in ARGS]
    assert main(["add-plan", str(pdf), *args, "--db", str(db)]) == 1
    assert [line.split("\t")[:2] for line in capsys.readouterr().err.splitlines()] == [["plan_id", "plan-id-format"]]


def test_build_reads_a_manifest_of_ones_own_corpus(tmp_path, pdf, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(pdf, corpus / "mianyang.pdf")
    (corpus / "outline.docx").write_bytes(OUTLINE_DOCX)
    (corpus / "plans.toml").write_text(
        """
[plans.mianyang_2025]
name_zh = "绵阳市2025年政府工作报告"
name_en = "Mianyang 2025"
region = "绵阳市"
level = "city"
plan_type = "government_work_report"
start_year = 2025
end_year = 2025

[[documents]]
file = "mianyang.pdf"
plan = "mianyang_2025"
title = "2025年政府工作报告"
issuer = "绵阳市人民政府"
region = "绵阳市"
level = "city"
plan_type = "government_work_report"
plan_year = 2025
target_years = [2025]
published = "2025-01-20"
script = "simplified"

[[documents]]
file = "outline.docx"
plan = "mianyang_2025"
title = "十四五规划纲要"
issuer = "绵阳市人民政府"
region = "绵阳市"
level = "city"
plan_type = "five_year_plan"
plan_year = 2021
target_years = [2025]
published = "2021-02-01"
script = "simplified"
""",
        encoding="utf-8",
    )
    db = tmp_path / "own.duckdb"
    assert main(["build", "--manifest", str(corpus / "plans.toml"), "--db", str(db)]) == 0
    with Store(db) as store:
        docs = store.documents()
        assert list(docs["doc_id"]) == ["mianyang.pdf", "outline.docx"]
        assert list(docs["format"]) == ["pdf", "docx"]
        rows = store.quantities()
        assert {"pdf": 1}.items() <= {"pdf": int(rows[rows.doc_id == "mianyang.pdf"]["page"].min())}.items()
        assert len(rows[(rows.doc_id == "outline.docx") & (rows.kind == "baseline")]) >= 3


def test_build_names_a_document_it_cannot_read(tmp_path, capsys):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"))
    manifest = tmp_path / "plans.toml"
    manifest.write_text(
        '[plans.x_2025]\nname_zh = "x"\nname_en = "x"\nregion = "x"\nlevel = "city"\nplan_type = "other"\n'
        "start_year = 2025\nend_year = 2025\n[[documents]]\n"
        'file = "old.doc"\nplan = "x_2025"\ntitle = ""\nissuer = ""\nregion = "x"\nlevel = "city"\n'
        'plan_type = "other"\nplan_year = 2025\ntarget_years = [2025]\npublished = ""\nscript = "simplified"\n',
        encoding="utf-8",
    )
    assert main(["build", "--manifest", str(manifest), "--db", str(tmp_path / "x.duckdb")]) == 1
    assert "文件 old.doc 是Word 97-2003 或 WPS 文字文档" in capsys.readouterr().err


def test_extract_reads_a_pdf_with_its_pages(pdf, capsys):
    assert main(["extract", str(pdf), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["page"] == 1 and r["page_line"] >= 1 for r in rows)


def test_extract_refuses_an_encrypted_pdf_in_one_line(tmp_path, capsys):
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(flowed_pdf(REPORT, encrypt="secret"))
    assert main(["extract", str(locked)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: PDF 文件 locked.pdf 设有打开密码") and err.count("\n") == 1
