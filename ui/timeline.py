"""The Timeline page's chart and table: one region, one indicator, every plan's target and every source's figure.

`figure` draws years along x: each target a marker whose shape is its comparator (a range a bar from
low to high, a multi-year target a line over its window), the observations used as a line, and the
other sources' figures for the same years as hollow markers beside it, so a disagreement shows.
`rows` lists the same in a table, one row per target and per observation, each with the reference
`source` needs to show its sentence (highlighted) or its upload batch and row.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from targets import formatting as fmt
from targets.origins import origin_label
from ui.charts import ACTUAL_COLOUR, BASELINE_COLOUR, FONT, MARKERS, TARGET_COLOUR
from ui.highlight import highlight, plain
from ui.i18n import lang, t
from ui.status import STATUS_COLOURS, status_label


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and pd.isna(x)) or x is pd.NA


def _value(row: Mapping) -> float | None:
    """The number a target is drawn at: its value, else its range's low end."""
    return row["target"] if not _missing(row["target"]) else row["target_low"]


def figure(targets: pd.DataFrame, observations: pd.DataFrame, title: str, unit: str) -> go.Figure:
    """Targets (markers, bands, windows) and observations (the used ones as a line, the others hollow)."""
    language = lang()
    values = [*targets["target"], *targets["target_low"], *targets["target_high"], *observations["value"]]
    scale = fmt.scale(values, unit, language)
    fig = go.Figure()
    for record in targets.to_dict("records"):
        _add_target(fig, record, scale, unit, language)
    used = observations[observations["used"].astype(bool)].sort_values("period")
    if not used.empty:
        text = [fmt.quantity(v, unit, language) for v in used["value"]]
        fig.add_scatter(
            x=[int(p) for p in used["period"]],
            y=[scale.apply(v) for v in used["value"]],
            mode="lines+markers+text",
            line={"color": ACTUAL_COLOUR, "width": 2},
            marker={"symbol": "x", "size": 11, "color": ACTUAL_COLOUR},
            text=text,
            textposition="top center",
            name=t("tl_observed"),
            hovertext=[_observation_hover(r, v, language) for r, v in zip(used.to_dict("records"), text, strict=True)],
            hoverinfo="text",
        )
    others = observations[~observations["used"].astype(bool) & observations["value"].notna()]
    if not others.empty:
        text = [fmt.quantity(v, unit, language) for v in others["value"]]
        fig.add_scatter(
            x=[int(p) + 0.12 for p in others["period"]],  # beside the used figure, not on it
            y=[scale.apply(v) for v in others["value"]],
            mode="markers",
            marker={"symbol": "circle-open", "size": 10, "color": BASELINE_COLOUR, "line": {"width": 2}},
            name=t("tl_other_sources"),
            hovertext=[
                _observation_hover(r, v, language) for r, v in zip(others.to_dict("records"), text, strict=True)
            ],
            hoverinfo="text",
        )
    fig.update_layout(
        title={"text": html.escape(title), "font": {"size": 15}},
        font={"family": FONT},
        height=440,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
        hoverlabel={"font": {"family": FONT}},
        xaxis={"title": t("year"), "dtick": 1, "tickformat": "d"},
        yaxis={"title": scale.title, "rangemode": "tozero", "exponentformat": "none"},
    )
    return fig


def _add_target(fig: go.Figure, row: Mapping, scale: fmt.Scale, unit: str, language: str) -> None:
    if _missing(row["target_year"]):
        return
    year = int(row["target_year"])
    label = fmt.target(row["comparator"], row["target"], row["target_low"], row["target_high"], unit, language)
    hover = (
        f"{html.escape(str(row['plan_name_en' if language == 'en' else 'plan_name_zh']))}<br>{label} ({year})"
        f"<br>{status_label(row['status'])}<br>{html.escape(str(row['quote']))} "
        f"({html.escape(str(row['doc_id']))}:{row['line']})"
    )
    colour = STATUS_COLOURS.get(row["status"], TARGET_COLOUR)
    start = row.get("window_start")
    if start is not None and not _missing(start) and int(start) < year and not _missing(_value(row)):
        fig.add_scatter(  # a multi-year target: a thin line over its window
            x=[int(start), year],
            y=[scale.apply(_value(row))] * 2,
            mode="lines",
            line={"color": TARGET_COLOUR, "width": 1, "dash": "dot"},
            showlegend=False,
            hoverinfo="skip",
        )
    symbol = MARKERS.get(row["comparator"], "circle")
    if row["comparator"] == "range" and not _missing(row["target_low"]) and not _missing(row["target_high"]):
        low, high = float(row["target_low"]) / scale.divisor, float(row["target_high"]) / scale.divisor
        fig.add_scatter(
            x=[year],
            y=[(low + high) / 2],
            mode="markers",
            marker={"symbol": "line-ew", "size": 1, "color": colour},
            error_y={"type": "data", "array": [(high - low) / 2], "thickness": 8, "width": 10, "color": colour},
            name=t("target_band"),
            legendgroup="range",
            showlegend=False,
            hovertext=[hover],
            hoverinfo="text",
        )
        return
    if _missing(_value(row)):
        return
    fig.add_scatter(
        x=[year],
        y=[scale.apply(_value(row))],
        mode="markers",
        marker={"symbol": symbol, "size": 15, "color": colour, "line": {"width": 1, "color": TARGET_COLOUR}},
        name=f"{t('target')} {fmt.comparator_sign(row['comparator'])}".strip(),
        legendgroup=f"target{row['comparator']}",
        showlegend=False,
        hovertext=[hover],
        hoverinfo="text",
    )


