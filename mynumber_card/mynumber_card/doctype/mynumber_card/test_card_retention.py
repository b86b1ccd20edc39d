# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from mynumber_card import settings
from mynumber_card.core import lifecycle
from mynumber_card.core.roles import CLERK
from mynumber_card.retention import REMOVED, anonymise_expired
from mynumber_card.testing import make_card, make_user


class TestCardRetention(FrappeTestCase):
	def test_a_revoked_card_loses_proxies_its_services_details_and_attachments_after_the_retention_days(self):
		clerk = make_user("clerk.retention@example.jp", CLERK)
		card = make_card(lifecycle.ISSUED, full_name="保存 期限切", address="テスト町2")
		service = frappe.get_doc(
			{
				"doctype": "Card Service",
				"card": card.name,
				"service_type": "Loss Report",
				"staff": clerk,
				"visitor": "Authorised Proxy",
				"proxy_name": "代理 一郎",
				"proxy_relationship": "弟",
				"proxy_identity_documents": "Driving Licence",
				"loss_reported_via": "Police",
				"police_report_number": "R8-9999",
			}
		).insert()
		card.reload()
		card.update({"revoke_reason": "Lost", "workflow_state": lifecycle.REVOKED})
		card.save()
		card.db_set("revoked_date", add_days(today(), -400))
		# What staff left beside the card and its service: a note naming the proxy, a scanned letter.
		note = service.add_comment("Comment", "代理 一郎さんが来庁").name
		letter = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "委任状.txt",
				"attached_to_doctype": "MyNumber Card",
				"attached_to_name": card.name,
				"is_private": 1,
				"content": "代理 一郎".encode(),
			}
		).insert(ignore_permissions=True)

		self.assertGreaterEqual(anonymise_expired()["cards"], 1)
		stored = frappe.db.get_value(
			"MyNumber Card", card.name, ["full_name", "police_report_number", "anonymised"], as_dict=True
		)
		self.assertEqual(
			(stored.full_name, stored.police_report_number, stored.anonymised), (REMOVED, None, 1)
		)
		kept = frappe.db.get_value(
			"Card Service", service.name, ["proxy_name", "proxy_relationship", "service_type"], as_dict=True
		)
		self.assertEqual(
			(kept.proxy_name, kept.proxy_relationship, kept.service_type), (None, None, "Loss Report")
		)
		self.assertFalse(frappe.db.exists("Comment", note))
		self.assertFalse(frappe.db.exists("File", letter.name))
		self.assertFalse(frappe.db.exists("Comment", {"reference_name": card.name}))

	def test_a_held_card_whose_holder_died_loses_the_name_after_the_retention_days(self):
		days = settings.get_int("retention_days")
		self.assertGreater(days, 0)
		died = make_card(lifecycle.ISSUED, full_name="死亡 遠日")
		died.db_set({"holder_left_date": add_days(today(), -days - 1), "holder_left_reason": "Died"})
		recent = make_card(lifecycle.ISSUED, full_name="死亡 近日")
		recent.db_set({"holder_left_date": add_days(today(), -days + 30), "holder_left_reason": "Died"})
		held = make_card(lifecycle.ISSUED, full_name="保有 継続")

		anonymise_expired()
		names = {
			card.name: frappe.db.get_value("MyNumber Card", card.name, "full_name")
			for card in (died, recent, held)
		}
		self.assertEqual(names, {died.name: REMOVED, recent.name: "死亡 近日", held.name: "保有 継続"})
