"""Plain text files: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (which covers GBK and GB2312)."""

from __future__ import annotations

import codecs

#: byte-order marks and the encoding each announces
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
ENCODINGS = ("utf-8", "gb18030")


class UndecodableText(ValueError):
    """The bytes are not text in any encoding the project reads."""


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of text bytes: a BOM decides, else UTF-8, else GB18030.

    Raises UndecodableText (bytes with NULs outside UTF-16, or valid in none of them).
    """
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as e:
                raise UndecodableText(f"not {name} text after its byte-order mark") from e
    if b"\x00" in data[:8192]:
        raise UndecodableText("binary data (NUL bytes)")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UndecodableText("not UTF-8 or GB18030 text")
