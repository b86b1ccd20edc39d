// Workflow actions that need something recorded (who received the card, why it is disposed, how a
// loss was reported…) open a dialog first; the move and what it records are saved in one request.
frappe.ui.form.on("MyNumber Card", {
	before_workflow_action(frm) {
		const action = frm.selected_workflow_action;
		const fields = ((frm.doc.__onload || {}).action_fields || {})[action];
		if (!fields) return; // a plain move: Frappe applies it
		frappe.dom.unfreeze();
		// Never resolved: the dialog applies the action itself, so Frappe's own call must not run.
		return new Promise(() => card_action_dialog(frm, action, fields));
	},
	refresh(frm) {
		if (frm.doc.card_issue_date_estimated) {
			frm.dashboard.set_headline(
				__("The issue date is estimated from the day the card arrived: enter the date printed on the card."),
				"orange"
			);
		}
	},
});

function card_action_dialog(frm, action, fieldnames) {
	const onload = frm.doc.__onload || {};
	const required = new Set(Object.values(onload.required_on_entry || {}));
	// the proxy the resident named when booking, until staff record who really came
	const booked = action === "Issue" && !frm.doc.received_by ? onload.booked_proxy || {} : {};
	const fields = fieldnames.map((fieldname) => {
		const df = { ...frappe.meta.get_docfield(frm.doctype, fieldname, frm.doc.name) };
		delete df.read_only;
		delete df.hidden;
		df.default = booked[fieldname] || frm.doc[fieldname];
		if (required.has(fieldname)) df.reqd = 1;
		if (fieldname === "identity_documents") {
			// kinds only, ticked from a fixed list: a number has nowhere to go
			return {
				fieldname,
				fieldtype: "MultiCheck",
				label: __(df.label),
				columns: 2,
				sort_options: false, // the list's own order: the commonest documents first
				options: (onload.document_kinds || []).map((kind) => ({
					label: __(kind),
					value: kind,
					checked: (frm.doc.identity_documents || "").split("\n").includes(kind),
				})),
			};
		}
		return df;
	});
	const dialog = new frappe.ui.Dialog({
		title: __(action),
		fields,
		primary_action_label: __(action),
		primary_action(values) {
			if (Array.isArray(values.identity_documents)) {
				values.identity_documents = values.identity_documents.join("\n");
			}
			const payload = {};
			fieldnames.forEach((f) => {
				if (values[f] !== undefined) payload[f] = values[f];
			});
			frappe
				.xcall("mynumber_card.api.ledger.apply_card_action", {
					card: frm.doc.name,
					action,
					values: payload,
				})
				.then(() => {
					dialog.hide();
					frm.reload_doc();
					frappe.show_alert({ message: __("Done: {0}", [__(action)]), indicator: "green" });
				});
		},
	});
	dialog.show();
}
