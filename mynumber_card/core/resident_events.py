"""Events from the town's 住民基本台帳 system that end 保有: a holder who died, moved out, moved abroad
or whose 住民票 was removed otherwise. The town's system exports them as a list (CSV or Excel: name,
kana, date of birth, event, event date), never with a 個人番号; this module reads such a list and
decides, for every row, which card it concerns and what changes. The Frappe shell applies it.

When 保有 ends (sources in docs/staff-guide-juki-events.md):
- Death: the card lapses with the 死亡届 / 住民票消除, no 返納 needed (相模原市: 「死亡届後にカードは
  自動的に廃止となるため、返納の義務はありません」); the ministry's 保有枚数 leaves out 「死亡などで廃止
  となった分」 (総務省 figures as reported 2023-07). 保有 ends on the date of death.
- 転出 (to another town): the card lapses only later (no 転入届 within 14 days of moving in / 30 days
  after the 転出予定日, 酒田市・大洲市), or lives on in the new town. But the town's own 保有枚数率 is
  over its own 住基人口, which the holder leaves on the 転出 date: so 保有 ends for this town on that
  date, whatever happens to the card later. (The issue asked for "lapses after 転出 without 転入届";
  that is the card's fate, not the town's figure.)
- 国外転出: since 2024-05-27 the card may be kept (継続利用, 春日井市); the holder still leaves the
  town's 住基, so 保有 ends on the 国外転出 date here too.
- Other removal (職権消除 …): the holder leaves the 住基 on the removal date.
A suspended card (一時停止) is not 廃止 and stays held; none of these events is a suspension.

Matching needs no 個人番号: the name (core.text.name_key), the date of birth and, when the list has it,
the kana. Only cards still held or not yet handed over can change; among them, a person's cards count
as one holder when one replaces the other (a renewal card waiting beside the old one); two holders
with the same name and birth date make the row ambiguous and nothing changes. Importing the same list again changes nothing: an event already on the card is reported as
such. A card handed over after the event is left alone (the holder may have moved back).
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from mynumber_card.core import lifecycle, reasons, text
from mynumber_card.core.card_import import (
	DATE,
	FIRST_CARD_DAY,
	HEADER_SEARCH_ROWS,
	KANA,
	NAME,
	Column,
	ImportFileError,
	Problem,
	blank_cell,
	column_letter,
	header_key,
	individual_number_problems,
	is_blank_row,
	map_header,
	read_person_cell,
)
from mynumber_card.core.dates import plausible_birth_date

# Why the holder left the town's resident register (the card's holder_left_reason).
DIED = "Died"  # 死亡
MOVED_OUT = "Moved Out"  # 転出
MOVED_ABROAD = "Moved Abroad"  # 国外転出
REMOVED_OTHER = "Record Removed (Other)"  # 住民票消除（その他: 職権消除など）
HOLDER_LEFT_REASONS = (DIED, MOVED_OUT, MOVED_ABROAD, REMOVED_OTHER)

# What the town's lists write in the event column (compared without spaces, NFKC).
EVENT_WORDS = {
	DIED: ("死亡", "死亡届", "死亡者"),
	MOVED_OUT: ("転出", "転出届", "市外転出", "町外転出", "村外転出", "区外転出", "県外転出", "都外転出"),
	MOVED_ABROAD: ("国外転出", "海外転出", "国外転出届", "海外転出届", "国外へ転出"),
	REMOVED_OTHER: ("消除", "住民票消除", "職権消除", "その他", "住民票消除(その他)", "その他の消除"),
}
# A card not yet handed over whose holder left: why it will be disposed (core.reasons).
DISPOSAL_CAUSE = {
	DIED: "Holder Died",
	MOVED_OUT: "Holder Moved Away",
	MOVED_ABROAD: "Holder Moved Away",
	REMOVED_OTHER: "Other",
}
assert set(DISPOSAL_CAUSE.values()) <= set(reasons.DISPOSAL_CAUSES)

# A 転出届 is often made before the move, with the 転出予定日: the list may carry a date a little ahead.
DAYS_AHEAD = 31
EVENT = "event"

COLUMNS = (
	Column(
		"氏名", "full_name", NAME, True, ("名前", "氏名(漢字)", "漢字氏名"), "姓と名の間は空白", "番号 太郎"
	),
	Column(
		"フリガナ",
		"full_name_kana",
		KANA,
		False,
		("ふりがな", "カナ氏名", "氏名(カナ)", "氏名(フリガナ)", "カナ"),
		"あれば照合に使います（カタカナ・ひらがな・半角カナ）",
		"バンゴウ タロウ",
	),
	Column("生年月日", "birth_date", DATE, True, (), "和暦（昭和55年4月1日、S55.4.1）または西暦", "S55.4.1"),
	Column(
		"異動事由",
		EVENT,
		EVENT,
		True,
		("事由", "異動", "異動区分", "異動種別", "区分", "種別"),
		"死亡・転出・国外転出・消除（その他）",
		"死亡",
	),
	Column(
		"異動日",
		"event_date",
		DATE,
		True,
		("異動年月日", "死亡日", "死亡年月日", "転出日", "転出年月日", "転出予定日", "消除日", "消除年月日"),
		"死亡日・転出日（転出予定日）・消除日",
		"R8.4.10",
	),
)
_LOOKUP = {header_key(name): column for column in COLUMNS for name in (column.header, *column.aliases)}
_EVENT_LOOKUP = {
	re.sub(r"\s", "", text.normalize(word)): code
	for code, words in EVENT_WORDS.items()
	for word in (code, *words)  # the code itself too (a list made from this app's own export)
}


def event_code(value) -> str | None:
	"""The event a cell names (死亡, 転出 …, or the code itself), or None."""
	key = re.sub(r"\s", "", text.normalize(str(value) if value is not None else ""))
	return _EVENT_LOOKUP.get(key)


# Reading the list ------------------------------------------------------------------------------


@dataclass
class Header:
	row: int
	titles: list[str]  # every header cell, redacted
	mapped: dict[int, Column]
	ignored: list[str]

	def label(self, index: int) -> tuple[str, str]:
		return (self.titles[index] if index < len(self.titles) else ""), column_letter(index)


def read_header(cells: tuple, row: int) -> Header | None:
	"""The header row, when two of its cells name a column; a 個人番号 column refuses the file."""
	found = map_header(cells, _LOOKUP, COLUMNS)
	return Header(row, *found) if found else None


@dataclass(frozen=True)
class Event:
	full_name: str
	birth_date: date
	event: str
	event_date: date
	full_name_kana: str = ""


@dataclass
class EventRow:
	row: int  # the row number staff see in Excel
	event: Event | None = None
	problems: list[Problem] = field(default_factory=list)


def check_row(header: Header, cells: tuple, row: int, today: date) -> EventRow | None:
	"""The event of one row, or the problems that refuse it. None for an empty row. A row holding a
	個人番号 anywhere is refused and nothing else of it is read."""
	if is_blank_row(cells):
		return None
	result = EventRow(row, problems=individual_number_problems(header, cells))
	if result.problems:
		return result
	values, where = {}, {}
	for index, column in header.mapped.items():
		cell = cells[index] if index < len(cells) else None
		where[column.field] = header.label(index)
		if blank_cell(cell):
			if column.required:
				result.problems.append(Problem("missing", *header.label(index)))
			continue
		value, problem = _read_cell(column, cell)
		if problem:
			result.problems.append(Problem(problem, *header.label(index)))
		else:
			values[column.field] = value
	if result.problems:
		return result

	def problem(code: str, fieldname: str):
		result.problems.append(Problem(code, *where[fieldname]))

	birth, day = values["birth_date"], values["event_date"]
	if not plausible_birth_date(birth, today):
		problem("implausible_birth_date", "birth_date")
	elif day < birth:
		problem("event_before_birth", "event_date")
	if day > today + timedelta(days=DAYS_AHEAD):
		problem("event_far_ahead", "event_date")
	elif day < FIRST_CARD_DAY:
		problem("before_mynumber_cards", "event_date")
	if not result.problems:
		result.event = Event(values["full_name"], birth, values[EVENT], day, values.get("full_name_kana", ""))
	return result


def _read_cell(column: Column, cell) -> tuple[object, str | None]:
	if column.kind == EVENT:
		code = event_code(cell)
		return (code, None) if code else (None, "bad_event")
	return read_person_cell(column.kind, cell)


def read_list(rows: Iterable[tuple], today: date) -> tuple[Header, Iterator[EventRow]]:
	"""The header (found in the first rows) and the checked rows after it."""
	rows = iter(rows)
	header = None
	for number, cells in enumerate(rows, start=1):
		header = read_header(cells, number)
		if header or number >= HEADER_SEARCH_ROWS:
			break
	if header is None:
		raise ImportFileError("no_header", "、".join(c.header for c in COLUMNS if c.required))

	def checked() -> Iterator[EventRow]:
		for number, cells in enumerate(rows, start=header.row + 1):
			result = check_row(header, cells, number, today)
			if result is not None:
				yield result

	return header, checked()


# Matching against the ledger -------------------------------------------------------------------

# Cards an event can still change: held, or not yet handed over. A returned, revoked or disposed card
# stopped being held already.
LIVE_STATES = (*lifecycle.HELD, *lifecycle.BEFORE_HANDOVER)


@dataclass(frozen=True)
class CardOnFile:
	"""A card as the matching needs it."""

	name: str
	name_key: str
	birth_date: date
	state: str
	kana_key: str | None = None
	issued_date: date | None = None
	left_date: date | None = None
	left_reason: str | None = None
	replaces_card: str | None = None
	disposal_cause: str | None = None


def handed_over(card: CardOnFile) -> bool:
	return card.state not in lifecycle.BEFORE_HANDOVER


# What became of a row.
RECORDED = "recorded"  # the event is now on the holder's card(s)
ALREADY = "already"  # the same event was on the card(s): nothing changed
OTHER_EVENT = "other_event"  # another event is on the card: nothing changed, staff check
ISSUED_AFTER = "issued_after"  # the card was handed over after the event: nothing changed
NOT_FOUND = "not_found"
NO_LIVE_CARD = "no_live_card"  # found, but every card of theirs is returned, revoked or disposed
AMBIGUOUS = "ambiguous"  # two or more holders share name and birth date: nothing changed
REFUSED = "refused"
OUTCOMES = (RECORDED, ALREADY, OTHER_EVENT, ISSUED_AFTER, NOT_FOUND, NO_LIVE_CARD, AMBIGUOUS, REFUSED)


@dataclass(frozen=True)
class Change:
	"""What to write on one card."""

	card: str
	event: str
	event_date: date
	disposal_cause: str | None = None  # only for a card not yet handed over that has none
	not_handed_over: bool = False


@dataclass
class RowOutcome:
	row: int
	outcome: str
	event: str | None = None
	event_date: date | None = None
	cards: list[str] = field(default_factory=list)
	changes: list[Change] = field(default_factory=list)
	problems: list[Problem] = field(default_factory=list)
	holders: int = 0  # for AMBIGUOUS: how many holders matched
	other: CardOnFile | None = None  # for OTHER_EVENT / ISSUED_AFTER: the card in the way


def person_key(full_name: str, birth: date) -> tuple[str, date]:
	return text.name_key(full_name), birth


def same_person(event: Event, card: CardOnFile) -> bool:
	"""Name and birth date agree; the kana too when both have it."""
	if (card.name_key, card.birth_date) != person_key(event.full_name, event.birth_date):
		return False
	kana = text.kana_key(event.full_name_kana)
	return not (kana and card.kana_key and kana != card.kana_key)


def holders(cards: list[CardOnFile]) -> list[list[CardOnFile]]:
	"""The cards grouped by holder: a card and the one it replaces are one holder's."""
	group = {card.name: card.name for card in cards}

	def root(name: str) -> str:
		while group[name] != name:
			name = group[name]
		return name

	for card in cards:
		if card.replaces_card in group:
			group[root(card.name)] = root(card.replaces_card)
	found: dict[str, list[CardOnFile]] = {}
	for card in cards:
		found.setdefault(root(card.name), []).append(card)
	return list(found.values())


