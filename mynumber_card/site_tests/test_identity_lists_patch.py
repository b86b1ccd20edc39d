# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The patch that moves what to bring to one home per purpose: the old built-in identity line becomes
the purpose's "identity documents needed", and the letter's own list joins the pickup purpose."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card.patches import identity_lists_for_what_to_bring as patch
from mynumber_card.settings import SETTINGS


class TestIdentityListsPatch(FrappeTestCase):
	def test_old_lines_move_and_nothing_typed_is_lost(self):
		pickup = frappe.db.get_value("Booking Purpose", {"is_pickup": 1}, "name", order_by="sort_order")
		frappe.db.set_value(
			"Booking Purpose",
			pickup,
			{"what_to_bring": f"交付通知書（はがき）\n{patch.OLD_IDENTITY_LINE}\n通知カード（お持ちの方）"},
		)
		frappe.get_doc(
			{
				"doctype": "Booking Purpose",
				"purpose_name": "パッチ試験",
				"what_to_bring": "本人確認書類（写真付き1点）",
				"needs_identity": 1,
			}
		).insert()
		singles = frappe.qb.DocType("Singles")
		frappe.qb.into(singles).columns(singles.doctype, singles.field, singles.value).insert(
			SETTINGS,
			"pickup_items_to_bring",
			f"交付通知書（はがき）\n{patch.OLD_IDENTITY_LINE}\n印鑑（お持ちの方）",
		).run()

		patch.execute()

		moved = frappe.db.get_value(
			"Booking Purpose", pickup, ["what_to_bring", "needs_identity"], as_dict=True
		)
		self.assertEqual(
			moved.what_to_bring, "交付通知書（はがき）\n通知カード（お持ちの方）\n印鑑（お持ちの方）"
		)
		self.assertEqual(moved.needs_identity, 1)
		own = frappe.db.get_value(
			"Booking Purpose", "パッチ試験", ["what_to_bring", "needs_identity"], as_dict=True
		)
		self.assertEqual((own.what_to_bring, own.needs_identity), ("本人確認書類（写真付き1点）", 0))
		left = (
			frappe.qb.from_(singles)
			.select(singles.value)
			.where((singles.doctype == SETTINGS) & (singles.field == "pickup_items_to_bring"))
		)
		self.assertEqual(left.run(), ())
