"""Dashboard-side helpers shared by the pages: cached data access, widgets, labels, charts."""
