# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from mynumber_card.core import lifecycle
from mynumber_card.core.roles import CLERK
from mynumber_card.retention import REMOVED, anonymise_expired
from mynumber_card.testing import make_card, make_user


class TestCardRetention(FrappeTestCase):
	def test_a_revoked_card_loses_proxies_and_its_services_details_after_the_retention_days(self):
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
				"identity_documents": "Driving Licence",
				"loss_reported_via": "Police",
				"police_report_number": "R8-9999",
			}
		).insert()
		card.reload()
		card.update({"revoke_reason": "Lost", "workflow_state": lifecycle.REVOKED})
		card.save()
		card.db_set("revoked_date", add_days(today(), -400))

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
