frappe.query_reports["Queue Times"] = {
	// stored text is shown as text (public/js/escape_output.js)
	formatter: mynumber_card.report_cell_html,
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_days(frappe.datetime.get_today(), -30),
			reqd: 1,
		},
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "purpose", label: __("Purpose"), fieldtype: "Link", options: "Booking Purpose" },
		{ fieldname: "location", label: __("Office"), fieldtype: "Link", options: "Booking Location" },
	],
};
