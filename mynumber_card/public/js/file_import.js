// Shared by the Card Import and Resident Event Import forms: the template buttons, a file kept in the
// browser until it is sent (never stored), and the POST of the file with the server's refusal shown.
frappe.provide("mynumber_card.file_import");

// Download Template → Excel / CSV; `url_of(file_type)` is the template's address.
mynumber_card.file_import.template_buttons = function (frm, url_of) {
	frm.remove_custom_button(__("Excel (.xlsx)"), __("Download Template"));
	frm.remove_custom_button(__("CSV (.csv)"), __("Download Template"));
	for (const [label, file_type] of [
		[__("Excel (.xlsx)"), "xlsx"],
		[__("CSV (.csv)"), "csv"],
	]) {
		frm.add_custom_button(label, () => window.open(url_of(file_type)), __("Download Template"));
	}
};

// The file chooser with its explanation (`intro`, already translated); the file stays in frm._mnc_file.
mynumber_card.file_import.render_upload = function (frm, css_class, intro) {
	const esc = mynumber_card.esc;
	const $wrapper = $(frm.fields_dict.check_html.wrapper).empty();
	const $panel = $(`
		<div class="${esc(css_class)}">
			<p class="text-muted">${esc(intro)}</p>
			<label class="btn btn-default btn-sm">
				${esc(__("Choose File"))}
				<input type="file" accept=".xlsx,.csv" style="display:none">
			</label>
			<span class="mnc-file-name text-muted" style="margin-left:8px">${esc(__("No file chosen"))}</span>
			<div class="mnc-report" style="margin-top:16px"></div>
		</div>`).appendTo($wrapper);
	$panel.find("input[type=file]").on("change", (event) => {
		frm._mnc_file = event.target.files[0] || null;
		$panel.find(".mnc-file-name").text(frm._mnc_file ? frm._mnc_file.name : __("No file chosen"));
		$panel.find(".mnc-report").empty();
	});
	if (frm._mnc_file) $panel.find(".mnc-file-name").text(frm._mnc_file.name);
};

// POST the chosen file with `fields` to `method`; the report, or null when there is no file or the
// server refused (either is shown).
mynumber_card.file_import.send = async function (frm, method, fields, freeze_text) {
	if (!frm._mnc_file) {
		frappe.msgprint(__("Choose a file first."));
		return null;
	}
	const form = new FormData();
	form.append("file", frm._mnc_file, frm._mnc_file.name);
	for (const [key, value] of Object.entries(fields)) if (value != null) form.append(key, value);
	frappe.dom.freeze(freeze_text);
	try {
		const response = await fetch(`/api/method/${method}`, {
			method: "POST",
			body: form,
			headers: { "X-Frappe-CSRF-Token": frappe.csrf_token, Accept: "application/json" },
		});
		const data = await response.json();
		if (response.ok) return data.message;
		const messages = JSON.parse(data._server_messages || "[]").map((m) => JSON.parse(m));
		if (!messages.length) frappe.msgprint(__("The file could not be checked."));
		for (const m of messages) frappe.msgprint({ message: m.message, title: m.title, indicator: "red" });
		return null;
	} finally {
		frappe.dom.unfreeze();
	}
};

// The import was recorded: the file is let go and its record opened.
mynumber_card.file_import.open_record = function (frm, doctype, name, message) {
	frm._mnc_file = null;
	frappe.show_alert({ message, indicator: "green" });
	frappe.set_route("Form", doctype, name);
};

// A report section's heading (empty when there is no title) with its "Download CSV" button of the given class.
function mnc_heading_with_csv_html(title, button_class) {
	return `<h5>${mynumber_card.esc(title || "")}
		<button class="btn btn-xs btn-default ${mynumber_card.esc(button_class)}" style="margin-left:8px">${__(
			"Download CSV"
		)}</button>
	</h5>`;
}
mynumber_card.file_import.heading_with_csv_html = mnc_heading_with_csv_html;
