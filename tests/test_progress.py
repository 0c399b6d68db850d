"""Worked examples for `targets.progress.assess`: every rule with its numbers.

Each test states the target, the actuals and the expected status with the numbers that decided it
(ratio, required, gap). Values are in the canonical units of the extraction contract.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from targets import progress
from targets.progress import (
    BAND_STATUS,
    LEVEL_TOLERANCE,
    PERMILLE_TOLERANCE,
    RATE_TOLERANCE,
    Assessment,
    Observation,
    TargetSpec,
)
from targets.vocab import Status

#: the examples are read as a planner read them in 2024 (a 2025 target still running), unless they say otherwise
THIS_YEAR = 2024


def assess(target: TargetSpec, actuals: Sequence[Observation], as_of=None, this_year=THIS_YEAR) -> Assessment:
    return progress.assess(target, actuals, as_of=as_of, this_year=this_year)


RANK = {"achieved": 0, "on_track": 1, "behind": 2, "missed": 3}


def obs(*pairs: tuple[int, float]) -> list[Observation]:
    return [Observation(year, value) for year, value in pairs]


def rail(**kw) -> TargetSpec:
    """Urban rail: 4238 km in 2020, at least 10000 km by 2025."""
    spec = dict(
        comparator=">=",
        value=10000,
        norm_unit="km",
        target_year=2025,
        baseline_value=4238,
        baseline_year=2020,
    )
    return TargetSpec(**{**spec, **kw})


def gdp_growth(**kw) -> TargetSpec:
    """GDP growth around 7 % in 2022."""
    spec = dict(comparator="~", value=7, metric="growth_rate", norm_unit="percent", target_year=2022)
    return TargetSpec(**{**spec, **kw})


def jobs(**kw) -> TargetSpec:
    """累计新增就业300万人 over 2023–2027."""
    spec = dict(comparator=">=", value=300e4, metric="increment", norm_unit="count", target_year=2027, start_year=2023)
    return TargetSpec(**{**spec, **kw})


RAIL_REQUIRED_CAGR = (10000 / 4238) ** (1 / 5) - 1  # 18.732 % a year


# ---------------------------------------------------------------------------------------------
# names and constants


def test_statuses_and_band_mapping_are_the_documented_ones():
    assert tuple(Status) == (
        "achieved",
        "missed",
        "on_track",
        "behind",
        "no_baseline",
        "no_data",
        "not_comparable",
        "scoped",
    )
    assert BAND_STATUS == {
        "achieved": "achieved",
        "on_track": "on_track",
        "moderate": "behind",
        "limited": "behind",
        "deteriorating": "behind",
    }
    assert (LEVEL_TOLERANCE, RATE_TOLERANCE, PERMILLE_TOLERANCE) == (0.05, 0.5, 0.5)


@pytest.mark.parametrize(("field", "bad"), [("comparator", ">>"), ("direction", "sideways"), ("metric", "velocity")])
def test_unknown_name_raises_value_error_naming_it(field, bad):
    with pytest.raises(ValueError, match=f"unknown {field}: '{bad}'"):
        assess(rail(**{field: bad}), obs((2025, 1)))


def test_blank_direction_with_ceiling_comparator_is_read_as_lower_better():
    r = assess(TargetSpec("~", 40, norm_unit="ug/m3", direction="", target_year=2025), obs((2025, 41)))
    assert r.status == "achieved"  # 41 is within 40 + 5 %: a raised ceiling, not a lowered floor
    r = assess(TargetSpec("<=", 40, norm_unit="ug/m3", direction=None, target_year=2025), obs((2025, 39)))  # type: ignore[arg-type]
    assert r.status == "achieved"


def test_written_bound_wins_over_a_conflicting_direction():
    spec = TargetSpec(">=", 13.5, metric="growth_rate", norm_unit="percent", direction="lower_better", target_year=2025)
    assert assess(spec, obs((2025, 14.0))).status == "achieved"
    assert assess(spec, obs((2025, 12.0))).status == "missed"


# ---------------------------------------------------------------------------------------------
# final values: each comparator, each direction, tolerance edges exactly at the boundary


def test_floor_met_exactly_at_the_bound_is_achieved():
    r = assess(rail(), obs((2025, 10000)))
    assert (r.status, r.method, r.target, r.gap, r.attainment) == ("achieved", "final-value", 10000, 0, 1)


def test_floor_missed_at_the_target_year_is_missed_with_the_gap_from_the_target():
    r = assess(rail(), obs((2025, 9500)))
    assert (r.status, r.gap, r.attainment, r.tolerance) == ("missed", -500, 0.95, None)
    assert "比目标≥ 1万公里低500公里" in r.reason_zh and "未完成" in r.reason_zh
    assert "500 km below the target ≥ 10,000 km" in r.reason_en
    r = assess(rail(), obs((2025, 9499)))
    assert r.status == "missed"
    assert r.attainment == pytest.approx(0.9499)


def test_strict_floor_at_the_bound_is_missed_and_above_is_achieved():
    spec = TargetSpec(">", 1.5e4, metric="increment", norm_unit="count", target_year=2022)  # 1.5万余户
    assert assess(spec, obs((2022, 1.5e4))).status == "missed"
    assert assess(spec, obs((2022, 15001))).status == "achieved"


def test_rate_ceiling_missed_by_half_a_point_says_that_gap_once():
    spec = TargetSpec("<=", 5.5, metric="level", norm_unit="percent", direction="lower_better", target_year=2022)
    assert assess(spec, obs((2022, 5.5))).status == "achieved"
    r = assess(spec, obs((2022, 6.0)))
    assert (r.status, r.tolerance) == ("missed", None)
    assert r.gap == pytest.approx(0.5)
    assert r.attainment == pytest.approx(5.5 / 6.0)  # lower_better: target / actual
    assert "比目标≤ 5.5%高0.5个百分点" in r.reason_zh and "容差" not in r.reason_zh


def test_strict_level_ceiling_at_the_bound_is_missed():
    spec = TargetSpec("<", 40, norm_unit="ug/m3", direction="lower_better", target_year=2025)  # PM2.5 < 40
    assert assess(spec, obs((2025, 39.9))).status == "achieved"
    assert assess(spec, obs((2025, 40))).status == "missed"
    assert assess(spec, obs((2025, 42.1))).status == "missed"


def test_permille_about_target_allows_half_a_permille():
    spec = TargetSpec("~", 2, norm_unit="permille", direction="lower_better", target_year=2025)
    assert assess(spec, obs((2025, 2.0))).status == "achieved"
    r = assess(spec, obs((2025, 2.5)))
    assert (r.status, r.tolerance) == ("achieved", 0.5)
    assert "约数允许±0.5‰，不高于2.5‰即达标" in r.reason_zh
    assert assess(spec, obs((2025, 2.6))).status == "missed"


def test_approximate_level_floor_is_lowered_by_five_percent():
    spec = TargetSpec("~", 2300e4, norm_unit="count", target_year=2025)  # 常住人口2300万左右
    r = assess(spec, obs((2025, 2185e4)))
    assert (r.status, r.target, r.gap, r.tolerance) == ("achieved", 2300e4, -115e4, 115e4)
    assert "比目标≈ 2300万低115万" in r.reason_zh and "约数允许±5%，不低于2185万即达标" in r.reason_zh
    assert assess(spec, obs((2025, 2600e4))).status == "achieved"  # higher_better: above is fine
    assert assess(spec, obs((2025, 2184e4))).status == "missed"


def test_approximate_level_ceiling_is_raised_by_five_percent():
    spec = TargetSpec("~", 100, norm_unit="t", direction="lower_better", target_year=2025)
    assert assess(spec, obs((2025, 105))).status == "achieved"
    assert assess(spec, obs((2025, 105.1))).status == "missed"


def test_plain_value_reads_as_floor_ceiling_or_band_by_direction():
    floor = TargetSpec("=", 1800, metric="increment", norm_unit="hectare", target_year=2022)  # 新增绿地1800公顷
    assert assess(floor, obs((2022, 1800))).status == "achieved"
    assert assess(floor, obs((2022, 1900))).status == "achieved"
    r = assess(floor, obs((2022, 1710)))
    assert r.status == "missed"
    assert "比目标1800公顷低90公顷" in r.reason_zh  # the target as written: a plain 1800, no sign added
    ceiling = TargetSpec("=", 1800, norm_unit="hectare", direction="lower_better", target_year=2022)
    assert assess(ceiling, obs((2022, 1700))).status == "achieved"
    assert assess(ceiling, obs((2022, 1890))).status == "missed"
    band = TargetSpec("=", 103, metric="index", norm_unit="index", direction="target_band", target_year=2022)
    r = assess(band, obs((2022, 103.5)))
    assert (r.status, r.tolerance) == ("achieved", 0.5)


def test_index_band_inside_is_achieved_outside_missed_with_the_gap_from_the_point():
    spec = TargetSpec("~", 103, metric="index", norm_unit="index", direction="target_band", target_year=2022)
    assert assess(spec, obs((2022, 102.5))).status == "achieved"
    r = assess(spec, obs((2022, 104.0)))
    assert (r.status, r.target) == ("missed", 103)  # the gap is measured from the plan's own number
    assert r.gap == pytest.approx(1.0)
    assert assess(spec, obs((2022, 101.9))).status == "missed"


def test_range_band_inside_is_achieved_and_edges_are_inclusive():
    spec = TargetSpec(
        "range",
        None,
        6,
        7,
        metric="growth_rate",
        norm_unit="percent",
        direction="target_band",
        target_year=2022,
    )
    for actual in (6.0, 6.5, 7.0):
        assert assess(spec, obs((2022, actual))).status == "achieved"
    assert "在目标6–7%之内" in assess(spec, obs((2022, 6.5))).reason_zh
    r = assess(spec, obs((2022, 7.5)))
    assert (r.status, r.target, r.gap) == ("missed", 7, 0.5)
    assert "比目标6–7%上限高0.5个百分点" in r.reason_zh
    r = assess(spec, obs((2022, 5.4)))
    assert (r.status, r.target) == ("missed", 6)
    assert r.attainment == pytest.approx(5.4 / 6)


def test_range_with_higher_better_is_a_floor_at_its_low_edge():
    spec = TargetSpec("range", None, 6, 7, metric="growth_rate", norm_unit="percent", target_year=2022)
    assert assess(spec, obs((2022, 8.0))).status == "achieved"
    assert assess(spec, obs((2022, 5.5))).status == "missed"


def test_range_with_lower_better_is_a_ceiling_at_its_high_edge():
    spec = TargetSpec("range", None, 6, 7, norm_unit="percent", direction="lower_better", target_year=2022)
    assert assess(spec, obs((2022, 3.0))).status == "achieved"
    assert assess(spec, obs((2022, 7.6))).status == "missed"


def test_range_with_one_edge_or_swapped_edges_still_compares():
    one_edge = TargetSpec("range", None, 6, None, metric="growth_rate", norm_unit="percent", target_year=2022)
    assert assess(one_edge, obs((2022, 6.1))).status == "achieved"
    swapped = TargetSpec(
        "range",
        None,
        7,
        6,
        metric="growth_rate",
        norm_unit="percent",
        direction="target_band",
        target_year=2022,
    )
    assert assess(swapped, obs((2022, 6.5))).status == "achieved"


# ---------------------------------------------------------------------------------------------
# growth rates: compared as rates, at their year


def test_rate_target_met_within_tolerance_is_achieved():
    r = assess(gdp_growth(), obs((2022, 6.8)))
    assert (r.status, r.method, r.actual, r.target, r.tolerance) == ("achieved", "rate", 6.8, 7, 0.5)
    assert r.gap == pytest.approx(-0.2)
    assert "6.8%" in r.reason_zh and "≈ 7%" in r.reason_en


def test_rate_target_at_tolerance_edges():
    assert assess(gdp_growth(), obs((2022, 6.5))).status == "achieved"
    assert assess(gdp_growth(), obs((2022, 6.49))).status == "missed"


def test_a_finished_year_states_one_gap_from_the_target_and_the_tolerance_apart():
    """Chengdu 2022: GDP growth about 7 %, 2.8 % achieved: 4.2 points short, as the gap column says."""
    r = assess(gdp_growth(), obs((2022, 2.8)))
    assert r.status == "missed"
    assert r.gap == pytest.approx(-4.2)
    assert r.reason_zh == (
        "2022年实际2.8%，比目标≈ 7%低4.2个百分点（约数允许±0.5个百分点，不低于6.5%即达标）：未完成。"
    )
    assert r.reason_en == (
        "The actual 2.8% in 2022 is 4.2 pp below the target ≈ 7%"
        " (an approximate target allows ±0.5 pp: 6.5% or more meets it): not achieved."
    )


def test_annual_rate_without_an_actual_for_its_year_is_no_data_even_with_other_years():
    r = assess(gdp_growth(), obs((2021, 8.1), (2023, 6.0)))
    assert (r.status, r.method, r.actual_period) == ("no_data", "none", 2023)
    assert "2022" in r.reason_en


def test_average_growth_over_window_uses_compound_mean_and_is_provisional():
    spec = gdp_growth(value=6, target_year=2025, start_year=2021)  # 年均增长6%左右
    r = assess(spec, obs((2021, 8.0), (2022, 3.0)))
    mean = ((1.08 * 1.03) ** 0.5 - 1) * 100  # 5.4704 %
    assert r.actual == pytest.approx(mean)
    assert r.actual == pytest.approx(5.4704, abs=1e-4)
    assert (r.status, r.method, r.actual_period) == ("behind", "rate-average", 2022)  # 5.47 < 6 - 0.5
    assert "目标年尚未到，暂判滞后" in r.reason_zh
    r = assess(spec, obs((2021, 8.0), (2022, 5.0)))
    assert r.status == "on_track"  # mean 6.49 % meets it, but 2025 is not in yet


def test_average_growth_with_the_target_year_observed_is_final():
    spec = gdp_growth(value=6, target_year=2025, start_year=2021)
    r = assess(spec, obs(*((y, 6.0) for y in range(2021, 2026))))
    assert (r.status, r.actual_period) == ("achieved", 2025)
    assert r.actual == pytest.approx(6.0)


def test_cumulative_growth_is_annualised_before_comparison():
    # 46.93 % over 2021–2025 is 8 % a year: 1.08 ** 5 = 1.469328
    spec = gdp_growth(comparator=">=", value=46.9328, target_year=2025, start_year=2021, period="cumulative")
    r = assess(spec, obs(*((y, 8.0) for y in range(2021, 2026))))
    assert r.status == "achieved"
    assert r.target == pytest.approx(8.0, abs=1e-4)
    r = assess(spec, obs((2021, 7.0), (2022, 7.0)))
    assert (r.status, r.actual_period) == ("behind", 2022)  # 7 % a year is a point short of 8 %, 2025 to come


# ---------------------------------------------------------------------------------------------
# increments: one year, or summed over the window against the pro-rata share


def test_one_year_increment_is_judged_on_its_year_only():
    spec = TargetSpec(">=", 1800, metric="increment", norm_unit="hectare", target_year=2022)
    assert assess(spec, obs((2022, 1850))).status == "achieved"
    assert assess(spec, obs((2021, 1900))).status == "no_data"


def test_cumulative_increment_mid_window_on_pro_rata_share_is_on_track():
    r = assess(jobs(), obs((2023, 55e4), (2024, 60e4)))
    # required = 300万 × 2/5 = 120万; ratio = 115 / 120
    assert (r.status, r.band, r.method, r.actual, r.actual_period) == (
        "on_track",
        "on_track",
        "pro-rata",
        115e4,
        2024,
    )
    assert r.required == pytest.approx(120e4)
    assert r.ratio == pytest.approx(115 / 120)
    assert r.gap == pytest.approx(-185e4)


def test_cumulative_increment_at_two_thirds_of_pro_rata_is_behind_moderate():
    r = assess(jobs(), obs((2023, 40e4), (2024, 40e4)))
    assert (r.status, r.band) == ("behind", "moderate")
    assert r.ratio == pytest.approx(80 / 120)


def test_cumulative_increment_at_half_of_pro_rata_is_behind_limited():
    r = assess(jobs(), obs((2023, 30e4)))
    assert (r.status, r.band, r.required) == ("behind", "limited", 60e4)
    assert r.ratio == pytest.approx(0.5)


def test_cumulative_increment_with_net_loss_is_deteriorating():
    r = assess(jobs(), obs((2023, -5e4)))
    assert (r.status, r.band) == ("behind", "deteriorating")
    assert r.ratio == pytest.approx(-5 / 60)


def test_cumulative_increment_at_exact_ratio_boundaries():
    assert assess(jobs(), obs((2023, 57e4))).band == "on_track"  # 57 / 60 = 0.95
    assert assess(jobs(), obs((2023, 36e4))).band == "moderate"  # 36 / 60 = 0.6
    assert assess(jobs(), obs((2023, 35.9e4))).band == "limited"


def test_cumulative_increment_sums_the_whole_window_at_the_end():
    r = assess(jobs(), obs(*((y, 60e4) for y in range(2023, 2028))))
    assert (r.status, r.method, r.actual, r.actual_period) == ("achieved", "cumulative", 300e4, 2027)
    r = assess(jobs(), obs(*((y, 57e4) for y in range(2023, 2028))))
    assert (r.status, r.actual, r.attainment) == ("missed", 285e4, 0.95)


def test_cumulative_increment_already_met_mid_window_is_achieved():
    r = assess(jobs(), obs((2023, 200e4), (2024, 110e4)))
    assert (r.status, r.band, r.actual) == ("achieved", "achieved", 310e4)


def test_cumulative_observation_counts_for_the_years_up_to_it():
    actuals = [Observation(2023, 50e4), Observation(2025, 190e4, cumulative=True), Observation(2026, 60e4)]
    r = assess(jobs(), actuals)
    # 190万 covers 2023–2025 (the 2023 yearly figure is inside it), + 60万 for 2026: 4 of 5 years
    assert (r.actual, r.required, r.status) == (250e4, 240e4, "on_track")
    assert r.ratio == pytest.approx(250 / 240)


def test_cumulative_window_can_start_after_the_baseline_year():
    spec = jobs(start_year=None, period="cumulative", baseline_year=2022)
    r = assess(spec, obs((2023, 60e4)))
    assert (r.required, r.status) == (60e4, "on_track")


def test_cumulative_target_without_a_start_year_is_no_data():
    r = assess(jobs(start_year=None, period="cumulative"), obs((2023, 60e4)))
    assert r.status == "no_data"
    assert "start year" in r.reason_en


def test_cumulative_increment_with_a_missing_year_is_pro_rated_on_the_years_present():
    r = assess(jobs(), obs((2023, 60e4), (2024, 60e4), (2025, 60e4), (2027, 55e4)))
    # 2026 missing: 235万 over 4 of 5 years against 240万
    assert (r.method, r.actual, r.required, r.status) == ("pro-rata", 235e4, 240e4, "on_track")
    assert "missing" in r.reason_en


def test_cumulative_ceiling_below_pro_rata_is_on_track_and_exceeded_is_missed():
    spec = jobs(comparator="<=", value=5000, norm_unit="hectare", direction="lower_better")  # 新增建设用地
    r = assess(spec, obs((2023, 900), (2024, 1000)))
    assert (r.status, r.required) == ("on_track", 2000)
    assert r.ratio == pytest.approx(2000 / 1900)
    r = assess(spec, obs((2023, 1500), (2024, 1500)))
    assert (r.status, r.band) == ("behind", "moderate")
    assert r.ratio == pytest.approx(2000 / 3000)
    r = assess(spec, obs((2023, 3000), (2024, 2100)))
    assert (r.status, r.method, r.gap) == ("missed", "pro-rata", 100)


def test_cumulative_band_is_compared_with_the_scaled_band():
    spec = jobs(comparator="~", direction="target_band")  # about 300万 ± 5 %
    assert assess(spec, obs((2023, 60e4))).status == "on_track"
    assert assess(spec, obs((2023, 55e4))).status == "behind"  # band 57–63万
    assert assess(spec, obs((2023, 50e4))).status == "behind"


# ---------------------------------------------------------------------------------------------
# level paths: compound (Open SDG) and linear


def test_cagr_path_ahead_of_required_pace_is_on_track():
    r = assess(rail(), obs((2022, 6000)))
    observed = (6000 / 4238) ** (1 / 2) - 1  # 18.986 % a year
    assert (r.status, r.band, r.method, r.actual_period, r.target) == (
        "on_track",
        "on_track",
        "cagr-path",
        2022,
        10000,
    )
    assert r.ratio == pytest.approx(observed / RAIL_REQUIRED_CAGR)
    assert r.ratio == pytest.approx(1.0135, abs=1e-4)
    assert r.required == pytest.approx(4238 * (1 + RAIL_REQUIRED_CAGR) ** 2)
    assert r.required == pytest.approx(5974.43, abs=0.01)
    assert (r.gap, r.attainment) == (-4000, 0.6)
    assert "18.73%" in r.reason_zh and "18.99%" in r.reason_en


def test_cagr_path_at_seventy_percent_of_pace_is_behind_moderate():
    r = assess(rail(), obs((2022, 5421)))
    assert r.ratio == pytest.approx(((5421 / 4238) ** 0.5 - 1) / RAIL_REQUIRED_CAGR)
    assert r.ratio == pytest.approx(0.6993, abs=1e-4)
    assert (r.status, r.band) == ("behind", "moderate")


def test_cagr_path_below_sixty_percent_of_pace_is_behind_limited():
    r = assess(rail(), obs((2022, 5000)))
    assert r.ratio == pytest.approx(0.4601, abs=1e-4)
    assert (r.status, r.band) == ("behind", "limited")


def test_cagr_path_below_the_baseline_is_behind_deteriorating():
    r = assess(rail(), obs((2022, 4000)))
    assert r.ratio == pytest.approx(-0.1521, abs=1e-4)
    assert (r.status, r.band) == ("behind", "deteriorating")


def test_cagr_path_exactly_at_the_band_boundaries():
    on_pace = 4238 * (1 + 0.95 * RAIL_REQUIRED_CAGR) ** 2  # 5880.55
    assert assess(rail(), obs((2022, on_pace))).band == "on_track"
    moderate = 4238 * (1 + 0.6 * RAIL_REQUIRED_CAGR) ** 2  # 5244.17
    assert assess(rail(), obs((2022, moderate))).band == "moderate"
    assert assess(rail(), obs((2022, moderate - 1))).band == "limited"


def test_level_already_meeting_the_target_before_its_year_is_achieved():
    r = assess(rail(), obs((2024, 10500)))
    assert (r.status, r.band, r.method, r.gap) == ("achieved", "achieved", "final-value", 500)


def test_lower_better_cagr_path_falling_towards_the_ceiling_is_on_track():
    spec = TargetSpec(
        "<",
        40,
        norm_unit="ug/m3",
        direction="lower_better",
        target_year=2025,
        baseline_value=50,
        baseline_year=2020,
    )
    r = assess(spec, obs((2022, 45)))
    required_cagr = (40 / 50) ** (1 / 5) - 1  # -4.36 % a year
    observed_cagr = (45 / 50) ** (1 / 2) - 1  # -5.13 % a year
    assert r.ratio == pytest.approx(observed_cagr / required_cagr)
    assert r.ratio == pytest.approx(1.1757, abs=1e-4)
    assert r.required == pytest.approx(45.7305, abs=1e-4)
    assert (r.status, r.band, r.gap) == ("on_track", "on_track", 5)
    assert r.attainment == pytest.approx(40 / 45)


def test_lower_better_cagr_path_rising_away_from_the_ceiling_is_deteriorating():
    spec = TargetSpec(
        "<",
        40,
        norm_unit="ug/m3",
        direction="lower_better",
        target_year=2025,
        baseline_value=50,
        baseline_year=2020,
    )
    r = assess(spec, obs((2022, 52)))
    assert r.ratio == pytest.approx(-0.4537, abs=1e-4)
    assert (r.status, r.band) == ("behind", "deteriorating")


def test_share_follows_a_linear_path():
    spec = TargetSpec(
        ">=",
        80,
        metric="share",
        norm_unit="percent",
        target_year=2025,
        baseline_value=74.4,
        baseline_year=2020,
    )  # 城镇化率
    r = assess(spec, obs((2022, 76)))
    # required in 2022 = 74.4 + (80 - 74.4) × 2/5 = 76.64; ratio = (76 - 74.4) / (76.64 - 74.4)
    assert r.method == "linear-path"
    assert r.required == pytest.approx(76.64)
    assert r.ratio == pytest.approx(1.6 / 2.24)
    assert (r.status, r.band) == ("behind", "moderate")


def test_lower_better_permille_linear_path_exactly_on_the_path_is_on_track():
    spec = TargetSpec(
        "<=",
        2,
        norm_unit="permille",
        direction="lower_better",
        target_year=2025,
        baseline_value=3.0,
        baseline_year=2020,
    )  # 新生儿死亡率
    r = assess(spec, obs((2022, 2.6)))
    assert r.method == "linear-path"
    assert r.required == pytest.approx(2.6)
    assert r.ratio == pytest.approx(1.0)
    assert r.status == "on_track"


def test_zero_baseline_falls_back_to_linear_path():
    r = assess(rail(baseline_value=0), obs((2022, 3000)))
    assert (r.method, r.status, r.band) == ("linear-path", "behind", "moderate")
    assert r.required == pytest.approx(4000)
    assert r.ratio == pytest.approx(0.75)
    assert "CAGR" in r.reason_en


def test_negative_baseline_falls_back_to_linear_path():
    spec = TargetSpec(">=", 100, norm_unit="CNY", target_year=2025, baseline_value=-200, baseline_year=2020)
    r = assess(spec, obs((2022, -50)))
    # required = -200 + 300 × 2/5 = -80; ratio = 150 / 120
    assert (r.method, r.required, r.status) == ("linear-path", -80, "on_track")
    assert r.ratio == pytest.approx(1.25)


def test_baseline_that_already_met_the_target_and_slipped_is_deteriorating():
    spec = rail(value=4000)
    r = assess(spec, obs((2022, 3900)))
    assert (r.status, r.band, r.ratio) == ("behind", "deteriorating", None)


def test_band_level_path_aims_at_the_nearest_band_edge():
    spec = TargetSpec(
        "~",
        2300e4,
        norm_unit="count",
        direction="target_band",
        target_year=2025,
        baseline_value=2000e4,
        baseline_year=2020,
    )
    r = assess(spec, obs((2022, 2100e4)))
    required_cagr = (2185 / 2000) ** (1 / 5) - 1  # to the lower edge, 2300万 - 5 %
    assert r.target == 2185e4
    assert r.ratio == pytest.approx(((2100 / 2000) ** 0.5 - 1) / required_cagr)
    assert r.status == "on_track"


# ---------------------------------------------------------------------------------------------
# no baseline


def test_no_baseline_and_one_unmet_actual_before_the_target_year_cannot_be_judged():
    """Chongqing's retail sales: 1.62万亿元 in 2024 against 1.65万亿元 by 2027, no figure for 2022."""
    spec = TargetSpec(">=", 1.65e12, norm_unit="CNY", target_year=2027, start_year=2023)
    r = assess(spec, obs((2024, 1.62e12)))
    assert (r.status, r.actual, r.actual_period, r.target) == ("no_baseline", 1.62e12, 2024, 1.65e12)
    assert r.reason_zh == (
        "2024年实际1.62万亿元，尚未达到2027年目标≥ 1.65万亿元；缺少基数（规划期开始前一年即2022年的实际值），"
        "无法判断进度是否正常。"
    )
    assert "without a baseline (the actual of 2022, the year before the plan window)" in r.reason_en


