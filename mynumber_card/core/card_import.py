"""Cards brought in from a spreadsheet: the two templates, their columns, and every rule about a row
that needs no database.

Two kinds of file:
- a town's earlier ledger of cards it handed over before this system (以前の台帳): the cards enter
  as issued, marked as registered from earlier records;
- the list of cards in a J-LIS delivery (納品リスト): the cards enter as received, in a delivery.

A row is refused, never stored, when any cell holds a valid 12-digit 個人番号 (番号法 第19・20条),
and refused with the column named when a value cannot be read. Duplicates (the same application ID
or notice number, or the same name, birth date and 発行日) are reported instead of doubled.
Problems carry codes; the Frappe shell turns them into messages in the user's language.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from mynumber_card.core import identifiers, plain_text, text
from mynumber_card.core.date_input import parse_date
from mynumber_card.core.dates import plausible_birth_date
from mynumber_card.core.mynumber import contains_individual_number, is_individual_number, redact
from mynumber_card.core.validity import card_expiry

LEDGER = "Earlier Ledger"  # 以前の台帳: cards handed over before this system
DELIVERY = "J-LIS Delivery List"  # J-LIS の納品リスト: cards received in one delivery
IMPORT_TYPES = (LEDGER, DELIVERY)
# A Card Import's status (its doctype's options); the import is running in the first two.
WAITING_TO_IMPORT = "Waiting to Import"
IMPORTING = "Importing"
IMPORTED = "Imported"
IMPORTED_WITH_ERRORS = "Imported with Errors"
NOT_IMPORTED = "Not Imported"
RUNNING = (WAITING_TO_IMPORT, IMPORTING)


def import_status(imported: int, failed: int, to_import: int) -> str:
	"""How a run of the import ended: every row in, some in, or none."""
	if failed == 0 and imported >= to_import:
		return IMPORTED
	return IMPORTED_WITH_ERRORS if imported else NOT_IMPORTED


def rows_to_run(rows: list[tuple[int, dict]], done_to_row: int, failed_rows: set[int]) -> list:
	"""The rows of a part a run inserts: those a run has not reached yet, and those that failed."""
	return [(row, values) for row, values in rows if row > done_to_row or row in failed_rows]


PROCESSES = 2  # processes inserting an earlier ledger's parts, unless the site says otherwise


def import_processes(import_type: str, parts: int, configured: int = 0) -> int:
	"""How many processes insert the parts: an earlier ledger's parts are independent, so PROCESSES
	(or what the site configured; 1 keeps a core free for the counter). A delivery list's cards take
	storage places in the list's order, one after the other: one process."""
	if import_type != LEDGER:
		return 1
	return max(1, min(parts, configured or PROCESSES))


# What a cell holds.
TEXT = "text"
NAME = "name"
KANA = "kana"
DATE = "date"
APPLICATION_ID = "application_id"
NOTICE_NUMBER = "notice_number"
POSTAL_CODE = "postal_code"

# The first day a My Number Card could be made (番号法 施行, 2015-10-05); cards came from 2016-01.
FIRST_CARD_DAY = date(2015, 10, 5)
DATA_LENGTH = 140  # Frappe's Data fields
TEXT_LENGTH = 500  # an address or a remark (the card's own limit for an address)
HEADER_SEARCH_ROWS = 10  # a title or a note may stand above the header row
FIRST_ROWS_SHOWN = 20


@dataclass(frozen=True)
class Column:
	header: str
	field: str
	kind: str
	required: bool = False
	aliases: tuple[str, ...] = ()
	note: str = ""
	example: str = ""
	in_template: bool = True