def decide(event: Event, row: int, cards: Iterable[CardOnFile]) -> RowOutcome:
	"""What one event does to the ledger's cards (those of the same name and birth date)."""
	outcome = RowOutcome(row, NOT_FOUND, event.event, event.event_date)
	matched = [c for c in cards if same_person(event, c)]
	if not matched:
		return outcome
	live = [c for c in matched if c.state in LIVE_STATES]
	if not live:
		outcome.outcome = NO_LIVE_CARD
		return outcome
	# Holders are told apart among the live cards only: a returned or disposed card of the same name
	# and birth date is most likely the same person's earlier card (uncollected, then applied again).
	people = holders(live)
	if len(people) > 1:
		outcome.outcome, outcome.holders = AMBIGUOUS, len(people)
		return outcome
	live = sorted(people[0], key=lambda c: c.name)
	outcome.cards = [c.name for c in live]
	for card in live:
		if card.left_date and (card.left_date, card.left_reason) != (event.event_date, event.event):
			outcome.outcome, outcome.other = OTHER_EVENT, card
			return outcome
		if card.issued_date and card.issued_date > event.event_date and handed_over(card):
			outcome.outcome, outcome.other = ISSUED_AFTER, card
			return outcome
	for card in live:
		if card.left_date:
			continue  # the same event, recorded before
		cause = None
		if not handed_over(card) and not card.disposal_cause:
			cause = DISPOSAL_CAUSE[event.event]
		outcome.changes.append(
			Change(card.name, event.event, event.event_date, cause, not_handed_over=not handed_over(card))
		)
	outcome.outcome = RECORDED if outcome.changes else ALREADY
	return outcome


