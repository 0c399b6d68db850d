"""Plotly figures the pages draw: counts per plan, one indicator across plans, one target against its actuals.

Figures take DataFrames from `ui.data` and names in the current language; numbers are shown with
`ui.format` (万/亿 on axes and labels). Every page shows a table beside each figure.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from targets.progress import STATUSES
from ui import format as fmt
from ui import safe
from ui.i18n import METRICS, lang, pick, t
from ui.status import STATUS_COLOURS, status_label

#: fonts that carry CJK glyphs on Windows, macOS and Debian (fonts-wqy-microhei, Noto CJK)
FONT = "Microsoft YaHei, PingFang SC, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"
#: comparator -> (marker symbol, legend sign): the shape says the comparator, not the colour
MARKERS = {
    ">=": ("triangle-up", "≥"),
    ">": ("triangle-up-open", ">"),
    "<=": ("triangle-down", "≤"),
    "<": ("triangle-down-open", "<"),
    "~": ("diamond", "≈"),
    "=": ("circle", "="),
    "range": ("line-ew", "–"),
}
TARGET_COLOUR = "#0072B2"
ANNUAL_COLOUR = "#56B4E9"
BASELINE_COLOUR = "#7f7f7f"
ACTUAL_COLOUR = "#D55E00"


def _layout(figure: go.Figure, height: int) -> go.Figure:
    figure.update_layout(
        font={"family": FONT},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"font": {"family": FONT}},
    )
    # numbers on axes as planners write them: 2000 (not 2k), 60,000 in English; 万/亿 come from ui.format.scale
    figure.update_xaxes(exponentformat="none", separatethousands=lang() == "en")
    figure.update_yaxes(exponentformat="none", separatethousands=lang() == "en")
    return figure


#: characters of a plan name on a chart axis; the full name is in the hover
LABEL_WIDTH = 40


def axis_labels(names: Sequence[str]) -> dict[str, str]:
    """Full name -> the label drawn on an axis: escaped for Plotly, cut to LABEL_WIDTH, never two alike."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for name in dict.fromkeys(names):
        shown, k = safe.label(name, LABEL_WIDTH), 2
        while shown in taken:
            shown, k = f"{safe.label(name, LABEL_WIDTH - 3)} ·{k}", k + 1
        taken.add(shown)
        out[name] = shown
    return out


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _top(values: Sequence[object]) -> float:
    """The largest of the values that are there (1 when none is), for an axis range with headroom."""
    present = [float(v) for v in values if not _missing(v)]  # type: ignore[arg-type]
    return max(present, default=1.0) or 1.0


# --- overview -------------------------------------------------------------------------------------------


