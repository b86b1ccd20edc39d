"""Exports of the app's reports and doctypes hold no live formula (issue 21).

Frappe builds the file in frappe.desk.query_report.export_query and frappe.desk.reportview.export_query,
both of which look up `make_xlsx` and `get_csv_bytes` when they run. Those two are wrapped once here; the
wrappers pass every cell through core.spreadsheet.neutralise_formula only inside `formulas_neutralised()`
(a flag of the current request, so another request's export in the same process is left as Frappe makes
it). Frappe's own checks (permissions, filters, columns) stay Frappe's."""

from contextlib import contextmanager

import frappe
import frappe.desk.utils
import frappe.utils.xlsxutils

from mynumber_card.core.spreadsheet import neutralise_formula, neutralise_row

FLAG = "mynumber_card_neutralise_formulas"


def _xlsx_cell(value):
	# Frappe turns a cell's HTML into text while writing it: "<b>=1</b>" would become the formula "=1".
	if isinstance(value, str):
		value = frappe.utils.xlsxutils.handle_html(value)
	return neutralise_formula(value)


def _wrap_once():
	if getattr(frappe.utils.xlsxutils.make_xlsx, FLAG, False):
		return
	frappe_make_xlsx = frappe.utils.xlsxutils.make_xlsx
	frappe_csv_bytes = frappe.desk.utils.get_csv_bytes

	def make_xlsx(data, sheet_name, wb=None, column_widths=None):
		if frappe.flags.get(FLAG):
			data = [[_xlsx_cell(value) for value in row] for row in data]
		return frappe_make_xlsx(data, sheet_name, wb=wb, column_widths=column_widths)

	def get_csv_bytes(data, csv_params):
		if frappe.flags.get(FLAG):
			data = [neutralise_row(row) for row in data]
		return frappe_csv_bytes(data, csv_params)

	for wrapper in (make_xlsx, get_csv_bytes):
		setattr(wrapper, FLAG, True)
	frappe.utils.xlsxutils.make_xlsx = make_xlsx
	frappe.desk.utils.get_csv_bytes = get_csv_bytes


@contextmanager
def formulas_neutralised():
	"""Within: the export Frappe builds in this request writes formula-like text as text."""
	_wrap_once()
	frappe.flags[FLAG] = True
	try:
		yield
	finally:
		frappe.flags[FLAG] = False


def is_app_doctype(doctype: str | None) -> bool:
	return bool(doctype) and frappe.get_cached_value("DocType", doctype, "module") == "MyNumber Card"


@frappe.whitelist()
def export_report_view():
	"""Frappe's report view and list export (hooks.py override_whitelisted_methods): the app's doctypes
	are exported with formulas neutralised, any other doctype as Frappe exports it."""
	from frappe.desk.reportview import export_query

	if not is_app_doctype(frappe.form_dict.get("doctype")):
		return export_query()
	with formulas_neutralised():
		return export_query()
