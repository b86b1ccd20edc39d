// The hand-over dialog: who received the card and what they showed, shared by the card form's Issue
// action and the Card Scanner. The server decides (core/handover.py); the dialog only offers the
// fields that belong to the way the card is received, and the documents that fit the chosen reason.
// Keyboard: Tab between fields, Space ticks, arrows pick; in a document list ↓ and Enter add a kind,
// Backspace removes the last one; Ctrl+S records.
frappe.provide("mynumber_card.handover");

mynumber_card.handover.options = (card) =>
	frappe
		.call({ method: "mynumber_card.api.handover.dialog_options", args: { card }, type: "GET" })
		.then((r) => r.message);

// values: the card's current hand-over fields (or the booking's proxy); on_submit(values) records them.
mynumber_card.handover.open = ({ options, values, title, primary_label, on_submit }) => {
	const o = options;
	const card = o.card || {};
	const v = { ...(values || {}) };
	if (!v.received_by) v.received_by = card.needs_legal_representative ? "Legal Representative" : "Holder";
	const restricted = Object.keys(o.standing_required);
	const is_proxy = "eval:doc.received_by=='Authorised Proxy'";
	const not_holder = "eval:doc.received_by && doc.received_by!='Holder'";
	const choice = (value) => ({ label: __(value), value });
	const with_blank = (values) => [{ label: "", value: "" }, ...values.map(choice)];
	const documents_field = (fieldname, label, for_proxy) =>
		mynumber_card.handover.documents_field(o.document_kinds, {
			fieldname,
			label: __(label),
			for_proxy,
			value: v[fieldname],
		});

	let dialog = null;
	const refresh = () => dialog && refresh_choices(dialog, o);
	dialog = new frappe.ui.Dialog({
		title: title || __("Issue"),
		size: "extra-large",
		no_submit_on_enter: true, // Enter picks from a list; Ctrl+S (or the button) records
		fields: [
			{ fieldname: "problems", fieldtype: "HTML" },
			{ fieldname: "dates_section", fieldtype: "Section Break" },
			{
				fieldname: "card_issue_date",
				fieldtype: "Date",
				label: __("Issue Date on Card"),
				default: v.card_issue_date,
			},
			{ fieldname: "dates_column", fieldtype: "Column Break" },
			{
				fieldname: "printed_expiry_date",
				fieldtype: "Date",
				label: __("Expiry Printed on Card"),
				default: v.printed_expiry_date,
			},
			{ fieldname: "who_section", fieldtype: "Section Break", label: __("Who Received the Card") },
			{
				fieldname: "received_by",
				fieldtype: "Select",
				label: __("Handed Over To"),
				options: o.receivers.map(choice),
				default: v.received_by,
				reqd: 1,
				onchange: refresh,
			},
			{
				fieldname: "proxy_name",
				fieldtype: "Data",
				label: __("Proxy Name"),
				depends_on: not_holder,
				default: v.proxy_name,
			},
			{
				fieldname: "proxy_relationship",
				fieldtype: "Data",
				label: __("Relationship to Holder"),
				depends_on: not_holder,
				default: v.proxy_relationship,
			},
			{
				fieldname: "holder_under_guardianship",
				fieldtype: "Check",
				label: __("Holder under Guardianship"),
				depends_on: "eval:doc.received_by=='Legal Representative'",
				default: v.holder_under_guardianship || (card.under_guardianship ? 1 : 0),
				onchange: refresh,
			},
			{
				fieldname: "holder_present",
				fieldtype: "Check",
				label: __("Holder Came Along"),
				depends_on: "eval:doc.received_by=='Legal Representative'",
				default: v.holder_present,
			},
			{ fieldname: "reason_column", fieldtype: "Column Break" },
			{
				fieldname: "proxy_reason",
				fieldtype: "Select",
				label: __("Proxy Reason"),
				options: with_blank(o.reasons),
				depends_on: is_proxy,
				default: o.reasons.includes(v.proxy_reason) ? v.proxy_reason : "",
				onchange: refresh,
			},
			{
				fieldname: "proxy_standing",
				fieldtype: "Select",
				label: __("Proxy's Standing"),
				options: with_blank(o.standings),
				depends_on: `eval:doc.received_by=='Authorised Proxy' && ${JSON.stringify(
					restricted
				)}.includes(doc.proxy_reason)`,
				default: v.proxy_standing,
			},
			{
				fieldname: "authority_proof",
				fieldtype: "Select",
				label: __("Proof of Authority"),
				options: with_blank(o.authority_proofs),
				depends_on: `eval:doc.received_by=='Legal Representative' || (doc.received_by=='Authorised Proxy' && ${JSON.stringify(
					restricted
				)}.includes(doc.proxy_reason))`,
				default: v.authority_proof,
			},
			{
				fieldname: "hardship_proof",
				fieldtype: "Select",
				label: __("Proof of Hardship"),
				options: with_blank(o.hardship_proofs_for[v.proxy_reason] || []),
				depends_on: `eval:doc.received_by=='Authorised Proxy' && ${JSON.stringify(
					Object.keys(o.hardship_proofs_for)
				)}.includes(doc.proxy_reason)`,
				default: v.hardship_proof,
			},
			{
				fieldname: "handover_override_reason",
				fieldtype: "Small Text",
				label: __("Exception Recorded by a Manager"),
				description: o.can_record_exception
					? __("Why this document was accepted for the reason.")
					: __("Only a Card Manager can accept a document not on the town's list."),
				read_only: o.can_record_exception ? 0 : 1,
				depends_on: `eval:doc.received_by=='Authorised Proxy' && doc.hardship_proof==${JSON.stringify(
					o.other_proof
				)}`,
				default: v.handover_override_reason,
			},
			{
				fieldname: "inquiry_form_received",
				fieldtype: "Check",
				label: __("Inquiry and Answer Form Received"),
				depends_on: is_proxy,
				default: v.inquiry_form_received,
			},
			{
				fieldname: "letter_of_attorney_received",
				fieldtype: "Check",
				label: __("Letter of Attorney Received"),
				depends_on: is_proxy,
				default: v.letter_of_attorney_received,
			},
			{
				fieldname: "documents_section",
				fieldtype: "Section Break",
				label: __("Identity Documents Checked"),
			},
			documents_field("holder_identity_documents", "Holder's Identity Documents", false),
			{ fieldname: "documents_column", fieldtype: "Column Break" },
			{
				...documents_field("proxy_identity_documents", "Proxy's Identity Documents", true),
				depends_on: not_holder,
			},
			{ fieldname: "rule_section", fieldtype: "Section Break" },
			{ fieldname: "rule_hint", fieldtype: "HTML" },
		],
		primary_action_label: primary_label || __("Issue"),
		primary_action(values) {
			const payload = {};
			for (const [fieldname, value] of Object.entries(values)) {
				if (["rule_hint", "problems"].includes(fieldname)) continue;
				payload[fieldname] = Array.isArray(value) ? value.join("\n") : value;
			}
			on_submit(payload, dialog);
		},
	});

	mynumber_card.handover.clear_typed_text(dialog, [
		"holder_identity_documents",
		"proxy_identity_documents",
	]);
	dialog.show();
	refresh();
	return dialog;
};

