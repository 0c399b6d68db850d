"""The corpus manifest (data/sources.toml): the regions, which plans exist and which documents belong to each.

A ``[regions.ID]`` table names a region (ID: its administrative division code, else a slug) with
``name_zh``, ``name_en``, ``level``, ``parent`` and ``aliases``; a plan's ``region`` is a region's id,
name or alias (targets.regions). When the manifest lists regions, a region a plan names that no
table lists is refused, so a typo never makes a second timeline for one place; a manifest without
regions (one's own corpus) gets a region made for each name its plans give. A document's
``plan_type`` is its type; a statistical communiqué (统计公报) is ``statistical_communique``: its
figures are actuals of its ``plan_year``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from targets.records import PlanRecord
from targets.regions import Region, RegionError, RegionIndex, region_from_entry


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
    #: the file holds part of the document only (a newspaper's excerpt): a target missing from it may be in the rest
    excerpt: bool = False


@dataclass(frozen=True)
class Manifest:
    plans: tuple[PlanRecord, ...]
    documents: tuple[ManifestDocument, ...]
    regions: tuple[Region, ...] = ()


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
    regions = []
    for region_id, entry in data.get("regions", {}).items():
        try:
            regions.append(region_from_entry(region_id, entry))
        except RegionError as e:
            raise ManifestError(f"{path}: {e}") from e
    index = RegionIndex(regions)
    plans = []
    for plan_id, entry in data.get("plans", {}).items():
        missing = [f for f in _PLAN_FIELDS if f not in entry]
        if missing:
            raise ManifestError(f"{path}: plan {plan_id!r} lacks {', '.join(missing)}")
        region_id = None
        if regions:
            try:
                region_id = index.resolve(str(entry["region"])).region_id
            except RegionError as e:
                raise ManifestError(f"{path}: plan {plan_id!r}: {e}") from e
        fields = {f: entry[f] for f in _PLAN_FIELDS}
        plans.append(PlanRecord(plan_id, **fields, region_id=region_id))
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
        documents.append(ManifestDocument(**values, excerpt=bool(entry.get("excerpt", False))))
    return Manifest(tuple(plans), tuple(documents), tuple(regions))
