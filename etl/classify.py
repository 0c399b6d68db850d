"""Give each extracted quantity its place in the indicator catalog (data/indicators.toml).

The catalog decides, from the indicator text, the canonical unit and the metric together; a
quantity that fits no catalog indicator keeps `indicator_id` None but always gets a category.
"""

from __future__ import annotations

from targets.catalog import Catalog, load_catalog
from targets.model import Quantity


def _context(target: Quantity) -> str:
    """Words around a target that may name its field when the indicator does not: sentence, then section."""
    return f"{target.sentence} {target.section}"


def classify(targets: list[Quantity], catalog: Catalog | None = None) -> list[Quantity]:
    """Set `indicator_id` and `category` on every target (in place) and return the list."""
    catalog = catalog or load_catalog()
    for target in targets:
        indicator = catalog.match(target.indicator, target.norm_unit, target.metric)
        target.indicator_id = indicator.id if indicator else None
        target.category = (
            indicator.category
            if indicator
            else catalog.category_for(target.indicator, target.norm_unit, target.metric, _context(target))
        )
    return targets
