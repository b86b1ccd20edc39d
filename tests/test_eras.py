"""One era table (core/eras.py, with the day each era began) for printing, reading and the residents'
selects; a day an era did not have is refused, not moved into the other era."""

import re
from datetime import date

import pytest

from mynumber_card.core import eras
from mynumber_card.core.date_input import outside_era, parse_date
from mynumber_card.core.dates import wareki
from tests.app_files import APP

# (written, the date it is, or None when the era did not have that day)
EDGES = (
	("令和元年5月1日", date(2019, 5, 1)),
	("平成31年4月30日", date(2019, 4, 30)),
	("平成31年5月1日", None),
	("令和1年4月30日", None),
	("平成元年1月8日", date(1989, 1, 8)),
	("平成1年1月1日", None),  # a day of 昭和64年
	("昭和64年1月7日", date(1989, 1, 7)),
	("昭和64年1月8日", None),
	("昭和元年12月25日", date(1926, 12, 25)),
	("大正15年12月24日", date(1926, 12, 24)),
	("大正15年12月25日", None),
	("S64.1.7", date(1989, 1, 7)),
	("H1.1.7", None),
)


@pytest.mark.parametrize(("written", "expected"), EDGES)
def test_each_era_begins_and_ends_on_its_day(written, expected):
	assert parse_date(written) == expected
	assert (outside_era(written) is None) == (expected is not None)


def test_a_day_the_era_did_not_have_says_which_day_it_began_or_ended():
	before = outside_era("平成1年1月1日")
	assert before and before.before and before.era.name == "平成"
	assert before.era.start == date(1989, 1, 8)
	after = outside_era("昭和64年1月8日")
	assert after and not after.before and eras.end(after.era) == date(1989, 1, 7)
	assert outside_era("平成2年2月30日") is None  # no such day at all: the plain refusal
	assert outside_era("1989-01-01") is None


def test_the_table_runs_without_gaps_and_serves_the_script():
	for newer, older in zip(eras.ERAS, eras.ERAS[1:], strict=False):
		assert (newer.start - eras.end(older)).days == 1
	served = eras.table(eras.BIRTH_ERAS)
	assert served[0] == {"name": "令和", "start": "2019-05-01", "end": None}
	assert served[1] == {"name": "平成", "start": "1989-01-08", "end": "2019-04-30"}
	assert wareki(date(1989, 1, 7)) == "昭和64年1月7日" and wareki(date(1989, 1, 8)) == "平成元年1月8日"


def test_no_other_file_keeps_an_era_table():
	"""An era's name as a quoted literal lives in core/eras.py only (tests and words aside)."""
	names = "|".join(era.name for era in eras.ERAS)
	found = {
		str(path.relative_to(APP))
		for path in APP.rglob("*")
		if path.suffix in (".py", ".js")
		and path != APP / "core" / "eras.py"
		and not path.name.startswith("test_")
		and "node_modules" not in path.parts
		and re.search(rf"([\"'`])({names})\1", path.read_text(encoding="utf-8"))
	}
	assert found == set()
