"""The peer extractor: Microsoft Recognizers-Text, Chinese number-with-unit and percentage models.

`recognizers-text-number-with-unit` 1.0.2a2 (2019, the last release) installs on Python 3.11 but
imports `UNICODE_EMOJI` from `emoji`, which emoji 2.0 removed: the `bench` extra pins `emoji<2`
so it runs. It finds currency, dimension (length, area, mass…), age and temperature quantities;
its number package adds percentages. It works on short utterances, so it is fed line by line.
"""

from __future__ import annotations

from typing import Any

NAME = "recognizers-text-number-with-unit (Chinese)"


def load() -> tuple[Any | None, str]:
    """(models, "") when the peer imports, else (None, why not)."""
    try:
        from recognizers_number import NumberRecognizer
        from recognizers_number_with_unit import NumberWithUnitRecognizer
        from recognizers_text import Culture
    except ImportError as e:
        return None, f"not installed or not importable: {e}"
    except Exception as e:  # an old alpha may fail in other ways on a new Python
        return None, f"fails on import: {type(e).__name__}: {e}"
    try:
        units = NumberWithUnitRecognizer(Culture.Chinese)
        models = [
            units.get_currency_model(),
            units.get_dimension_model(),
            units.get_age_model(),
            units.get_temperature_model(),
            NumberRecognizer(Culture.Chinese).get_percentage_model(),
        ]
    except Exception as e:
        return None, f"fails to build its Chinese models: {type(e).__name__}: {e}"
    return models, ""


def scan(models: list[Any], text: str) -> int:
    """Quantities the peer finds in a text, line by line (as utterances); returns how many."""
    found = 0
    for line in text.split("\n"):
        if line.strip():
            for model in models:
                found += len(model.parse(line))
    return found
