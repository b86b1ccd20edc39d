"""Bringing cards in from a spreadsheet: dates, reading, columns, rows, duplicates (no site needed)."""

import io
from datetime import date, datetime

import pytest

from mynumber_card.core import card_import as ci
from mynumber_card.core.date_input import parse_date
from mynumber_card.core.mynumber import check_digit
from mynumber_card.core.spreadsheet import SpreadsheetError, csv_encoding, file_kind, iter_rows

TODAY = date(2026, 11, 27)


def my_number(first_eleven: str = "12345678901") -> str:
	return first_eleven + str(check_digit(first_eleven))


# Dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"value, expected",
	[
		("令和8年4月1日", date(2026, 4, 1)),
		("令和元年5月1日", date(2019, 5, 1)),
		("令和 8 年 4 月 1 日", date(2026, 4, 1)),
		("R8.4.1", date(2026, 4, 1)),
		("r08.04.01", date(2026, 4, 1)),
		("Ｒ８．４．１", date(2026, 4, 1)),
		("H30/1/5", date(2018, 1, 5)),
		("平成30年1月5日", date(2018, 1, 5)),
		("平30.1.5", date(2018, 1, 5)),
		("H31.4.30", date(2019, 4, 30)),
		("S55.4.1", date(1980, 4, 1)),
		("昭和55年4月1日", date(1980, 4, 1)),
		("S64-1-7", date(1989, 1, 7)),
		("T15.1.1", date(1926, 1, 1)),
		("2026-04-01", date(2026, 4, 1)),
		("2026/4/1", date(2026, 4, 1)),
		("2026.4.1", date(2026, 4, 1)),
		("２０２６年４月１日", date(2026, 4, 1)),
		("2026－04－01", date(2026, 4, 1)),
		("20260401", date(2026, 4, 1)),
		("2026-04-01 00:00:00", date(2026, 4, 1)),
		("2026-04-01T09:30", date(2026, 4, 1)),
		(datetime(2026, 4, 1, 0, 0), date(2026, 4, 1)),
		(date(2026, 4, 1), date(2026, 4, 1)),
		(46113, date(2026, 4, 1)),  # an Excel day serial
		(46113.5, date(2026, 4, 1)),
		(20260401, date(2026, 4, 1)),
	],
)
def test_dates_in_every_writing(value, expected):
	assert parse_date(value) == expected


@pytest.mark.parametrize(
	"value",
	[
		"",
		None,
		"2026/2/30",
		"H32.1.1",
		"S65.1.1",
		"R0.1.1",
		"26/4/1",
		"4/1/2026",
		"明日",
		"令和8年",
		True,
		0,
		-5,
		1e12,
	],
)
def test_what_is_not_a_date(value):
	assert parse_date(value) is None


# Reading files ---------------------------------------------------------------------------------


def test_csv_encodings_are_found_by_decoding():
	text = "氏名,生年月日\r\n番号 花子,S55.4.1\r\n"
	assert csv_encoding(text.encode("utf-8")) == "utf-8"
	assert csv_encoding(text.encode("utf-8-sig")) == "utf-8-sig"
	assert csv_encoding(text.encode("cp932")) == "cp932"
	for encoding in ("utf-8", "utf-8-sig", "cp932"):
		rows = list(iter_rows("a.csv", text.encode(encoding)))
		assert rows == [("氏名", "生年月日"), ("番号 花子", "S55.4.1")]


def test_unreadable_files_say_why():
	with pytest.raises(SpreadsheetError) as raised:
		list(iter_rows("a.xls", b"\xd0\xcf\x11\xe0rest"))
	assert raised.value.code == "old_excel"
	with pytest.raises(SpreadsheetError) as raised:
		list(iter_rows("a.csv", "氏名".encode("utf-16")))
	assert raised.value.code == "encoding"
	with pytest.raises(SpreadsheetError) as raised:
		list(iter_rows("a.xlsx", b"not a workbook"))
	assert raised.value.code == "unreadable"
	with pytest.raises(SpreadsheetError):
		list(iter_rows("a.csv", b""))


