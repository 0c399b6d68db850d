"""What each bureau owes: the targets a plan gives a lead unit (牵头单位), each with its status.

A target decomposition (目标任务责任分解方案) or a list of 民生实事 names the lead unit of every item; one
item may name several (市住建局、市发改委), and each of them owes it. `lead_units` lists every target with a
lead unit once per unit, with the plan, the target as the plan writes it and its year; a target matched to
the indicator catalog carries its progress status and reason from `targets.compare.comparison`, any other
"未纳入指标目录" (not in the catalog: no actual can be matched to it), so nothing a bureau owes is left out.
`summary` counts the targets per unit and status; a unit is the region's (市住建局 of Chengdu is not 市住建局 of
another city), so both key it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from targets.compare import comparison, judged_statements
from targets.formatting import target, unit_word
from targets.store import Store

#: separators between several units in one cell: 市住建局、市发改委 / 市教育局，市卫健委
_SEPARATORS = re.compile(r"[、，,；;/]+")
#: the status of a target the catalog does not know (no status can be computed)
UNMATCHED = "unmatched"
COLUMNS = [
    "region",
    "lead_unit",
    "plan_id",
    "plan_name_zh",
    "plan_name_en",
    "target_id",
    "indicator",
    "indicator_id",
    "target_text",
    "target_text_en",
    "target_year",
    "status",
    "reason_zh",
    "reason_en",
    "item",
    "quote",
    "doc_id",
    "line",
    "corrected",
]


def units_of(text: object) -> list[str]:
    """The units a lead-unit cell names ("市住建局、市发改委" -> both), trimmed, without blanks."""
    if not isinstance(text, str):
        return []
    return [u.strip() for u in _SEPARATORS.split(text) if u.strip()]


def lead_units(store: Store, plans: Sequence[str] | None = None, as_of: int | None = None) -> pd.DataFrame:
    """Every target with a lead unit, one row per (unit, target), ordered by unit, plan and place."""
    quantities = store.quantities(plans=plans, kinds=["target"])
    quantities = quantities[quantities["lead_unit"].notna()]
    if quantities.empty:
        return pd.DataFrame(columns=COLUMNS)
    judged = comparison(store, plans=plans, as_of=as_of)
    by_target = {r["target_id"]: r for r in judged.to_dict("records")}
    twins = judged_statements(store, plans)
    names = store.plans().set_index("plan_id")
    rows = []
    for q in quantities.to_dict("records"):
        row = by_target.get(twins.get(q["target_id"], q["target_id"]))
        word = unit_word(q["unit_raw"], q["norm_unit"])
        texts = [
            target(q["comparator"], q["norm_value"], q["norm_low"], q["norm_high"], q["norm_unit"], lang, word)
            for lang in ("zh", "en")
        ]
        plan = names.loc[q["plan_id"]] if q["plan_id"] in names.index else None
        for unit in units_of(q["lead_unit"]):
            rows.append(
                {
                    "region": plan["region"] if plan is not None else None,
                    "lead_unit": unit,
                    "plan_id": q["plan_id"],
                    "plan_name_zh": plan["name_zh"] if plan is not None else q["plan_id"],
                    "plan_name_en": plan["name_en"] if plan is not None else q["plan_id"],
                    "target_id": q["target_id"],
                    "indicator": q["indicator"],
                    "indicator_id": q["indicator_id"],
                    "target_text": texts[0],
                    "target_text_en": texts[1],
                    "target_year": q["target_year"],
                    "status": row["status"] if row else UNMATCHED,
                    "reason_zh": row["reason_zh"] if row else "未纳入指标目录，无法与实际值对照。",
                    "reason_en": row["reason_en"] if row else "Not in the indicator catalog: no actual can match it.",
                    "item": q["item"],
                    "quote": q["quote"],
                    "doc_id": q["doc_id"],
                    "line": q["line"],
                    "corrected": q.get("corrected"),
                }
            )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["target_year"] = frame["target_year"].astype("Int64")
    order = ["region", "lead_unit", "plan_id", "doc_id", "line"]
    return frame.sort_values(order, kind="stable", na_position="last").reset_index(drop=True)


def summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Per region and lead unit: its number of targets and how many have each status (columns: the statuses)."""
    if frame.empty:
        return pd.DataFrame(columns=["region", "lead_unit", "targets"])
    frame = frame.assign(region=frame["region"].fillna(""))
    counts = frame.pivot_table(
        index=["region", "lead_unit"], columns="status", values="target_id", aggfunc="count", fill_value=0
    )
    counts.columns = [str(c) for c in counts.columns]
    counts.insert(0, "targets", counts.sum(axis=1))
    return counts.sort_values("targets", ascending=False, kind="stable").reset_index()
