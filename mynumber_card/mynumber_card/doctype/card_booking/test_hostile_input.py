# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Whatever a stranger sends to the guest endpoints gets a 4xx-class refusal and writes nothing."""

import frappe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mynumber_card.api import booking as api
from mynumber_card.testing import BOOKING_PROXY, SlotTestCase, booking_values

# Refusals Frappe answers with 4xx (ValidationError 417, PermissionError 403, DoesNotExist 404).
CLIENT_ERRORS = (frappe.ValidationError, frappe.PermissionError)
NASTY = st.one_of(
	st.text(max_size=300),
	st.sampled_from(
		[
			"' OR 1=1 --",
			'"><script>alert(1)</script>',
			"１２３４ ５６７８ ９０１８",
			"123456789018",
			"2026-02-30",
			"0000-00-00",
			"9" * 5000,
			"\x00\x01",
			"BK-2026-00001",
		]
	),
	st.integers().map(str),
)
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def refused_or_fine(call) -> bool:
	try:
		call()
	except CLIENT_ERRORS:
		frappe.db.rollback(save_point="hostile")
		frappe.clear_messages()
		return True
	return False


class TestHostileInput(SlotTestCase):
	def setUp(self):
		frappe.set_user("Guest")
		frappe.db.savepoint("hostile")
		self.bookings = frappe.db.count("Card Booking")

	def tearDown(self):
		frappe.set_user("Administrator")

	@FEW
	@given(token=NASTY)
	def test_tokens(self, token):
		for call in (api.get_booking, api.cancel_booking):
			refused_or_fine(lambda call=call: call(token))
		refused_or_fine(lambda: api.reschedule_booking(token, self.slot))
		self.assertEqual(frappe.db.count("Card Booking"), self.bookings)

	@FEW
	@given(purpose=NASTY)
	def test_slot_listing(self, purpose):
		refused_or_fine(lambda: api.available_slots(purpose))

	@FEW
	@given(
		field=st.sampled_from(
			[
				"full_name",
				"full_name_kana",
				"birth_date",
				"phone",
				"email",
				"notice_number",
				"purpose",
				"slot",
				"channel",
			]
		),
		value=NASTY,
	)
	def test_booking_fields(self, field, value):
		values = {**booking_values(self.slot), field: value}
		created = not refused_or_fine(lambda: frappe.get_doc(values).insert(ignore_permissions=True))
		if created:  # a harmless value: it must be stored cleaned, never a 個人番号 nor markup
			booking = frappe.get_last_doc("Card Booking")
			self.assertNotIn("<script", str(booking.as_dict()))
			self.assertNotIn("9018", booking.full_name + (booking.phone or ""))
			frappe.db.rollback(save_point="hostile")
		self.assertEqual(frappe.db.count("Card Booking"), self.bookings)

	@FEW
	@given(
		field=st.sampled_from(
			["proxy_coming", "proxy_kind", "proxy_name", "proxy_name_kana", "proxy_relationship"]
		),
		value=NASTY,
	)
	def test_proxy_fields(self, field, value):
		proxy = BOOKING_PROXY
		values = {**booking_values(self.slot), **proxy, field: value}
		created = not refused_or_fine(lambda: frappe.get_doc(values).insert(ignore_permissions=True))
		if created:
			booking = frappe.get_last_doc("Card Booking")
			stored = " ".join(str(booking.get(f) or "") for f in proxy)
			self.assertNotIn("<script", stored)
			self.assertNotIn("9018", stored)
			self.assertIn(booking.proxy_kind, (None, "Legal Representative", "Authorised Proxy"))
			frappe.db.rollback(save_point="hostile")
		self.assertEqual(frappe.db.count("Card Booking"), self.bookings)