def test_xlsx_rows_keep_their_numbers_and_types():
	openpyxl = pytest.importorskip("openpyxl")
	workbook = openpyxl.Workbook()
	sheet = workbook.active
	sheet.append(["氏名", "生年月日"])
	sheet.append(["番号 花子", datetime(1980, 4, 1)])
	sheet.append([])
	sheet.append(["番号 太郎", "S55.4.1"])
	buffer = io.BytesIO()
	workbook.save(buffer)
	content = buffer.getvalue()
	assert file_kind("renamed.csv", content) == "xlsx"
	rows = list(iter_rows("ledger.xlsx", content))
	assert rows[1] == ("番号 花子", datetime(1980, 4, 1))
	assert rows[2] == (None, None)
	assert rows[3] == ("番号 太郎", "S55.4.1")


def test_templates_have_the_japanese_headers():
	openpyxl = pytest.importorskip("openpyxl")
	assert ci.template_csv(ci.LEDGER).decode("utf-8-sig").strip() == (
		"氏名,フリガナ,生年月日,住所,発行日,有効期限,交付日,電子証明書有効期限,備考"
	)
	assert ci.template_csv(ci.DELIVERY).decode("utf-8-sig").strip() == (
		"申請書ID,交付通知書番号,氏名,フリガナ,生年月日,住所"
	)
	workbook = openpyxl.load_workbook(io.BytesIO(ci.template_xlsx(ci.DELIVERY)))
	sheet = workbook[ci.TEMPLATE_SHEET]
	assert [c.value for c in sheet[1]] == [
		"申請書ID",
		"交付通知書番号",
		"氏名",
		"フリガナ",
		"生年月日",
		"住所",
	]
	assert sheet["A2"].number_format == "@"  # 23-digit IDs stay text
	assert ci.NOTES_SHEET in workbook.sheetnames
	# the template reads back as a file with a header and no rows
	card_file = ci.CardFile(ci.DELIVERY, iter_rows("t.xlsx", ci.template_xlsx(ci.DELIVERY)), TODAY)
	assert list(card_file) == []


# Headers ---------------------------------------------------------------------------------------

LEDGER_HEADER = (
	"氏名",
	"フリガナ",
	"生年月日",
	"住所",
	"発行日",
	"有効期限",
	"交付日",
	"電子証明書有効期限",
	"備考",
)
DELIVERY_HEADER = ("申請書ID", "交付通知書番号", "氏名", "フリガナ", "生年月日", "住所")


def check(import_type, *rows, header=None):
	header = header or (LEDGER_HEADER if import_type == ci.LEDGER else DELIVERY_HEADER)
	return list(ci.CardFile(import_type, [header, *rows], TODAY))


def test_header_found_below_a_title_with_loose_spelling():
	rows = [
		("マイナンバーカード交付台帳（五霞町）",),
		(),
		("氏名（必須）", "ﾌﾘｶﾞﾅ", "生年月日 ", "カード発行日", "交付日", "電話"),
		("番号 花子", "ﾊﾞﾝｺﾞｳ ﾊﾅｺ", "S55.4.1", "R3.6.1", "R3.7.15", "03-1234-5678"),
	]
	card_file = ci.CardFile(ci.LEDGER, rows, TODAY)
	assert card_file.header.row == 3
	assert card_file.header.ignored == ["電話"]
	(result,) = list(card_file)
	assert result.row == 4
	assert result.values["full_name_kana"] == "バンゴウ ハナコ"


