// Phone and counter bookings in the desk follow the same rules as the public forms.
frappe.ui.form.on("Card Booking", {
	setup(frm) {
		frm.set_query("slot", () => ({
			query: "mynumber_card.booking.desk.open_slots",
			filters: { purpose: frm.doc.purpose || "" },
		}));
	},
	onload(frm) {
		if (frm.is_new() && !frm.doc.channel) frm.set_value("channel", "Phone");
	},
	purpose(frm) {
		frm.set_value("slot", "");
	},
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Open the slot"), () => frappe.set_route("Form", "Booking Slot", frm.doc.slot));
		}
	},
});
