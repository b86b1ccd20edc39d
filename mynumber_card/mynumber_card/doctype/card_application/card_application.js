// 申請: how the resident applied; the card J-LIS delivers with the same Application ID links to it.
frappe.ui.form.on("Card Application", {
	refresh(frm) {
		if (frm.doc.card) {
			frm.add_custom_button(__("Open the Card"), () => frappe.set_route("Form", "MyNumber Card", frm.doc.card));
		}
		if (frm.doc.booking) {
			frm.add_custom_button(__("Open the Booking"), () => frappe.set_route("Form", "Card Booking", frm.doc.booking));
		}
		if (!frm.is_new() && frm.doc.status === "Applied") {
			frm.add_custom_button(__("Withdraw"), () =>
				frm.set_value({ status: "Withdrawn", withdrawn_on: frappe.datetime.get_today() }).then(() => frm.save())
			);
		}
		if (!frm.is_new() && frm.doc.status === "Withdrawn") {
			// withdrawn by mistake: the application waits for its card again
			frm.add_custom_button(__("Withdrawn by Mistake"), () =>
				frm.set_value({ status: "Applied", withdrawn_on: "" }).then(() => frm.save())
			);
		}
	},
	method(frm) {
		if (frm.doc.method !== "Express Issue") frm.set_value({ express_reason: "", event_date: "" });
	},
});
