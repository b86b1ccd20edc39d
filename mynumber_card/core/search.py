"""What staff typed into the one card search box: an ID, a notice number, or a name with a birth date."""

from dataclasses import dataclass
from datetime import date

from mynumber_card.core import identifiers, text
from mynumber_card.core.date_input import find_date


@dataclass
class CardQuery:
	application_id: str | None = None
	notice_number: str | None = None
	birth_date: date | None = None
	name_key: str | None = None
	kana_key: str | None = None

	@property
	def is_empty(self) -> bool:
		return not any(vars(self).values())


def parse_card_query(query: str | None) -> CardQuery:
	raw = text.normalize(query)
	if not raw:
		return CardQuery()
	if application_id := identifiers.normalize_application_id(raw):
		return CardQuery(application_id=application_id)
	if notice_number := identifiers.normalize_notice_number(raw):
		return CardQuery(notice_number=notice_number)

	birth_date, rest = find_date(raw.upper())  # read the way every birth date is (core.date_input)
	rest = text.normalize(rest)
	result = CardQuery(birth_date=birth_date)
	if rest:
		if text.is_kana_only(rest):
			result.kana_key = text.kana_key(rest)
		else:
			result.name_key = text.name_key(rest)
	return result
