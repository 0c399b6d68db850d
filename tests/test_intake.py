"""etl.intake: a file's format is read from its content, and every refusal names the file and its reason."""

import codecs

import pytest

from etl import intake
from etl.intake import (
    EncryptedPdf,
    FileTooLarge,
    NoText,
    NotText,
    NotWhatItsNameSays,
    ScannedPdf,
    TooManyPages,
    UnsupportedFormat,
    detect,
    read_document,
    read_pasted,
)
from tests.documents import REPORT, docx_bytes, flowed_pdf, scanned_pdf

TEXT = "二、2025年主要目标任务\n地区生产总值增长6%左右，城镇新增就业5.5万人。\n"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def old_office(stream: str) -> bytes:
    """The start of an OLE compound file with one named stream, as Word/Excel 97-2003 and WPS write."""
    return OLE + bytes(500) + stream.encode("utf-16-le") + bytes(500)


# --- by content, not by name -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "found"),
    [
        (flowed_pdf(REPORT), "plan.pdf", "pdf"),
        (flowed_pdf(REPORT), "下载附件", "pdf"),  # no extension
        (docx_bytes(["地区生产总值增长6%"]), "plan.docx", "docx"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "plan.txt", "html"),  # page source saved as .txt
        (TEXT.encode(), "plan.html", "text"),  # a text file named .html is read as text
        (TEXT.encode(), "plan", "text"),
    ],
)
def test_the_format_is_read_from_the_content(data, name, found):
    assert detect(data, name) == found


def test_a_docx_named_pdf_is_read_as_word_with_a_warning():
    doc = read_document(docx_bytes(["地区生产总值增长6%左右。"]), "plan.pdf")
    assert doc.format == "docx"
    assert doc.warnings and "已按内容读取" in doc.warnings[0]


@pytest.mark.parametrize(
    ("data", "name", "what", "advice"),
    [
        (old_office("WordDocument"), "plan.doc", "Word 97-2003 或 WPS 文字文档", "另存为"),
        (old_office("WordDocument"), "plan.wps", "Word 97-2003 或 WPS 文字文档", ".docx 或 PDF"),
        (old_office("Workbook"), "plan.xls", "Excel 97-2003 或 WPS 表格文件", "另存为"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "scan.png", "图片", "带文字层的 PDF"),
        (b"{\\rtf1\\ansi hello}", "plan.rtf", "RTF 文档", "另存为"),
    ],
)
def test_formats_that_are_not_read_are_refused_with_how_to_convert_them(data, name, what, advice):
    with pytest.raises(UnsupportedFormat) as e:
        read_document(data, name)
    assert e.value.rule == "unsupported-format"
    assert e.value.message_zh.startswith(f"文件 {name} 是{what}")
    assert advice in e.value.message_zh and e.value.message_en


def test_a_doc_renamed_docx_is_not_what_its_name_says():
    with pytest.raises(NotWhatItsNameSays) as e:
        read_document(old_office("WordDocument"), "规划.docx")
    assert e.value.rule == "not-what-its-name-says"
    assert e.value.message_zh.startswith("文件 规划.docx 名为 .docx 文件，内容却是Word 97-2003 或 WPS 文字文档")
    assert "另存为" in e.value.message_zh and "Save As" in e.value.message_en


def test_a_web_page_saved_as_pdf_is_not_what_its_name_says():
    page = b"<html><head><title>404</title></head><body><p>Not Found</p></body></html>"
    with pytest.raises(NotWhatItsNameSays) as e:
        read_document(page, "附件.pdf")
    assert "下载失败" in e.value.message_zh


# --- limits --------------------------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(intake, "MAX_BYTES", 1000)
    with pytest.raises(FileTooLarge) as e:
        read_document(TEXT.encode() * 100, "big.txt")
    assert e.value.message_zh.startswith("文件 big.txt 过大")


def test_a_pdf_over_the_page_limit_is_refused(monkeypatch):
    monkeypatch.setattr(intake, "MAX_PAGES", 2)
    with pytest.raises(TooManyPages) as e:
        read_document(flowed_pdf(REPORT * 12), "long.pdf")
    assert "上限 2 页" in e.value.message_zh


def test_a_scanned_pdf_is_refused():
    with pytest.raises(ScannedPdf) as e:
        read_document(scanned_pdf(3), "扫描件.pdf")
    assert e.value.message_zh.startswith("PDF 文件 扫描件.pdf 的 3 页中没有找到文字")


def test_an_encrypted_pdf_is_refused():
    with pytest.raises(EncryptedPdf) as e:
        read_document(flowed_pdf(REPORT, encrypt="secret"), "加密.pdf")
    assert e.value.message_zh == "PDF 文件 加密.pdf 设有打开密码，无法读取；请上传未加密的文件"


def test_a_pdf_with_only_a_permissions_password_is_read():
    """Government PDFs are often locked against copying, not against opening: their text is read."""
    doc = read_document(flowed_pdf(REPORT, encrypt=""), "locked.pdf")
    assert "地区生产总值增长6%左右" in doc.original


@pytest.mark.parametrize("data", [b"", b" \n\r\n  ", codecs.BOM_UTF8 + b"\n"])
def test_a_file_without_text_is_refused(data):
    with pytest.raises(NoText):
        read_document(data, "empty.txt")


def test_bytes_that_are_no_text_are_refused():
    with pytest.raises(NotText) as e:
        read_document(bytes([0x81, 0x00, 0xFE, 0x30]) * 20, "plan.txt")
    assert e.value.message_zh.startswith("文件 plan.txt 不是 UTF-8")


# --- text ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),  # with its BOM, as Windows Notepad saves "Unicode"
    ],
)
def test_text_files_decode_in_every_encoding_plans_come_in(data, encoding):
    doc = read_document(data, "plan.txt")
    assert (doc.original, doc.encoding, doc.format) == (TEXT, encoding, "text")


def test_pasted_text_is_kept_as_it_is_and_pasted_markup_read_as_a_page():
    assert read_pasted(TEXT).original == TEXT
    page = read_pasted("<html><body><div>导航</div><article><p>" + TEXT + "</p></article></body></html>")
    assert page.format == "html" and "城镇新增就业5.5万人" in page.original