def test_no_baseline_and_one_actual_already_meeting_the_target_is_achieved():
    spec = TargetSpec(">=", 80, metric="share", norm_unit="percent", target_year=2025)
    assert assess(spec, obs((2022, 81))).status == "achieved"


def test_no_baseline_uses_the_earliest_actual_as_baseline():
    spec = TargetSpec(">=", 80, metric="share", norm_unit="percent", target_year=2025)
    r = assess(spec, obs((2021, 72), (2022, 75)))
    # path from 72 % (2021) to 80 % (2025): 74 % required by 2022; ratio = 3 / 2
    assert (r.method, r.required, r.status) == ("linear-path", 74, "on_track")
    assert r.ratio == pytest.approx(1.5)
    assert "earliest actual" in r.reason_en


def test_no_baseline_and_a_fall_from_a_met_target_is_deteriorating():
    spec = TargetSpec(">=", 80, metric="share", norm_unit="percent", target_year=2025)
    r = assess(spec, obs((2021, 82), (2022, 78)))
    assert (r.status, r.band) == ("behind", "deteriorating")


def test_actual_not_later_than_the_baseline_cannot_be_judged():
    r = assess(rail(), obs((2020, 4300)))
    assert r.status == "no_baseline"
    assert "baseline year 2020" in r.reason_en