def test_file_without_required_columns_or_with_a_my_number_column_is_refused():
	with pytest.raises(ci.ImportFileError) as raised:
		check(ci.DELIVERY, header=("氏名", "生年月日"))
	assert raised.value.code == "no_header" or raised.value.code == "missing_columns"
	with pytest.raises(ci.ImportFileError) as raised:
		check(ci.DELIVERY, header=("交付通知書番号", "氏名", "生年月日"))
	assert (raised.value.code, raised.value.detail) == ("missing_columns", "申請書ID")
	with pytest.raises(ci.ImportFileError) as raised:
		check(ci.LEDGER, header=("氏名", "生年月日", "交付日"))
	assert raised.value.code == "missing_columns"
	with pytest.raises(ci.ImportFileError) as raised:
		check(ci.LEDGER, header=("氏名", "生年月日", "発行日", "個人番号"))
	assert raised.value.code == "individual_number_column"
	with pytest.raises(ci.ImportFileError):
		check(ci.LEDGER, header=("氏名", "生年月日", "発行日", "マイナンバー"))
	# the card itself is not the number
	assert check(ci.LEDGER, header=("氏名", "生年月日", "発行日", "マイナンバーカード交付日")) == []
	with pytest.raises(ci.ImportFileError) as raised:
		list(ci.CardFile(ci.LEDGER, [("a", "b")] * 20, TODAY))
	assert raised.value.code == "no_header"


def test_column_letters():
	assert [ci.column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52)] == [
		"A",
		"B",
		"Z",
		"AA",
		"AB",
		"AZ",
		"BA",
	]


# Rows ------------------------------------------------------------------------------------------


def ledger_row(**values):
	row = dict.fromkeys(LEDGER_HEADER, "")
	row.update(
		{
			"氏名": "番号　花子",
			"フリガナ": "ばんごう はなこ",
			"生年月日": "昭和55年4月1日",
			"住所": "五霞町小福田１番地",
			"発行日": "R3.6.1",
			"交付日": "2021/7/15",
		}
	)
	row.update(values)
	return tuple(row[h] for h in LEDGER_HEADER)


def delivery_row(**values):
	row = {
		"申請書ID": "12345678901234567890123",
		"交付通知書番号": "abc-123456",
		"氏名": "番号 太郎",
		"フリガナ": "ﾊﾞﾝｺﾞｳ ﾀﾛｳ",
		"生年月日": "H2.5.6",
		"住所": "五霞町元栗橋2番地",
	}
	row.update(values)
	return tuple(row[h] for h in DELIVERY_HEADER)


def imported_values(import_type, row) -> dict:
	"""The card values of a row that must import."""
	(result,) = check(import_type, row)
	assert result.importable
	return result.values


def test_a_good_ledger_row_becomes_card_values():
	row = ledger_row(有効期限="R13.4.1", 電子証明書有効期限="令和8年4月1日", 備考="更新案内済")
	assert imported_values(ci.LEDGER, row) == {
		"full_name": "番号 花子",
		"full_name_kana": "バンゴウ ハナコ",
		"birth_date": "1980-04-01",
		"address": "五霞町小福田1番地",
		"card_issue_date": "2021-06-01",
		"printed_expiry_date": "2031-04-01",
		"issued_date": "2021-07-15",
		"printed_certificate_expiry_date": "2026-04-01",
		"remarks": "更新案内済",
		"registered_from_records": 1,
	}


def test_a_good_delivery_row_becomes_card_values():
	row = delivery_row(申請書ID="1234-5678-9012-3456-7890-123")
	assert imported_values(ci.DELIVERY, row) == {
		"application_id": "12345678901234567890123",
		"notice_number": "ABC-123456",
		"full_name": "番号 太郎",
		"full_name_kana": "バンゴウ タロウ",
		"birth_date": "1990-05-06",
		"address": "五霞町元栗橋2番地",
	}


@pytest.mark.parametrize(
	"cell",
	[
		my_number(),
		f"{my_number()[:4]} {my_number()[4:8]} {my_number()[8:]}",
		"番号：" + my_number().translate(str.maketrans("0123456789", "０１２３４５６７８９")),
		int(my_number()),
		float(my_number()),
	],
)
def test_a_my_number_in_any_cell_refuses_the_row_naming_row_and_column(cell):
	results = check(ci.LEDGER, ledger_row(), ledger_row(備考=cell), ledger_row(氏名="別人 一郎"))
	assert [r.refused for r in results] == [False, True, False]
	refused = results[1]
	assert refused.row == 3
	assert refused.problems == [ci.Problem("individual_number", "備考", "I")]
	assert refused.values == {}  # nothing of that row is kept


