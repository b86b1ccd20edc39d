"""Exported cells never become formulas (core.spreadsheet.neutralise_formula), whatever a name holds."""

import io

import openpyxl
import pytest

from mynumber_card.core.spreadsheet import is_formula_like, neutralise_formula, neutralise_row

FORMULAS = (
	'=HYPERLINK("http://x","y")',
	"@SUM(1)",
	"+81-3-1234",
	"-2+3",
	"  =1+1",
	"\t=1",
	"\r\n@A1",
	"\u3000＝ＳＵＭ(1)",
	"\tplain after a tab",
	"\rplain after a return",
)
TEXT = ("山田 太郎", "0280-00-0000", "O'Brien", "a=b", "メール@例", "", "1-2-3")


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_like_text_is_quoted(value):
	assert is_formula_like(value)
	assert neutralise_formula(value) == f"'{value}"
	assert not is_formula_like(neutralise_formula(value))  # once is enough: never quoted twice


@pytest.mark.parametrize("value", TEXT)
def test_plain_text_is_left_alone(value):
	assert not is_formula_like(value)
	assert neutralise_formula(value) == value


@pytest.mark.parametrize("value", (-5, -0.5, 0, 12, None, True))
def test_numbers_and_empty_cells_stay_what_they_are(value):
	assert neutralise_formula(value) is value


def test_an_xlsx_written_from_neutralised_rows_holds_no_formula():
	rows = [["氏名", "数"], *([value, -3] for value in FORMULAS)]
	workbook = openpyxl.Workbook(write_only=True)
	sheet = workbook.create_sheet("export")
	for row in rows:
		sheet.append(neutralise_row(row))
	buffer = io.BytesIO()
	workbook.save(buffer)
	cells = [c for row in openpyxl.load_workbook(buffer).active.iter_rows() for c in row]
	assert not [c.coordinate for c in cells if c.data_type == "f"]
	assert [c.value for c in cells if c.column == 2][1:] == [-3] * len(FORMULAS)
	assert all(c.value.startswith("'") for c in cells if c.column == 1 and c.row > 1)
