"""The frame every page draws first: the language switch and the page title.

Pages call `page_header` themselves (rather than app.py drawing it) so that what a page shows is
exactly what its script draws, in the browser and under AppTest alike.
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import language_switch, t


def page_header(title_key: str, caption_key: str | None = None) -> None:
    """Draw the sidebar language switch, then the page title (and an optional caption)."""
    language_switch()
    st.title(t(title_key))
    if caption_key:
        st.caption(t(caption_key))
