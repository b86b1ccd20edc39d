frappe.query_reports["Cards Due for Renewal"] = {
	filters: [
		{ fieldname: "on", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "months", label: __("Months Ahead"), fieldtype: "Int", default: 3, reqd: 1 },
	],
};
