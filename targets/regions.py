"""Regions: the places plans are for and observations are about, and how a name or code finds one.

A region has an id (the administrative division code where known, 510100; else a slug, mianyang),
a Chinese and an English name, a level and a parent. Plans of one region share one timeline per
indicator, so every place a person names a region (the manifest, the add-a-plan form, the region
column of an upload, ``--region`` on the command line) goes through `RegionIndex.resolve`, which
accepts, compared after NFKC and case folding:

* the id or code (510100, chengdu);
* the Chinese name (成都市), the English name (Chengdu) and the aliases the manifest lists;
* the name without its administrative suffix (成都 for 成都市, 温江 for 温江区);
* a district's name without its parent's in front (温江区 for 成都市温江区).

A text that fits two regions (朝阳 for 朝阳区 and 朝阳市) is refused as ambiguous, never guessed.
The manifest (data/sources.toml) lists the known regions in ``[regions.ID]`` tables; `read_manifest`
reads them, with the region each manifest plan names.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: administrative suffixes, longest first: a name without one of them still names the region
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "新区", "省", "市", "区", "县", "州", "盟", "旗")
#: a region id: an administrative division code (six digits) or a lower-case slug
REGION_ID = re.compile(r"^(?:\d{6}|[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*)$")


class RegionError(ValueError):
    """A region could not be found or made."""


class RegionNotFound(RegionError):
    """No region has the given name or code."""


class AmbiguousRegion(RegionError):
    """A name fits several regions; `candidates` lists them."""

    def __init__(self, text: str, candidates: list[Region]) -> None:
        self.text = text
        self.candidates = candidates
        names = "、".join(f"{r.name_zh}({r.region_id})" for r in candidates)
        super().__init__(f"「{text}」可以指多个地区：{names} / '{text}' may mean several regions: {names}")


@dataclass(frozen=True)
class Region:
    """A place with plans and a timeline: its id (code or slug), names, level and parent's id."""

    region_id: str
    name_zh: str
    name_en: str = ""
    level: str = ""
    parent: str | None = None
    aliases: tuple[str, ...] = field(default=())

    def label(self, lang: str = "zh") -> str:
        """The region's name in a language (the Chinese name when it has no English one)."""
        return self.name_en if lang == "en" and self.name_en else self.name_zh


def fold(text: object) -> str:
    """A name as compared: NFKC (full-width letters and digits), case folded, without spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text))).casefold()


def short_name(name: str) -> str | None:
    """The name without its administrative suffix (成都 for 成都市), or None when nothing would be left."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def slug(text: str) -> str:
    """A region id made from ASCII text (a plan id's place: mianyang_2025 -> mianyang); "" when none can be."""
    words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKC", text).casefold())
    while words and words[-1].isdigit() and len(words[-1]) == 4:  # the year ending a plan id
        words.pop()
    made = "_".join(words)
    return made if REGION_ID.match(made) else ""


class RegionIndex:
    """Regions by every name and code that finds them (see the module doc)."""

    def __init__(self, regions: Iterable[Region]) -> None:
        self.regions: dict[str, Region] = {r.region_id: r for r in regions}
        self._exact: dict[str, set[str]] = {}
        self._loose: dict[str, set[str]] = {}
        for r in self.regions.values():
            for key in (r.region_id, r.name_zh, r.name_en, *r.aliases):
                if key:
                    self._exact.setdefault(fold(key), set()).add(r.region_id)
            for key in self._loose_keys(r):
                self._loose.setdefault(fold(key), set()).add(r.region_id)

    def _loose_keys(self, region: Region) -> list[str]:
        keys = [region.name_zh]
        parent = self.regions.get(region.parent or "")
        if parent and region.name_zh.startswith(parent.name_zh) and len(region.name_zh) > len(parent.name_zh) + 1:
            keys.append(region.name_zh[len(parent.name_zh) :])  # 温江区 for 成都市温江区
        keys.extend(s for s in (short_name(k) for k in list(keys)) if s)
        return keys

    def __len__(self) -> int:
        return len(self.regions)

    def find(self, text: str) -> Region | None:
        """The region `text` names; None when none does. Raises AmbiguousRegion when several do."""
        key = fold(text)
        if not key:
            return None
        for table in (self._exact, self._loose):
            ids = table.get(key)
            if ids and len(ids) == 1:
                return self.regions[next(iter(ids))]
            if ids:
                raise AmbiguousRegion(text, sorted((self.regions[i] for i in ids), key=lambda r: r.region_id))
        return None

    def resolve(self, text: str) -> Region:
        """The region `text` names; raises RegionNotFound or AmbiguousRegion."""
        found = self.find(text)
        if found is None:
            known = "、".join(r.name_zh for r in self.regions.values()) or "—"
            raise RegionNotFound(f"没有地区「{text}」（已有：{known}）/ no region '{text}' (known: {known})")
        return found

    def new_id(self, name: str, code: str | None = None, hint: str = "") -> str:
        """An unused id for a new region: its code, else a slug of `hint` (a plan id), else its name."""
        if code:
            if not REGION_ID.match(code.strip()):
                raise RegionError(
                    f"地区代码「{code}」应为六位行政区划代码或小写英文 / region code '{code}' must be a six-digit "
                    "division code or a lower-case slug"
                )
            return code.strip()
        base = slug(hint) or fold(name)
        candidate, n = base, 1
        while candidate in self.regions:
            n += 1
            candidate = f"{base}_{n}"
        return candidate


def region_from_entry(region_id: str, entry: Mapping[str, Any]) -> Region:
    """A Region from a manifest ``[regions.ID]`` table; raises RegionError naming the missing field."""
    if not isinstance(entry, Mapping) or not entry.get("name_zh"):
        raise RegionError(f"region {region_id!r} lacks name_zh")
    aliases = entry.get("aliases", ())
    if isinstance(aliases, str):
        aliases = (aliases,)
    parent = entry.get("parent")
    return Region(
        str(region_id),
        str(entry["name_zh"]),
        str(entry.get("name_en", "")),
        str(entry.get("level", "")),
        str(parent) if parent else None,
        tuple(str(a) for a in aliases),
    )


@dataclass(frozen=True)
class ManifestRegions:
    """The manifest's regions and, per manifest plan, the region text it names."""

    regions: tuple[Region, ...]
    plan_regions: dict[str, str]


def read_manifest(path: Path) -> ManifestRegions:
    """The ``[regions.*]`` tables of a manifest and each ``[plans.*]``'s ``region``.

    Raises RegionError (a bad region table) or OSError / tomllib.TOMLDecodeError (an unreadable file).
    """
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    regions = tuple(region_from_entry(k, v) for k, v in data.get("regions", {}).items())
    plans = {k: str(v["region"]) for k, v in data.get("plans", {}).items() if isinstance(v, dict) and v.get("region")}
    return ManifestRegions(regions, plans)
