// A counter service on a card: only cards in a state the service allows are offered, identity
// documents are chosen by kind (never their numbers), a proxy's PIN reset is finished on the second visit.
frappe.ui.form.on("Card Service", {
	setup(frm) {
		frm.service_options = frappe
			.call({ method: "mynumber_card.api.card_services.form_options", type: "GET" })
			.then((r) => r.message);
		frm.service_options.then((options) => (frm.allowed_states = options.allowed_states));
		frm.set_query("card", () => {
			const states = (frm.allowed_states || {})[frm.doc.service_type];
			return states ? { filters: { workflow_state: ["in", states] } } : {};
		});
	},
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status === "Waiting for Second Visit") {
			frm.add_custom_button(__("Second Visit Done"), () =>
				frm.call("complete_second_visit").then(() => {
					frappe.show_alert({ message: __("The PIN reset is complete."), indicator: "green" });
					frm.reload_doc();
				})
			);
		}
		frm.add_custom_button(__("Choose Identity Documents"), () => choose_documents(frm));
	},
});

function choose_documents(frm) {
	frm.service_options.then(({ document_kinds }) => {
		const chosen = (frm.doc.identity_documents || "").split("\n").filter(Boolean);
		const dialog = new frappe.ui.Dialog({
			title: __("Identity Documents Checked"),
			fields: [
				{
					fieldname: "kinds",
					fieldtype: "MultiCheck",
					columns: 2,
					options: document_kinds.map((kind) => ({
						label: __(kind),
						value: kind,
						checked: chosen.includes(kind),
					})),
				},
			],
			primary_action_label: __("Set"),
			primary_action({ kinds }) {
				frm.set_value("identity_documents", (kinds || []).join("\n"));
				dialog.hide();
			},
		});
		dialog.show();
	});
}
