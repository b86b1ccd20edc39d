"""The prefecture's list of towns (one row a municipality) for `bench mynumber-card-towns`: read, checked
row by row, and compared with what a town's site already holds.

The 全国地方公共団体コード is six digits: the 2-digit prefecture, the 3-digit municipality and a check
digit (検査数字, JIS X 0402): the first five digits weighted 6,5,4,3,2 from the left, their sum's
remainder r mod 11, and the last digit of 11 − r (r = 0 gives 1, r = 1 gives 0). 五霞町 085464:
0·6+8·5+5·4+4·3+6·2 = 84, 84 mod 11 = 7, 11 − 7 = 4. A row with a wrong check digit is refused with the
digit it should have been: a typo in the list must never make a site for a town that does not exist."""

import re
from dataclasses import dataclass, field

from mynumber_card.core import plain_text
from mynumber_card.core.text import normalize, normalize_code

WEIGHTS = (6, 5, 4, 3, 2)
MUNICIPALITY_TYPES = ("市", "町", "村", "特別区")
# A site name as the bench spells it: a host name (no path, no spaces, nothing to escape)
SITE_NAME_RE = re.compile(
	r"^(?=.{3,63}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$"
)
MAX_POPULATION = 20_000_000
NAME_LENGTH = 60
CONTACT_LENGTH = 140

# The columns, by the headers a prefecture writes (Japanese or the settings' own field names).
HEADERS = {
	"town_name": ("団体名", "市区町村名", "town_name"),
	"local_government_code": ("団体コード", "全国地方公共団体コード", "local_government_code"),
	"municipality_type": ("区分", "団体区分", "municipality_type"),
	"population": ("人口", "population"),
	"office_name": ("窓口名", "office_name"),
	"contact_phone": ("電話", "電話番号", "contact_phone"),
	"contact_email": ("メール", "メールアドレス", "contact_email"),
	"site_name": ("サイト名", "site_name"),
}
REQUIRED = ("town_name", "local_government_code", "municipality_type", "site_name")

# Reason codes (the command words them in Japanese)
MISSING_COLUMNS = "missing_columns"
CODE_SHAPE = "code_shape"
CODE_CHECK_DIGIT = "code_check_digit"
BAD_TYPE = "bad_type"
BAD_POPULATION = "bad_population"
BAD_SITE = "bad_site"
BAD_TEXT = "bad_text"
DUPLICATE = "duplicate"


class TownListError(ValueError):
	"""A refusal: `reason` is one of the codes above, `detail` what the message names."""

	def __init__(self, reason: str, detail: str = "", expected: str = ""):
		super().__init__(reason, detail, expected)
		self.reason, self.detail, self.expected = reason, detail, expected


@dataclass(frozen=True)
class TownRow:
	line: int
	site_name: str
	# the MyNumber Card Settings values the list sets (fields left empty in the list are not set)
	settings: dict = field(default_factory=dict)

	@property
	def code(self) -> str:
		return self.settings["local_government_code"]

	@property
	def town_name(self) -> str:
		return self.settings["town_name"]


@dataclass(frozen=True)
class RowRefused:
	line: int
	label: str  # what the row calls the town (its name or site), for the one line the command says
	error: TownListError


def check_digit(first_five: str) -> int:
	remainder = sum(int(d) * w for d, w in zip(first_five, WEIGHTS, strict=True)) % 11
	return (11 - remainder) % 10


def checked_code(value) -> str:
	"""The 6-digit code as stored, or TownListError (CODE_SHAPE, or CODE_CHECK_DIGIT with the expected
	code)."""
	code = normalize_code(str(value or "")).replace("-", "")
	if len(code) != 6 or not code.isascii() or not code.isdigit():
		raise TownListError(CODE_SHAPE, code)
	expected = code[:5] + str(check_digit(code[:5]))
	if code != expected:
		raise TownListError(CODE_CHECK_DIGIT, code, expected)
	return code


def _text(value, label: str, name: bool, max_length: int, required: bool) -> str:
	checked = (
		plain_text.check_name(value, max_length, required)
		if name
		else plain_text.check_free_text(value, max_length, required=required)
	)
	if not checked.ok:
		raise TownListError(BAD_TEXT, label, checked.reason)
	return checked.value


def _population(value) -> int | None:
	text = normalize_code(str(value if value is not None else "")).replace(",", "")
	if not text:
		return None
	if not text.isascii() or not text.isdigit() or not 0 < int(text) <= MAX_POPULATION:
		raise TownListError(BAD_POPULATION, text)
	return int(text)


def column_map(header: tuple) -> dict[str, int]:
	cells = [normalize(str(c or "")) for c in header]
	found = {}
	for key, names in HEADERS.items():
		for index, cell in enumerate(cells):
			if cell in names:
				found[key] = index
				break
	missing = [key for key in REQUIRED if key not in found]
	if missing:
		raise TownListError(MISSING_COLUMNS, ", ".join(HEADERS[k][0] for k in missing))
	return found


def read_row(line: int, row: tuple, columns: dict[str, int]) -> TownRow:
	def cell(key):
		index = columns.get(key)
		value = row[index] if index is not None and index < len(row) else None
		return "" if value is None else str(value).strip()

	code = checked_code(cell("local_government_code"))
	kind = normalize(cell("municipality_type"))
	if kind not in MUNICIPALITY_TYPES:
		raise TownListError(BAD_TYPE, kind)
	site = cell("site_name").lower()
	if not SITE_NAME_RE.match(site):
		raise TownListError(BAD_SITE, site)
	settings = {
		"town_name": _text(cell("town_name"), "town_name", True, NAME_LENGTH, True),
		"local_government_code": code,
		"municipality_type": kind,
	}
	population = _population(cell("population"))
	if population is not None:
		settings["population"] = population
	for key, name in (("office_name", False), ("contact_phone", False), ("contact_email", False)):
		value = _text(cell(key), key, name, CONTACT_LENGTH, False)
		if value:
			settings[key] = value
	return TownRow(line, site, settings)


def read_towns(rows) -> list[TownRow | RowRefused]:
	"""Every data row of the list (row 1 is the header), each a TownRow or a RowRefused; a header
	without the required columns refuses the whole list (TownListError). A second row for a site or
	a code already listed is refused: the list must say one thing per town."""
	rows = iter(rows)
	columns = column_map(next(rows, ()))
	found: list[TownRow | RowRefused] = []
	sites, codes = set(), set()
	for line, row in enumerate(rows, start=2):
		if not any(str(c or "").strip() for c in row):
			continue
		label = next(
			(
				str(row[i]).strip()
				for i in (columns["town_name"], columns["site_name"])
				if i < len(row) and row[i]
			),
			"?",
		)
		try:
			town = read_row(line, row, columns)
			if town.site_name in sites or town.code in codes:
				raise TownListError(DUPLICATE, town.site_name)
		except TownListError as error:
			found.append(RowRefused(line, label, error))
			continue
		sites.add(town.site_name)
		codes.add(town.code)
		found.append(town)
	return found


def changes(current: dict, wanted: dict) -> dict:
	"""The settings values the list changes: only those that differ (numbers compared as numbers)."""

	def same(a, b):
		if isinstance(b, int) and not isinstance(b, bool):
			try:
				return int(a or 0) == b
			except (TypeError, ValueError):
				return False
		return (a or "") == (b or "")

	return {key: value for key, value in wanted.items() if not same(current.get(key), value)}
