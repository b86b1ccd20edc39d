frappe.query_reports["Cards Due for Re-notice"] = {
	// stored text is shown as text (public/js/escape_output.js)
	formatter: mynumber_card.report_cell_html,
	filters: [{ fieldname: "on", label: __("Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 }],
};
