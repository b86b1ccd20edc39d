# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Naming series come from the DocType meta: counter rows are made for each, and the scanner knows a
series a town set in Customize Form."""

from datetime import date

import frappe
from frappe.custom.doctype.property_setter.property_setter import make_property_setter
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today

from mynumber_card.api.scanner import scan_rules
from mynumber_card.core import barcodes
from mynumber_card.core.naming import series_prefix
from mynumber_card.utils.series import ensure_series_rows, series_doctypes, series_options

BOOKING = "Card Booking"


class TestNamingSeries(FrappeTestCase):
	def test_counter_rows_for_every_series_this_year_and_next(self):
		self.assertTrue({BOOKING, "MyNumber Card", "Card Delivery", "Card Service"} <= set(series_doctypes()))
		ensure_series_rows()
		year = getdate(today()).year
		prefixes = [
			series_prefix(option, date(y, 1, 1))
			for doctype in series_doctypes()
			for option in series_options(doctype)
			for y in (year, year + 1)
		]
		self.assertIn(f"BK-{year + 1}-", prefixes)
		missing = [p for p in prefixes if frappe.db.get_value("Series", p, "name", order_by="name") is None]
		self.assertEqual(missing, [])

	def test_the_scanner_knows_a_series_the_town_set(self):
		self.assertEqual(barcodes.classify("YK-26-0012", scan_rules()).kind, barcodes.UNKNOWN)
		make_property_setter(
			BOOKING,
			"naming_series",
			"options",
			"BK-.YYYY.-.#####\nYK-.YY.-.####",
			"Text",
			validate_fields_for_doctype=False,
		)
		frappe.clear_cache(doctype=BOOKING)
		try:
			self.assertEqual(series_options(BOOKING), ["BK-.YYYY.-.#####", "YK-.YY.-.####"])
			found = barcodes.classify("yk-26-0012", scan_rules())
			self.assertEqual((found.kind, found.value), (barcodes.BOOKING_CODE, "YK-26-0012"))
			self.assertEqual(barcodes.classify("BK-2026-00012", scan_rules()).value, "BK-2026-00012")
		finally:
			frappe.db.delete("Property Setter", {"doc_type": BOOKING, "field_name": "naming_series"})
			frappe.clear_cache(doctype=BOOKING)
		self.assertEqual(series_options(BOOKING), ["BK-.YYYY.-.#####"])
