frappe.views.calendar["Booking Slot"] = {
	field_map: { start: "starts_at", end: "ends_at", id: "name", title: "location", allDay: "allDay" },
	gantt: false,
	filters: [{ fieldtype: "Link", fieldname: "location", options: "Booking Location", label: __("Location") }],
	get_events_method: "frappe.desk.calendar.get_events",
};
