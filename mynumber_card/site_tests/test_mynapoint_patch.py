# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The patch that removes the マイナポイント date keeps a filled-in date in the card's remarks."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card.core import lifecycle
from mynumber_card.patches import mynapoint_date_into_remarks as patch
from mynumber_card.testing import make_card

CARD = "MyNumber Card"


class TestMynapointPatch(FrappeTestCase):
	def test_dates_move_into_remarks_and_the_column_goes(self):
		noted = make_card(lifecycle.RECEIVED, remarks="転居予定あり")
		bare = make_card(lifecycle.RECEIVED)
		never = make_card(lifecycle.RECEIVED)
		frappe.db.commit()  # the column change below ends the transaction anyway
		self.addCleanup(self.remove, noted.name, bare.name, never.name)
		if not frappe.db.has_column(CARD, patch.COLUMN):
			frappe.db.sql_ddl(f"alter table `tab{CARD}` add column `{patch.COLUMN}` date")
			frappe.cache.hdel("table_columns", f"tab{CARD}")
		card = frappe.qb.DocType(CARD)
		frappe.qb.update(card).set(card[patch.COLUMN], "2021-06-01").where(
			card.name.isin([noted.name, bare.name])
		).run()

		patch.execute()

		remarks = dict(
			frappe.get_all(
				CARD,
				filters={"name": ("in", [noted.name, bare.name, never.name])},
				fields=["name", "remarks"],
				as_list=True,
			)
		)
		self.assertEqual(remarks[noted.name], "転居予定あり\nマイナポイント申込日：令和3年6月1日")
		self.assertEqual(remarks[bare.name], "マイナポイント申込日：令和3年6月1日")
		self.assertIsNone(remarks[never.name])
		self.assertFalse(frappe.db.has_column(CARD, patch.COLUMN))
		patch.execute()  # a second run finds nothing to do

	def remove(self, *names):
		for name in names:
			frappe.delete_doc(CARD, name, force=True, ignore_permissions=True)
		frappe.db.commit()
