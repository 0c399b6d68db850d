"""The domain's words, defined once: kind, metric, comparator, direction, period semantics, status, and
the canonical units with what each measures and how it reads.

Each is a `StrEnum`, so a member *is* its stored string (`Metric.LEVEL == "level"`): the database,
the extraction contract (DESIGN.md) and the catalog TOML keep the strings they always had, and code
names the member instead of repeating the string. `label(word, lang)` gives the word as pages and
exports show it (Chinese first, English switch).

`UNITS` is the one table of canonical units (the contract's norm_unit): the pint unit, the dimension (one
notion, used to match catalog indicators and to convert), names, suffixes, whether 万/亿 apply. The pint
side — reading a written unit, converting — is targets/units.py; writing numbers is targets/formatting.py.
The module imports nothing, so the catalog and the store use it without pint.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a quantity of a plan document is."""

    TARGET = "target"
    ACTUAL = "actual"  # reported as achieved
    BASELINE = "baseline"  # an achieved figure quoted as a starting point


class Metric(StrEnum):
    """What a number measures."""

    LEVEL = "level"  # a total or state to reach (地区生产总值达到2.3万亿元)
    INCREMENT = "increment"  # an amount added in the period (新增绿地1800公顷)
    GROWTH_RATE = "growth_rate"  # a rate of change (增长7%左右)
    SHARE = "share"  # a part of a whole (占比30%)
    RATIO = "ratio"  # one quantity over another (城乡居民收入比2.3∶1)
    INDEX = "index"  # an index number (居民消费价格指数103)
    STANDARD = "standard"  # a norm to keep (PM2.5浓度控制在35微克/立方米)


class Comparator(StrEnum):
    """How the number bounds what is meant (the contract's comparator field)."""

    AT_LEAST = ">="  # 以上, 不低于, 不少于, 至少
    MORE_THAN = ">"  # 超过, 突破, 高于, 余
    AT_MOST = "<="  # 以内, 不超过, 控制在…以内
    LESS_THAN = "<"  # 低于, 小于
    ABOUT = "~"  # 左右, 约
    EQUAL = "="  # plain
    RANGE = "range"  # 6%—7%: value_low and value_high

    @property
    def sign(self) -> str:
        """The sign shown before a number: ≥, >, ≤, <, 约 as ≈; empty for a plain value or a range."""
        return _SIGNS[self]

    @property
    def is_floor(self) -> bool:
        return self in (Comparator.AT_LEAST, Comparator.MORE_THAN)

    @property
    def is_ceiling(self) -> bool:
        return self in (Comparator.AT_MOST, Comparator.LESS_THAN)

    @classmethod
    def read(cls, text: str) -> Comparator:
        """The comparator a stored or typed string stands for (">=", "≥", "~", "≈" ...); ValueError if none."""
        key = text.strip()
        return cls(_ALIASES.get(key, key))


class Direction(StrEnum):
    """Which way an indicator is better (the catalog's direction)."""

    HIGHER_BETTER = "higher_better"
    LOWER_BETTER = "lower_better"
    TARGET_BAND = "target_band"  # a band to stay in (居民消费价格涨幅3%左右)


class Period(StrEnum):
    """What the year of a target covers."""

    ANNUAL = "annual"  # the year's own figure
    CUMULATIVE = "cumulative"  # a total over the plan window (累计)
    END_OF_PERIOD = "end_of_period"  # a level at the window's end (到2027年达到)