@dataclass
class Plan:
	"""Every row's outcome, in file order, and what the list changes in all."""

	outcomes: list[RowOutcome] = field(default_factory=list)
	ignored_columns: list[str] = field(default_factory=list)

	def counts(self) -> dict[str, int]:
		found = dict.fromkeys(OUTCOMES, 0)
		for outcome in self.outcomes:
			found[outcome.outcome] += 1
		return {"rows": len(self.outcomes), **found}

	@property
	def changes(self) -> list[Change]:
		return [change for outcome in self.outcomes for change in outcome.changes]


def plan(events: Iterable[EventRow], cards_for, ignored_columns: list[str] | None = None) -> Plan:
	"""Decide every row. `cards_for(batch)` gives the ledger's cards for a batch of events (one query
	per batch in the shell). Changes made by an earlier row are seen by later ones, so a list naming
	the same holder twice is decided as importing it twice would be."""
	result = Plan(ignored_columns=list(ignored_columns or []))
	changed: dict[str, CardOnFile] = {}
	for batch in _batches(events):
		found = cards_for([r.event for r in batch if r.event])
		for row in batch:
			if not row.event:
				result.outcomes.append(RowOutcome(row.row, REFUSED, problems=row.problems))
				continue
			cards = [changed.get(card.name, card) for card in found]
			outcome = decide(row.event, row.row, cards)
			for change in outcome.changes:
				card = changed.get(change.card) or next(c for c in found if c.name == change.card)
				changed[change.card] = replace(
					card,
					left_date=change.event_date,
					left_reason=change.event,
					disposal_cause=card.disposal_cause or change.disposal_cause,
				)
			result.outcomes.append(outcome)
	return result