def counts_bar(
    frame: pd.DataFrame,
    plan: str,
    colour: str,
    labels: Mapping[str, str],
    order: Sequence[str],
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Horizontal stacked bars of `n` per plan (long plan names read on the left, in `order` from the top),
    one colour per value of `colour`."""
    figure = go.Figure()
    plans = list(order)
    shown = axis_labels([*plans, *frame[plan].astype(str)])
    for value, group in frame.groupby(colour, sort=False):
        figure.add_bar(
            y=[shown[str(p)] for p in group[plan]],
            x=group["n"],
            orientation="h",
            name=safe.html(value),
            text=group["n"],
            textposition="inside",
            marker_color=(colours or {}).get(value),
            customdata=[safe.html(p) for p in group[plan]],
            hovertemplate=f"%{{customdata}}<br>{safe.html(value)}: %{{x}}<extra></extra>",
        )
    figure.update_layout(
        barmode="stack",
        xaxis_title=labels.get("n", "n"),
        yaxis={"categoryorder": "array", "categoryarray": [shown[p] for p in plans][::-1], "title": None},
    )
    figure = _layout(figure, 140 + 45 * len(plans))
    figure.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.25, "x": 0}, margin={"t": 10})
    return figure


def status_bar(frame: pd.DataFrame, names: Mapping[str, str]) -> go.Figure:
    """Targets per plan stacked by status; the legend and hover carry icon and label, not colour alone."""
    order = {s: i for i, s in enumerate(STATUSES)}
    shown = frame.sort_values("status", key=lambda c: c.map(order)).assign(
        plan=frame["plan_id"].map(names), label=frame["status"].map(status_label)
    )
    colours = {status_label(s): c for s, c in STATUS_COLOURS.items()}
    return counts_bar(shown, "plan", "label", {"plan": t("plan"), "n": t("count")}, list(names.values()), colours)


# --- one indicator across plans ---------------------------------------------------------------------------


def _target_text(row: Mapping, language: str) -> str:
    text = fmt.target(row["comparator"], row["target"], row["target_low"], row["target_high"], row["unit"], language)
    if row.get("period") == "cumulative" and (row.get("window_years") or 1) > 1:
        text += f" ({t('cumulative_note', start=int(row['window_start']), end=int(row['target_year']))})"
    elif not _missing(row.get("target_year")):
        text += f" ({int(row['target_year'])})"
    return text


def _panel_values(group: pd.DataFrame) -> pd.Series:
    """Every number a compare panel plots (targets, range ends, annual equivalents, baselines, actuals)."""
    columns = ("target", "target_low", "target_high", "annual_equivalent", "baseline", "actual")
    return pd.concat([group[c] for c in columns]).dropna().astype(float)


def comparison_figure(
    rows: pd.DataFrame,
    plan_order: Sequence[str],
    plan_names: Mapping[str, str],
    indicator_names: Mapping[str, str],
    log: bool = False,
) -> go.Figure:
    """One subplot per indicator (so rates and levels never share an axis), one line per chosen plan.

    Values run along x (long plan names read on the left). A target is a marker whose shape is its
    comparator; a range is a bar from low to high; a multi-year total adds its annual equivalent;
    baselines and actuals stand beside the target of their plan. `log` draws level axes logarithmic
    (a district's 1200 beside a city's 22万), never rate axes.
    """
    language = lang()
    indicators = list(dict.fromkeys(rows["indicator_id"]))
    n = len(indicators)
    panels = []
    for indicator in indicators:
        group = rows[rows["indicator_id"] == indicator]
        unit = group["unit"].iloc[0]
        values = _panel_values(group)
        panels.append((indicator, group, unit, fmt.scale(values, unit, language), values.max()))
    metric_names = {r["indicator_id"]: r["metric"] for r in rows.to_dict("records")}
    figure = make_subplots(
        rows=n,
        cols=1,
        subplot_titles=[
            f"{safe.html(indicator_names.get(i, i))} · {pick(METRICS.get(metric_names[i]), metric_names[i])}"
            for i, *_ in panels
        ],
        vertical_spacing=min(0.25 / max(1, n - 1), 0.6 / n) if n > 1 else 0.1,
    )
    full = {p: plan_names.get(p, p) for p in {*plan_order, *rows["plan_id"]}}
    shown = axis_labels([full[p] for p in [*plan_order, *rows["plan_id"]]])
    label_of = {p: shown[name] for p, name in full.items()}  # plan id -> its axis label
    categories = [label_of[p] for p in plan_order]
    in_legend: set[str] = set()

    def add(row_no: int, key: str, **trace: object) -> None:
        figure.add_trace(
            go.Scatter(
                **{
                    "legendgroup": key,
                    "showlegend": key not in in_legend,
                    "orientation": "h",
                    "cliponaxis": False,
                    "mode": "markers+text",
                    "textposition": "middle right",
                    "hoverinfo": "text",
                    **trace,
                }
            ),
            row=row_no,
            col=1,
        )
        in_legend.add(key)

    for row_no, (_, group, unit, scale, top) in enumerate(panels, 1):
        # every chosen plan gets a line, also one that sets no target for this indicator (invisible points)
        anchor = scale.apply(top) if not pd.isna(top) and top > 0 else 0
        figure.add_trace(
            go.Scatter(
                x=[anchor] * len(categories),
                y=categories,
                mode="markers",
                marker={"opacity": 0},
                showlegend=False,
                hoverinfo="skip",
                orientation="h",
            ),
            row=row_no,
            col=1,
        )
        for comparator, sub in group.groupby("comparator", sort=False):
            symbol, sign = MARKERS.get(comparator, ("circle", comparator))
            records = sub.to_dict("records")
            y = [label_of[r["plan_id"]] for r in records]
            labels = [_target_text(r, language) for r in records]
            hover = [
                f"{safe.html(full[r['plan_id']])}<br>{lb}<br>{safe.html(r['quote'])} "
                f"({safe.html(r['doc_id'])}:{r['line']})"
                for lb, r in zip(labels, records, strict=True)
            ]
            if comparator == "range":
                low = [scale.apply(r["target_low"]) for r in records]
                high = [scale.apply(r["target_high"]) for r in records]
                middle = [(a + b) / 2 for a, b in zip(low, high, strict=True)]
                error = {
                    "type": "data",
                    "symmetric": False,
                    "array": [b - m for b, m in zip(high, middle, strict=True)],
                    "arrayminus": [m - a for a, m in zip(low, middle, strict=True)],
                    "thickness": 8,
                    "width": 10,
                    "color": TARGET_COLOUR,
                }
                add(
                    row_no,
                    "range",
                    x=middle,
                    y=y,
                    error_x=error,
                    marker={"symbol": symbol, "size": 1, "color": TARGET_COLOUR},
                    name=t("target_band"),
                    hovertext=hover,
                )
                add(row_no, "range_label", x=high, y=y, mode="text", text=labels, hovertext=hover, showlegend=False)
            else:
                x = [scale.apply(r["target"] if not _missing(r["target"]) else r["target_low"]) for r in records]
                add(
                    row_no,
                    f"target{comparator}",
                    x=x,
                    y=y,
                    marker={"symbol": symbol, "size": 15, "color": TARGET_COLOUR},
                    text=labels,
                    name=f"{t('target')} {sign}",
                    hovertext=hover,
                )
        annual = group[group["annual_equivalent"].notna()]
        if not annual.empty:
            labels = [f"{t('annual_short')} {fmt.quantity(v, unit, language)}" for v in annual["annual_equivalent"]]
            add(
                row_no,
                "annual",
                x=[scale.apply(v) for v in annual["annual_equivalent"]],
                y=[label_of[p] for p in annual["plan_id"]],
                marker={"symbol": "circle-open", "size": 13, "color": ANNUAL_COLOUR, "line": {"width": 2}},
                text=labels,
                name=t("annual_equivalent"),
                hovertext=[f"{safe.html(full[p])}<br>{lb}" for p, lb in zip(annual["plan_id"], labels, strict=True)],
            )
        for key, column, year_column, symbol, colour in (
            ("baseline", "baseline", "baseline_year", "square-open", BASELINE_COLOUR),
            ("actual", "actual", "actual_period", "x", ACTUAL_COLOUR),
        ):
            seen = group[group[column].notna()].drop_duplicates(["plan_id", column, year_column])
            if seen.empty:
                continue
            labels = [
                f"{t(key)} {fmt.quantity(v, unit, language)} ({int(y)})"
                for v, y in zip(seen[column], seen[year_column], strict=True)
            ]
            add(
                row_no,
                key,
                x=[scale.apply(v) for v in seen[column]],
                y=[label_of[p] for p in seen["plan_id"]],
                marker={"symbol": symbol, "size": 13, "color": colour, "line": {"width": 2}},
                text=labels,
                name=t(key),
                hovertext=[f"{safe.html(full[p])}<br>{lb}" for p, lb in zip(seen["plan_id"], labels, strict=True)],
            )
        logarithmic = log and unit not in fmt.RATE_UNITS and not pd.isna(top) and top > 0
        axis: dict = {"title_text": scale.title, "type": "log" if logarithmic else "linear"}
        if logarithmic:
            positive = _panel_values(group)
            positive = positive[positive > 0]
            low_end = math.log10(positive.min() / scale.divisor) if positive.size else 0
            axis["range"] = [low_end - 0.3, math.log10(top / scale.divisor) + 0.6]  # room for the labels
        elif not pd.isna(top) and top > 0:
            axis["range"] = [0, top / scale.divisor * 1.35]  # room for the labels right of the markers
        figure.update_xaxes(row=row_no, col=1, **axis)
        figure.update_yaxes(categoryorder="array", categoryarray=categories[::-1], row=row_no, col=1)
    figure.update_layout(scattermode="group", scattergap=0.3)
    figure = _layout(figure, 120 + n * (120 + 55 * len(categories)))
    figure.update_layout(
        margin={"t": 100}, legend={"orientation": "h", "yanchor": "bottom", "y": 1.0 + 45 / figure.layout.height}
    )
    return figure


# --- one target against its actuals -----------------------------------------------------------------------


def progress_figure(row: Mapping, observed: pd.DataFrame, indicator_name: str) -> go.Figure:
    """A target (line, or band for a range) over its window, the required path from the baseline, actual points."""
    language = lang()
    unit = row["unit"]
    values = [row.get(k) for k in ("target", "target_low", "target_high", "baseline", "annual_equivalent")]
    scale = fmt.scale([*values, *observed["value"]], unit, language)
    end = int(row["target_year"]) if not _missing(row.get("target_year")) else None
    start = int(row["window_start"]) if not _missing(row.get("window_start")) else end
    years = [y for y in (start, end, row.get("baseline_year")) if not _missing(y)] + list(observed["period"])
    first, last = (min(years), max(years)) if years else (0, 1)
    x0, x1 = (start or first) - 0.4, (end or last) + 0.4
    figure = go.Figure()
    label = _target_text(row, language)
    if row["comparator"] == "range":
        low, high = scale.apply(row["target_low"]), scale.apply(row["target_high"])
        figure.add_scatter(
            x=[x0, x1], y=[low, low], mode="lines", line={"width": 0}, showlegend=False, hoverinfo="skip"
        )
        figure.add_scatter(
            x=[x0, x1],
            y=[high, high],
            mode="lines",
            fill="tonexty",
            line={"width": 0},
            fillcolor="rgba(0,114,178,0.2)",
            name=f"{t('target_band')} {label}",
            hoverinfo="name",
        )
    else:
        value = row["target"] if not _missing(row["target"]) else row["target_low"]
        figure.add_scatter(
            x=[x0, x1],
            y=[scale.apply(value)] * 2,
            mode="lines",
            line={"color": TARGET_COLOUR, "width": 3, "dash": "dash"},
            name=f"{t('target')} {label}",
            hoverinfo="name",
        )
    if not _missing(row.get("annual_equivalent")):
        figure.add_scatter(
            x=[x0, x1],
            y=[scale.apply(row["annual_equivalent"])] * 2,
            mode="lines",
            line={"color": ANNUAL_COLOUR, "width": 2, "dash": "dot"},
            name=f"{t('annual_equivalent')} {fmt.quantity(row['annual_equivalent'], unit, language)}",
            hoverinfo="name",
        )
    baseline_year = row.get("baseline_year")
    level_path = row.get("metric") not in ("increment", "growth_rate") and not _missing(row.get("target"))
    if not _missing(row.get("baseline")) and not _missing(baseline_year) and end and level_path:
        figure.add_scatter(
            x=[int(baseline_year), end],
            y=[scale.apply(row["baseline"]), scale.apply(row["target"])],
            mode="lines",
            line={"color": BASELINE_COLOUR, "width": 1.5, "dash": "dot"},
            name=t("required_path"),
            hoverinfo="name",
        )
    for origin, symbol, colour, name in (
        ("document", "square-open", BASELINE_COLOUR, t("observed_document")),
        ("upload", "x", ACTUAL_COLOUR, t("observed_upload")),
    ):
        points = observed[observed["origin"] == origin]
        if points.empty:
            continue
        text = [fmt.quantity(v, unit, language) for v in points["value"]]
        figure.add_scatter(
            x=[int(p) for p in points["period"]],
            y=[scale.apply(v) for v in points["value"]],
            mode="markers+lines+text",
            marker={"symbol": symbol, "size": 12, "color": colour, "line": {"width": 2}},
            line={"color": colour, "width": 1},
            text=text,
            textposition="top center",
            name=name,
            hovertext=[
                f"{year}: {value} · {safe.html(source)}"
                for year, value, source in zip(points["period"], text, points["source"], strict=True)
            ],
            hoverinfo="text",
        )
    total = _running_total(observed, start, end) if row.get("period") == "cumulative" and start and end else None
    if total is not None and not total.empty:
        text = [fmt.quantity(v, unit, language) for v in total.values]
        figure.add_scatter(
            x=list(total.index),
            y=[scale.apply(v) for v in total.values],
            mode="markers+lines+text",
            marker={"symbol": "diamond-open", "size": 11, "color": TARGET_COLOUR},
            line={"color": TARGET_COLOUR, "width": 1.5},
            text=text,
            textposition="top center",
            name=t("running_total"),
            hovertext=[f"{p}: {v}" for p, v in zip(total.index, text, strict=True)],
            hoverinfo="text",
        )
    plotted = [*values, *observed["value"], *(total.values if total is not None else [])]
    figure.update_layout(
        title={"text": f"{status_label(row['status'])} · {safe.html(indicator_name)}", "font": {"size": 15}},
        xaxis={"title": t("year"), "dtick": 1, "tickformat": "d", "range": [min(first, x0) - 0.3, max(last, x1) + 0.3]},
        yaxis={"title": scale.title, "range": [0, _top(plotted) / scale.divisor * 1.3]},
    )
    figure = _layout(figure, 400)
    figure.update_layout(margin={"t": 40, "b": 10}, legend={"orientation": "h", "yanchor": "top", "y": -0.22})
    return figure


def _running_total(observed: pd.DataFrame, start: int, end: int) -> pd.Series:
    """Year -> amount achieved since the window opened (a multi-year total's progress); an upload outranks
    a document's figure for the same year."""
    inside = observed[(observed["period"] >= start) & (observed["period"] <= end)]
    if inside.empty:
        return pd.Series(dtype=float)
    chosen = inside.assign(rank=(inside["origin"] != "upload").astype(int)).sort_values(["period", "rank"])
    per_year = chosen.drop_duplicates("period").set_index("period")["value"]
    per_year.index = [int(p) for p in per_year.index]
    return per_year.cumsum()
