frappe.views.calendar["Booking Slot"] = {
	field_map: { start: "starts_at", end: "ends_at", id: "name", title: "location", allDay: "allDay" },
	// slots of an opening day or extra session (休日開庁) show in orange, closed slots in red
	fields: ["starts_at", "ends_at", "location", "name", "opening_note", "is_closed"],
	get_css_class: (slot) => (slot.is_closed ? "danger" : slot.opening_note ? "warning" : "default"),
	gantt: false,
	filters: [{ fieldtype: "Link", fieldname: "location", options: "Booking Location", label: __("Location") }],
	get_events_method: "frappe.desk.calendar.get_events",
};
