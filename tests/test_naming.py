import re
from datetime import date

import pytest

from mynumber_card.core.naming import series_prefix, series_regex, supported
from tests.app_files import doctypes, naming_series

DAY = date(2026, 5, 12)


@pytest.mark.parametrize(
	"series, prefix",
	[
		("BK-.YYYY.-.#####", "BK-2026-"),
		("MNC-.YYYY.-.######", "MNC-2026-"),
		("YK.YY.MM.DD.-.###", "YK260512-"),
		("T-.####.-X", "T-"),
	],
)
def test_prefix_is_frappes_counter_key(series, prefix):
	assert series_prefix(series, DAY) == prefix


def test_regex_matches_the_names_the_series_gives_and_no_others():
	pattern = re.compile(series_regex("BK-.YYYY.-.#####"))
	assert all(pattern.fullmatch(n) for n in ("BK-2026-00012", "BK-2026-123456"))
	assert not any(pattern.fullmatch(n) for n in ("BK-26-00012", "BK-2026-0012", "BKX2026-00012", "BK-2026-"))
	assert re.compile(series_regex("A.B-.##")).fullmatch("AB-07")  # dots only separate parts
	assert re.compile(series_regex("T-.####.-X")).fullmatch("T-0001-X")


def test_series_the_app_cannot_read_are_refused():
	for series in ("BK-.{branch}.-.#####", "BK-.WW.-.###", "BK-.YYYY.-", ""):
		assert not supported(series)
		with pytest.raises(ValueError):
			series_regex(series)
	assert supported("BK-.YYYY.-.#####")


def test_every_series_the_app_ships_is_readable():
	series = [
		s
		for name, d in doctypes().items()
		if d.get("autoname") == "naming_series:"
		for s in naming_series(name)
	]
	assert series and all(supported(s) for s in series)
