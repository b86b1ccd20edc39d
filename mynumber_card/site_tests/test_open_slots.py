# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The residents' slot list and the staff's slot search offer the same open slots."""

from frappe.tests.utils import FrappeTestCase

from mynumber_card.api.booking import available_slots
from mynumber_card.booking.desk import open_slots
from mynumber_card.testing import make_slot

PURPOSE = "申請サポート"


def offered_to_residents() -> set[str]:
	return {slot["slot"] for day in available_slots(PURPOSE) for slot in day["slots"]}


def offered_to_staff(location: str) -> set[str]:
	rows = open_slots("Booking Slot", location, "name", 0, 50, {"purpose": PURPOSE})
	return {row[0] for row in rows}


class TestOpenSlots(FrappeTestCase):
	def test_residents_and_staff_see_the_same_open_slots(self):
		slots = {
			"open": make_slot(),
			"full": make_slot(capacity=1),
			"closed": make_slot(),
			"other purpose": make_slot(purposes=("更新",)),
		}
		slots["full"].db_set("booked_count", 1)
		slots["closed"].db_set("is_closed", 1)
		residents = offered_to_residents()
		for case, slot in slots.items():
			staff = offered_to_staff(slot.location)
			expected = {slot.name} if case == "open" else set()
			self.assertEqual(staff, expected, case)
			self.assertEqual({slot.name} & residents, expected, case)
