"""Plotly figures the pages draw: counts per plan, one indicator across plans, one target against its actuals.

Figures take DataFrames from `ui.data` and names in the current language; numbers are shown with
`targets.formatting` (万/亿 on axes and labels, the plan's own unit word). Every page shows a table beside each figure.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from targets import formatting as fmt
from targets.vocab import Comparator, Metric, Period, Status
from ui import safe
from ui.i18n import lang, t, word
from ui.status import STATUS_COLOURS, status_label

#: fonts that carry CJK glyphs on Windows, macOS and Debian (fonts-wqy-microhei, Noto CJK)
FONT = "Microsoft YaHei, PingFang SC, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"
#: comparator -> marker symbol: the shape says the comparator, not the colour
MARKERS: dict[str, str] = {
    Comparator.AT_LEAST: "triangle-up",
    Comparator.MORE_THAN: "triangle-up-open",
    Comparator.AT_MOST: "triangle-down",
    Comparator.LESS_THAN: "triangle-down-open",
    Comparator.ABOUT: "diamond",
    Comparator.EQUAL: "circle",
    Comparator.RANGE: "line-ew",
}


def _legend_name(comparator: str) -> str:
    """A target's legend entry: 目标 ≥, 目标 ≈ …; a plain value 目标（确定值）, a range 目标区间."""
    if comparator == Comparator.RANGE:
        return t("target_band")
    sign = fmt.comparator_sign(comparator)
    return f"{t('target')} {sign}" if sign else t("target_plain")


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
    # numbers on axes as planners write them: 2000 (not 2k), 60,000 in English; 万/亿 come from formatting.scale
    figure.update_xaxes(exponentformat="none", separatethousands=lang() == "en")
    figure.update_yaxes(exponentformat="none", separatethousands=lang() == "en")
    return figure


#: characters of a plan name on a chart axis; the full name is in the hover
LABEL_WIDTH = 40


def axis_labels(names: Mapping[str, str]) -> dict[str, str]:
    """key -> the label drawn on an axis for `names[key]`: escaped for Plotly (`ui.safe`), cut to
    LABEL_WIDTH characters, never two alike (a long plan name would squeeze the chart to nothing)."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for key, name in names.items():
        shown, k = safe.label(name, LABEL_WIDTH), 2
        while shown in taken:
            shown, k = f"{safe.label(name, LABEL_WIDTH - 3)} ·{k}", k + 1
        taken.add(shown)
        out[key] = shown
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
    shown = axis_labels({str(p): str(p) for p in [*plans, *frame[plan]]})
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
            hovertemplate=f"%{{customdata}}<br>{safe.template(value)}: %{{x}}<extra></extra>",
        )
    figure.update_layout(
        barmode="stack",
        xaxis_title=labels.get("n", "n"),
        yaxis={"categoryorder": "array", "categoryarray": [shown[str(p)] for p in plans][::-1], "title": None},
    )
    figure = _layout(figure, 140 + 45 * len(plans))
    figure.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.25, "x": 0}, margin={"t": 10})
    return figure


def status_bar(frame: pd.DataFrame, names: Mapping[str, str]) -> go.Figure:
    """Targets per plan stacked by status; the legend and hover carry icon and label, not colour alone."""
    order = {s: i for i, s in enumerate(Status)}
    shown = frame.sort_values("status", key=lambda c: c.map(order)).assign(
        plan=frame["plan_id"].map(names), label=frame["status"].map(status_label)
    )
    colours = {status_label(s): c for s, c in STATUS_COLOURS.items()}
    return counts_bar(shown, "plan", "label", {"plan": t("plan"), "n": t("count")}, list(names.values()), colours)


# --- one indicator across plans ---------------------------------------------------------------------------
# A compare figure is one panel per indicator; each panel is built from trace builders that return
# (legend key, Scatter keyword arguments) pairs, so every kind of mark is one short function.

#: a trace for one panel: the legend group it belongs to, and go.Scatter's keyword arguments
Trace = tuple[str, dict]


def _word(row: Mapping) -> str:
    """The plan's own unit word of a comparison row ("" when it has none)."""
    word = row.get("unit_word")
    return word if isinstance(word, str) else ""


