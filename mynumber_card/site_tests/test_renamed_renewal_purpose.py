# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""A town that renames the shipped 更新 purpose keeps its renewal letters, the pull list's renewal
visits and the counter-service button: each finds the purpose by its flag (is_renewal), not its name."""

from urllib.parse import quote

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, today

from mynumber_card.boot import extend_bootinfo
from mynumber_card.core import lifecycle
from mynumber_card.ledger.letters import renewal_letter_context
from mynumber_card.mynumber_card.report.pull_list.pull_list import execute as pull_list
from mynumber_card.testing import booking_values, make_card, make_slot

SHIPPED, RENAMED = "更新", "カード・電子証明書の更新"


class TestRenamedRenewalPurpose(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.assertTrue(frappe.db.get_value("Booking Purpose", SHIPPED, "is_renewal"))
		slot = make_slot(purposes=(SHIPPED,))
		frappe.rename_doc("Booking Purpose", SHIPPED, RENAMED, force=True)
		frappe.db.set_value("Booking Purpose", RENAMED, "purpose_name", RENAMED)
		self.addCleanup(frappe.rename_doc, "Booking Purpose", RENAMED, SHIPPED, force=True)
		self.slot = frappe.get_doc("Booking Slot", slot.name)

	def test_letters_pull_list_and_button_follow_the_flag(self):
		card = make_card(lifecycle.ISSUED)
		card.db_set("certificate_expiry_date", add_months(today(), 1), update_modified=False)
		url = renewal_letter_context(names=[card.name])["booking_url"]
		self.assertTrue(url.endswith(f"/visit-booking?purpose={quote(RENAMED)}"), url)

		booking = frappe.get_doc(booking_values(self.slot.name, purpose=RENAMED)).insert()
		_columns, rows = pull_list({"date": self.slot.slot_date, "location": self.slot.location})
		self.assertIn(booking.name, [row.get("booking") for row in rows])

		boot = frappe._dict()
		extend_bootinfo(boot)
		self.assertEqual(boot.mynumber_card_renewal_purposes, [RENAMED])

	def test_no_purpose_marked_gives_the_plain_form(self):
		frappe.db.set_value("Booking Purpose", RENAMED, "is_renewal", 0)
		card = make_card(lifecycle.ISSUED)
		self.assertTrue(renewal_letter_context(names=[card.name])["booking_url"].endswith("/visit-booking"))