// The documents and proofs that fit the reason and the holder; a hint of what each person shows.
function refresh_choices(dialog, o) {
	const d = dialog.get_values(true) || {};
	const reason = d.proxy_reason;
	const choice = (value) => ({ label: __(value), value });
	const with_blank = (values) => [{ label: "", value: "" }, ...values.map(choice)];
	let authority = o.authority_for_reason[reason] || o.authority_proofs;
	if (d.received_by === "Legal Representative") {
		authority = d.holder_under_guardianship ? o.ward_authority : o.minor_authority;
	}
	set_options(dialog, "authority_proof", with_blank(authority));
	set_options(dialog, "hardship_proof", with_blank(o.hardship_proofs_for[reason] || []));
	dialog.fields_dict.rule_hint.$wrapper.html(rule_hint_html(o, d));
}

// A list of identity document kinds, with their class: type to filter, ↓ and Enter to add, Backspace to
// remove the last. Only kinds of the list stay (text left in the box when leaving it is dropped), so a
// document's number has nowhere to go. A proxy cannot use a 顔写真証明書 (core/identity_documents.py).
mynumber_card.handover.documents_field = (kinds, { fieldname, label, for_proxy, value }) => {
	const offered = kinds.filter((kind) => !for_proxy || kind.proxy_may_use);
	const known = new Set(offered.map((kind) => kind.name));
	return {
		fieldname,
		label,
		fieldtype: "MultiSelectPills",
		options: offered.map((kind) => ({
			label: __(kind.name),
			value: kind.name,
			description: kind.cls === "A" ? __("A: official, with photo") : __("B"),
		})),
		default: split_lines(value),
		onchange() {
			const rows = this.rows || [];
			if (rows.every((row) => known.has(row))) return;
			this.set_value(rows.filter((row) => known.has(row)));
		},
	};
};