def test_a_my_number_that_lost_its_leading_zero_in_excel_is_still_refused():
	number = my_number("01234567890")
	(result,) = check(ci.LEDGER, ledger_row(住所=int(number)))
	assert result.problems[0].code == "individual_number"
	(result,) = check(ci.LEDGER, ledger_row(住所=number[1:]))
	assert result.problems[0].code == "individual_number"


def test_my_number_in_an_unmapped_column_refuses_the_row_too():
	header = (*LEDGER_HEADER, "メモ2")
	(result,) = check(ci.LEDGER, (*ledger_row(), my_number()), header=header)
	assert result.problems == [ci.Problem("individual_number", "メモ2", "J")]


def test_numbers_that_are_not_my_numbers_pass():
	not_a_my_number = my_number()[:11] + str((int(my_number()[11]) + 1) % 10)
	(result,) = check(ci.LEDGER, ledger_row(備考=not_a_my_number))
	assert result.importable
	(result,) = check(ci.DELIVERY, delivery_row())  # 23 digits hold no 個人番号
	assert result.importable
	(result,) = check(ci.LEDGER, ledger_row(備考="090" + my_number()[:8]))  # a mobile number
	assert result.importable


def test_bad_cells_are_named_by_row_and_column():
	results = check(
		ci.LEDGER,
		ledger_row(生年月日="S55.13.1"),
		ledger_row(フリガナ="番号"),
		ledger_row(氏名=""),
		ledger_row(発行日="2030-01-01", 交付日=""),
		ledger_row(交付日="R3.5.1"),
		ledger_row(生年月日="1899-12-31"),
		ledger_row(発行日="2014-01-01"),
		ledger_row(有効期限="R3.1.1"),
	)
	assert [(r.row, [(p.code, p.column, p.letter) for p in r.problems]) for r in results] == [
		(2, [("bad_date", "生年月日", "C")]),
		(3, [("bad_kana", "フリガナ", "B")]),
		(4, [("missing", "氏名", "A")]),
		(5, [("future_date", "発行日", "E")]),
		(6, [("issued_before_made", "交付日", "G")]),
		(7, [("implausible_birth_date", "生年月日", "C")]),
		(8, [("before_mynumber_cards", "発行日", "E")]),
		(9, [("expiry_before_issue", "有効期限", "F")]),
	]


def test_delivery_identifiers_are_checked():
	results = check(
		ci.DELIVERY,
		delivery_row(申請書ID="1234"),
		delivery_row(申請書ID=1.2345678901234568e22),
		delivery_row(交付通知書番号="AB-12"),
		delivery_row(申請書ID=""),
	)
	assert [[p.code for p in r.problems] for r in results] == [
		["bad_application_id"],
		["application_id_as_number"],
		["bad_notice_number"],
		["missing"],
	]


def test_ledger_needs_a_validity_date_and_a_hand_over_date():
	no_dates, expiry_only, card_date_only = check(
		ci.LEDGER,
		ledger_row(発行日="", 交付日=""),
		ledger_row(発行日="", 交付日="", 有効期限="R13.4.1"),
		ledger_row(交付日=""),
	)
	(expiry_and_handover,) = check(ci.LEDGER, ledger_row(発行日="", 有効期限="R13.4.1"))
	assert no_dates.problems == [ci.Problem("no_validity_date")]
	assert expiry_only.problems == [ci.Problem("no_issue_date")]
	assert card_date_only.importable
	assert card_date_only.values["issued_date"] == "2021-06-01"  # the 発行日 stands in, with a warning
	assert [w.code for w in card_date_only.warnings] == ["issued_date_from_card_date"]
	assert expiry_and_handover.importable
	assert "card_issue_date" not in expiry_and_handover.values  # the card estimates it


def test_certificate_expiry_past_the_card_is_dropped_with_a_warning():
	(result,) = check(ci.LEDGER, ledger_row(有効期限="R13.4.1", 電子証明書有効期限="R15.4.1"))
	assert result.importable
	assert "printed_certificate_expiry_date" not in result.values
	assert [w.code for w in result.warnings] == ["certificate_after_card"]


