"""Add a plan from a document a planner uploads or pastes: check it, extract it, store it in one transaction.

The dashboard's 新增规划 page and any script call the same three functions:

    text = read_upload("mianyang.html", data)             # .txt (UTF-8/GB18030) or .html stripped to text
    problems = validate(store, meta, text)                # [] or what is wrong, field by field
    added = add_plan(store, meta, text)                   # plan + document + targets, one transaction

The text goes through the real extraction pipeline (`etl.extract.extract_text`), exactly as a manifest
document does, and is stored with the plan (plans.source = 'upload'), so `etl.build` re-extracts it
from that text on every rebuild.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import PurePath

from etl.document import SourceDocument, decode
from etl.extract import DocumentInfo, extract_document
from targets import audit
from targets.accounts import Account, require
from targets.audit import Actor
from targets.model import Quantity
from targets.store import DocumentRecord, PlanExists, PlanRecord, Store

#: plan ids have one shape everywhere (database, URLs, uploads, exports): a lower-case place, then the year
PLAN_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*_\d{4}$")
LEVELS = ("province", "city", "district", "county", "other")
PLAN_TYPES = (
    "government_work_report",
    "five_year_plan",
    "five_year_plan_proposal",
    "action_plan",
    "livelihood_projects",
    "other",
)
FILE_TYPES = ("txt", "html", "htm")
#: a plan document is tens of thousands of characters; ten times the longest seed is plenty
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

    @property
    def doc_id(self) -> str:
        """The document's id (the extraction contract's `doc`): one document per added plan."""
        return f"{self.plan_id}.txt"

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
    doc_id: str
    targets: int  # kind = target
    reported: int  # kind = actual or baseline
    seconds: float
    rows: list[Quantity] = field(default_factory=list, repr=False)


# --- reading what was uploaded -----------------------------------------------------------------------


def read_upload(file_name: str, data: bytes) -> tuple[str, str]:
    """(text, encoding) of an uploaded file: .txt decoded as UTF-8 or GB18030, .html/.htm also stripped to text.

    Raises InvalidPlan (rule `file-type` or `not-text`).
    """
    suffix = PurePath(file_name).suffix.lower().lstrip(".")
    if suffix not in FILE_TYPES:
        raise InvalidPlan(
            [
                Problem(
                    "file",
                    "file-type",
                    f"只接受 .txt 或 .html 文件，收到的是 {file_name}",
                    f"Only .txt and .html files are accepted, got {file_name}",
                )
            ]
        )
    try:
        text, encoding = decode(data)
    except ValueError as e:
        problem = Problem("file", "not-text", "文件不是 UTF-8 或 GB18030 文本", "The file is not UTF-8 or GB18030 text")
        raise InvalidPlan([problem]) from e
    if suffix in ("html", "htm") or looks_like_html(text):
        text = html_to_text(text)
    return text, encoding


_HTML_HINT = re.compile(r"<\s*(?:html|body|p|div|br|span|td|article|section)\b[^>]*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether pasted text is HTML markup rather than the text of a page."""
    head = text.lstrip()[:2000]
    return head.startswith("<") and len(_HTML_HINT.findall(head)) >= 2


#: elements that start a new line of text
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption"),
        *("footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p"),
        *("pre", "section", "table", "tbody", "thead", "tfoot", "title", "tr", "ul"),
    }
)
#: elements whose content is not text of the document
_SKIPPED = frozenset(("script", "style", "noscript", "template", "svg"))
_CELLS = frozenset(("td", "th"))
_CELL_BREAK = "\ue000"  # a private-use mark for a cell boundary, a tab once spaces are settled
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
#: whitespace between two CJK characters is a line break in the markup, not a space in the text
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_SPACES = re.compile(r"[^\S\n]+")