def _target_text(row: Mapping, language: str) -> str:
    """A target as the plan writes it, escaped for a chart label (its unit word may be a planner's correction)."""
    text = fmt.target(
        row["comparator"], row["target"], row["target_low"], row["target_high"], row["unit"], language, _word(row)
    )
    if row.get("period") == Period.CUMULATIVE and (row.get("window_years") or 1) > 1:
        text += f" ({t('cumulative_note', start=int(row['window_start']), end=int(row['target_year']))})"
    elif not _missing(row.get("target_year")):
        text += f" ({int(row['target_year'])})"
    return safe.html(text)


def _quantity(value: object, unit: str, language: str, word: str) -> str:
    """A number with its unit word, escaped for a chart label."""
    return safe.html(fmt.quantity(value, unit, language, word))


def _panel_values(group: pd.DataFrame) -> pd.Series:
    """Every number a compare panel plots (targets, range ends, annual equivalents, baselines, actuals)."""
    columns = ("target", "target_low", "target_high", "annual_equivalent", "baseline", "actual")
    return pd.concat([group[c] for c in columns]).dropna().astype(float)


def _shared_word(group: pd.DataFrame) -> str:
    """The unit word every row of a panel writes, for its axis title; "" when the plans differ."""
    words = {_word(r) for r in group.to_dict("records")}
    return words.pop() if len(words) == 1 else ""


@dataclass(frozen=True)
class _Panel:
    """One indicator's subplot: its rows, unit, axis scale and largest value."""

    indicator: str
    group: pd.DataFrame
    unit: str
    scale: fmt.Scale
    top: float


def _panels(rows: pd.DataFrame, language: str) -> list[_Panel]:
    panels = []
    for indicator in dict.fromkeys(rows["indicator_id"]):
        group = rows[rows["indicator_id"] == indicator]
        unit = group["unit"].iloc[0]
        values = _panel_values(group)
        scale = fmt.scale(values, unit, language, _shared_word(group))
        panels.append(_Panel(indicator, group, unit, scale, values.max()))
    return panels


def _anchor_trace(categories: Sequence[str], panel: _Panel) -> dict:
    """Invisible points so that every chosen plan gets a line, also one that sets no target here."""
    anchor = panel.scale.apply(panel.top) if not pd.isna(panel.top) and panel.top > 0 else 0
    return {
        "x": [anchor] * len(categories),
        "y": list(categories),
        "mode": "markers",
        "marker": {"opacity": 0},
        "showlegend": False,
        "hoverinfo": "skip",
        "orientation": "h",
    }


def _hover(label: str, row: Mapping) -> str:
    """A target's hover: its plan's full name, its label, the sentence with the quote in bold, the document's
    title, issuer, date and line, every text escaped; a click on the point shows the sentence highlighted."""
    plan = safe.html(row.get("plan_full") or row["plan_id"])
    return f"{plan}<br>{label}<br>{sentence_hover(row)}<br>{source_hover(row)}"


def sentence_hover(row: Mapping, width: int = 36, around: int = 40) -> str:
    """The sentence around the quote, the quote in bold, broken into lines of `width` characters (escaped)."""
    sentence, quote = row.get("sentence"), row.get("quote")
    if not isinstance(sentence, str) or _missing(row.get("char_start")):
        return f"<b>{safe.html(quote)}</b>" if isinstance(quote, str) else ""
    a = max(0, int(row["char_start"]) - int(row["sentence_start"]))
    b = max(a, int(row["char_end"]) - int(row["sentence_start"]))
    left, middle, right = sentence[max(0, a - around) : a], sentence[a:b], sentence[b : b + around]
    left = ("…" if a > around else "") + left
    right += "…" if b + around < len(sentence) else ""
    pieces, line = [], ""
    for part, bold in ((left, False), (middle, True), (right, False)):
        for ch in part:
            line += f"<b>{safe.html(ch)}</b>" if bold else safe.html(ch)
            if len(re.sub(r"<[^>]+>|&#?\w+;", "x", line)) >= width:
                pieces.append(line)
                line = ""
    pieces.append(line)
    return "<br>".join(p for p in pieces if p).replace("</b><b>", "")


