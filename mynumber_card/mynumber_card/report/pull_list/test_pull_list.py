# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase

from mynumber_card.api.scanner import run_scan
from mynumber_card.core import lifecycle
from mynumber_card.mynumber_card.report.pull_list.pull_list import execute
from mynumber_card.testing import (
	booking_values,
	make_card,
	make_slot,
	unique_application_id,
	unique_notice_number,
)


class TestPullList(FrappeTestCase):
	def test_intake_gives_places_in_scan_order_and_the_pull_list_is_one_walk(self):
		frappe.db.set_single_value(
			"MyNumber Card Settings", {"storage_box_size": 2, "last_storage_place": "7-1"}
		)
		delivery = (
			frappe.get_doc(
				{
					"doctype": "Card Delivery",
					"expected_count": 3,
					"received_date": frappe.utils.today(),
					"status": "Open",
				}
			)
			.insert()
			.name
		)
		scanned, messages = [], []
		for _i in range(3):
			result = run_scan("Intake", unique_application_id(), delivery=delivery, session_id="pull")
			self.assertEqual(result["result"], "OK")
			scanned.append(result["card"]["name"])
			messages.append(result["message"])
		# the clerk is told where the card goes
		self.assertEqual(
			messages[0], _("Registered as received. Keep it in box {0}, position {1}.").format(7, 2)
		)
		places = [
			frappe.db.get_value("MyNumber Card", n, ["storage_box", "storage_position"]) for n in scanned
		]
		self.assertEqual(places, [(7, 2), (8, 1), (8, 2)])

		# the last scanned card is booked first in the day: the list still walks the shelves in order
		slot = make_slot(capacity=5, purposes=("カード受取", "更新"))
		day = frappe.db.get_value("Booking Slot", slot.name, "slot_date")
		cards = []
		for index, name in enumerate(scanned):
			card = frappe.get_doc("MyNumber Card", name)
			card.update(
				{
					"full_name": "取出 太郎",
					"full_name_kana": "トリダシ タロウ",
					"birth_date": f"1970-01-0{index + 1}",
					"notice_number": unique_notice_number(),
				}
			)
			card.save()
			for state in (lifecycle.PREPARED, lifecycle.NOTICE_SENT):
				card.workflow_state = state
				card.save()
			cards.append(card)
		for card in reversed(cards[1:]):
			frappe.get_doc(
				booking_values(
					slot.name,
					purpose="カード受取",
					notice_number=card.notice_number,
					birth_date=card.birth_date,
					full_name="取出 太郎",
					full_name_kana="トリダシ タロウ",
				)
			).insert()
		unplaced = make_card(lifecycle.NOTICE_SENT, birth_date="1971-02-02")
		frappe.get_doc(
			booking_values(
				slot.name, purpose="カード受取", notice_number=unplaced.notice_number, birth_date="1971-02-02"
			)
		).insert()

		renewal = frappe.get_doc(booking_values(slot.name, purpose="更新")).insert()

		_columns, rows = execute({"date": day, "location": slot.location})
		self.assertEqual([r.get("card") for r in rows], [cards[1].name, cards[2].name, unplaced.name, None])
		self.assertEqual(rows[-1]["booking"], renewal.name)  # the renewal visit comes last
		self.assertEqual([r["place"] for r in rows[:2]], ["8-1", "8-2"])
		self.assertNotIn(cards[0].name, [r.get("card") for r in rows])  # not booked that day

	def test_a_card_from_an_imported_delivery_list_gets_the_next_place_too(self):
		frappe.db.set_single_value(
			"MyNumber Card Settings", {"storage_box_size": 100, "last_storage_place": "4-99"}
		)
		delivery = frappe.get_doc(
			{
				"doctype": "Card Delivery",
				"expected_count": 2,
				"received_date": frappe.utils.today(),
				"status": "Open",
			}
		).insert()
		cards = [
			frappe.get_doc(
				{
					"doctype": "MyNumber Card",
					"application_id": unique_application_id(),
					"delivery": delivery.name,
				}
			).insert()
			for _i in range(2)
		]
		self.assertEqual([(c.storage_box, c.storage_position) for c in cards], [(4, 100), (5, 1)])
		no_delivery = make_card()
		self.assertFalse(no_delivery.storage_box)  # only cards that came in a J-LIS delivery