# ---------------------------------------------------------------------------------------------
# timing: target year, later years, as_of, no year


def test_actual_for_the_target_year_wins_over_a_later_one():
    r = assess(rail(), obs((2025, 9600), (2026, 11000)))
    assert (r.status, r.actual_period) == ("missed", 2025)


def test_only_later_actuals_cannot_tell_whether_the_years_target_was_met():
    r = assess(rail(), obs((2026, 9000), (2027, 10100)))
    assert (r.status, r.actual_period, r.method) == ("no_data", 2027, "none")
    assert r.reason_zh == "没有2025年的实际值；2027年实际1.01万公里晚于目标年，不能说明2025年目标≥ 1万公里是否完成。"


def test_as_of_ignores_later_actuals():
    r = assess(rail(), obs((2022, 6000), (2025, 10100)), as_of=2024)
    assert (r.status, r.method, r.actual_period) == ("on_track", "cagr-path", 2022)


def test_a_target_year_that_is_over_without_its_figure_is_no_data_not_a_pace():
    r = assess(rail(), obs((2022, 6000)), as_of=2026)
    assert (r.status, r.actual_period) == ("no_data", 2022)
    assert "目标年2025年已过，尚无2025年实际值" in r.reason_zh
    # the calendar decides without as_of: in 2026 the 2025 target is over, in 2024 it runs
    assert assess(rail(), obs((2022, 6000)), this_year=2026).status == "no_data"
    assert assess(rail(), obs((2022, 6000)), this_year=2025).status == "on_track"
    # its own year's figure makes it final whatever the calendar says
    assert assess(rail(), obs((2025, 9000)), as_of=2030).status == "missed"


