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
		if (frm.doc.proxy_coming && frm.doc.proxy_name) {
			// Said by the resident when booking: the clerk prepares the proxy's checks (照会書, documents).
			frm.set_intro(
				__("A proxy will come: {0}, {1} ({2})", [
					mynumber_card.esc(__(frm.doc.proxy_kind || "Proxy")),
					mynumber_card.esc(frm.doc.proxy_name),
					mynumber_card.esc(frm.doc.proxy_relationship),
				]),
				"blue"
			);
		}
		if (!frm.is_new()) {
			frm.add_custom_button(__("Open the slot"), () => frappe.set_route("Form", "Booking Slot", frm.doc.slot));
		}
	},
});
