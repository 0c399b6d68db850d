"""Why a file cannot be read as a plan: one exception per condition, each with a Chinese-first message
that names the file and says what to do, and a kebab-case rule id the add-a-plan report shows."""

from __future__ import annotations


class IntakeError(ValueError):
    """A file cannot be read as a plan document."""

    rule = "unreadable-file"

    def __init__(self, file_name: str, zh: str, en: str) -> None:
        self.file_name = file_name
        self.message_zh = zh
        self.message_en = en
        super().__init__(f"{zh} / {en}")


class FileTooLarge(IntakeError):
    """The file is larger than the intake reads (`etl.intake.MAX_BYTES`)."""

    rule = "file-too-large"

    def __init__(self, file_name: str, size: int, limit: int) -> None:
        mb, limit_mb = size / 1e6, limit / 1e6
        super().__init__(
            file_name,
            f"文件 {file_name} 过大（{mb:.1f} MB），上限 {limit_mb:.0f} MB",
            f"{file_name} is too large ({mb:.1f} MB; the limit is {limit_mb:.0f} MB)",
        )


class TooManyPages(IntakeError):
    """A PDF has more pages than the intake reads (`etl.intake.MAX_PAGES`)."""

    rule = "too-many-pages"

    def __init__(self, file_name: str, pages: int, limit: int) -> None:
        super().__init__(
            file_name,
            f"PDF 文件 {file_name} 有 {pages} 页，上限 {limit} 页；请只上传规划正文部分",
            f"The PDF {file_name} has {pages} pages (the limit is {limit}); upload the plan's own pages",
        )


class EncryptedPdf(IntakeError):
    """A PDF that opens only with a password."""

    rule = "encrypted-pdf"

    def __init__(self, file_name: str) -> None:
        super().__init__(
            file_name,
            f"PDF 文件 {file_name} 设有打开密码，无法读取；请上传未加密的文件",
            f"The PDF {file_name} needs a password to open; upload an unencrypted copy",
        )


class ScannedPdf(IntakeError):
    """A PDF whose pages are images: no text layer to read (OCR is not part of the intake)."""

    rule = "scanned-pdf"

    def __init__(self, file_name: str, pages: int) -> None:
        super().__init__(
            file_name,
            f"PDF 文件 {file_name} 的 {pages} 页中没有找到文字（可能是扫描件，只有图片）；"
            "请上传带文字层的 PDF、Word 文件或粘贴文字",
            f"No text found in the {pages} pages of the PDF {file_name} (a scan: images only); "
            "upload a PDF with a text layer, a Word file, or paste the text",
        )


class GarbledPdf(IntakeError):
    """A PDF whose text layer does not decode to characters (fonts without a Unicode map)."""

    rule = "garbled-pdf"

    def __init__(self, file_name: str, share: float) -> None:
        super().__init__(
            file_name,
            f"PDF 文件 {file_name} 的文字层无法识别（{share:.0%} 的字符没有编码映射）；"
            "请用原始 Word/WPS 文件重新导出 PDF，或上传 .docx",
            f"The text layer of the PDF {file_name} cannot be decoded ({share:.0%} of its characters have no "
            "Unicode mapping); export the PDF again from the Word/WPS original, or upload the .docx",
        )


class DamagedFile(IntakeError):
    """The file says it is a PDF or Word file but cannot be opened as one."""

    rule = "damaged-file"

    def __init__(self, file_name: str, kind: str, detail: str = "") -> None:
        super().__init__(
            file_name,
            f"文件 {file_name} 是损坏的 {kind} 文件，无法打开" + (f"（{detail}）" if detail else ""),
            f"{file_name} is a damaged {kind} file and cannot be opened" + (f" ({detail})" if detail else ""),
        )


class UnsupportedFormat(IntakeError):
    """A format the intake does not read as a plan (.doc, .wps, .xls, images ...), with how to convert it."""

    rule = "unsupported-format"

    def __init__(self, file_name: str, what_zh: str, what_en: str, advice_zh: str, advice_en: str) -> None:
        super().__init__(
            file_name,
            f"文件 {file_name} 是{what_zh}，无法作为规划读取。{advice_zh}",
            f"{file_name} is {what_en}, which cannot be read as a plan. {advice_en}",
        )


class NotWhatItsNameSays(IntakeError):
    """The file's name says one format and its content is another that cannot stand in for it."""

    rule = "not-what-its-name-says"

    def __init__(self, file_name: str, named: str, what_zh: str, what_en: str, advice_zh: str, advice_en: str) -> None:
        super().__init__(
            file_name,
            f"文件 {file_name} 名为 {named} 文件，内容却是{what_zh}。{advice_zh}",
            f"{file_name} is named as a {named} file but holds {what_en}. {advice_en}",
        )


class NotText(IntakeError):
    """The bytes are not text in any encoding the intake reads (UTF-8, GB18030/GBK, UTF-16 with BOM)."""

    rule = "not-text"

    def __init__(self, file_name: str) -> None:
        super().__init__(
            file_name,
            f"文件 {file_name} 不是 UTF-8、GB18030（GBK）或带 BOM 的 UTF-16 文本",
            f"{file_name} is not UTF-8, GB18030 (GBK) or UTF-16 (with BOM) text",
        )


class NoText(IntakeError):
    """The file opened but holds no text."""

    rule = "no-text"

    def __init__(self, file_name: str, kind: str) -> None:
        super().__init__(file_name, f"{kind} 文件 {file_name} 中没有文字", f"The {kind} file {file_name} holds no text")