def test_period_over_reads_as_of_else_the_calendar():
    assert progress.period_over(2024, as_of=2024) and not progress.period_over(2025, as_of=2024)
    assert progress.period_over(2025, this_year=2026) and not progress.period_over(2026, this_year=2026)
    assert not progress.period_over(None, as_of=2030)


def test_target_without_a_year_judges_the_latest_actual():
    r = assess(rail(target_year=None), obs((2021, 5000), (2023, 9700)))
    assert (r.status, r.actual_period) == ("missed", 2023)


def test_repeated_year_takes_the_later_observation():
    r = assess(rail(), obs((2025, 9000), (2025, 10000)))
    assert (r.status, r.actual) == ("achieved", 10000)


# ---------------------------------------------------------------------------------------------
# missing and odd input


def test_no_actuals_is_no_data_with_the_target_number():
    r = assess(rail(), [])
    assert (r.status, r.method, r.target, r.actual) == ("no_data", "none", 10000, None)


def test_target_without_a_number_is_no_data():
    assert assess(rail(value=None), obs((2025, 1))).status == "no_data"


def test_unusable_actuals_are_dropped():
    actuals: list = [Observation(2025, math.nan), Observation(2025.5, 1), None, "x", (2025,)]  # type: ignore[arg-type]
    r = assess(rail(), actuals)
    assert (r.status, r.reason_en) == ("no_data", "No actual value.")