_NAME = Column(
	"氏名", "full_name", NAME, True, ("名前", "氏名(漢字)", "漢字氏名"), "姓と名の間は空白", "番号 花子"
)
_KANA = Column(
	"フリガナ",
	"full_name_kana",
	KANA,
	False,
	("ふりがな", "カナ氏名", "氏名(カナ)", "氏名(フリガナ)", "カナ"),
	"カタカナ・ひらがな・半角カナのどれでも可",
	"バンゴウ ハナコ",
)
_BIRTH = Column(
	"生年月日", "birth_date", DATE, True, (), "和暦（昭和55年4月1日、S55.4.1）または西暦", "S55.4.1"
)
_ADDRESS = Column("住所", "address", TEXT, False, ("現住所",), "", "〇〇町1番地")
_POSTAL = Column("郵便番号", "postal_code", POSTAL_CODE, False, ("〒",), "", "", in_template=False)
_APPLICATION_ID = Column(
	"申請書ID",
	"application_id",
	APPLICATION_ID,
	False,
	("申請書番号", "申請ID"),
	"23桁の数字。Excelでは文字列として入力（数値にすると下の桁が消えます）",
	"",
)
_NOTICE = Column(
	"交付通知書番号",
	"notice_number",
	NOTICE_NUMBER,
	False,
	("通知書番号",),
	"英数字3文字と数字6桁",
	"ABC-123456",
)

# 申請受付日: the day J-LIS received the application. The 2022-04-01 age switch counts from it (政府広報
# 2025-09 「申請受付日が2022年4月1日より前のかたは…20歳未満と読み替え」). A town's file that has only the
# resident's 申請日 gives that: at most a few days earlier (a mailed form), the same day online.
_APPLICATION_RECEIVED = Column(
	"申請受付日",
	"application_received_date",
	DATE,
	False,
	("申請受付年月日", "申請日", "申請年月日", "交付申請日"),
	"J-LISが申請を受理した日。なければ申請日",
	"R4.3.20",
	in_template=False,
)

COLUMNS = {
	LEDGER: (
		_NAME,
		_KANA,
		_BIRTH,
		_ADDRESS,
		Column(
			"発行日",
			"card_issue_date",
			DATE,
			False,
			("カード発行日", "発行年月日"),
			"カードに印字された発行日。わからなければ有効期限を入力",
			"R3.6.1",
		),
		Column(
			"有効期限",
			"printed_expiry_date",
			DATE,
			False,
			("カード有効期限", "カードの有効期限", "有効期限日"),
			"カードに印字された有効期限（発行日がないときは必須）",
			"令和13年4月1日",
		),
		Column("交付日", "issued_date", DATE, False, ("交付年月日",), "窓口で渡した日", "2021/7/15"),
		Column(
			"電子証明書有効期限",
			"printed_certificate_expiry_date",
			DATE,
			False,
			("電子証明書の有効期限", "証明書有効期限"),
			"カード表面に記載した電子証明書の有効期限（更新していればその日）",
			"R8.4.1",
		),
		Column("備考", "remarks", TEXT, False, ("メモ",), "", ""),
		_POSTAL,
		replace(_APPLICATION_ID, in_template=False),
		replace(_NOTICE, in_template=False),
		_APPLICATION_RECEIVED,
	),
	DELIVERY: (
		replace(_APPLICATION_ID, required=True),
		_NOTICE,
		_NAME,
		_KANA,
		_BIRTH,
		_ADDRESS,
		_POSTAL,
		_APPLICATION_RECEIVED,
	),
}

# The date columns of either file (the cleaned rows hold them as ISO dates).
DATE_FIELDS = frozenset(c.field for columns in COLUMNS.values() for c in columns if c.kind == DATE)


def template_columns(import_type: str) -> list[Column]:
	return [c for c in COLUMNS[import_type] if c.in_template]


