# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from mynumber_card.core import booking_states, lifecycle
from mynumber_card.retention import REMOVED, anonymise_expired
from mynumber_card.testing import booking_values, make_card, make_slot


def booking(state: str, days_ago: int):
	proxy = {
		"proxy_coming": 1,
		"proxy_kind": "Authorised Proxy",
		"proxy_name": "代理 保存",
		"proxy_name_kana": "ダイリ ホゾン",
		"proxy_relationship": "長女",
	}
	doc = frappe.get_doc(booking_values(make_slot().name, email="old@example.jp", **proxy)).insert()
	doc.db_set({"workflow_state": state, "slot_date": add_days(today(), -days_ago)})
	return doc.name


class TestRetention(FrappeTestCase):
	def test_old_finished_records_lose_personal_data_and_statistics_stay(self):
		from mynumber_card.mynumber_card.report.issuance_status.issuance_status import execute

		old_done = booking(booking_states.COMPLETED, 400)
		old_cancelled = booking(booking_states.CANCELLED, 400)
		recent = booking(booking_states.COMPLETED, 30)
		still_open = booking(booking_states.CONFIRMED, 400)
		card = make_card(lifecycle.PENDING_DISPOSAL, full_name="保存 期限", address="テスト町1")
		card.db_set({"workflow_state": lifecycle.DISPOSED, "disposed_date": add_days(today(), -400)})
		period = {"from_date": add_days(today(), -430), "to_date": today()}
		before = execute(period)[1][-1]

		result = anonymise_expired()
		self.assertGreaterEqual(result["bookings"], 2)
		for name in (old_done, old_cancelled):
			row = frappe.db.get_value(
				"Card Booking",
				name,
				[
					"full_name",
					"birth_date",
					"phone",
					"email",
					"anonymised",
					"proxy_name",
					"proxy_relationship",
				],
				as_dict=True,
			)
			self.assertEqual(
				(row.full_name, row.birth_date, row.phone, row.email, row.anonymised),
				(REMOVED, None, None, None, 1),
			)
			self.assertEqual((row.proxy_name, row.proxy_relationship), (None, None))
			self.assertFalse(frappe.db.exists("Email Queue", {"reference_name": name}))
		for name in (recent, still_open):
			self.assertNotEqual(frappe.db.get_value("Card Booking", name, "full_name"), REMOVED)
		card.reload()
		self.assertEqual(
			(card.full_name, card.birth_date, card.address, card.anonymised), (REMOVED, None, None, 1)
		)
		self.assertEqual(execute(period)[1][-1], before)  # the counts do not change
		self.assertEqual(anonymise_expired(), {"bookings": 0, "cards": 0})