// Text left in a document box when leaving it is never a kind (kinds are added with Enter or a click):
// it goes, so the box shows only the chosen kinds.
mynumber_card.handover.clear_typed_text = (dialog, fieldnames) => {
	for (const fieldname of fieldnames) {
		// delegated: a control makes its input when first shown
		dialog.fields_dict[fieldname].$wrapper.on("focusout", "input", (e) =>
			setTimeout(() => $(e.target).val(""), 0)
		);
	}
};

// Refused: each reason on its own line at the top of the dialog, which keeps what was typed (a message
// box over it would be closed with Escape together with the dialog). lines_html: server messages, which
// escape what they quote, or text escaped here.
mynumber_card.handover.show_problems = (dialog, lines_html) => {
	const $box = $('<div class="alert alert-danger mnc-handover-problems" role="alert"></div>');
	for (const line_html of lines_html) $("<div>").html(line_html).appendTo($box);
	dialog.fields_dict.problems.$wrapper.empty().append($box);
	dialog.$body.scrollTop(0);
};

// Record through the server: resolves with the answer; refused, shows why in the dialog.
mynumber_card.handover.submit = (dialog, method, args) =>
	new Promise((resolve) => {
		dialog.fields_dict.problems.$wrapper.empty();
		frappe.call({
			method,
			args,
			freeze: true,
			silent: true,
			callback: (r) => resolve(r.message),
			error: (r) => mynumber_card.handover.show_problems(dialog, server_messages(r)),
		});
	});

function server_messages(r) {
	try {
		return JSON.parse((r && r._server_messages) || "[]")
			.map((m) => JSON.parse(m).message)
			.flatMap((m) => String(m).split("<br>"));
	} catch (e) {
		return [mynumber_card.esc(__("The server could not record it. Try again."))];
	}
}

function split_lines(value) {
	return (value || "")
		.split(/[\n,]/)
		.map((s) => s.trim())
		.filter(Boolean);
}

function set_options(dialog, fieldname, options) {
	const field = dialog.fields_dict[fieldname];
	const keep = field.get_value();
	field.df.options = options;
	field.refresh();
	if (options.some((option) => option.value === keep)) field.set_value(keep);
	else if (keep) field.set_value("");
}

// What each person must show for the way the card is received (the rules are core/identity_documents.py).
function rule_hint_html(o, d) {
	const esc = mynumber_card.esc;
	const lines = [];
	if (d.received_by === "Legal Representative") {
		lines.push(__("Holder: one A, or two B. Legal representative: one A, or two B."));
		lines.push(__("The holder must be here with the legal representative."));
	} else if (d.received_by === "Authorised Proxy") {
		lines.push(
			__("Holder: two A, one A and one B, or three B with one photo (a photo certificate counts).")
		);
		lines.push(__("Proxy: two A, or one A and one B. Never B only."));
		if (o.proof_by_age.includes(d.proxy_reason)) {
			lines.push(
				__("This reason needs no document: the holder's age is checked on their identity documents.")
			);
		}
	} else {
		lines.push(__("The holder: compare them with the photo on the card."));
	}
	return `<div class="text-muted small">${lines.map((line) => `<div>${esc(line)}</div>`).join("")}</div>`;
}