def test_numbers_as_text_tuples_and_mappings_are_read():
    spec = TargetSpec(">=", "10000", norm_unit="km", target_year="2025")  # type: ignore[arg-type]
    assert assess(spec, [("2025", "10000")]).status == "achieved"  # type: ignore[list-item]
    assert assess(spec, [{"period": 2025, "value": 9600}]).status == "missed"  # type: ignore[list-item]


def test_unknown_period_is_no_data():
    r = assess(rail(period="quarterly"), obs((2025, 1)))
    assert r.status == "no_data"
    assert "quarterly" in r.reason_en


# ---------------------------------------------------------------------------------------------
# properties

positive = st.floats(min_value=0.01, max_value=1e7, allow_nan=False, allow_infinity=False)
years = st.integers(min_value=2021, max_value=2027)


@st.composite
def specs(draw, comparator: str, direction: str) -> TargetSpec:
    metric = draw(st.sampled_from(["level", "share", "increment", "growth_rate"]))
    with_baseline = draw(st.booleans())
    return TargetSpec(
        comparator=comparator,
        value=draw(positive),
        metric=metric,
        norm_unit="percent" if metric in ("share", "growth_rate") else "km",
        direction=direction,
        target_year=2025,
        start_year=draw(st.sampled_from([None, 2021])),
        baseline_value=draw(positive) if with_baseline else None,
        baseline_year=2020 if with_baseline else None,
    )


