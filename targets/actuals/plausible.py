"""Plausible values: the range an uploaded actual must fall in, by what its indicator measures.

`1e308 亿元` is a number, but no city's GDP; `1e308 %` is no unemployment rate. A value outside its
range is refused with the range named (rule `implausible-value`), before anything is written. The
ranges are in the indicator's canonical unit and deliberately wide: they stop typing errors and
overflows, never a real figure of any Chinese region.

    | what the indicator is                   | range                                   |
    |-----------------------------------------|-----------------------------------------|
    | a share or rate level (percent)         | 0 – 100 %                               |
    | a per-mille level                       | 0 – 1000 ‰                              |
    | a growth rate (percent, growth_rate)    | −100 – 1000 %                           |
    | a change in percentage points           | −100 – 100 个百分点                       |
    | any level or increment                  | finite, |value| ≤ the bound of its unit |
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: canonical unit -> largest magnitude of a level or increment (far above any national total)
LEVEL_BOUNDS: dict[str, float] = {
    "CNY": 1e15,  # 1000万亿元: seven times China's GDP
    "USD": 1e14,
    "count": 1e10,  # 100亿: seven times China's population
    "hectare": 1e9,  # China is 9.6亿 ha
    "square_meter": 1e6,  # per-capita areas
    "km": 1e7,
    "kW": 1e12,
    "kWh": 1e14,
    "m3": 1e13,
    "t": 1e11,
    "TEU": 1e10,
    "t/day": 1e9,
    "ug/m3": 1e4,
    "hour": 1e6,
    "day": 1e5,
    "ratio": 1e6,
    "index": 1e6,
}
#: the bound of a unit not listed
DEFAULT_BOUND = 1e15


@dataclass(frozen=True)
class Range:
    """The values an indicator may take, with its name for the message."""

    low: float
    high: float
    zh: str
    en: str

    def holds(self, value: float) -> bool:
        return math.isfinite(value) and self.low <= value <= self.high


def plausible_range(norm_unit: str, metric: str | None) -> Range:
    """The range of a value in `norm_unit` of an indicator with `metric` (level, share, growth_rate …)."""
    if norm_unit == "percent":
        if metric == "growth_rate":
            return Range(-100, 1000, "增速 −100%~1000%", "a growth rate, −100% to 1000%")
        return Range(0, 100, "比重或比率 0~100%", "a share or rate, 0 to 100%")
    if norm_unit == "permille":
        return Range(0, 1000, "千分比 0~1000‰", "a per-mille rate, 0 to 1000‰")
    if norm_unit == "percentage_point":
        return Range(-100, 100, "百分点变化 −100~100", "a change of −100 to 100 percentage points")
    bound = LEVEL_BOUNDS.get(norm_unit, DEFAULT_BOUND)
    return Range(-bound, bound, f"绝对值不超过 {bound:.0e} {norm_unit}", f"at most {bound:.0e} {norm_unit} in size")


def check(norm_value: float, norm_unit: str, metric: str | None) -> Range | None:
    """The range `norm_value` breaks, or None when it is plausible (infinity and NaN never are)."""
    allowed = plausible_range(norm_unit, metric)
    return None if allowed.holds(norm_value) else allowed