def source_hover(row: Mapping) -> str:
    """《title》 · issuer · date · line (escaped) of a target."""
    parts = [row.get("doc_title") or row.get("doc_id"), row.get("doc_issuer"), row.get("doc_published")]
    text = " · ".join(safe.html(x) for x in parts if isinstance(x, str) and x)
    if not _missing(row.get("page")):
        text += " · " + t("page", page=int(row["page"]))
    if not _missing(row.get("line")):
        text += " · " + t("line", line=int(row["line"]))
    return text


def _range_traces(records: list[dict], panel: _Panel, y: list[str], labels: list[str]) -> list[Trace]:
    """A range target: a bar from low to high, its label at the high end."""
    scale = panel.scale
    low = [scale.apply(r["target_low"]) or 0.0 for r in records]
    high = [scale.apply(r["target_high"]) or 0.0 for r in records]
    middle = [(a + b) / 2 for a, b in zip(low, high, strict=True)]
    hover = [_hover(lb, r) for lb, r in zip(labels, records, strict=True)]
    error = {
        "type": "data",
        "symmetric": False,
        "array": [b - m for b, m in zip(high, middle, strict=True)],
        "arrayminus": [m - a for a, m in zip(low, middle, strict=True)],
        "thickness": 8,
        "width": 10,
        "color": TARGET_COLOUR,
    }
    bar = {
        "x": middle,
        "y": y,
        "error_x": error,
        "marker": {"symbol": MARKERS[Comparator.RANGE], "size": 1, "color": TARGET_COLOUR},
        "name": t("target_band"),
        "hovertext": hover,
        "customdata": [r["target_id"] for r in records],
    }
    label = {"x": high, "y": y, "mode": "text", "text": labels, "hovertext": hover, "showlegend": False}
    return [("range", bar), ("range_label", label)]


def _target_traces(panel: _Panel, plan_names: Mapping[str, str], language: str) -> list[Trace]:
    """The targets: a marker whose shape is the comparator (a bar for a range), labelled as written."""
    traces: list[Trace] = []
    for comparator, sub in panel.group.groupby("comparator", sort=False):
        records = sub.to_dict("records")
        y = [plan_names.get(r["plan_id"], r["plan_id"]) for r in records]
        labels = [_target_text(r, language) for r in records]
        if comparator == Comparator.RANGE:
            traces += _range_traces(records, panel, y, labels)
            continue
        x = [panel.scale.apply(r["target"] if not _missing(r["target"]) else r["target_low"]) for r in records]
        marker = {"symbol": MARKERS.get(str(comparator), "circle"), "size": 15, "color": TARGET_COLOUR}
        trace = {
            "x": x,
            "y": y,
            "marker": marker,
            "text": labels,
            "name": _legend_name(str(comparator)),
            "hovertext": [_hover(lb, r) for lb, r in zip(labels, records, strict=True)],
            "customdata": [r["target_id"] for r in records],
        }
        traces.append((f"target{comparator}", trace))
    return traces


def _annual_traces(panel: _Panel, plan_names: Mapping[str, str], language: str) -> list[Trace]:
    """The annual equivalent of a multi-year total, beside it."""
    annual = panel.group[panel.group["annual_equivalent"].notna()]
    if annual.empty:
        return []
    records = annual.to_dict("records")
    labels = [
        f"{t('annual_short')} {_quantity(r['annual_equivalent'], panel.unit, language, _word(r))}" for r in records
    ]
    marker = {"symbol": "circle-open", "size": 13, "color": ANNUAL_COLOUR, "line": {"width": 2}}
    trace = {
        "x": [panel.scale.apply(r["annual_equivalent"]) for r in records],
        "y": [plan_names.get(r["plan_id"], r["plan_id"]) for r in records],
        "marker": marker,
        "text": labels,
        "name": t("annual_equivalent"),
        "hovertext": labels,
        "customdata": [r["target_id"] for r in records],
    }
    return [("annual", trace)]


