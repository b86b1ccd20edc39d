frappe.query_reports["Cards Due for Re-notice"] = {
	filters: [{ fieldname: "on", label: __("Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 }],
};
