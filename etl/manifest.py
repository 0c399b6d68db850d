"""The corpus manifest (data/sources.toml): which plans exist and which documents belong to each."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from targets.store import PlanRecord


class ManifestError(ValueError):
    """The manifest is malformed: a missing field, an unknown plan, a missing file."""


@dataclass(frozen=True)
class ManifestDocument:
    """A source file and what the manifest says about it."""

    file: str
    plan: str
    title: str
    issuer: str
    region: str
    level: str
    plan_type: str
    plan_year: int
    target_years: tuple[int, ...]
    published: str
    script: str


@dataclass(frozen=True)
class Manifest:
    plans: tuple[PlanRecord, ...]
    documents: tuple[ManifestDocument, ...]


_PLAN_FIELDS = ("name_zh", "name_en", "region", "level", "plan_type", "start_year", "end_year")
_DOC_FIELDS = (
    "file",
    "plan",
    "title",
    "issuer",
    "region",
    "level",
    "plan_type",
    "plan_year",
    "target_years",
    "published",
    "script",
)


def load_manifest(path: Path) -> Manifest:
    """Read and check the manifest; raises ManifestError naming the entry and field at fault."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ManifestError(f"{path}: {e}") from e
    plans = []
    for plan_id, entry in data.get("plans", {}).items():
        missing = [f for f in _PLAN_FIELDS if f not in entry]
        if missing:
            raise ManifestError(f"{path}: plan {plan_id!r} lacks {', '.join(missing)}")
        plans.append(PlanRecord(plan_id, *(entry[f] for f in _PLAN_FIELDS)))
    plan_ids = {p.plan_id for p in plans}
    documents = []
    for n, entry in enumerate(data.get("documents", []), 1):
        missing = [f for f in _DOC_FIELDS if f not in entry]
        if missing:
            raise ManifestError(f"{path}: document {n} ({entry.get('file', '?')}) lacks {', '.join(missing)}")
        if entry["plan"] not in plan_ids:
            raise ManifestError(f"{path}: document {entry['file']} names unknown plan {entry['plan']!r}")
        values = {f: entry[f] for f in _DOC_FIELDS}
        values["target_years"] = tuple(values["target_years"])
        documents.append(ManifestDocument(**values))
    return Manifest(tuple(plans), tuple(documents))
