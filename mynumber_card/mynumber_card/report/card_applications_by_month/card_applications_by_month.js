frappe.query_reports["Card Applications by Month"] = {
	// stored text is shown as text (public/js/escape_output.js)
	formatter: mynumber_card.report_cell_html,
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.add_months(frappe.datetime.get_today(), -11) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "include_withdrawn", label: __("Include Withdrawn"), fieldtype: "Check" },
	],
};