def _observed_traces(panel: _Panel, plan_names: Mapping[str, str], language: str) -> list[Trace]:
    """Baselines and actuals, beside the target of their plan."""
    traces: list[Trace] = []
    for key, column, year_column, symbol, colour in (
        ("baseline", "baseline", "baseline_year", "square-open", BASELINE_COLOUR),
        ("actual", "actual", "actual_period", "x", ACTUAL_COLOUR),
    ):
        seen = panel.group[panel.group[column].notna()].drop_duplicates(["plan_id", column, year_column])
        if seen.empty:
            continue
        records = seen.to_dict("records")
        labels = [
            f"{t(key)} {_quantity(r[column], panel.unit, language, _word(r))} ({int(r[year_column])})" for r in records
        ]
        trace = {
            "x": [panel.scale.apply(r[column]) for r in records],
            "y": [plan_names.get(r["plan_id"], r["plan_id"]) for r in records],
            "marker": {"symbol": symbol, "size": 13, "color": colour, "line": {"width": 2}},
            "text": labels,
            "name": t(key),
            "hovertext": labels,
            "customdata": [r["target_id"] for r in records],
        }
        traces.append((key, trace))
    return traces


def _panel_axis(panel: _Panel, log: bool) -> dict:
    """The panel's value axis: its scale's title, linear or (levels only) logarithmic, room for the labels."""
    top, scale = panel.top, panel.scale
    logarithmic = log and not fmt.is_rate(panel.unit) and not pd.isna(top) and top > 0
    axis: dict = {"title_text": scale.title, "type": "log" if logarithmic else "linear"}
    if logarithmic:
        positive = _panel_values(panel.group)
        positive = positive[positive > 0]
        low_end = math.log10(positive.min() / scale.divisor) if positive.size else 0
        axis["range"] = [low_end - 0.3, math.log10(top / scale.divisor) + 0.6]
    elif not pd.isna(top) and top > 0:
        # room for the labels right of the markers: the longer the label, the more (22万套(间) (2023—2027年累计))
        longest = max((len(_target_text(r, lang())) for r in panel.group.to_dict("records")), default=10)
        axis["range"] = [0, top / scale.divisor * (1.2 + 0.03 * longest)]
    return axis


#: keyword arguments every mark of a compare panel shares
_MARK = {"orientation": "h", "cliponaxis": False, "mode": "markers+text", "textposition": "middle right"}


def comparison_figure(
    rows: pd.DataFrame,
    plan_order: Sequence[str],
    plan_names: Mapping[str, str],
    indicator_names: Mapping[str, str],
    log: bool = False,
    short_names: Mapping[str, str] | None = None,
) -> go.Figure:
    """One subplot per indicator (so rates and levels never share an axis), one line per chosen plan, labelled
    by its `short_names` (region, years, type) when given; the full name is in the hover.

    Values run along x (long plan names read on the left). A target is a marker whose shape is its
    comparator; a range is a bar from low to high; a multi-year total adds its annual equivalent;
    baselines and actuals stand beside the target of their plan. `log` draws level axes logarithmic
    (a district's 1200 beside a city's 22万), never rate axes. Rows that are not comparable (a target in
    another currency without a rate for its year) are left to the table.
    """
    language = lang()
    if "comparable" in rows:
        rows = rows[rows["comparable"].fillna(True).astype(bool)]
    full = {p: plan_names.get(p, p) for p in dict.fromkeys([*plan_order, *rows["plan_id"]])}
    rows = rows.assign(plan_full=rows["plan_id"].map(full))
    # plan id -> its axis label (escaped, cut); the full name is in the hover
    plan_names = axis_labels({p: (short_names or {}).get(p) or name for p, name in full.items()})
    panels = _panels(rows, language)
    metric_names = {r["indicator_id"]: r["metric"] for r in rows.to_dict("records")}
    n = len(panels)
    figure = make_subplots(
        rows=n,
        cols=1,
        subplot_titles=[
            f"{safe.html(indicator_names.get(p.indicator, p.indicator))} · {word(Metric, metric_names[p.indicator])}"
            for p in panels
        ],
        vertical_spacing=min(0.25 / max(1, n - 1), 0.6 / n) if n > 1 else 0.1,
    )
    categories = [plan_names.get(p, p) for p in plan_order]
    in_legend: set[str] = set()
    for row_no, panel in enumerate(panels, 1):
        figure.add_trace(go.Scatter(**_anchor_trace(categories, panel)), row=row_no, col=1)
        for key, trace in (
            _target_traces(panel, plan_names, language)
            + _annual_traces(panel, plan_names, language)
            + _observed_traces(panel, plan_names, language)
        ):
            shown = {"legendgroup": key, "showlegend": key not in in_legend, "hoverinfo": "text", **_MARK, **trace}
            figure.add_trace(go.Scatter(**shown), row=row_no, col=1)
            in_legend.add(key)
        figure.update_xaxes(row=row_no, col=1, **_panel_axis(panel, log))
        figure.update_yaxes(categoryorder="array", categoryarray=categories[::-1], row=row_no, col=1)
    figure.update_layout(scattermode="group", scattergap=0.3)
    figure = _layout(figure, 120 + n * (120 + 55 * len(categories)))
    figure.update_layout(
        margin={"t": 100}, legend={"orientation": "h", "yanchor": "bottom", "y": 1.0 + 45 / figure.layout.height}
    )
    return figure


