"""ui.highlight: a document's text is always escaped; the quote is marked, also across a line break."""

from ui.highlight import context, highlight


def test_document_text_is_escaped_around_and_inside_the_quote():
    sentence = "<script>alert(1)</script>新增绿地<b>1800</b>公顷。"
    start = sentence.index("<b>")
    out = highlight(sentence, 100, 100 + start, 100 + start + len("<b>1800</b>公顷"))
    assert "<script>" not in out and "<b>" not in out
    assert "<mark>&lt;b&gt;1800&lt;/b&gt;公顷</mark>" in out


def test_context_numbers_lines_and_marks_a_quote_broken_over_two_lines():
    text = "第一行\n到2027年新增\n就业300万人\n第四行\n第五行"
    out = context(text, text.index("新增"), text.index("万人") + 2, around=1)
    assert "到2027年<mark>新增</mark>" in out and "<mark>就业300万人</mark>" in out
    assert "第一行" in out and "第四行" in out and "第五行" not in out
    assert ">    2</span>" in out and ">    4</span>" in out


def test_context_escapes_markup():
    text = "a<img src=x onerror=alert(1)>b 6万套"
    out = context(text, text.index("6万套"), len(text))
    assert "<img" not in out and "&lt;img" in out