def test_empty_rows_are_skipped_and_numbering_follows_the_sheet():
	results = check(ci.LEDGER, (), ("", "  ", None), ledger_row())
	assert [r.row for r in results] == [4]


# Duplicates ------------------------------------------------------------------------------------


def test_duplicates_within_the_file_are_reported_not_doubled():
	results = check(
		ci.LEDGER,
		ledger_row(),
		ledger_row(氏名="番号 花子", 交付日="2021/8/1"),  # same name, birth date and 発行日
		ledger_row(発行日="R4.6.1", 交付日="R4.7.1"),  # the same person's later card
		ledger_row(発行日="", 有効期限="2031-04-01"),  # expiry of the first card, by the rules
	)
	assert [r.duplicate for r in results] == [
		None,
		ci.Problem("same_card_in_file", detail="2"),
		None,
		ci.Problem("same_card_in_file", detail="2"),
	]
	results = check(
		ci.DELIVERY,
		delivery_row(),
		delivery_row(交付通知書番号="XYZ-000001"),
		delivery_row(申請書ID="12345678901234567890124"),
		delivery_row(申請書ID="12345678901234567890125", 交付通知書番号="XYZ-000002"),
	)
	assert [r.duplicate for r in results] == [
		None,
		ci.Problem("same_id_in_file", "申請書ID", detail="2"),
		ci.Problem("same_id_in_file", "交付通知書番号", detail="2"),
		None,
	]


def test_duplicates_against_the_ledger():
	results = check(ci.LEDGER, ledger_row(), ledger_row(発行日="", 有効期限="R13.4.1", 氏名="別人"))
	header = ci.CardFile(ci.LEDGER, [LEDGER_HEADER], TODAY).header
	same = ci.LedgerRecord("MNC-1", "番号花子", date(1980, 4, 1), date(2021, 6, 1))
	estimated = ci.LedgerRecord("MNC-2", "番号 花子", date(1980, 4, 1), date(2021, 6, 1), True)
	other_card = ci.LedgerRecord("MNC-3", "番号 花子", date(1980, 4, 1), date(2016, 6, 1))
	assert ci.ledger_duplicate(results[0], header, [other_card, same], True) == ci.Problem(
		"same_card_in_ledger", detail="MNC-1"
	)
	assert ci.ledger_duplicate(results[0], header, [estimated, other_card], True) is None
	by_expiry = ci.LedgerRecord("MNC-4", "別人", date(1980, 4, 1), None, printed_expiry_date=date(2031, 4, 1))
	assert ci.ledger_duplicate(results[1], header, [by_expiry], True).detail == "MNC-4"

	(delivered,) = check(ci.DELIVERY, delivery_row())
	header = ci.CardFile(ci.DELIVERY, [DELIVERY_HEADER], TODAY).header
	held = ci.LedgerRecord("MNC-5", "番号 太郎", date(1990, 5, 6), application_id="1" * 23)
	assert ci.ledger_duplicate(delivered, header, [held], False) is None  # a renewal card is a new card
	scanned = ci.LedgerRecord("MNC-6", application_id="12345678901234567890123")
	assert ci.ledger_duplicate(delivered, header, [scanned], False) == ci.Problem(
		"same_id_in_ledger", "申請書ID", detail="MNC-6"
	)


def test_summary_counts_and_keeps_the_first_rows():
	summary = ci.Summary()
	rows = [ledger_row(氏名=f"番号 {chr(0x4E00 + i)}子") for i in range(30)]  # names hold no digits
	rows[5] = ledger_row(備考=my_number())
	rows[6] = ledger_row(氏名=f"番号 {chr(0x4E00)}子")
	for result in check(ci.LEDGER, *rows):
		summary.add(result)
	assert (summary.rows, summary.importable, summary.refused_rows, len(summary.duplicates)) == (30, 28, 1, 1)
	assert len(summary.first_rows) == ci.FIRST_ROWS_SHOWN
	assert summary.refused == [(7, ci.Problem("individual_number", "備考", "I"))]
	assert my_number() not in repr(summary)


