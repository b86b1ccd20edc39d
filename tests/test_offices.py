from datetime import date

import pytest

from mynumber_card.core import offices
from mynumber_card.core import queue as q

ACTIVE = ["本庁舎", "北支所"]


def test_one_active_office_is_chosen_without_asking():
	assert offices.chosen_office(None, ["本庁舎"]) == "本庁舎"
	assert offices.chosen_office("本庁舎", ["本庁舎"]) == "本庁舎"


def test_several_offices_take_the_one_asked_for_or_none():
	assert offices.chosen_office("北支所", ACTIVE) == "北支所"
	assert offices.chosen_office(" 北支所 ", ACTIVE) == "北支所"
	assert offices.chosen_office(None, ACTIVE) is None
	assert offices.chosen_office("", ACTIVE) is None


def test_an_inactive_or_unknown_office_is_refused():
	with pytest.raises(offices.OfficeError) as raised:
		offices.chosen_office("南出張所", ACTIVE)
	assert raised.value.key == "unknown_office"
	with pytest.raises(offices.OfficeError):
		offices.chosen_office("南出張所", ["本庁舎"])


def test_a_booked_ticket_waits_at_the_booked_office():
	assert offices.ticket_office("北支所", "北支所") == "北支所"
	assert offices.ticket_office("北支所", None) == "北支所"
	assert offices.ticket_office(None, "本庁舎") == "本庁舎"
	assert offices.ticket_office(None, None) is None
	with pytest.raises(offices.OfficeError) as raised:
		offices.ticket_office("北支所", "本庁舎")
	assert (raised.value.key, raised.value.office) == ("booked_elsewhere", "北支所")


def test_a_clerk_moves_only_their_office_tickets():
	offices.check_same_office("本庁舎", "本庁舎")
	offices.check_same_office("本庁舎", None)
	for ticket in ("北支所", None):
		with pytest.raises(offices.OfficeError) as raised:
			offices.check_same_office(ticket, "本庁舎")
		assert raised.value.key == "other_office"


def test_a_transfer_stays_in_its_office():
	offices.check_transfer("本庁舎", None)
	offices.check_transfer("本庁舎", "本庁舎")
	with pytest.raises(offices.OfficeError) as raised:
		offices.check_transfer("本庁舎", "北支所")
	assert raised.value.key == "transfer_between_offices"


def test_each_office_locks_its_own_row_of_the_day():
	day = date(2026, 12, 7)
	keys = {offices.calls_key(day, office) for office in (None, *ACTIVE)}
	assert len(keys) == 3
	assert offices.calls_key(day, None) == q.calls_key(day)
	assert all(key.isascii() and len(key) <= 60 for key in keys)
	assert offices.calls_key(day, "北支所") == offices.calls_key(day, "北支所")
	assert offices.calls_key(date(2026, 12, 8), "北支所") != offices.calls_key(day, "北支所")


def test_public_waits_share_each_office_line_by_its_own_open_counters():
	from mynumber_card.core import queue_phone

	waiting = [("本庁舎", "交付")] * 4 + [("北支所", "交付")] * 4
	rows = queue_phone.waits(waiting, ["交付"], {"交付": 10.0}, 10, {"本庁舎": 4, "北支所": 1})
	minutes = {row.location: row.minutes for row in rows}
	assert minutes == {"本庁舎": 10, "北支所": 40}
	assert {row.location: row.waiting for row in rows} == {"本庁舎": 4, "北支所": 4}
	# one number for all offices, as before
	same = queue_phone.waits(waiting, ["交付"], {"交付": 10.0}, 10, 2)
	assert {row.location: row.minutes for row in same} == {"本庁舎": 20, "北支所": 20}
