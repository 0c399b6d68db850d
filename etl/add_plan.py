"""Add a plan from documents a planner uploads or pastes: check it, extract it, store it in one transaction.

The dashboard's 新增规划 page, `python -m etl add-plan` and any script call the same functions:

    source = read_upload("mianyang.pdf", data)             # PDF, .docx, web page or text, read by etl.intake
    problems = validate(store, meta, [source])             # [] or what is wrong, field by field
    rows = preview(meta, [source])                         # what would be stored (nothing is written)
    added = add_plan(store, meta, [source])                # plan + documents + targets, one transaction

Documents go through the real pipeline (etl.intake, then `etl.extract.extract_document`) exactly as a
manifest document does. Each is stored with the plan (plans.source = 'upload'): the uploaded file's
bytes and the text taken out of it, so `etl.build` reads the original again on every rebuild.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from etl.document import SourceDocument
from etl.extract import DocumentInfo, extract_document
from etl.intake import IntakeError, read_document, read_pasted
from targets import audit
from targets.accounts import Account, require
from targets.audit import Actor
from targets.model import Quantity
from targets.origins import COMMUNIQUE
from targets.regions import REGION_ID, AmbiguousRegion
from targets.store import DocumentRecord, PlanExists, PlanRecord, Store

#: plan ids have one shape everywhere (database, URLs, uploads, exports): a lower-case place, then the year
PLAN_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*_\d{4}$")
LEVELS = ("national", "province", "city", "district", "county", "other")
PLAN_TYPES = (
    "government_work_report",
    "five_year_plan",
    "five_year_plan_proposal",
    "action_plan",
    "livelihood_projects",
    COMMUNIQUE,  # 统计公报: its figures fill the region's timeline (targets.origins)
    "other",
)
#: the file name ending of a stored document of each format (its doc id: mianyang_2025.pdf)
SUFFIX = {"pdf": "pdf", "docx": "docx", "html": "html", "text": "txt"}
#: a plan document is tens of thousands of characters; a 500-page PDF stays under this
MAX_CHARS = 1_000_000
MIN_YEAR, MAX_YEAR = 1990, 2100


class InvalidPlan(ValueError):
    """The plan's metadata or text breaks a rule; `problems` names each field and rule."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message_en}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Problem:
    """One rule a new plan breaks: the field at fault, a kebab-case rule id, the message in both languages."""

    field: str
    rule: str
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class PlanMetadata:
    """What the planner says about a new plan. Years are the plan's window: a work report has start == end."""

    plan_id: str
    name_zh: str
    region: str
    level: str
    start_year: int
    end_year: int
    plan_type: str = "other"
    name_en: str = ""
    title: str = ""  # the document's title; the plan name when empty
    issuer: str = ""
    published: str = ""  # YYYY-MM-DD, optional
    region_code: str = ""  # the region's administrative division code (510700), optional: else found by name

    def cleaned(self) -> PlanMetadata:
        """The metadata with surrounding spaces removed from every text field."""
        values = {k: (v.strip() if isinstance(v, str) else v) for k, v in self.__dict__.items()}
        return PlanMetadata(**values)

    def info(self) -> DocumentInfo:
        """What extraction is told: "今年" is the window's first year, targets are for its last."""
        return DocumentInfo(plan_year=self.start_year, target_years=(self.end_year,), region=self.region or None)


@dataclass
class AddedPlan:
    """What `add_plan` stored."""

    plan_id: str
    doc_ids: list[str]
    targets: int  # kind = target
    reported: int  # kind = actual or baseline
    seconds: float
    rows: list[Quantity] = field(default_factory=list, repr=False)


# --- reading what was uploaded -----------------------------------------------------------------------


@dataclass(frozen=True)
class PlanSource:
    """A document of a new plan: what the intake read, and the uploaded file it came from."""

    document: SourceDocument
    file_name: str = ""  # the uploaded file's name; "" for pasted text
    data: bytes | None = field(default=None, repr=False)  # the uploaded file's bytes, kept with the plan

    @property
    def text(self) -> str:
        """The document's text: the file's text, or the text taken out of a PDF, Word file or web page."""
        return self.document.original

    @property
    def label(self) -> str:
        """How to name the document to the user: its file name, or 'pasted text'."""
        return self.file_name or "粘贴的文本 pasted text"