def _rank_pair(spec: TargetSpec, year: int, lower: float, higher: float) -> tuple[Assessment, Assessment]:
    history = [Observation(2021, 5.0)] if year > 2021 else []
    return (
        assess(spec, [*history, Observation(year, lower)]),
        assess(spec, [*history, Observation(year, higher)]),
    )


@settings(max_examples=400, deadline=None)
@given(specs(">=", "higher_better"), years, positive, positive)
def test_raising_the_actual_never_worsens_a_higher_better_floor(spec, year, a, b):
    low, high = sorted((a, b))
    worse, better = _rank_pair(spec, year, low, high)
    if {"no_data", "no_baseline"} & {worse.status, better.status}:
        assert worse.status == better.status or better.status in ("achieved", "on_track")  # met: judged anyway
        return
    assert RANK[better.status] <= RANK[worse.status]


@settings(max_examples=400, deadline=None)
@given(specs("<=", "lower_better"), years, positive, positive)
def test_lowering_the_actual_never_worsens_a_lower_better_ceiling(spec, year, a, b):
    low, high = sorted((a, b))
    worse, better = _rank_pair(spec, year, high, low)
    if {"no_data", "no_baseline"} & {worse.status, better.status}:
        assert worse.status == better.status or better.status in ("achieved", "on_track")  # met: judged anyway
        return
    assert RANK[better.status] <= RANK[worse.status]


