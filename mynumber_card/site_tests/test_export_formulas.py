# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""A name that looks like a formula never becomes one in a clerk's spreadsheet (issue 21). Names like
=HYPERLINK(...) and @SUM(1) are planted straight into the database, then the desk's exports are
requested from the served site as a clerk's browser requests them: a script report (Bookings by Day)
and the report view of Card Booking and of MyNumber Card, each as Excel and as CSV. No cell of the
files is a formula or text a spreadsheet would run; the names are there, behind a single quote; a
negative number stays a number."""

import csv
import io
import json

import frappe
import openpyxl
import requests
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from mynumber_card.core.spreadsheet import is_formula_like
from mynumber_card.site_tests.hostile_records import AT_FORMULA, FORMULA, plant, remove
from mynumber_card.testing import BASE_URL, HTTP_TIMEOUT_S

BOOKING_TEXT = {
	"full_name": FORMULA,
	"full_name_kana": AT_FORMULA,
	"proxy_name": "-1+2",
	"proxy_name_kana": "+SUM(1)",
	"proxy_relationship": " =1+1",
	"remarks": "\t=A1",
}
MEMBER_TEXT = {"full_name": AT_FORMULA, "full_name_kana": FORMULA}
CARD_TEXT = {"full_name": FORMULA, "full_name_kana": AT_FORMULA, "address": "-2+3", "remarks": "@A1"}
NEGATIVE = -5  # planted as a card's storage position: a number, which an export keeps a number


def cells_of(file_format: str, content: bytes) -> list:
	"""Every cell of the export, as the spreadsheet holds it: (value, is_a_formula)."""
	if file_format == "Excel":
		sheet = openpyxl.load_workbook(io.BytesIO(content)).active
		return [(cell.value, cell.data_type == "f") for row in sheet.iter_rows() for cell in row]
	text = content.decode("utf-8")
	return [(value, False) for row in csv.reader(io.StringIO(text)) for value in row]


class TestExportsHoldNoFormula(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.planted = plant(BOOKING_TEXT, MEMBER_TEXT, CARD_TEXT)
		frappe.db.set_value("MyNumber Card", cls.planted.card, "storage_position", NEGATIVE)
		frappe.db.commit()
		cls.session = requests.Session()
		cls.session.post(
			f"{BASE_URL}/api/method/login",
			data={"usr": "Administrator", "pwd": frappe.conf.get("admin_password") or "admin"},
			timeout=HTTP_TIMEOUT_S,
		).raise_for_status()

	@classmethod
	def tearDownClass(cls):
		remove(cls.planted)
		super().tearDownClass()

	def export(self, method: str, **params) -> bytes:
		response = self.session.get(f"{BASE_URL}/api/method/{method}", params=params, timeout=HTTP_TIMEOUT_S)
		self.assertEqual(response.status_code, 200, response.text[:500])
		return response.content

	def assert_no_formula(self, file_format: str, content: bytes, expected_names):
		cells = cells_of(file_format, content)
		self.assertEqual([value for value, formula in cells if formula], [], file_format)
		self.assertEqual([value for value, _ in cells if is_formula_like(value)], [], file_format)
		values = {value for value, _ in cells}
		for name in expected_names:
			self.assertIn(f"'{name}", values, file_format)
		return cells

	def test_a_script_report_export(self):
		for file_format in ("Excel", "CSV"):
			content = self.export(
				"frappe.desk.query_report.export_query",
				report_name="Bookings by Day",
				file_format_type=file_format,
				filters=json.dumps({"date": today()}),
				visible_idx="[]",
				include_indentation=0,
			)
			self.assert_no_formula(file_format, content, (FORMULA, AT_FORMULA))

	def test_the_report_view_export_of_bookings(self):
		fields = [
			f"`tabCard Booking`.`{field}`"
			for field in ("name", "full_name", "full_name_kana", "proxy_name", "proxy_name_kana", "remarks")
		]
		fields.append("`tabCard Booking Member`.`full_name`")
		for file_format in ("Excel", "CSV"):
			content = self.export(
				"frappe.desk.reportview.export_query",
				doctype="Card Booking",
				file_format_type=file_format,
				title="Card Booking",
				fields=json.dumps(fields),
				filters=json.dumps([["Card Booking", "name", "=", self.planted.booking]]),
			)
			self.assert_no_formula(file_format, content, (FORMULA, AT_FORMULA, "-1+2", "+SUM(1)", "\t=A1"))

	def test_the_report_view_export_of_cards_keeps_numbers(self):
		fields = [
			f"`tabMyNumber Card`.`{field}`"
			for field in ("name", "full_name", "full_name_kana", "address", "remarks", "storage_position")
		]
		content = self.export(
			"frappe.desk.reportview.export_query",
			doctype="MyNumber Card",
			file_format_type="Excel",
			title="MyNumber Card",
			fields=json.dumps(fields),
			filters=json.dumps([["MyNumber Card", "name", "=", self.planted.card]]),
		)
		cells = self.assert_no_formula("Excel", content, (FORMULA, AT_FORMULA, "-2+3", "@A1"))
		self.assertIn(NEGATIVE, [value for value, _ in cells])
