"""The frame every page draws first: the language switch and the page title.

Pages call `page_header` themselves (rather than app.py drawing it) so that what a page shows is
exactly what its script draws, in the browser and under AppTest alike.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ui.i18n import language_switch, t


def _through_entry_script() -> None:
    """Make sure the page runs inside app.py's st.navigation.

    Streamlit treats a `pages/` folder beside the entry script as a legacy multipage app until the
    entry script has called st.navigation once in the process; until then a deep link (say
    /targets as the first request after start) runs the page file alone, without app.py's
    navigation. Clearing that legacy flag and rerunning sends the request through app.py.

    Streamlit has no public API for this: the flag is `PagesManager.uses_pages_directory`, which
    st.navigation itself clears. This is the one place it is touched, and
    tests/test_streamlit_internals.py fails loudly when an upgrade renames it.
    """
    if getattr(PagesManager, "uses_pages_directory", None):
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_header(title_key: str, caption_key: str | None = None) -> None:
    """Draw the sidebar language switch, then the page title (and an optional caption)."""
    _through_entry_script()
    language_switch()
    st.title(t(title_key))
    if caption_key:
        st.caption(t(caption_key))
