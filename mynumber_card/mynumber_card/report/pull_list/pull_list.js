frappe.query_reports["Pull List"] = {
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
