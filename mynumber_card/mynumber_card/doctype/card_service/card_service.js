// A counter service on a card: only cards in a state the service allows are offered, identity
// documents are chosen by kind (never their numbers), each person's own; an authorised proxy's PIN reset is
// finished on the second visit, a legal representative's on the day.
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
					frappe.show_alert({ message: __("{0} is complete.", [__(frm.doc.service_type)]), indicator: "green" });
					frm.reload_doc();
				})
			);
		}
		if (frm.is_new()) {
			frm.add_custom_button(__("Choose Identity Documents"), () => choose_documents(frm));
		}
		show_visitor_note(frm);
		// the fee comes from the town's table; only a Card Manager corrects it (with a reason, kept)
		frm.set_df_property("fee", "read_only", !frappe.boot.mynumber_card_can_correct_fee);
	},
	visitor: show_visitor_note,
	service_type(frm) {
		show_visitor_note(frm);
		show_fee(frm);
	},
	revoke_reason: show_fee,
	express: show_fee,
	with_certificates: show_fee,
});

// What the reissue costs by the town's table (core/fees.py), shown as the clerk picks the reason.
function show_fee(frm) {
	if (frm.doc.service_type !== "Reissue Application" || !frm.doc.revoke_reason) return;
	frappe
		.call({
			method: "mynumber_card.api.card_services.reissue_fee",
			type: "GET",
			args: {
				reason: frm.doc.revoke_reason,
				with_certificates: frm.doc.with_certificates ? 1 : 0,
				express: frm.doc.express ? 1 : 0,
			},
		})
		.then(({ message }) => {
			const corrected = frm.doc.fee_correction_reason && frm.doc.fee !== frm.doc.computed_fee;
			frm.set_value("computed_fee", message);
			if (!corrected) frm.set_value("fee", message);
		});
}

// What the visitor brings, said where the clerk looks (core/handover.service_visitor_problems).
function show_visitor_note(frm) {
	frm.set_intro("");
	if (!frm.is_new()) return;
	if (frm.doc.visitor === "Legal Representative") {
		frm.set_intro(
			__(
				"A legal representative finishes on the day: the holder's card and one more document of the holder's, their own two A or one A and one B, and their authority (戸籍謄本, 登記事項証明書, or why none is needed)."
			) +
				(frm.doc.service_type === "PIN Reset"
					? " " +
					  __(
							"Holders under 15 and adult wards have no signature certificate: there is no signature PIN to reset."
					  )
					: ""),
			"blue"
		);
	} else if (frm.doc.visitor === "Authorised Proxy" && frm.doc.service_type === "PIN Reset") {
		frm.set_intro(
			__(
				"An authorised proxy shows one A or two B. The town mails the inquiry and answer form to the holder; the PIN is reset when the proxy comes back with it."
			),
			"blue"
		);
	}
}

// Kinds only, each person's own, from the hand-over dialog's list (public/js/handover_dialog.js):
// type to filter, ↓ and Enter to add, Backspace to remove the last, Ctrl+S to set.
function choose_documents(frm) {
	frappe.require("/assets/mynumber_card/js/handover_dialog.js", () =>
		frm.service_options.then(({ document_kinds }) => {
			const field = (fieldname, for_proxy) =>
				mynumber_card.handover.documents_field(document_kinds, {
					fieldname,
					label: __(frappe.meta.get_label(frm.doctype, fieldname)),
					for_proxy,
					value: frm.doc[fieldname],
				});
			const fields = [field("holder_identity_documents", false)];
			if (frm.doc.visitor && frm.doc.visitor !== "Holder") {
				fields.push(field("proxy_identity_documents", true));
			}
			const fieldnames = fields.map((f) => f.fieldname); // the dialog adds its own section to fields
			const dialog = new frappe.ui.Dialog({
				title: __("Identity Documents Checked"),
				fields,
				no_submit_on_enter: true, // Enter picks from a list; Ctrl+S sets
				primary_action_label: __("Set"),
				primary_action(values) {
					for (const fieldname of fieldnames) {
						frm.set_value(fieldname, (values[fieldname] || []).join("\n"));
					}
					dialog.hide();
				},
			});
			mynumber_card.handover.clear_typed_text(dialog, fieldnames);
			dialog.show();
		})
	);
}
