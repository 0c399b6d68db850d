"""Paragraph offsets: text offsets and original offsets map onto each other across joined lines."""

from etl.document import SourceDocument
from etl.segment import segment


def test_text_offset_inverts_original_offset_across_lines():
    text = "一、目标\n  到2027年，中心城区绿化覆盖率\n达到45%，全市森林\n覆盖率达到41%。\n"
    (paragraph,) = segment(SourceDocument.from_text("plan.txt", text))
    assert len(paragraph.lines) == 3
    # (the paragraph text is normalised: ， may read as , so characters are not compared)
    for i in range(len(paragraph.text)):
        assert paragraph.text_offset(paragraph.original_offset(i)) == i