def _observation_hover(row: Mapping, value_text: str, language: str) -> str:
    source = row["source_title"] if isinstance(row["source_title"], str) else ""
    return (
        f"{int(row['period'])}: {value_text}<br>{origin_label(row['origin'], language)} · "
        f"{html.escape(source)} ({html.escape(str(row['where']))})"
    )


#: the table's columns, by label key
TABLE_KEYS = ("year", "tl_what", "tl_plan_or_source", "value", "tl_horizon", "status", "origin", "where")


def rows(targets: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """One row per target and per observation, by year: what it is, whose, the value, status or origin, place.

    The columns are the current language's labels plus `ref`, a key into `references`.
    """
    language = lang()
    out = []
    for i, r in enumerate(targets.to_dict("records")):
        target = fmt.target(r["comparator"], r["target"], r["target_low"], r["target_high"], r["unit"], language)
        horizon = (
            f"{int(r['window_start'])}–{int(r['target_year'])}"
            if not _missing(r["window_start"]) and not _missing(r["target_year"])
            else ""
        )
        out.append(
            {
                "year": None if _missing(r["target_year"]) else int(r["target_year"]),
                "tl_what": t("target"),
                "tl_plan_or_source": r["plan_name_en" if language == "en" else "plan_name_zh"],
                "value": target,
                "tl_horizon": horizon,
                "status": status_label(r["status"]),
                "origin": "",
                "where": f"{r['doc_id']}:{int(r['line'])}",
                "ref": f"t{i}",
                "order": 0,
            }
        )
    for i, r in enumerate(observations.to_dict("records")):
        value = fmt.quantity(r["value"], r["unit"], language) if not _missing(r["value"]) else "—"
        if not _missing(r["comparator"]) and r["comparator"] not in ("=", "~"):
            value = f"{fmt.comparator_sign(r['comparator'])} {value}".strip()
        out.append(
            {
                "year": int(r["period"]),
                "tl_what": t("tl_used") if r["used"] else t("tl_not_used"),
                "tl_plan_or_source": r["source_title"] if isinstance(r["source_title"], str) else "",
                "value": value,
                "tl_horizon": "",
                "status": "",
                "origin": origin_label(r["origin"], language),
                "where": r["where"],
                "ref": f"o{i}",
                "order": 1 + int(r["rank"]),
            }
        )
    if not out:
        return pd.DataFrame(columns=[*(t(k) for k in TABLE_KEYS), "ref"])
    frame = pd.DataFrame(out).sort_values(["year", "order"], kind="stable", na_position="last")
    frame["year"] = frame["year"].astype("Int64")
    shown = frame[[*TABLE_KEYS, "ref"]].reset_index(drop=True)
    shown.columns = [*(t(k) for k in TABLE_KEYS), "ref"]
    return shown


def references(targets: pd.DataFrame, observations: pd.DataFrame) -> dict[str, dict]:
    """ref -> the row's record (a comparison row for a target, an observation for a figure)."""
    refs = {f"t{i}": {**r, "ref_kind": "target"} for i, r in enumerate(targets.to_dict("records"))}
    refs.update({f"o{i}": {**r, "ref_kind": "observation"} for i, r in enumerate(observations.to_dict("records"))})
    return refs


def used_reference(row: Mapping) -> dict:
    """The observation a comparison row was judged on (its `actual_*` fields), in the shape `source` reads."""
    return {
        "ref_kind": "observation",
        "batch_id": row.get("actual_batch_id"),
        "file_name": row.get("actual_source"),
        "row_no": row.get("actual_row"),
        "uploaded_by": row.get("actual_uploaded_by"),
        "doc_id": row.get("actual_doc_id"),
        "line": row.get("actual_line"),
        "sentence": row.get("actual_sentence"),
        "sentence_start": row.get("actual_sentence_start"),
        "char_start": row.get("actual_char_start"),
        "char_end": row.get("actual_char_end"),
    }


def source(record: Mapping, titles: Mapping[str, str]) -> tuple[str | None, str]:
    """(HTML of the sentence with the quote highlighted, or None for an upload; a caption of where it is).

    The caption is escaped for Streamlit markdown; the HTML escapes every character of the document.
    """
    if record["ref_kind"] == "observation" and isinstance(record.get("batch_id"), str):
        parts = [
            f"{t('batch')} {plain(record['batch_id'])}",
            f"{t('file')} {plain(record.get('file_name') or '')}",
            t("line_of_file", row=int(record["row_no"])),
        ]
        if isinstance(record.get("uploaded_by"), str) and record["uploaded_by"]:
            parts.append(f"{t('uploaded_by')} {plain(record['uploaded_by'])}")
        for key in ("source", "note"):
            if isinstance(record.get(key), str) and record[key]:
                parts.append(f"{t(key)}: {plain(record[key])}")
        return None, " · ".join(parts)
    sentence = record.get("sentence")
    if not isinstance(sentence, str) or _missing(record.get("char_start")):
        return None, ""
    marked = highlight(sentence, int(record["sentence_start"]), int(record["char_start"]), int(record["char_end"]))
    doc_id = record["doc_id"]
    caption = f"{plain(titles.get(doc_id, ''))} ({plain(doc_id)}) · {t('line', line=int(record['line']))}"
    return marked, caption