# A cell refused by the plain-text rules (core/plain_text.py): the code staff see for each reason.
# Names with markup or a formula prefix (= + - @) and hidden characters are refused rows, never stored.
NAME_PROBLEMS = {
	plain_text.MARKUP: "name_markup",
	plain_text.START: "name_start",
	plain_text.DIGIT: "name_digit",
	plain_text.CHARACTER: "name_character",
	plain_text.CONTROL: "hidden_character",
	plain_text.INVISIBLE: "hidden_character",
	plain_text.TOO_LONG: "too_long",
}
KANA_PROBLEMS = {
	plain_text.NOT_KANA: "bad_kana",
	plain_text.CONTROL: "hidden_character",
	plain_text.INVISIBLE: "hidden_character",
	plain_text.TOO_LONG: "too_long",
}
TEXT_PROBLEMS = {
	plain_text.MARKUP: "text_markup",
	plain_text.CONTROL: "hidden_character",
	plain_text.INVISIBLE: "hidden_character",
	plain_text.TOO_LONG: "text_too_long",
}


@dataclass(frozen=True)
class Problem:
	code: str
	column: str | None = None  # the header as written in the file
	letter: str | None = None  # its column letter (A, B, … AA)
	detail: str = ""  # a row number, a card name, a list of headers: never a cell's content


@dataclass
class RowResult:
	row: int  # the row number staff see in Excel
	values: dict[str, Any] = field(default_factory=dict)
	problems: list[Problem] = field(default_factory=list)
	warnings: list[Problem] = field(default_factory=list)
	duplicate: Problem | None = None

	@property
	def refused(self) -> bool:
		return bool(self.problems)

	@property
	def importable(self) -> bool:
		return not self.problems and not self.duplicate


class ImportFileError(ValueError):
	"""The whole file is refused (no header, a 個人番号 column, required columns missing)."""

	def __init__(self, code: str, detail: str = ""):
		super().__init__(code)
		self.code = code
		self.detail = detail


def header_key(value) -> str:
	"""A header compared loosely: NFKC, no spaces, no (必須)/(任意) or ※ marks."""
	key = text.normalize(str(value) if value is not None else "")
	return re.sub(r"\((?:必須|任意)\)|[※*\s]", "", key)


def is_individual_number_header(key: str) -> bool:
	"""個人番号, マイナンバー, My Number — but not マイナンバーカード (the card itself)."""
	lowered = key.lower().replace(" ", "")
	if "個人番号" in key:
		return True
	for word in ("マイナンバー", "mynumber"):
		at = lowered.find(word)
		if at >= 0 and not lowered[at + len(word) :].startswith(("カード", "card")):
			return True
	return False


def column_letter(index: int) -> str:
	letters = ""
	index += 1
	while index:
		index, remainder = divmod(index - 1, 26)
		letters = chr(65 + remainder) + letters
	return letters


@dataclass
class Header:
	import_type: str
	row: int
	titles: list[str]  # every header cell, redacted
	mapped: dict[int, Column]  # cell index -> column
	ignored: list[str]

	def label(self, index: int) -> tuple[str, str]:
		title = self.titles[index] if index < len(self.titles) else ""
		return title, column_letter(index)


def read_header(import_type: str, cells: tuple, row: int) -> Header | None:
	"""The header row, when at least two of its cells name a column of the template (or when one
	names a 個人番号 column, which refuses the file)."""
	found = map_header(cells, _header_lookup(import_type), COLUMNS[import_type])
	if not found:
		return None
	titles, mapped, ignored = found
	if import_type == LEDGER and not {"card_issue_date", "printed_expiry_date"} & {
		c.field for c in mapped.values()
	}:
		raise ImportFileError("missing_columns", "発行日／有効期限")
	return Header(import_type, row, titles, mapped, ignored)


def map_header(cells: tuple, lookup: dict, columns) -> tuple[list[str], dict, list[str]] | None:
	"""A header row read against a template's columns (both imports): the cells' titles (redacted),
	{cell index: column} and the titles not read; None when fewer than two cells name a column. A
	個人番号 column refuses the file, and so does a required column that is missing."""
	titles = [redact(text.normalize(str(c))) if c is not None else "" for c in cells]
	mapped: dict[int, Column] = {}
	ignored = []
	for index, cell in enumerate(cells):
		key = header_key(cell)
		if not key:
			continue
		if is_individual_number_header(key):
			raise ImportFileError("individual_number_column", titles[index])
		column = lookup.get(key)
		if column and column not in mapped.values():
			mapped[index] = column
		else:
			ignored.append(titles[index])
	if len(mapped) < 2:
		return None
	missing = [c.header for c in columns if c.required and c not in mapped.values()]
	if missing:
		raise ImportFileError("missing_columns", "、".join(missing))
	return titles, mapped, ignored


