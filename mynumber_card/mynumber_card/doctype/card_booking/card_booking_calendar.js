frappe.views.calendar["Card Booking"] = {
	field_map: { start: "starts_at", end: "ends_at", id: "name", title: "full_name", allDay: "allDay" },
	gantt: false,
	filters: [
		{ fieldtype: "Link", fieldname: "location", options: "Booking Location", label: __("Location") },
		{ fieldtype: "Link", fieldname: "purpose", options: "Booking Purpose", label: __("Purpose") },
	],
	get_events_method: "frappe.desk.calendar.get_events",
};