def test_every_problem_code_has_a_translated_message():
	"""The shell keeps the messages (core has codes only); the static test cannot see inside dicts."""
	import ast

	from tests.app_files import APP, translations

	shell = ast.parse((APP / "ledger" / "card_import.py").read_text(encoding="utf-8"))
	messages = {}
	for node in shell.body:
		if isinstance(node, ast.Assign) and node.targets[0].id in ("PROBLEM_MESSAGES", "FILE_MESSAGES"):
			messages.update(ast.literal_eval(node.value))
	core = ast.parse((APP / "core" / "card_import.py").read_text(encoding="utf-8"))
	codes = {
		node.args[0].value
		for node in ast.walk(core)
		if isinstance(node, ast.Call)
		and getattr(node.func, "id", None) == "Problem"
		and node.args
		and isinstance(node.args[0], ast.Constant)
	}
	codes |= {  # what _read_cell returns: (None, "bad_date")
		node.elts[1].value
		for node in ast.walk(core)
		if isinstance(node, ast.Tuple)
		and len(node.elts) == 2
		and isinstance(node.elts[0], ast.Constant)
		and node.elts[0].value is None
		and isinstance(node.elts[1], ast.Constant)
		and isinstance(node.elts[1].value, str)
		and node.elts[1].value
	}
	codes |= {  # what the plain-text rules give, by reason (NAME_PROBLEMS, KANA_PROBLEMS, TEXT_PROBLEMS)
		value.value
		for node in core.body
		if isinstance(node, ast.Assign) and node.targets[0].id.endswith("_PROBLEMS")
		for value in node.value.values
	}
	assert {"individual_number", "missing", "bad_date", "bad_kana", "application_id_as_number"} <= codes
	assert {"name_markup", "name_start", "hidden_character", "text_markup"} <= codes
	handled_in_code = {"same_id_in_file", "same_card_in_file", "same_id_in_ledger", "same_card_in_ledger"}
	assert codes - handled_in_code <= set(messages)
	spreadsheet = (APP / "core" / "spreadsheet.py").read_text(encoding="utf-8")
	for code in ("empty", "old_excel", "unreadable", "encoding"):
		assert f'"{code}"' in spreadsheet and code in messages
	ja = translations("ja")
	assert sorted(m for m in messages.values() if m not in ja) == []


# Plain text (core/plain_text.py) -----------------------------------------------------------------


@pytest.mark.parametrize(
	"cell, code",
	[
		('"<img src=x onerror=alert(1)>"', "name_markup"),
		("<svg onload=alert(1)>", "name_markup"),
		('=HYPERLINK("http://x")', "name_markup"),
		("=1+1", "name_start"),
		("+番号 花子", "name_start"),
		("@SUM(A1)", "name_start"),
		("-2+3", "name_start"),
		("番号\u202e花子", "hidden_character"),
		("番号\u200b花子", "hidden_character"),
		("番号\x00花子", "hidden_character"),
		("番号 2号", "name_digit"),
		("番号 花子!", "name_character"),
		("javascript:alert(1)", "name_character"),
	],
)
def test_a_name_with_markup_a_formula_or_hidden_characters_is_a_refused_row(cell, code):
	(result,) = check(ci.LEDGER, ledger_row(氏名=cell))
	assert (result.problems, result.values, result.importable) == ([ci.Problem(code, "氏名", "A")], {}, False)


def test_kana_address_and_remarks_cells_are_plain_text():
	results = check(
		ci.LEDGER,
		ledger_row(フリガナ="ﾊﾞﾝｺﾞｳ\u202eﾊﾅｺ"),
		ledger_row(住所="<script>alert(1)</script>"),
		ledger_row(備考="確認済\u200b"),
		ledger_row(住所="北町１－２\nハイツ101", 備考='Q&A "済"'),
		ledger_row(氏名="NGUYEN VAN AN", フリガナ="グエン ヴァン アン"),
	)
	assert [[(p.code, p.column) for p in r.problems] for r in results] == [
		[("hidden_character", "フリガナ")],
		[("text_markup", "住所")],
		[("hidden_character", "備考")],
		[],
		[],
	]
	# what passes is stored as it always was: NFKC, the lines of a cell joined
	assert (results[3].values["address"], results[3].values["remarks"]) == ("北町1-2ハイツ101", 'Q&A "済"')
	assert results[4].values["full_name"] == "NGUYEN VAN AN"