odd_numbers = st.one_of(
    st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10**6), 10**6), st.just("7")
)


@settings(max_examples=500, deadline=None)
@given(
    comparator=st.sampled_from([">=", ">", "<=", "<", "~", "=", "range", None, ""]),
    direction=st.sampled_from(["higher_better", "lower_better", "target_band", None]),
    metric=st.sampled_from(["level", "increment", "growth_rate", "share", "ratio", "index", "standard"]),
    unit=st.sampled_from(["percent", "permille", "km", "", None]),
    period=st.sampled_from(["annual", "cumulative", "end_of_period", None]),
    numbers=st.tuples(odd_numbers, odd_numbers, odd_numbers, odd_numbers),
    target_years=st.tuples(st.one_of(st.none(), years), st.one_of(st.none(), years), st.one_of(st.none(), years)),
    actuals=st.lists(st.tuples(st.one_of(years, st.none()), odd_numbers, st.booleans()), max_size=6),
    as_of=st.one_of(st.none(), years),
)
def test_assess_never_raises_and_band_agrees_with_status(
    comparator, direction, metric, unit, period, numbers, target_years, actuals, as_of
):
    value, low, high, baseline = numbers
    target_year, start_year, baseline_year = target_years
    spec = TargetSpec(
        comparator=comparator,
        value=value,
        low=low,
        high=high,
        metric=metric,
        norm_unit=unit,
        direction=direction,
        target_year=target_year,
        start_year=start_year,
        period=period,
        baseline_value=baseline,
        baseline_year=baseline_year,
    )
    r = assess(spec, [Observation(p, v, c) for p, v, c in actuals], as_of=as_of)
    assert r.status in set(Status)
    assert r.reason_zh and r.reason_en
    if r.band is not None:
        assert BAND_STATUS[r.band] == r.status


