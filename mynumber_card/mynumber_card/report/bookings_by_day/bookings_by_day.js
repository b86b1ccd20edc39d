frappe.query_reports["Bookings by Day"] = {
	filters: [
		{ fieldname: "date", label: __("Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "location", label: __("Location"), fieldtype: "Link", options: "Booking Location" },
		{ fieldname: "include_cancelled", label: __("Include Cancelled"), fieldtype: "Check" },
	],
};
