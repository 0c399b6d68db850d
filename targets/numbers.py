"""Numbers as Chinese plans write them: 7.5, 1,200, １２．５, 一万五千, 两千, 十余, 百分之四十一, 五点五, 1.2万亿.

`parse_number` turns one written number into a float. Magnitude words that end a number
(万, 亿, 万亿, 千万 ...) are split off by `split_magnitude`, because the extraction contract keeps
them with the unit ("30.7万亩": value 30.7, unit 万亩).
"""

from __future__ import annotations

import re

# Full-width ASCII (digits, ％, ．, ，) map one-to-one onto ASCII, so offsets survive the mapping.
FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})
_HAS_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")

DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "俩": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

#: magnitude words in the order they are tried (longest first)
MAGNITUDES: dict[str, float] = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "十亿": 1e9,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
    "千": 1e3,
    "百": 1e2,
}

CN_DIGIT_CHARS = "".join(DIGITS)
CN_NUMERAL_CHARS = CN_DIGIT_CHARS + "".join(SMALL_UNITS) + "".join(BIG_UNITS)

#: an Arabic number: digits with optional thousands separators (a comma, or the space of a PDF's text: 8 960) and
#: decimals
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u2009]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
#: a Chinese numeral: at least one digit or 十 (so 万 or 百 alone are not numbers)
CHINESE = rf"[{CN_NUMERAL_CHARS}]*[{CN_DIGIT_CHARS}十拾][{CN_NUMERAL_CHARS}]*"
NUMBER_RE = re.compile(rf"(?:{ARABIC})|(?:{CHINESE})")


class NotANumber(ValueError):
    """The text is not a number this parser understands."""


def normalise_digits(text: str) -> str:
    """Map full-width digits and punctuation to ASCII, one character for one."""
    # translate looks every character up: most lines of a plan hold no full-width character at all
    return text.translate(FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text


def _parse_chinese_section(text: str) -> int:
    """A numeral below 10,000 (一千二百三十四, 十五, 三千五 = 3500)."""
    total, digit, last_unit = 0, None, None
    for ch in text:
        if ch in "零〇○" and digit is None:
            last_unit = None  # 一百零五: the zero says the next digit is in units
            continue
        if ch in DIGITS:
            digit = DIGITS[ch] if digit is None else digit * 10 + DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            raise NotANumber(text)
    if digit is not None:
        # 三千五 means 3500: a trailing digit after a unit counts in the next smaller unit
        total += digit * (last_unit // 10) if last_unit and digit < 10 else digit
    return total


def parse_chinese(text: str) -> float:
    """Parse a Chinese numeral: 一万五千 -> 15000, 两千 -> 2000, 二〇三五 -> 2035, 一万五 -> 15000."""
    if not text:
        raise NotANumber(text)
    if all(ch in DIGITS for ch in text) and len(text) > 1:
        return float(int("".join(str(DIGITS[ch]) for ch in text)))  # digit by digit: 二〇三五
    total, section, last_big = 0, "", None
    for ch in text:
        if ch in BIG_UNITS:
            value = _parse_chinese_section(section) if section else (1 if total == 0 else 0)
            big = BIG_UNITS[ch]
            if last_big is not None and big > last_big:
                total = (total + value) * big  # 一万亿: the 万 multiplies on into 亿
            else:
                total += value * big
            section, last_big = "", big
        else:
            section += ch
    if section:
        if last_big and len(section) == 1 and section in DIGITS:
            total += DIGITS[section] * last_big // 10  # 一万五 = 15000
        else:
            total += _parse_chinese_section(section)
    return float(total)


def parse_number(text: str) -> float:
    """Parse one written number, Arabic, Chinese or mixed: "1,200" "１２．５" "1.2万亿" "百分之四十一".

    Raises NotANumber for anything else.
    """
    t = re.sub(r"[ \u00a0\u2009]", "", normalise_digits(text).strip())
    if not t:
        raise NotANumber(text)
    if t in ("百分之百", "百分之一百"):
        return 100.0  # 百分之百: "a hundred per cent", the 百 alone is the number
    if t.startswith("百分之"):
        return parse_number(t[3:])
    if t.startswith("千分之"):
        return parse_number(t[3:])
    decimal = re.fullmatch(rf"([{CN_NUMERAL_CHARS}]+)点([{CN_DIGIT_CHARS}]+)([万亿萬億]*)", t)
    if decimal:
        # 五点五, 三点二万: a Chinese decimal reads its digits after 点 one by one
        whole, digits, magnitude = decimal.groups()
        value = parse_chinese(whole) + float("0." + "".join(str(DIGITS[ch]) for ch in digits))
        for ch in magnitude:
            value *= BIG_UNITS[ch]
        return value
    m = re.fullmatch(rf"({ARABIC})(.*)", t)
    if m:
        value = float(m.group(1).replace(",", ""))
        rest = m.group(2)
        while rest:
            for word, factor in MAGNITUDES.items():
                if rest.startswith(word):
                    value *= factor
                    rest = rest[len(word) :]
                    break
            else:
                raise NotANumber(text)
        return value
    if all(ch in CN_NUMERAL_CHARS for ch in t) and re.search(f"[{CN_DIGIT_CHARS}十拾]", t):
        return parse_chinese(t)
    raise NotANumber(text)


def split_magnitude(number_text: str) -> tuple[str, str]:
    """Split trailing magnitude words off a written number: "30.7万" -> ("30.7", "万"), "千万" -> ("千", "万").

    Only 万/亿 (and their compounds) are split off a Chinese numeral: 一千五百 keeps its 千 and 百.
    For Arabic numbers 千 and 百 split off too ("3千" -> ("3", "千")).
    """
    t = number_text
    if re.match(r"[\d０-９]", t):
        m = re.match(rf"((?:{ARABIC})|[０-９，．]+)(.*)$", t)
        if m and all(w in MAGNITUDES for w in _words(m.group(2))):
            return m.group(1), m.group(2)
        return t, ""
    i = len(t)
    while i > 0 and t[i - 1] in "万亿萬億":
        i -= 1
    if 0 < i < len(t):
        return t[:i], t[i:]
    return t, ""


def _words(rest: str) -> list[str]:
    words = []
    while rest:
        for word in MAGNITUDES:
            if rest.startswith(word):
                words.append(word)
                rest = rest[len(word) :]
                break
        else:
            return ["?"]
    return words