def _header_lookup(import_type: str) -> dict[str, Column]:
	lookup = {}
	for column in COLUMNS[import_type]:
		for name in (column.header, *column.aliases):
			lookup[header_key(name)] = column
	return lookup


def cell_has_individual_number(cell) -> bool:
	"""A valid 個人番号 anywhere in the cell: in text (full-width, 4-4-4 groups), as an Excel number,
	or as an Excel number that lost its leading zero (11 digits)."""
	if cell is None or isinstance(cell, bool | date | datetime | time):
		return False
	if isinstance(cell, float):
		if not cell.is_integer():
			return False
		cell = int(cell)
	if isinstance(cell, int):
		digits = str(abs(cell))
		return is_individual_number(digits) or (len(digits) == 11 and is_individual_number("0" + digits))
	value = str(cell)
	if contains_individual_number(value):
		return True
	digits = text.normalize(value)
	return len(digits) == 11 and digits.isascii() and digits.isdigit() and is_individual_number("0" + digits)


def blank_cell(cell) -> bool:
	return cell is None or (isinstance(cell, str) and not cell.strip())


def _as_text(cell) -> str:
	if isinstance(cell, float) and cell.is_integer():
		cell = int(cell)
	return text.normalize(str(cell))


def is_blank_row(cells: tuple) -> bool:
	return all(blank_cell(c) for c in cells)


def individual_number_problems(header: Header, cells: tuple) -> list[Problem]:
	"""Every cell holding a 個人番号: its row is refused, and nothing else of it is read."""
	return [
		Problem("individual_number", *header.label(index))
		for index, cell in enumerate(cells)
		if cell_has_individual_number(cell)
	]


def check_row(header: Header, cells: tuple, row: int, today: date) -> RowResult | None:
	"""The card values of one row, or the problems that refuse it. None for an empty row."""
	if is_blank_row(cells):
		return None
	result = RowResult(row, problems=individual_number_problems(header, cells))
	if result.problems:
		return result  # nothing else is read from a row that holds a 個人番号

	values: dict[str, Any] = {}
	where: dict[str, tuple[str, str]] = {}
	for index, column in header.mapped.items():
		cell = cells[index] if index < len(cells) else None
		where[column.field] = header.label(index)
		if blank_cell(cell):
			continue
		value, problem = _read_cell(column, cell)
		if problem:
			result.problems.append(Problem(problem, *header.label(index)))
		elif value not in (None, ""):
			values[column.field] = value
	for column in COLUMNS[header.import_type]:
		if column.required and column.field in where and column.field not in values:
			if not any(p.column == where[column.field][0] for p in result.problems):
				result.problems.append(Problem("missing", *where[column.field]))

	_check_dates(header.import_type, values, where, today, result)
	if result.problems:
		return result
	if header.import_type == LEDGER:
		values["registered_from_records"] = 1
	result.values = {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}
	return result


def read_person_cell(kind: str, cell) -> tuple[Any, str | None]:
	"""A date, a kana reading or a name: (value, None), or (None, the problem). The 住基 list's import
	reads these cells the same way."""
	if kind == DATE:
		value = parse_date(cell)
		return (value, None) if value else (None, "bad_date")
	if kind == KANA:
		checked = plain_text.check_kana(cell_text(cell), DATA_LENGTH, required=False)
		return (checked.value, None) if checked.ok else (None, KANA_PROBLEMS[checked.reason])
	checked = plain_text.check_name(cell_text(cell), DATA_LENGTH, required=False)
	return (checked.value, None) if checked.ok else (None, NAME_PROBLEMS[checked.reason])