# --- one target against its actuals -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """What every trace of a progress figure shares: the row, its unit and word, the scale, the x span."""

    row: Mapping
    unit: str
    word: str
    scale: fmt.Scale
    x0: float
    x1: float
    language: str

    def text(self, value: object) -> str:
        return _quantity(value, self.unit, self.language, self.word)


def _target_line(frame: _Frame) -> list[dict]:
    """The target over its window: a dashed line, or a band for a range."""
    row, scale, span = frame.row, frame.scale, [frame.x0, frame.x1]
    label = _target_text(row, frame.language)
    if row["comparator"] == Comparator.RANGE:
        low, high = scale.apply(row["target_low"]), scale.apply(row["target_high"])
        edge = {"x": span, "y": [low, low], "mode": "lines", "line": {"width": 0}, "showlegend": False}
        band = {
            "x": span,
            "y": [high, high],
            "mode": "lines",
            "fill": "tonexty",
            "line": {"width": 0},
            "fillcolor": "rgba(0,114,178,0.2)",
            "name": f"{t('target_band')} {label}",
            "hoverinfo": "name",
        }
        return [{**edge, "hoverinfo": "skip"}, band]
    value = row["target"] if not _missing(row["target"]) else row["target_low"]
    line = {"color": TARGET_COLOUR, "width": 3, "dash": "dash"}
    return [{"x": span, "y": [scale.apply(value)] * 2, "mode": "lines", "line": line, "name": f"{t('target')} {label}"}]


def _annual_line(frame: _Frame) -> list[dict]:
    """The yearly share of a multi-year total."""
    annual = frame.row.get("annual_equivalent")
    if _missing(annual):
        return []
    return [
        {
            "x": [frame.x0, frame.x1],
            "y": [frame.scale.apply(annual)] * 2,
            "mode": "lines",
            "line": {"color": ANNUAL_COLOUR, "width": 2, "dash": "dot"},
            "name": f"{t('annual_equivalent')} {frame.text(annual)}",
        }
    ]


def _required_path(frame: _Frame, end: int | None) -> list[dict]:
    """The path from the baseline to a level target (flows have none)."""
    row = frame.row
    baseline_year = row.get("baseline_year")
    level_path = row.get("metric") not in (Metric.INCREMENT, Metric.GROWTH_RATE) and not _missing(row.get("target"))
    if _missing(row.get("baseline")) or _missing(baseline_year) or not end or not level_path:
        return []
    return [
        {
            "x": [int(baseline_year), end],  # type: ignore[arg-type]
            "y": [frame.scale.apply(row["baseline"]), frame.scale.apply(row["target"])],
            "mode": "lines",
            "line": {"color": BASELINE_COLOUR, "width": 1.5, "dash": "dot"},
            "name": t("required_path"),
        }
    ]


def _points(frame: _Frame, years: Sequence[object], values: Sequence[object], style: dict, hover: list[str]) -> dict:
    """Labelled points joined by a line: observations, or a running total."""
    text = [frame.text(v) for v in values]
    return {
        "x": [int(y) for y in years],  # type: ignore[call-overload]
        "y": [frame.scale.apply(v) for v in values],
        "mode": "markers+lines+text",
        "text": text,
        "textposition": "top center",
        "hovertext": [f"{y}: {v}{h}" for y, v, h in zip(years, text, hover, strict=True)],
        "hoverinfo": "text",
        **style,
    }