class Status(StrEnum):
    """A target's progress, with the numbers that decided it (targets.progress).

    A target whose period is over (its year's figure is in, or the year has passed) is achieved or
    missed; a running one is on track or behind; one whose pace needs a starting figure nobody gave says
    so (no_baseline) rather than "no data".
    """

    ACHIEVED = "achieved"  # met: the final figure, or a floor already reached before the year
    MISSED = "missed"  # the period is over and the final figure misses the target
    ON_TRACK = "on_track"  # running, at or past the required pace (a ceiling or band met so far)
    BEHIND = "behind"  # running, slower than the required pace
    NO_BASELINE = "no_baseline"  # an actual but no starting figure: the pace cannot be computed
    NO_DATA = "no_data"
    #: the target cannot be set against the indicator's actuals: another currency without a rate for its year,
    #: or marked so by a planner's correction
    NOT_COMPARABLE = "not_comparable"
    #: set for part of the region (国企, 中心城区): never judged against the whole region's actual, never counted
    SCOPED = "scoped"


_SIGNS = {
    Comparator.AT_LEAST: "≥",
    Comparator.MORE_THAN: ">",
    Comparator.AT_MOST: "≤",
    Comparator.LESS_THAN: "<",
    Comparator.ABOUT: "≈",
    Comparator.EQUAL: "",
    Comparator.RANGE: "",
}
#: other spellings of a comparator (signs as shown, a doubled equals)
_ALIASES = {"≥": ">=", "≤": "<=", "≈": "~", "==": "=", "约": "~"}

#: every word -> (Chinese, English) as pages and exports show it
LABELS: dict[StrEnum, tuple[str, str]] = {
    Kind.TARGET: ("目标", "target"),
    Kind.ACTUAL: ("实绩", "actual"),
    Kind.BASELINE: ("基数", "baseline"),
    Metric.LEVEL: ("总量/水平", "level"),
    Metric.INCREMENT: ("新增量", "increment"),
    Metric.GROWTH_RATE: ("增速", "growth rate"),
    Metric.SHARE: ("占比", "share"),
    Metric.RATIO: ("比值", "ratio"),
    Metric.INDEX: ("指数", "index"),
    Metric.STANDARD: ("标准", "standard"),
    Period.ANNUAL: ("年度", "annual"),
    Period.CUMULATIVE: ("期内累计", "total over the period"),
    Period.END_OF_PERIOD: ("期末水平", "level at the end"),
    Status.ACHIEVED: ("已完成", "Achieved"),
    Status.MISSED: ("未完成", "Not achieved"),
    Status.ON_TRACK: ("进度正常", "On track"),
    Status.BEHIND: ("滞后", "Behind"),
    Status.NO_BASELINE: ("无法判断（缺基数）", "Cannot judge (no baseline)"),
    Status.NO_DATA: ("暂无数据", "No data"),
    Status.NOT_COMPARABLE: ("不可比", "Not comparable"),
    Status.SCOPED: ("部分范围", "Part of the region"),
}


def label(word: StrEnum, lang: str = "zh") -> str:
    """How `word` reads in `lang` ("zh" or "en")."""
    zh, en = LABELS[word]
    return en if lang == "en" else zh


def label_of(enum: type[StrEnum], value: object, lang: str = "zh") -> str:
    """The label of a stored string of `enum` ("level" -> 总量/水平); the string itself when it is not a
    member (a value written by an older version), "" for a missing value."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        return label(enum(value), lang)
    except ValueError:
        return value


# --- canonical units -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A canonical unit of the extraction contract: what it is in pint, what it measures, how it reads."""

    #: the contract's name (norm_unit): CNY, hectare, count ...
    name: str
    #: the pint unit it stands for; "" for a plain number (ratio, index)
    pint: str
    #: what it measures; a value converts only within one dimension (money across currencies at a dated rate)
    dimension: str
    #: its name in a column header or axis title (Chinese, English)
    zh: str
    en: str
    #: written after a number (Chinese, English): 6万公顷, 60,000 ha; a count has no suffix of its own
    suffix_zh: str = ""
    suffix_en: str = ""
    #: numbers in this unit are shown with magnitude words (万/亿/万亿, million/billion); not rates and ratios
    magnitudes: bool = True
    #: the unit as a planner writes it alone when that is not its suffix (a count: 个)
    word: str = ""

    @property
    def written(self) -> str:
        """The unit as a planner writes it alone, in an upload's unit cell or an export (元, 个; "" for none)."""
        return self.word or self.suffix_zh

    @property
    def is_rate(self) -> bool:
        """A share or a change of shares (%, ‰, percentage points): never in 万/亿, never on a log axis."""
        return self.dimension in ("share", "share_change")


