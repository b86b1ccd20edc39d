frappe.query_reports["Pull List"] = {
	// stored text is shown as text (public/js/escape_output.js)
	formatter: mynumber_card.report_cell_html,
	filters: [
		{
			fieldname: "date",
			label: __("Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_days(frappe.datetime.get_today(), 1),
			reqd: 1,
		},
		{ fieldname: "location", label: __("Location"), fieldtype: "Link", options: "Booking Location" },
	],
};
