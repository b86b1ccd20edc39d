# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The patch of issue 22's hand-over: the one identity-documents list goes to the holder's or the proxy's
by who received the card (came for the service); proxy reasons that left the list keep their old value
in the card's remarks. Nothing recorded is lost."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card.core import lifecycle
from mynumber_card.patches import proxy_reasons_and_two_document_lists as patch
from mynumber_card.testing import make_card

CARD = "MyNumber Card"
SERVICE = "Card Service"


class TestProxyReasonsPatch(FrappeTestCase):
	def test_documents_split_by_who_came_and_old_reasons_are_kept_in_remarks(self):
		by_holder = make_card(lifecycle.RECEIVED)
		in_care = make_card(lifecycle.RECEIVED, remarks="以前の備考")
		disabled = make_card(lifecycle.RECEIVED)
		service = frappe.new_doc(SERVICE)
		service.update({"card": by_holder.name, "service_type": "PIN Reset", "staff": "Administrator"})
		service.db_insert()  # a record as an earlier version stored it
		frappe.db.commit()  # the column changes below end the transaction anyway
		self.addCleanup(self.remove, service.name, by_holder.name, in_care.name, disabled.name)
		for doctype in (CARD, SERVICE):
			if not frappe.db.has_column(doctype, patch.OLD_COLUMN):
				frappe.db.sql_ddl(f"alter table `tab{doctype}` add column `{patch.OLD_COLUMN}` text")
				frappe.cache.hdel("table_columns", f"tab{doctype}")
		self.put(CARD, by_holder.name, received_by="Holder", identity_documents="Passport")
		self.put(
			CARD,
			in_care.name,
			received_by="Authorised Proxy",
			proxy_reason="Hospitalised or in Care",
			identity_documents="Driving Licence\nPension Book",
		)
		self.put(CARD, disabled.name, received_by="Authorised Proxy", proxy_reason="Disability")
		self.put(SERVICE, service.name, visitor="Authorised Proxy", identity_documents="Residence Card")

		patch.execute()

		fields = ["proxy_reason", "holder_identity_documents", "proxy_identity_documents", "remarks"]
		holder = frappe.db.get_value(CARD, by_holder.name, fields, as_dict=True)
		self.assertEqual(
			(holder.holder_identity_documents, holder.proxy_identity_documents), ("Passport", None)
		)
		care = frappe.db.get_value(CARD, in_care.name, fields, as_dict=True)
		self.assertEqual(care.proxy_reason, "Other")
		self.assertEqual(care.proxy_identity_documents, "Driving Licence\nPension Book")
		self.assertEqual(care.remarks, "以前の備考\n代理人交付の理由（変更前）：入院・施設入所")
		self.assertEqual(frappe.db.get_value(CARD, disabled.name, "proxy_reason"), "Person with a Disability")
		self.assertEqual(
			frappe.db.get_value(
				SERVICE, service.name, ["holder_identity_documents", "proxy_identity_documents"]
			),
			(None, "Residence Card"),
		)
		self.assertFalse(frappe.db.has_column(CARD, patch.OLD_COLUMN))
		self.assertFalse(frappe.db.has_column(SERVICE, patch.OLD_COLUMN))
		patch.execute()  # a second run finds nothing to do
		self.assertEqual(frappe.db.get_value(CARD, in_care.name, "remarks"), care.remarks)

	def put(self, doctype: str, name: str, **values):
		table = frappe.qb.DocType(doctype)
		query = frappe.qb.update(table)
		for field, value in values.items():
			query = query.set(table[field], value)
		query.where(table.name == name).run()

	def remove(self, service: str, *cards: str):
		frappe.db.delete(SERVICE, {"name": service})
		for name in cards:
			frappe.delete_doc(CARD, name, force=True, ignore_permissions=True)
		frappe.db.commit()