def _observation_traces(frame: _Frame, observed: pd.DataFrame) -> list[dict]:
    """The observations: figures reported in documents and uploaded actuals, each with its source."""
    traces = []
    for origin, symbol, colour, name in (
        ("document", "square-open", BASELINE_COLOUR, t("observed_document")),
        ("upload", "x", ACTUAL_COLOUR, t("observed_upload")),
    ):
        points = observed[observed["origin"] == origin]
        if points.empty:
            continue
        style = {
            "marker": {"symbol": symbol, "size": 12, "color": colour, "line": {"width": 2}},
            "line": {"color": colour, "width": 1},
            "name": name,
        }
        sources = [f" · {safe.html(s)}" for s in points["source"]]
        traces.append(_points(frame, list(points["period"]), list(points["value"]), style, sources))
    return traces


def _total_trace(frame: _Frame, total: pd.Series | None) -> list[dict]:
    """A multi-year total's progress: the amount achieved since the window opened."""
    if total is None or total.empty:
        return []
    style = {
        "marker": {"symbol": "diamond-open", "size": 11, "color": TARGET_COLOUR},
        "line": {"color": TARGET_COLOUR, "width": 1.5},
        "name": t("running_total"),
    }
    return [_points(frame, list(total.index), list(total.values), style, [""] * len(total))]


def progress_figure(row: Mapping, observed: pd.DataFrame, indicator_name: str) -> go.Figure:
    """A target (line, or band for a range) over its window, the required path from the baseline, actual points."""
    language = lang()
    unit, word_ = row["unit"], _word(row)
    values = [row.get(k) for k in ("target", "target_low", "target_high", "baseline", "annual_equivalent")]
    end = int(row["target_year"]) if not _missing(row.get("target_year")) else None
    start = int(row["window_start"]) if not _missing(row.get("window_start")) else end
    years = [int(y) for y in (start, end, row.get("baseline_year"), *observed["period"]) if not _missing(y)]
    first, last = (min(years), max(years)) if years else (0, 1)
    x0, x1 = (start or first) - 0.4, (end or last) + 0.4
    scale = fmt.scale([*values, *observed["value"]], unit, language, word_)
    frame = _Frame(row, unit, word_, scale, x0, x1, language)
    cumulative = row.get("period") == Period.CUMULATIVE
    total = _running_total(observed, start, end) if cumulative and start and end else None
    figure = go.Figure()
    for trace in _target_line(frame) + _annual_line(frame) + _required_path(frame, end):
        figure.add_scatter(**{"hoverinfo": "name", **trace})
    for trace in _observation_traces(frame, observed) + _total_trace(frame, total):
        figure.add_scatter(**trace)
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


# --- a chart for a report ---------------------------------------------------------------------------------

#: image formats a chart downloads in: (format, MIME type)
IMAGE_FORMATS = {"png": "image/png", "svg": "image/svg+xml"}


def _wrapped(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters (a CJK character counts as two), its own breaks kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, size = "", 0
        for ch in paragraph:
            step = 2 if ord(ch) > 0x2E80 else 1
            if size + step > width:
                lines.append(line)
                line, size = "", 0
            line, size = line + ch, size + step
        lines.append(line)
    return lines


def image(figure: go.Figure, fmt: str, title: str, note: str, width: int = 1200) -> bytes:
    """The chart as a PNG or SVG file for a report: its title on top, the legend under it, the source note
    at the bottom. Plotly's kaleido renders it in a headless Chrome (Debian's chromium, found on the PATH);
    raises ValueError for a format other than png or svg."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"unknown image format {fmt!r} (png or svg)")
    out = go.Figure(figure)
    lines = _wrapped(note, width // 8)
    bottom = 70 + 17 * len(lines)
    height = int(out.layout.height or 450) + bottom + 60
    out.update_layout(
        title={"text": safe.html(title), "x": 0.01, "xanchor": "left", "font": {"size": 18, "family": FONT}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        margin={"t": 110, "b": bottom, "l": 20, "r": 30},
        height=height,
        paper_bgcolor="white",
    )
    out.add_annotation(
        text="<br>".join(safe.html(line) for line in lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-55,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": 12, "family": FONT, "color": "#444"},
    )
    from kaleido.errors import JavascriptError  # imported on a download only (140 ms)

    scale = 2 if fmt == "png" else 1
    try:
        return out.to_image(format=fmt, width=width, height=height, scale=scale)
    except JavascriptError:  # the page kaleido opens was not ready yet (seen on a loaded machine): once more
        return out.to_image(format=fmt, width=width, height=height, scale=scale)