class _TextOfHtml(HTMLParser):
    """Collects the text of an HTML page, one line per block element (stdlib parser, entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str] = []
        self._skip = 0
        self._pre = 0

    def _break(self) -> None:
        text = "".join(self._line)
        if not self._pre:
            text = _SPACES.sub(" ", _CJK_GAP.sub("", text.replace("\n", " ")))
        text = re.sub(rf"\s*{_CELL_BREAK}\s*", "\t", text)
        self.lines.extend(part.strip() for part in text.split("\n"))
        self._line = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIPPED:
            self._skip += 1
        elif tag in _BLOCKS:
            self._break()
            self._pre += tag == "pre"
        elif tag in _CELLS and self._line:
            self._line.append(_CELL_BREAK)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self._break()
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._line.append(data)

    def text(self) -> str:
        self._break()
        return "\n".join(line for line in self.lines if line) + "\n"


def html_to_text(markup: str) -> str:
    """The text of an HTML page with its line structure: one line per paragraph, heading, list item or row."""
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    return parser.text()


# --- checking and adding ------------------------------------------------------------------------------


def sha256(text: str) -> str:
    """The fingerprint the store keeps for a document's text (as `SourceDocument.sha256`)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def validate(store: Store | None, meta: PlanMetadata, text: str) -> list[Problem]:
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
    if not text.strip():
        fail("text", "text-empty", "请上传文件或粘贴规划文本", "Upload a file or paste the plan's text")
    elif len(text) > MAX_CHARS:
        fail(
            "text",
            "text-too-long",
            f"文本过长（{len(text)} 字），上限 {MAX_CHARS} 字",
            f"The text is too long ({len(text)} characters; the limit is {MAX_CHARS})",
        )
    elif store is not None:
        owner = store.plan_of_text(sha256(text))
        if owner:
            zh, en = f"同一文件已属于规划 {owner}", f"The same document already belongs to plan {owner}"
            fail("text", "document-taken", zh, en)
        elif not any(p.field == "plan_id" for p in problems) and store.plan_of_document(meta.doc_id):
            zh, en = f"文件编号 {meta.doc_id} 已被占用", f"Document id {meta.doc_id} is taken"
            fail("text", "document-id-taken", zh, en)
    return problems


def preview(meta: PlanMetadata, text: str) -> list[Quantity]:
    """The quantities the extractor finds in the text, as they would be stored (nothing is written)."""
    return _extract(meta.doc_id, text, meta.info())[1]


def add_plan(
    store: Store, meta: PlanMetadata, text: str, encoding: str = "utf-8", by: Account | Actor | None = None
) -> AddedPlan:
    """Check, extract and store a new plan: plan, document, targets and the audit entry in one transaction.

    `by` is an editor's account (NotAllowed for a viewer) or an actor (default: the command line's
    user). Raises InvalidPlan with every problem found (nothing is written), including a plan id
    taken by a concurrent writer between the check and the write.
    """
    actor = require(by, "editor").actor if isinstance(by, Account) else by or Actor.cli()
    meta = meta.cleaned()
    problems = validate(store, meta, text)
    if problems:
        raise InvalidPlan(problems)
    started = time.perf_counter()
    source, rows = _extract(meta.doc_id, text, meta.info())
    document = DocumentRecord(
        meta.doc_id,
        meta.plan_id,
        meta.title or meta.name_zh,
        meta.issuer,
        meta.region,
        meta.level,
        meta.plan_type,
        meta.published,
        meta.start_year,
        (meta.end_year,),
        source.script,
        encoding,
        source.sha256,
        text,
    )
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
    )
    try:
        with store.transaction() as cur:
            store.insert_plan(cur, plan)
            store.replace_document(cur, document, rows)
            summary = f"{meta.name_zh}:{len(rows)} 个数值 / {meta.name_en or meta.name_zh}: {len(rows)} quantities"
            audit.record(cur, actor.who, "add-plan", summary, actor.where, plan=meta.plan_id)
    except PlanExists as e:
        taken = Problem("plan_id", "plan-id-taken", f"规划编号 {meta.plan_id} 已存在", f"Plan {meta.plan_id} exists")
        raise InvalidPlan([taken]) from e
    n_target = sum(1 for r in rows if r.kind == "target")
    return AddedPlan(meta.plan_id, meta.doc_id, n_target, len(rows) - n_target, time.perf_counter() - started, rows)


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


def reextract(document: DocumentRecord) -> list[Quantity]:
    """Extract a stored document of an added plan again (a rebuild with a better extractor)."""
    info = DocumentInfo(
        plan_year=document.plan_year, target_years=tuple(document.target_years), region=document.region or None
    )
    return _extract(document.doc_id, document.text, info)[1]


def _extract(doc_id: str, text: str, info: DocumentInfo) -> tuple[SourceDocument, list[Quantity]]:
    source = SourceDocument.from_text(doc_id, text)
    return source, extract_document(source, info)
