"""Rows of an uploaded spreadsheet (xlsx or csv), read in memory one at a time: nothing is written
to disk, so a 個人番号 in the file is never stored before the rows are checked.

CSV files from Japanese offices come as UTF-8 (with or without BOM) or as Shift_JIS (cp932, what
Excel on Windows writes); the encoding is found by decoding, not guessed from the bytes' look.
"""

import codecs
import csv
import io
from collections.abc import Iterator

XLSX = "xlsx"
CSV = "csv"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, or an xlsx protected with a password
_CSV_ENCODINGS = ("utf-8", "cp932")
_DECODE_STEP = 1 << 16


class SpreadsheetError(ValueError):
	"""The file cannot be read. `code` says why (the shell turns it into a message)."""

	def __init__(self, code: str):
		super().__init__(code)
		self.code = code


def file_kind(filename: str | None, content: bytes) -> str:
	"""xlsx or csv, from the bytes first (a renamed file is still read right), then the name."""
	if content.startswith(_ZIP_MAGIC):
		return XLSX
	if content.startswith(_OLE_MAGIC):
		raise SpreadsheetError("old_excel")
	name = (filename or "").lower()
	if name.endswith((".xlsx", ".xlsm")):
		raise SpreadsheetError("unreadable")
	if name.endswith(".xls"):
		raise SpreadsheetError("old_excel")
	return CSV


def csv_encoding(content: bytes) -> str:
	"""utf-8-sig, utf-8 or cp932: the first that decodes the whole file without an error."""
	if content.startswith(codecs.BOM_UTF8):
		return "utf-8-sig"
	if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
		raise SpreadsheetError("encoding")
	view = memoryview(content)
	for encoding in _CSV_ENCODINGS:
		decoder = codecs.getincrementaldecoder(encoding)()
		try:
			for start in range(0, len(view), _DECODE_STEP):
				decoder.decode(view[start : start + _DECODE_STEP])
			decoder.decode(b"", final=True)
		except UnicodeDecodeError:
			continue
		return encoding
	raise SpreadsheetError("encoding")


def iter_rows(filename: str | None, content: bytes) -> Iterator[tuple]:
	"""Every row of the first sheet, empty ones included (so row numbers match what staff see)."""
	if not content:
		raise SpreadsheetError("empty")
	if file_kind(filename, content) == XLSX:
		yield from _xlsx_rows(content)
	else:
		yield from _csv_rows(content)


def _csv_rows(content: bytes) -> Iterator[tuple]:
	encoding = csv_encoding(content)
	stream = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
	try:
		for row in csv.reader(stream):
			yield tuple(row)
	except csv.Error:
		raise SpreadsheetError("unreadable")


def _xlsx_rows(content: bytes) -> Iterator[tuple]:
	import openpyxl  # a dependency of Frappe; imported here so the rest of core needs nothing

	try:
		workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
	except Exception:
		raise SpreadsheetError("unreadable")
	try:
		if not workbook.worksheets:
			raise SpreadsheetError("empty")
		yield from workbook.worksheets[0].iter_rows(values_only=True)
	finally:
		workbook.close()


# Cells written to an export ---------------------------------------------------------------------------
# Excel and LibreOffice run a cell whose text begins with = + - @ as a formula (a CSV cell always, an
# xlsx cell once written as one), also after leading blanks, a tab or a line break: a name planted as
# =HYPERLINK("http://…","y") would become a live link in a clerk's spreadsheet. OWASP's advice: put a
# single quote before such text, so it is shown as the text it is.
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
_BLANKS = " \t\r\n\u3000"


def is_formula_like(value) -> bool:
	"""Text a spreadsheet would read as a formula. Numbers are numbers, even negative ones."""
	if not isinstance(value, str) or not value:
		return False
	return value[0] in "\t\r" or value.lstrip(_BLANKS).startswith(FORMULA_STARTS)


def neutralise_formula(value):
	"""The cell as an export writes it: formula-like text behind a single quote, anything else as is."""
	return f"'{value}" if is_formula_like(value) else value


def neutralise_row(row) -> list:
	return [neutralise_formula(value) for value in row]