@settings(max_examples=200, deadline=None)
@given(baseline=positive, growth=st.floats(min_value=0.01, max_value=3.0), year=st.integers(2021, 2024))
def test_actual_exactly_on_the_required_compound_path_has_ratio_one(baseline, growth, year):
    target = baseline * (1 + growth)
    spec = TargetSpec(">=", target, norm_unit="km", target_year=2025, baseline_value=baseline, baseline_year=2020)
    required_cagr = (target / baseline) ** (1 / 5) - 1
    r = assess(spec, [Observation(year, baseline * (1 + required_cagr) ** (year - 2020))])
    assert r.method == "cagr-path"
    assert r.ratio == pytest.approx(1.0)
    assert r.status == "on_track"


def test_a_ceiling_met_before_its_year_is_on_track_and_a_floor_reached_is_achieved():
    """失业率≤5.5% at 5.1% in 2024 must still hold in 2027; 1万家 reached in 2024 is reached (a range of a
    higher-is-better indicator takes its low end as a floor, module doc)."""
    ceiling = TargetSpec(comparator="<=", value=5.5, metric="level", norm_unit="percent", direction="lower_better",
                         target_year=2027)  # fmt: skip
    floor = TargetSpec(comparator=">=", value=10000, metric="level", norm_unit="count", direction="higher_better",
                       target_year=2027)  # fmt: skip
    assert assess(ceiling, obs((2024, 5.1))).status == "on_track"
    assert "需保持到2027年" in assess(ceiling, obs((2024, 5.1))).reason_zh
    assert assess(floor, obs((2024, 10500))).status == "achieved"
    assert assess(ceiling, obs((2024, 5.1), (2027, 5.3))).status == "achieved"  # its year's figure decides