#: the canonical units of the contract (DESIGN.md), in its order
UNITS: dict[str, Unit] = {
    u.name: u
    for u in (
        Unit("CNY", "yuan", "money", "元", "yuan", "元", " yuan"),
        Unit("USD", "us_dollar", "money", "美元", "USD", "美元", " USD"),
        Unit("percent", "percent", "share", "%", "%", "%", "%", magnitudes=False),
        Unit("permille", "permille", "share", "‰", "‰", "‰", "‰", magnitudes=False),
        Unit(
            "percentage_point",
            "percentage_point",
            "share_change",
            "百分点",
            "percentage points",
            "个百分点",
            " pp",
            magnitudes=False,
        ),
        Unit("km", "kilometer", "length", "公里", "km", "公里", " km"),
        Unit("hectare", "hectare", "area", "公顷", "ha", "公顷", " ha"),
        # per-capita areas (人均住房面积) stay square metres: an area per person, not an area
        Unit("square_meter", "meter ** 2", "area_per_capita", "平方米", "m²", "平方米", " m²"),
        Unit("kW", "kilowatt", "power", "千瓦", "kW", "千瓦", " kW"),
        Unit("kWh", "kilowatt_hour", "energy", "千瓦时", "kWh", "千瓦时", " kWh"),
        Unit("m3", "meter ** 3", "volume", "立方米", "m³", "立方米", " m³"),
        Unit("t", "tonne", "mass", "吨", "t", "吨", " t"),
        Unit("TEU", "TEU", "containers", "标箱", "TEU", "标箱", " TEU"),
        Unit("t/day", "tonne / day", "mass_rate", "吨/日", "t/day", "吨/日", " t/day"),
        Unit(
            "ug/m3",
            "microgram / meter ** 3",
            "concentration",
            "微克/立方米",
            "μg/m³",
            "微克/立方米",
            " μg/m³",
            magnitudes=False,
        ),
        Unit("hour", "hour", "time", "小时", "hours", "小时", " h"),
        Unit("day", "day", "time", "天", "days", "天", " days"),
        Unit("ratio", "", "ratio", "比值", "ratio", "", "", magnitudes=False),
        Unit("index", "", "index", "指数", "index", "", "", magnitudes=False),
        Unit("count", "item", "count", "个", "count", "", "", word="个"),
    )
}

#: a count's measure word (the plan's own: 套(间), 人, 户) in English; a word not here is shown as the plan
#: writes it (60,000 套(间) rather than a bare 60,000 that no longer says what is counted); 个 says nothing
COUNT_WORDS_EN: dict[str, str] = {
    "个": "",
    "人": "people",
    "人次": "person-times",
    "名": "people",
    "户": "households",
    "套": "units",
    "套(间)": "units",
    "辆": "vehicles",
    "列": "trains",
}

#: dimension -> its name in a filter (Chinese, English)
DIMENSIONS: dict[str, tuple[str, str]] = {
    "money": ("金额", "money"),
    "share": ("比例", "share"),
    "share_change": ("百分点变化", "change in points"),
    "length": ("长度", "length"),
    "area": ("面积", "area"),
    "area_per_capita": ("人均面积", "area per person"),
    "power": ("功率", "power"),
    "energy": ("电量", "energy"),
    "volume": ("体积", "volume"),
    "mass": ("重量", "mass"),
    "containers": ("集装箱", "containers"),
    "mass_rate": ("处理能力", "capacity per day"),
    "concentration": ("浓度", "concentration"),
    "time": ("时间", "time"),
    "ratio": ("比值", "ratio"),
    "index": ("指数", "index"),
    "count": ("计数", "count"),
}
