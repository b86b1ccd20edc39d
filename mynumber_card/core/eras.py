"""The 元号 (eras) with the day each began: the one table that prints dates (core/dates.wareki), reads
them (core/date_input) and fills the residents' era selects (served to wareki_date.js).

An era ends the day before the next begins, so 平成1年1月1日 (a day of 昭和64年) is no date at all:
it is refused with the era's real first day, not shifted into the other era."""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Era:
	name: str
	start: date  # 元年 begins on this day
	letters: tuple[str, ...]  # how spreadsheets abbreviate it (R8.4.1, 平30.1.5)


# newest first; 明治 from 1 January 明治元年 (改元 was dated back to it), in the Gregorian calendar
ERAS = (
	Era("令和", date(2019, 5, 1), ("R", "令")),
	Era("平成", date(1989, 1, 8), ("H", "平")),
	Era("昭和", date(1926, 12, 25), ("S", "昭")),
	Era("大正", date(1912, 7, 30), ("T", "大")),
	Era("明治", date(1868, 1, 25), ("M", "明")),
)
BY_NAME = {era.name: era for era in ERAS}
NAMES = {**BY_NAME, **{letter: era for era in ERAS for letter in era.letters}}
# the eras a living resident can be born in: the residents' date selects offer these
BIRTH_ERAS = tuple(era for era in ERAS if era.start.year >= 1900)


class OutsideEra(ValueError):
	"""A day the era did not have: before its first day, or after its last."""

	def __init__(self, era: Era, before: bool):
		super().__init__(era.name)
		self.era, self.before = era, before


def end(era: Era) -> date | None:
	"""The era's last day; None for the present one."""
	index = ERAS.index(era)
	return ERAS[index - 1].start - timedelta(days=1) if index else None


def era_of(day: date) -> Era | None:
	return next((era for era in ERAS if day >= era.start), None)


def western(name: str, number: int, month: int, day: int) -> date:
	"""平成30年1月5日 → date(2018, 1, 5). ValueError for no such day (2月30日); OutsideEra for a day the
	era did not have (平成1年1月1日, 昭和65年1月1日)."""
	era = NAMES[name]
	found = date(era.start.year + number - 1, month, day)
	if found < era.start:
		raise OutsideEra(era, before=True)
	last = end(era)
	if last and found > last:
		raise OutsideEra(era, before=False)
	return found


def table(eras=ERAS) -> list[dict]:
	"""The table as the residents' scripts take it: name, first and last day (ISO)."""
	return [
		{"name": era.name, "start": era.start.isoformat(), "end": (e := end(era)) and e.isoformat()}
		for era in eras
	]