def read_upload(file_name: str, data: bytes) -> PlanSource:
    """An uploaded file as a plan document: PDF, .docx, web page or text, by its content.

    Raises InvalidPlan with the intake's rule (scanned-pdf, encrypted-pdf, unsupported-format, ...).
    """
    try:
        document = read_document(data, file_name)
    except IntakeError as e:
        raise InvalidPlan([Problem("file", e.rule, e.message_zh, e.message_en)]) from e
    return PlanSource(document, file_name, data)


def read_text(text: str) -> PlanSource:
    """Pasted text as a plan document (pasted page source is read as a web page)."""
    return PlanSource(read_pasted(text))


def document_ids(meta: PlanMetadata, sources: list[PlanSource]) -> list[str]:
    """The ids of a new plan's documents (the contract's `doc`): mianyang_2025.pdf, or mianyang_2025_2.docx
    when the plan has several."""
    plan_id = meta.plan_id.strip()
    if len(sources) == 1:
        return [f"{plan_id}.{SUFFIX[sources[0].document.format]}"]
    return [f"{plan_id}_{k}.{SUFFIX[s.document.format]}" for k, s in enumerate(sources, 1)]


# --- checking and adding ------------------------------------------------------------------------------


def sha256(text: str) -> str:
    """The fingerprint the store keeps for a document's text (as `SourceDocument.sha256`)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def validate(store: Store | None, meta: PlanMetadata, sources: list[PlanSource]) -> list[Problem]:
    """Every rule the new plan breaks (empty when it can be added); with a store, duplicates too."""
    meta = meta.cleaned()
    problems: list[Problem] = []

    def fail(field_: str, rule: str, zh: str, en: str) -> None:
        problems.append(Problem(field_, rule, zh, en))

    plan_id = meta.plan_id.strip()
    if not plan_id:
        fail("plan_id", "required", "请填写规划编号，例如 mianyang_2025", "Give the plan an id, e.g. mianyang_2025")
    elif not PLAN_ID.match(plan_id):
        fail(
            "plan_id",
            "plan-id-format",
            f"规划编号 {plan_id} 格式不对：小写拼音或英文、下划线分隔、以四位年份结尾，例如 mianyang_2025",
            f"Plan id {plan_id} has the wrong shape: lower-case words joined by _, ending in a year (mianyang_2025)",
        )
    elif isinstance(meta.end_year, int) and int(plan_id[-4:]) != meta.end_year:
        fail(
            "plan_id",
            "plan-id-year",
            f"规划编号末尾的年份 {plan_id[-4:]} 应与规划目标年份 {meta.end_year} 一致",
            f"The year ending the plan id ({plan_id[-4:]}) should be the plan's end year ({meta.end_year})",
        )
    elif store is not None and store.plan_exists(plan_id):
        fail("plan_id", "plan-id-taken", f"规划编号 {plan_id} 已存在", f"A plan with id {plan_id} already exists")
    if not meta.name_zh.strip():
        fail("name_zh", "required", "请填写规划名称", "Give the plan a Chinese name")
    if not meta.region.strip():
        fail("region", "required", "请填写地区，例如 绵阳市", "Give the region, e.g. 绵阳市")
    else:
        _check_region(store, meta, fail)
    if meta.level not in LEVELS:
        fail("level", "unknown-level", f"未知的行政层级 {meta.level}", f"Unknown level {meta.level}")
    if meta.plan_type not in PLAN_TYPES:
        zh, en = f"未知的规划类型 {meta.plan_type}", f"Unknown plan type {meta.plan_type}"
        fail("plan_type", "unknown-plan-type", zh, en)
    for name, year in (("start_year", meta.start_year), ("end_year", meta.end_year)):
        if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
            fail(
                name,
                "year-out-of-range",
                f"年份应在 {MIN_YEAR}—{MAX_YEAR} 之间",
                f"The year must be between {MIN_YEAR} and {MAX_YEAR}",
            )
    if isinstance(meta.start_year, int) and isinstance(meta.end_year, int) and meta.end_year < meta.start_year:
        fail("end_year", "end-before-start", "目标年份早于起始年份", "The end year is before the start year")
    if meta.published.strip():
        try:
            date.fromisoformat(meta.published.strip())
        except ValueError:
            fail("published", "bad-date", "发布日期应写成 2025-03-14 的形式", "Write the date as 2025-03-14")
    if not sources or not any(source.text.strip() for source in sources):
        fail("text", "text-empty", "请上传文件或粘贴规划文本", "Upload a file or paste the plan's text")
        return problems
    ids = document_ids(meta, sources) if plan_id else [""] * len(sources)
    for source, doc_id in zip(sources, ids, strict=True):
        _check_document(store, source, doc_id, plan_id_ok=not any(p.field == "plan_id" for p in problems), fail=fail)
    return problems


def _check_document(
    store: Store | None, source: PlanSource, doc_id: str, plan_id_ok: bool, fail: Callable[[str, str, str, str], None]
) -> None:
    """The rules one document of a new plan breaks: empty, too long, already stored."""
    field_ = "file" if source.file_name else "text"
    name = source.label
    text = source.text
    if not text.strip():
        fail(field_, "text-empty", f"{name} 中没有文字", f"{name} holds no text")
    elif len(text) > MAX_CHARS:
        fail(
            field_,
            "text-too-long",
            f"{name} 的文本过长（{len(text)} 字），上限 {MAX_CHARS} 字",
            f"The text of {name} is too long ({len(text)} characters; the limit is {MAX_CHARS})",
        )
    elif store is not None:
        owner = store.plan_of_text(sha256(text))
        if owner:
            zh, en = f"{name} 已属于规划 {owner}", f"{name} already belongs to plan {owner}"
            fail(field_, "document-taken", zh, en)
        elif plan_id_ok and doc_id and store.plan_of_document(doc_id):
            zh, en = f"文件编号 {doc_id} 已被占用", f"Document id {doc_id} is taken"
            fail(field_, "document-id-taken", zh, en)


def preview(meta: PlanMetadata, sources: list[PlanSource]) -> list[Quantity]:
    """The quantities the extractor finds in the documents, as they would be stored (nothing is written).

    Raises InvalidPlan (`text-too-long`) before extracting anything from a text over MAX_CHARS: the limit
    bounds the work, so it is checked first.
    """
    too_long = []
    for source in sources:
        if len(source.text) > MAX_CHARS:
            _check_document(None, source, "", False, lambda *problem: too_long.append(Problem(*problem)))
    if too_long:
        raise InvalidPlan(too_long)
    return [row for _, rows in _extract(meta, sources) for row in rows]


def add_plan(
    store: Store, meta: PlanMetadata, sources: list[PlanSource], by: Account | Actor | None = None
) -> AddedPlan:
    """Check, extract and store a new plan: plan, documents, targets and the audit entry in one transaction.

    `by` is an editor's account (NotAllowed for a viewer) or an actor (default: the command line's
    user). Raises InvalidPlan with every problem found (nothing is written), including a plan id
    taken by a concurrent writer between the check and the write.
    """
    actor = require(by, "editor").actor if isinstance(by, Account) else by or Actor.cli()
    meta = meta.cleaned()
    problems = validate(store, meta, sources)
    if problems:
        raise InvalidPlan(problems)
    started = time.perf_counter()
    extracted = _extract(meta, sources)
    plan = PlanRecord(
        meta.plan_id,
        meta.name_zh,
        meta.name_en or meta.name_zh,
        meta.region,
        meta.level,
        meta.plan_type,
        meta.start_year,
        meta.end_year,
        source="upload",
        region_id=meta.region_code or None,
    )
    try:
        with store.transaction() as cur:
            store.insert_plan(cur, plan)
            for (document, rows), source in zip(extracted, sources, strict=True):
                store.replace_document(cur, _record(meta, document, source, len(sources)), rows)
            n_rows = sum(len(rows) for _, rows in extracted)
            summary = f"{meta.name_zh}:{n_rows} 个数值 / {meta.name_en or meta.name_zh}: {n_rows} quantities"
            audit.record(cur, actor.who, "add-plan", summary, actor.where, plan=meta.plan_id)
    except PlanExists as e:
        taken = Problem("plan_id", "plan-id-taken", f"规划编号 {meta.plan_id} 已存在", f"Plan {meta.plan_id} exists")
        raise InvalidPlan([taken]) from e
    rows = [row for _, found in extracted for row in found]
    n_target = sum(1 for r in rows if r.kind == "target")
    doc_ids = [document.name for document, _ in extracted]
    return AddedPlan(meta.plan_id, doc_ids, n_target, len(rows) - n_target, time.perf_counter() - started, rows)


def delete_plan(store: Store, plan_id: str, by: Account | Actor | None = None) -> tuple[int, int]:
    """Delete a plan added from the dashboard with its document and targets; returns (documents, targets).

    Only admins (or the command line) may; only added plans can go (a manifest plan comes back with
    the next build). Raises NotAllowed, PlanNotFound, or InvalidPlan (rule `manifest-plan`).
    Actuals uploaded for it stay in their batches (append-only history).
    """
    actor = require(by, "admin").actor if isinstance(by, Account) else by or Actor.cli()
    plan = store.plan(plan_id)
    if plan.source != "upload":
        zh = f"规划 {plan_id} 来自源文件清单,不能在此删除(下次重建会恢复)"
        en = f"plan {plan_id} comes from the source manifest and cannot be deleted here (a rebuild restores it)"
        raise InvalidPlan([Problem("plan_id", "manifest-plan", zh, en)])
    with store.transaction() as cur:
        documents, targets = store.delete_plan(cur, plan_id)
        summary = f"{plan.name_zh}:{documents} 份文件、{targets} 个数值 / {documents} documents, {targets} quantities"
        audit.record(cur, actor.who, "delete-plan", summary, actor.where, plan=plan_id)
    return documents, targets


def _check_region(store: Store | None, meta: PlanMetadata, fail: Callable[[str, str, str, str], None]) -> None:
    """The region's code has the shape of one; with a store, name and code find one region (or a new one)."""
    code = meta.region_code.strip()
    if code and not REGION_ID.match(code):
        fail(
            "region_code",
            "region-code-format",
            f"地区代码 {code} 应为六位行政区划代码（如 510700）或小写英文",
            f"The region code {code} should be a six-digit division code (510700) or lower-case letters",
        )
        return
    if store is None:
        return
    index = store.region_index()
    try:
        named = index.find(meta.region)
    except AmbiguousRegion as e:
        names = "、".join(f"{r.name_zh}（{r.region_id}）" for r in e.candidates)
        fail("region", "region-ambiguous", f"地区「{meta.region}」可以指：{names}；请填写全称或代码", str(e))
        return
    coded = index.regions.get(code) if code else None
    if named is not None and code and named.region_id != code:
        fail(
            "region_code",
            "region-code-mismatch",
            f"「{meta.region}」已是地区代码 {named.region_id}，不是 {code}",
            f"'{meta.region}' is the region {named.region_id}, not {code}",
        )
    elif coded is not None and named is None:
        fail(
            "region_code",
            "region-code-mismatch",
            f"地区代码 {code} 已属于「{coded.name_zh}」，不是「{meta.region}」",
            f"The region code {code} is {coded.name_zh}, not '{meta.region}'",
        )


