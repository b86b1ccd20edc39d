"""What the 個人番号 guard reads in an uploaded file: its text, or the cells of a workbook.

Only kinds that hold text a person wrote are read; images and PDFs are not (the guard cannot see
inside them, and says so in the README). Text comes in the encodings Japanese offices use: UTF-8
(with or without BOM), UTF-16 with a BOM (Notepad's "Unicode"), Shift_JIS (cp932).
"""

import codecs
import io

from mynumber_card.core.card_import import cell_has_individual_number
from mynumber_card.core.mynumber import holds_individual_number

TEXT_EXTENSIONS = (".txt", ".csv", ".tsv", ".json", ".xml", ".html", ".htm", ".md")
WORKBOOK_EXTENSIONS = (".xlsx", ".xlsm")
_ENCODINGS = ("utf-8", "cp932")


def is_read(file_name: str | None) -> bool:
	"""Whether the guard reads this kind of file."""
	return (file_name or "").lower().endswith(TEXT_EXTENSIONS + WORKBOOK_EXTENSIONS)


def decoded(content: bytes | str) -> str:
	"""The text of a text file, whatever its encoding; bytes no encoding fits are read one by one
	(digits are ASCII in every one of them, so a number is still seen)."""
	if isinstance(content, str):
		return content
	if content.startswith(codecs.BOM_UTF8):
		return content[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
	if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
		return content.decode("utf-16", errors="replace")
	for encoding in _ENCODINGS:
		try:
			return content.decode(encoding)
		except UnicodeDecodeError:
			continue
	return content.decode("latin-1")


def workbook_holds_individual_number(content: bytes) -> bool:
	"""Any cell of any sheet (text, an Excel number, one that lost its leading zero)."""
	import openpyxl  # a dependency of Frappe; imported here so the rest of core needs nothing

	try:
		workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
	except Exception:
		return False  # not a workbook after all: Frappe stores it as any other file
	try:
		for sheet in workbook.worksheets:
			for row in sheet.iter_rows(values_only=True):
				if any(cell_has_individual_number(cell) for cell in row):
					return True
		return False
	finally:
		workbook.close()


def upload_holds_individual_number(file_name: str | None, content: bytes | str | None) -> bool:
	"""True when a file the guard reads holds a 個人番号 in its text or in one of its cells."""
	if not content or not is_read(file_name):
		return False
	if (file_name or "").lower().endswith(WORKBOOK_EXTENSIONS):
		if isinstance(content, str):
			return holds_individual_number(content)
		return workbook_holds_individual_number(content)
	return holds_individual_number(decoded(content))
