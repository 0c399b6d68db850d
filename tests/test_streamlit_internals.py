"""The one Streamlit internal the app relies on, checked so that an upgrade fails here, loudly.

ui/layout.py sends a deep link (/targets as the first request) through app.py's st.navigation by
clearing `PagesManager.uses_pages_directory`, the legacy multipage flag that st.navigation clears
itself. No public API does this; if a Streamlit release renames or drops the flag, deep links would
silently run a page without the app's navigation, so this test names the flag and where it lives.
"""

import inspect

import streamlit
from streamlit.commands import navigation
from streamlit.runtime.pages_manager import PagesManager


def test_the_legacy_pages_flag_is_where_ui_layout_clears_it():
    assert "uses_pages_directory" in vars(PagesManager), (
        f"Streamlit {streamlit.__version__} has no PagesManager.uses_pages_directory: "
        "ui/layout.py _through_entry_script needs another way to route deep links through app.py"
    )


def test_st_navigation_still_clears_the_same_flag():
    assert "PagesManager.uses_pages_directory = False" in inspect.getsource(navigation), (
        f"Streamlit {streamlit.__version__}: st.navigation no longer clears uses_pages_directory; "
        "check ui/layout.py _through_entry_script against the new behaviour"
    )