def _record(meta: PlanMetadata, document: SourceDocument, source: PlanSource, n_documents: int) -> DocumentRecord:
    """What the store keeps of an added document: its metadata, its text and the uploaded file."""
    if n_documents == 1:
        title = meta.title or meta.name_zh
    else:
        title = document.title or (PurePath(source.file_name).stem if source.file_name else meta.name_zh)
    return DocumentRecord(
        document.name,
        meta.plan_id,
        title,
        meta.issuer,
        meta.region,
        meta.level,
        meta.plan_type,
        meta.published,
        meta.start_year,
        (meta.end_year,),
        document.script,
        document.encoding,
        document.sha256,
        document.original,
        format=document.format,
        file_name=source.file_name,
        source=source.data,
        pages=document.pages,
    )


def reextract(record: DocumentRecord) -> list[Quantity]:
    """Extract a stored document of an added plan again (a rebuild with a better extractor): from the
    uploaded file when the store has it, else (pasted text, or a file the intake now refuses) from its text."""
    info = DocumentInfo(
        plan_year=record.plan_year, target_years=tuple(record.target_years), region=record.region or None
    )
    document = None
    if record.source is not None:
        try:
            document = read_document(record.source, record.file_name or record.doc_id, name=record.doc_id)
        except IntakeError:
            document = None
    if document is None:
        document = SourceDocument.from_text(record.doc_id, record.text, format=record.format or "text")
    return extract_document(document, info)


def _extract(meta: PlanMetadata, sources: list[PlanSource]) -> list[tuple[SourceDocument, list[Quantity]]]:
    """Each document named by its id, with its quantities."""
    info = meta.info()
    out = []
    for source, doc_id in zip(sources, document_ids(meta, sources), strict=True):
        document = dataclasses.replace(source.document, name=doc_id)
        out.append((document, extract_document(document, info)))
    return out
