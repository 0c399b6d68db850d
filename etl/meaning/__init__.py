"""What a quantity means: its indicator, comparator and metric, read from the words around it.

By role: `subjects` (the words that name the indicator, enumerations, SUBJECT_RULES), `comparators`
(COMPARATOR_RULES), `metrics` (METRIC_RULES), and `clauses` (the clause walk that applies them); the words
themselves are etl.lexicon's.
"""

from etl.meaning.clauses import Reading, read_sentence
from etl.meaning.comparators import COMPARATOR_RULES
from etl.meaning.metrics import METRIC_RULES, PER_CAPITA_RE
from etl.meaning.subjects import SUBJECT_RULES, name_indicator

__all__ = ["COMPARATOR_RULES", "METRIC_RULES", "PER_CAPITA_RE", "SUBJECT_RULES", "Reading", "name_indicator",
           "read_sentence"]  # fmt: skip
