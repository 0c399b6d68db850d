"""Progress statuses as pages show them: an icon of its own shape, the label from `targets.progress`, a colour.

The icon and the words carry the meaning; the colour only repeats it (never colour alone).
"""

from __future__ import annotations

from targets.progress import STATUS_LABELS, STATUSES
from ui.i18n import pick

#: status -> icon; each a different shape, so the status reads without colour. Plain symbols rather than
#: emoji: they render in any CJK or DejaVu font, also on machines without an emoji font.
STATUS_ICONS = {
    "achieved": "✔",
    "on_track": "↗",
    "behind": "⚠",
    "off_track": "✖",
    "no_data": "○",
}
#: status -> colour for charts (colour-blind-safe Okabe–Ito hues), always beside the icon and label
STATUS_COLOURS = {
    "achieved": "#009E73",
    "on_track": "#0072B2",
    "behind": "#E69F00",
    "off_track": "#D55E00",
    "no_data": "#999999",
}


def status_label(status: str) -> str:
    """Icon and label in the current language: "✅ 已完成" / "✅ Achieved"."""
    return f"{STATUS_ICONS.get(status, '')} {pick(STATUS_LABELS.get(status), status)}".strip()


def ordered(statuses: set[str] | list[str]) -> list[str]:
    """Statuses in the progress module's order (achieved first, no data last)."""
    return [s for s in STATUSES if s in set(statuses)]
