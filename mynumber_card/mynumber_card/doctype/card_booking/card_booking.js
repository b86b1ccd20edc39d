// Phone and counter bookings in the desk follow the same rules as the public forms.
// the booking states, from the server (core/booking_states.py through boot.py)
const BOOKING_STATES = () => frappe.boot.mynumber_card_vocabularies.booking_states;
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
		// 申請サポート: the applications the visit leaves (recorded on completion when the purpose says so)
		if (!frm.is_new() && !frm.doc.card && [BOOKING_STATES().CHECKED_IN, BOOKING_STATES().COMPLETED].includes(frm.doc.workflow_state)) {
			frm.add_custom_button(__("Card Applications"), () =>
				frappe
					.call({
						method: "mynumber_card.api.applications.record_from_booking",
						args: { booking: frm.doc.name },
					})
					.then(({ message }) => {
						if (message.created) {
							frappe.show_alert({ message: __("{0} applications recorded.", [message.applications.length]), indicator: "green" });
						}
						frappe.set_route("List", "Card Application", { booking: frm.doc.name });
					})
			);
		}
	},
});