# 申請受付日 (or, in a town's file that has only that, the 申請日): the card's application_received_date,
# read by the 2022-04-01 age switch. Recognised when present; not in the templates.


def test_an_application_date_column_fills_the_application_received_date():
	header = (*DELIVERY_HEADER, "申請日")
	(result,) = check(ci.DELIVERY, (*delivery_row(), "R4.3.20"), header=header)
	assert result.importable
	assert result.values["application_received_date"] == "2022-03-20"
	(result,) = check(ci.LEDGER, (*ledger_row(), "2021/4/2"), header=(*LEDGER_HEADER, "申請受付日"))
	assert result.values["application_received_date"] == "2021-04-02"
	assert "申請受付日" not in ci.template_csv(ci.LEDGER).decode("utf-8-sig")


@pytest.mark.parametrize(
	"cell, code",
	[
		("R9.1.1", "future_date"),
		("2015/9/1", "before_mynumber_cards"),
		("R3.6.2", "applied_after_made"),  # after the 発行日 R3.6.1
	],
)
def test_an_application_date_that_cannot_be_is_a_refused_row(cell, code):
	(result,) = check(ci.LEDGER, (*ledger_row(), cell), header=(*LEDGER_HEADER, "申請受付日"))
	assert result.problems == [ci.Problem(code, "申請受付日", "J")]


def test_an_application_before_the_birth_is_a_refused_row():
	header = (*DELIVERY_HEADER, "申請受付日")
	(result,) = check(ci.DELIVERY, (*delivery_row(生年月日="R4.1.1"), "2021/12/1"), header=header)
	assert result.problems == [ci.Problem("applied_before_birth", "申請受付日", "G")]


@pytest.mark.parametrize(
	"imported, failed, to_import, status",
	[
		(5, 0, 5, ci.IMPORTED),
		(3, 2, 5, ci.IMPORTED_WITH_ERRORS),
		(2, 0, 5, ci.IMPORTED_WITH_ERRORS),  # a stopped job: rows not reached yet
		(0, 5, 5, ci.NOT_IMPORTED),
		(0, 0, 5, ci.NOT_IMPORTED),
	],
)
def test_how_a_run_of_the_import_ended(imported, failed, to_import, status):
	assert ci.import_status(imported, failed, to_import) == status


def test_a_run_takes_the_rows_not_reached_and_those_that_failed():
	rows = [(row, {"full_name": f"行{row}"}) for row in range(2, 8)]
	assert [r for r, _ in ci.rows_to_run(rows, 1, set())] == [2, 3, 4, 5, 6, 7]  # a first run
	assert [r for r, _ in ci.rows_to_run(rows, 4, {3})] == [3, 5, 6, 7]  # a stopped run, row 3 failed
	assert ci.rows_to_run(rows, 7, set()) == []


def test_an_earlier_ledger_goes_in_two_processes_a_delivery_list_in_one():
	assert ci.import_processes(ci.LEDGER, 10) == ci.PROCESSES == 2
	assert ci.import_processes(ci.LEDGER, 10, configured=1) == 1
	assert ci.import_processes(ci.LEDGER, 10, configured=4) == 4
	assert ci.import_processes(ci.LEDGER, 1) == 1  # never more processes than parts
	assert ci.import_processes(ci.LEDGER, 0) == 1
	assert ci.import_processes(ci.DELIVERY, 10, configured=4) == 1  # storage places in the list's order


def test_the_date_columns_are_those_read_as_dates():
	assert ci.DATE_FIELDS == {
		"birth_date",
		"card_issue_date",
		"printed_expiry_date",
		"issued_date",
		"printed_certificate_expiry_date",
		"application_received_date",
	}