BATCH_ROWS = 500


def _batches(rows: Iterable[EventRow]) -> Iterator[list[EventRow]]:
	batch: list[EventRow] = []
	for row in rows:
		batch.append(row)
		if len(batch) >= BATCH_ROWS:
			yield batch
			batch = []
	if batch:
		yield batch


# The card itself ------------------------------------------------------------------------------


def no_longer_resident(left_date: date | None, on: date) -> bool:
	"""The holder has left (died, moved) by this day: the card cannot be handed over any more."""
	return left_date is not None and left_date <= on


def left_problem(
	left_date: date | None, reason: str | None, birth: date | None, issued: date | None
) -> str | None:
	"""Why the event recorded on a card cannot stand, or None."""
	if bool(left_date) != bool(reason):
		return "left_incomplete"
	if reason and reason not in HOLDER_LEFT_REASONS:
		return "left_unknown_reason"
	if left_date and birth and left_date < birth:
		return "event_before_birth"
	if left_date and issued and left_date < issued:
		return "left_before_issued"
	return None


# Template --------------------------------------------------------------------------------------


def template_csv() -> bytes:
	"""The header row, UTF-8 with BOM so that Excel opens the Japanese headers right."""
	return (",".join(c.header for c in COLUMNS) + "\r\n").encode("utf-8-sig")


def template_xlsx() -> bytes:
	"""A workbook with the header row (columns kept as text, so 和暦 stays as typed) and a sheet
	explaining each column."""
	import io

	import openpyxl
	from openpyxl.styles import Font

	workbook = openpyxl.Workbook()
	sheet = workbook.active
	sheet.title = "異動"
	for index, column in enumerate(COLUMNS, start=1):
		cell = sheet.cell(row=1, column=index, value=column.header)
		cell.font = Font(bold=True)
		sheet.column_dimensions[column_letter(index - 1)].width = 18
		for row in range(2, 1002):
			sheet.cell(row=row, column=index).number_format = "@"
	sheet.freeze_panes = "A2"
	notes = workbook.create_sheet("記入方法")
	notes.append(["列", "必須", "書き方", "例"])
	for cell in notes[1]:
		cell.font = Font(bold=True)
	for column in COLUMNS:
		notes.append([column.header, "必須" if column.required else "", column.note, column.example])
	notes.append([])
	notes.append(["", "", "個人番号（12桁）は入力しないでください。含む行は取り込みません。", ""])
	for letter, width in (("A", 14), ("B", 8), ("C", 60), ("D", 16)):
		notes.column_dimensions[letter].width = width
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()
