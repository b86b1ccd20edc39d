// Workflow actions that need something recorded (who received the card, why it is disposed, how a
// loss was reported…) open a dialog first; the move and what it records are saved in one request.
frappe.ui.form.on("MyNumber Card", {
	before_workflow_action(frm) {
		const action = frm.selected_workflow_action;
		const fields = ((frm.doc.__onload || {}).action_fields || {})[action];
		if (!fields) return; // a plain move: Frappe applies it
		frappe.dom.unfreeze();
		// Never resolved: the dialog applies the action itself, so Frappe's own call must not run.
		if (action === "Issue") return new Promise(() => handover_dialog(frm, fields));
		return new Promise(() => card_action_dialog(frm, action, fields));
	},
	refresh(frm) {
		if (frm.doc.card_issue_date_estimated) {
			frm.dashboard.set_headline(
				__("The issue date is estimated from the day the card arrived: enter the date printed on the card."),
				"orange"
			);
		}
		show_resident_record_change(frm);
		show_document_kinds(frm);
	},
});

// The identity documents are stored as the list's kinds: say them in the clerk's language too.
function show_document_kinds(frm) {
	for (const fieldname of ["holder_identity_documents", "proxy_identity_documents"]) {
		const kinds = (frm.doc[fieldname] || "").split("\n").filter(Boolean);
		if (kinds.length)
			frm.set_df_property(
				fieldname,
				"description",
				kinds.map((kind) => mynumber_card.esc(__(kind))).join("・")
			);
	}
}

// The holder died or left the town's resident register (住基 list import, or by hand): said first.
function show_resident_record_change(frm) {
	if (!frm.doc.holder_left_date || !frm.doc.holder_left_reason) return;
	const args = [
		mynumber_card.esc(__(frm.doc.holder_left_reason)),
		mynumber_card.esc(frappe.datetime.str_to_user(frm.doc.holder_left_date)),
	];
	if (frm.doc.issued_date) {
		frm.dashboard.set_headline(
			__("Resident record: {0} on {1}. From that day this card no longer counts as held.", args),
			"orange"
		);
	} else if (frm.doc.workflow_state === "Disposed") {
		frm.dashboard.set_headline(__("Resident record: {0} on {1}.", args), "gray");
	} else {
		frm.dashboard.set_headline(
			__(
				"Resident record: {0} on {1}. From that day this card cannot be handed over: mark it for disposal.",
				args
			),
			"red"
		);
	}
}

function card_action_dialog(frm, action, fieldnames) {
	const onload = frm.doc.__onload || {};
	const required = new Set(Object.values(onload.required_on_entry || {}));
	const fields = fieldnames.map((fieldname) => {
		const df = { ...frappe.meta.get_docfield(frm.doctype, fieldname, frm.doc.name) };
		delete df.read_only;
		delete df.hidden;
		df.default = frm.doc[fieldname];
		if (required.has(fieldname)) df.reqd = 1;
		return df;
	});
	const dialog = new frappe.ui.Dialog({
		title: __(action),
		fields,
		primary_action_label: __(action),
		primary_action(values) {
			const payload = {};
			fieldnames.forEach((f) => {
				if (values[f] !== undefined) payload[f] = values[f];
			});
			apply_action(frm, action, payload, dialog);
		},
	});
	dialog.show();
}

function apply_action(frm, action, payload, dialog) {
	frappe
		.xcall("mynumber_card.api.ledger.apply_card_action", { card: frm.doc.name, action, values: payload })
		.then(() => {
			dialog.hide();
			frm.reload_doc();
			frappe.show_alert({ message: __("Done: {0}", [__(action)]), indicator: "green" });
		});
}

// Issue: who received the card and what they showed (public/js/handover_dialog.js, shared with the
// Card Scanner). Until staff record who really came, it starts from the proxy named when booking.
function handover_dialog(frm, fieldnames) {
	frappe.require("/assets/mynumber_card/js/handover_dialog.js", () => {
		mynumber_card.handover.options(frm.doc.name).then((options) => {
			const values = {};
			fieldnames.forEach((f) => (values[f] = frm.doc[f]));
			if (!frm.doc.received_by) Object.assign(values, options.card.booked_proxy || {});
			mynumber_card.handover.open({
				options,
				values,
				on_submit: (payload, dialog) => {
					const allowed = {};
					fieldnames.forEach((f) => {
						if (payload[f] !== undefined) allowed[f] = payload[f];
					});
					mynumber_card.handover
						.submit(dialog, "mynumber_card.api.ledger.apply_card_action", {
							card: frm.doc.name,
							action: "Issue",
							values: allowed,
						})
						.then(() => {
							dialog.hide();
							frm.reload_doc();
							frappe.show_alert({
								message: __("Done: {0}", [__("Issue")]),
								indicator: "green",
							});
						});
				},
			});
		});
	});
}
