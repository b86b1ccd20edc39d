"""What staff typed into the one card search box: an ID, a notice number, or a name with a birth date."""

import re
from dataclasses import dataclass
from datetime import date

from mynumber_card.core import identifiers, text

# 元号 initials and names with the year before their 元年.
_ERA_OFFSETS = {
	"R": 2018,
	"令和": 2018,
	"H": 1988,
	"平成": 1988,
	"S": 1925,
	"昭和": 1925,
	"T": 1911,
	"大正": 1911,
}
_ERA_RE = re.compile(r"(令和|平成|昭和|大正|[RHST])(元|\d{1,2})[年./-](\d{1,2})[月./-](\d{1,2})日?")
_ISO_RE = re.compile(r"(\d{4})[年./-](\d{1,2})[月./-](\d{1,2})日?")
_COMPACT_RE = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")


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

	birth_date, rest = _take_date(raw.upper())
	rest = text.normalize(rest)
	result = CardQuery(birth_date=birth_date)
	if rest:
		if text.is_kana_only(rest):
			result.kana_key = text.kana_key(rest)
		else:
			result.name_key = text.name_key(rest)
	return result


def _take_date(value: str) -> tuple[date | None, str]:
	for pattern in (_ERA_RE, _ISO_RE, _COMPACT_RE):
		match = pattern.search(value)
		if not match:
			continue
		try:
			if pattern is _ERA_RE:
				year = 1 if match[2] == "元" else int(match[2])
				found = date(_ERA_OFFSETS[match[1]] + year, int(match[3]), int(match[4]))
			else:
				found = date(int(match[1]), int(match[2]), int(match[3]))
		except ValueError:
			continue
		return found, value[: match.start()] + " " + value[match.end() :]
	return None, value
