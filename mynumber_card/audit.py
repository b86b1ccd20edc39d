"""Exports of the ledger leave a trace: who took which report, with which filters, in which format
(Frappe's Access Log, the same record Frappe writes for printing); their cells are never formulas."""

import frappe
from frappe.core.doctype.access_log.access_log import make_access_log
from frappe.desk.query_report import export_query as frappe_export_query

from mynumber_card.exports import formulas_neutralised


def app_reports() -> set[str]:
	return set(frappe.get_all("Report", filters={"module": "MyNumber Card"}, pluck="name"))


@frappe.whitelist()
def export_query():
	"""Frappe's report export (hooks.py override_whitelisted_methods), logged for the app's reports, whose
	files hold no live formula (exports.py)."""
	report_name = frappe.form_dict.get("report_name")
	if report_name not in app_reports():
		return frappe_export_query()
	log_export(report_name, frappe.form_dict.get("filters"), frappe.form_dict.get("file_format_type"))
	with formulas_neutralised():
		return frappe_export_query()


def log_export(report_name: str, filters, file_type: str | None):
	make_access_log(
		doctype=frappe.get_cached_value("Report", report_name, "ref_doctype"),
		report_name=report_name,
		filters=filters,
		file_type=file_type,
		method="export",
	)
