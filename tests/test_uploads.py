"""What the 個人番号 guard reads in an uploaded file (core/uploads.py)."""

import codecs
import io

import openpyxl
import pytest

from mynumber_card.core.uploads import decoded, is_read, upload_holds_individual_number

NUMBER = "1234.5678 9018"  # a valid 個人番号, odd separators


def workbook(*rows, sheet_title=None) -> bytes:
	book = openpyxl.Workbook()
	sheet = book.create_sheet(sheet_title) if sheet_title else book.active
	for row in rows:
		sheet.append(row)
	buffer = io.BytesIO()
	book.save(buffer)
	return buffer.getvalue()


@pytest.mark.parametrize(
	"content",
	[
		f"番号 {NUMBER}".encode(),
		codecs.BOM_UTF8 + f"番号 {NUMBER}".encode(),
		f"番号 {NUMBER}".encode("utf-16"),
		f"番号 {NUMBER}".encode("cp932"),
		f"番号 {NUMBER}",
	],
)
def test_text_in_every_encoding_an_office_uses(content):
	assert "9018" in decoded(content)
	assert upload_holds_individual_number("memo.txt", content)


@pytest.mark.parametrize(
	"name", ["a.txt", "B.CSV", "c.tsv", "d.json", "e.xml", "f.html", "g.htm", "h.md", "i.xlsx"]
)
def test_the_kinds_read(name):
	assert is_read(name)
	assert upload_holds_individual_number(
		name, workbook(["", NUMBER]) if name.endswith("xlsx") else NUMBER.encode()
	)


@pytest.mark.parametrize("name", ["photo.jpg", "scan.pdf", "archive.zip", "", None])
def test_other_kinds_are_not_read(name):
	assert not is_read(name)
	assert not upload_holds_individual_number(name, NUMBER.encode())


def test_html_files_are_read_as_they_show():
	assert upload_holds_individual_number("page.html", b"<span>1234</span>&nbsp;<b>5678</b>&#32;9018")


def test_every_sheet_and_excel_numbers_are_read():
	assert upload_holds_individual_number("list.xlsx", workbook(["山田", NUMBER], sheet_title="二枚目"))
	assert upload_holds_individual_number("list.xlsx", workbook(["山田", 123456789018]))
	# an Excel number that lost its leading zero: 012345678903 has a valid check digit
	assert upload_holds_individual_number("list.xlsx", workbook(["山田", 12345678903]))
	assert not upload_holds_individual_number("list.xlsx", workbook(["山田", "090-1234-5678", 123456789012]))


def test_harmless_and_unreadable_files_pass():
	assert not upload_holds_individual_number("contact.csv", "電話,090-1234-5678\n".encode("cp932"))
	assert not upload_holds_individual_number("list.xlsx", b"not a workbook")
	assert not upload_holds_individual_number("memo.txt", b"")
	assert upload_holds_individual_number("memo.txt", b"\x81\xff garbage 123456789018")  # no encoding fits


def test_table_cells_and_paragraphs_are_separate_numbers():
	assert not upload_holds_individual_number(
		"page.html", b"<tr><td>1234</td><td>5678</td><td>9018</td></tr>"
	)
	assert not upload_holds_individual_number("page.html", b"<p>0280-22-1234</p><p>56</p>")