def _read_cell(column: Column, cell) -> tuple[Any, str | None]:
	if column.kind in (DATE, KANA, NAME):
		return read_person_cell(column.kind, cell)
	if column.kind == APPLICATION_ID:
		if isinstance(cell, float):
			return None, "application_id_as_number"  # Excel kept only 15 digits of it
		value = identifiers.normalize_application_id(_as_text(cell))
		return (value, None) if value else (None, "bad_application_id")
	if column.kind == NOTICE_NUMBER:
		value = identifiers.normalize_notice_number(_as_text(cell))
		return (value, None) if value else (None, "bad_notice_number")
	if column.kind == POSTAL_CODE:
		code = text.normalize_code(_as_text(cell)).replace("〒", "")
		if isinstance(cell, int | float):
			code = code.zfill(7)  # Excel dropped a leading zero
		match = re.fullmatch(r"(\d{3})-?(\d{4})", code)
		return (f"{match[1]}-{match[2]}", None) if match else (None, "bad_postal_code")
	checked = plain_text.check_free_text(cell_text(cell), TEXT_LENGTH, multiline=True)
	if not checked.ok:
		return None, TEXT_PROBLEMS[checked.reason]
	return _as_text(cell), None  # kept as it always was: NFKC, lines joined


def cell_text(cell) -> str:
	"""A cell as text before any normalising, so that hidden characters are seen and refused."""
	if isinstance(cell, float) and cell.is_integer():
		cell = int(cell)
	return str(cell)


def _check_dates(import_type: str, values: dict, where: dict, today: date, result: RowResult):
	def problem(code: str, fieldname: str):
		title, letter = where.get(fieldname, (None, None))
		result.problems.append(Problem(code, title, letter))

	birth = values.get("birth_date")
	if birth and not plausible_birth_date(birth, today):
		problem("implausible_birth_date", "birth_date")
	made, handed = values.get("card_issue_date"), values.get("issued_date")
	for fieldname in ("card_issue_date", "issued_date"):
		day = values.get(fieldname)
		if day and day > today:
			problem("future_date", fieldname)
		elif day and day < FIRST_CARD_DAY:
			problem("before_mynumber_cards", fieldname)
	if made and birth and made < birth:
		problem("made_before_birth", "card_issue_date")
	applied = values.get("application_received_date")
	if applied and applied > today:
		problem("future_date", "application_received_date")
	elif applied and applied < FIRST_CARD_DAY:
		problem("before_mynumber_cards", "application_received_date")
	elif applied and birth and applied < birth:
		problem("applied_before_birth", "application_received_date")
	elif applied and made and applied > made:
		problem("applied_after_made", "application_received_date")
	if made and handed and handed < made:
		problem("issued_before_made", "issued_date")
	for fieldname in ("printed_expiry_date", "printed_certificate_expiry_date"):
		if values.get(fieldname) and made and values[fieldname] <= made:
			problem("expiry_before_issue", fieldname)
	if import_type != LEDGER or result.problems:
		return
	if not made and not values.get("printed_expiry_date"):
		result.problems.append(Problem("no_validity_date"))
	elif not made and not handed:
		result.problems.append(Problem("no_issue_date"))
	if result.problems:
		return
	if not handed:
		values["issued_date"] = made
		result.warnings.append(Problem("issued_date_from_card_date", *where.get("issued_date", (None, None))))
	certificate = values.get("printed_certificate_expiry_date")
	card_ends = values.get("printed_expiry_date") or (card_expiry(birth, made) if birth and made else None)
	if certificate and card_ends and certificate > card_ends:
		del values["printed_certificate_expiry_date"]
		title, letter = where["printed_certificate_expiry_date"]
		result.warnings.append(Problem("certificate_after_card", title, letter))


# Duplicates ------------------------------------------------------------------------------------

ID_FIELDS = ("application_id", "notice_number")


