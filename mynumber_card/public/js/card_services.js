// Counter services (窓口手続) on a card the holder has: a button group on the card form listing the
// services its state allows (core/services.py), and a button on a renewal booking.
// Loaded for both doctypes through doctype_js; register the handlers once.
frappe.provide("mynumber_card.card_services");

if (!mynumber_card.card_services.registered) {
	mynumber_card.card_services.registered = true;

	const new_service = (values) => frappe.new_doc("Card Service", values);
	// the purposes marked 更新 (Booking Purpose.is_renewal), from boot: never a name in the JS
	const is_renewal = (purpose) => (frappe.boot.mynumber_card_renewal_purposes || []).includes(purpose);

	frappe.ui.form.on("MyNumber Card", {
		refresh(frm) {
			if (frm.is_new()) return;
			const group = __("Counter Services");
			frappe
				.call({
					method: "mynumber_card.api.card_services.services_for_card",
					args: { card: frm.doc.name },
					type: "GET",
				})
				.then(({ message: service_types }) => {
					if (frm.doc.name !== frm.docname) return;
					for (const service_type of service_types || []) {
						frm.add_custom_button(
							__(service_type),
							() => new_service({ card: frm.doc.name, service_type }),
							group
						);
					}
					frm.add_custom_button(
						__("Service History"),
						() => frappe.set_route("List", "Card Service", { card: frm.doc.name }),
						group
					);
				});
		},
	});

	frappe.ui.form.on("Card Booking", {
		refresh(frm) {
			if (frm.is_new() || !is_renewal(frm.doc.purpose)) return;
			if (frappe.boot.mynumber_card_vocabularies.closed_booking_states.includes(frm.doc.workflow_state)) return;
			frm.add_custom_button(__("Record a Counter Service"), () =>
				new_service({
					booking: frm.doc.name,
					card: frm.doc.card || undefined,
					service_type: "Certificate Renewal",
				})
			);
		},
	});
}
