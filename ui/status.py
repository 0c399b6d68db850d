"""Progress statuses as pages show them: an icon of its own shape, the label from `targets.vocab`, a colour.

The icon and the words carry the meaning; the colour only repeats it (never colour alone).
"""

from __future__ import annotations

from targets.vocab import Status, label_of
from ui.i18n import word

#: status -> icon; each a different shape, so the status reads without colour. Plain symbols rather than
#: emoji: they render in any CJK or DejaVu font, also on machines without an emoji font.
STATUS_ICONS: dict[str, str] = {
    Status.ACHIEVED: "✔",
    Status.MISSED: "✖",
    Status.ON_TRACK: "↗",
    Status.BEHIND: "⚠",
    Status.NO_BASELINE: "?",
    Status.NO_DATA: "○",
    Status.NOT_COMPARABLE: "≠",
    Status.SCOPED: "◐",
}
#: status -> colour for charts (colour-blind-safe Okabe–Ito hues), always beside the icon and label
STATUS_COLOURS: dict[str, str] = {
    Status.ACHIEVED: "#009E73",
    Status.MISSED: "#D55E00",
    Status.ON_TRACK: "#0072B2",
    Status.BEHIND: "#E69F00",
    Status.NO_BASELINE: "#56B4E9",
    Status.NO_DATA: "#999999",
    Status.NOT_COMPARABLE: "#CC79A7",
    Status.SCOPED: "#BBBBBB",
}


def status_label(status: str, language: str | None = None) -> str:
    """Icon and label in `language` (default the current one): "✅ 已完成" / "✅ Achieved". A table passes
    the language it looked up once, not once per row."""
    text = word(Status, status) if language is None else label_of(Status, status, language)
    return f"{STATUS_ICONS.get(status, '')} {text}".strip()


def ordered(statuses: set[str] | list[str]) -> list[str]:
    """Statuses in the progress module's order (achieved first, no data last)."""
    return [s for s in Status if s in set(statuses)]