@dataclass(frozen=True, slots=True)  # one per row of a file in DuplicateTracker
class CardDates:
	"""What tells one card of a person from another: its 発行日 and its expiry."""

	issue: date | None = None
	expiry: date | None = None


def person_key(values: dict) -> tuple[str, str] | None:
	name, birth = text.name_key(values.get("full_name")), values.get("birth_date")
	return (name, str(birth)) if name and birth else None


def card_dates(values: dict) -> CardDates:
	return CardDates(_to_date(values.get("card_issue_date")), _to_date(values.get("printed_expiry_date")))


def same_card(birth: date, a: CardDates, b: CardDates) -> bool:
	"""Two records of one person are the same card when their 発行日 agree, or, when one lacks the
	発行日, when their expiries agree (an expiry computed from a 発行日 counts)."""
	if a.issue and b.issue:
		return a.issue == b.issue
	first = a.expiry or (card_expiry(birth, a.issue) if a.issue else None)
	second = b.expiry or (card_expiry(birth, b.issue) if b.issue else None)
	return first is not None and first == second


def _to_date(value) -> date | None:
	if isinstance(value, date):
		return value
	return date.fromisoformat(str(value)) if value else None


class DuplicateTracker:
	"""The rows already seen in this file, by identifier and by person."""

	def __init__(self, import_type: str):
		self.by_person = import_type == LEDGER  # a delivery may hold a renewal card of a held one
		self.ids: dict[tuple[str, str], int] = {}
		self.persons: dict[tuple[str, str], list[tuple[CardDates, int]]] = defaultdict(list)

	def check(self, result: RowResult, header: Header) -> Problem | None:
		values = result.values
		for fieldname in ID_FIELDS:
			if values.get(fieldname) and (first := self.ids.get((fieldname, values[fieldname]))):
				return Problem("same_id_in_file", _header_of(header, fieldname), detail=str(first))
		key = person_key(values) if self.by_person else None
		dates = card_dates(values)
		if key:
			birth = date.fromisoformat(key[1])
			for other, first in self.persons[key]:
				if same_card(birth, dates, other):
					return Problem("same_card_in_file", detail=str(first))
		for fieldname in ID_FIELDS:
			if values.get(fieldname):
				self.ids[(fieldname, values[fieldname])] = result.row
		if key:
			self.persons[key].append((dates, result.row))
		return None


def _header_of(header: Header, fieldname: str) -> str | None:
	for column in header.mapped.values():
		if column.field == fieldname:
			return column.header
	return None


@dataclass
class LedgerRecord:
	"""A card already in the ledger, as the duplicate check needs it."""

	name: str
	full_name: str | None = None
	birth_date: date | None = None
	card_issue_date: date | None = None
	card_issue_date_estimated: bool = False
	printed_expiry_date: date | None = None
	application_id: str | None = None
	notice_number: str | None = None

	def dates(self) -> CardDates:
		issue = None if self.card_issue_date_estimated else _to_date(self.card_issue_date)
		return CardDates(issue, _to_date(self.printed_expiry_date))


def ledger_duplicate(
	result: RowResult, header: Header, records: Iterable[LedgerRecord], by_person: bool
) -> Problem | None:
	"""The card in the ledger this row would double, as a problem naming it."""
	values = result.values
	key = person_key(values) if by_person else None
	for record in records:
		for fieldname in ID_FIELDS:
			if values.get(fieldname) and getattr(record, fieldname) == values[fieldname]:
				return Problem("same_id_in_ledger", _header_of(header, fieldname), detail=record.name)
		if key and person_key({"full_name": record.full_name, "birth_date": record.birth_date}) == key:
			if same_card(date.fromisoformat(key[1]), card_dates(values), record.dates()):
				return Problem("same_card_in_ledger", detail=record.name)
	return None


# The whole file ---------------------------------------------------------------------------------


class CardFile:
	"""The rows of an uploaded file, checked one at a time (duplicates within the file included)."""

	def __init__(self, import_type: str, rows: Iterable[tuple], today: date):
		if import_type not in IMPORT_TYPES:
			raise ValueError(import_type)
		self.import_type = import_type
		self.today = today
		self._rows = iter(rows)
		self._row = 0
		self.header = self._find_header()
		self.tracker = DuplicateTracker(import_type)

	def _find_header(self) -> Header:
		for cells in self._rows:
			self._row += 1
			header = read_header(self.import_type, cells, self._row)
			if header:
				return header
			if self._row >= HEADER_SEARCH_ROWS:
				break
		raise ImportFileError("no_header", "、".join(c.header for c in template_columns(self.import_type)))

	def __iter__(self) -> Iterator[RowResult]:
		for cells in self._rows:
			self._row += 1
			result = check_row(self.header, cells, self._row, self.today)
			if result is None:
				continue
			if not result.refused:
				result.duplicate = self.tracker.check(result, self.header)
			yield result


@dataclass
class Summary:
	"""What a file would bring in: counts, the first rows, and every row refused or skipped."""

	rows: int = 0
	importable: int = 0
	refused: list[tuple[int, Problem]] = field(default_factory=list)
	duplicates: list[tuple[int, Problem]] = field(default_factory=list)
	warnings: list[tuple[int, Problem]] = field(default_factory=list)
	first_rows: list[dict] = field(default_factory=list)

	def add(self, result: RowResult):
		self.rows += 1
		self.refused += [(result.row, p) for p in result.problems]
		self.warnings += [(result.row, p) for p in result.warnings]
		if result.duplicate:
			self.duplicates.append((result.row, result.duplicate))
		elif result.importable:
			self.importable += 1
			if len(self.first_rows) < FIRST_ROWS_SHOWN:
				self.first_rows.append({"row": result.row, **result.values})

	@property
	def refused_rows(self) -> int:
		return len({row for row, _p in self.refused})


# Templates -------------------------------------------------------------------------------------

TEMPLATE_SHEET = "カード"
NOTES_SHEET = "記入方法"


def template_csv(import_type: str) -> bytes:
	"""The header row, UTF-8 with BOM so that Excel opens the Japanese headers right."""
	return (",".join(c.header for c in template_columns(import_type)) + "\r\n").encode("utf-8-sig")


def template_xlsx(import_type: str) -> bytes:
	"""A workbook with the header row (every column kept as text, so that IDs keep all their digits
	and 和暦 stays as typed) and a sheet explaining each column."""
	import io

	import openpyxl
	from openpyxl.styles import Font

	workbook = openpyxl.Workbook()
	sheet = workbook.active
	sheet.title = TEMPLATE_SHEET
	columns = template_columns(import_type)
	for index, column in enumerate(columns, start=1):
		cell = sheet.cell(row=1, column=index, value=column.header)
		cell.font = Font(bold=True)
		letter = column_letter(index - 1)
		sheet.column_dimensions[letter].width = 26 if column.kind in (APPLICATION_ID, TEXT) else 16
		for row in range(2, 1002):
			sheet.cell(row=row, column=index).number_format = "@"
	sheet.freeze_panes = "A2"
	notes = workbook.create_sheet(NOTES_SHEET)
	notes.append(["列", "必須", "書き方", "例"])
	for cell in notes[1]:
		cell.font = Font(bold=True)
	for column in columns:
		required = "必須" if column.required else ""
		if import_type == LEDGER and column.field in ("card_issue_date", "printed_expiry_date"):
			required = "どちらか必須"
		notes.append([column.header, required, column.note, column.example])
	notes.append([])
	notes.append(["", "", "個人番号（12桁）は入力しないでください。含む行は取り込みません。", ""])
	notes.append(
		["", "", "日付は和暦（令和8年4月1日、R8.4.1、H30/1/5、元年）でも西暦（2026-04-01）でも可。", ""]
	)
	for letter, width in (("A", 20), ("B", 12), ("C", 70), ("D", 20)):
		notes.column_dimensions[letter].width = width
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()
