// Escape on output (issue 21, the second wall): whatever the app stores is text, never HTML, wherever
// the desk shows it. Frappe's own formatters for Data, Small Text, Select… put the stored value into
// the page as HTML: they trust that input was sanitised, and Frappe's sanitiser skips any value that
// parses as JSON. Loaded on every desk page (hooks.py app_include_js), before any report or form.
//
// - mynumber_card.esc(value): the one escape helper for the app's own HTML (pages, panels, dialogs).
// - Fields of the app's doctypes (module "MyNumber Card", custom fields included) render escaped in
//   list, report view, form, grid, kanban and calendar: the formatters below wrap Frappe's. (Frappe's
//   print formats are rendered on the server: utils/text_document.py.)
// - mynumber_card.report_cell_html: each script report's `formatter`, escaping text columns.
frappe.provide("mynumber_card");

mynumber_card.MODULE = "MyNumber Card";

mynumber_card.esc = (value) => (value == null ? "" : frappe.utils.escape_html(String(value)));

// Field types whose value is plain text. Text Editor, HTML Editor, Markdown and HTML are markup by
// design (the app has none that holds data); Code and Email are escaped by Frappe already; a Link's
// value is set with innerText in the desk.
mynumber_card.TEXT_FIELDTYPES = new Set([
	"Data",
	"Small Text",
	"Text",
	"Long Text",
	"Read Only",
	"Select",
	"Autocomplete",
	"Phone",
	"Barcode",
	"Password",
]);
mynumber_card.MULTILINE_FIELDTYPES = new Set(["Small Text", "Text", "Long Text"]);

mynumber_card.is_text_column = (df) => !df || !df.fieldtype || mynumber_card.TEXT_FIELDTYPES.has(df.fieldtype);

// A field of one of the app's doctypes: its meta is loaded whenever the desk formats one of its fields.
mynumber_card.is_app_field = (df) => {
	if (!df || !df.parent || !locals.DocType) return false;
	const meta = locals.DocType[df.parent];
	return Boolean(meta && meta.module === mynumber_card.MODULE);
};

// The value as the page shows it: escaped, Select values translated first, line breaks kept.
mynumber_card.text_html = (value, df) => {
	if (value == null || value === "") return "";
	const fieldtype = (df && df.fieldtype) || "Data";
	let text = String(value);
	if (fieldtype === "Select" || fieldtype === "Autocomplete") text = __(text);
	const lines_html = text.split("\n").map((line) => mynumber_card.esc(line));
	return lines_html.join(mynumber_card.MULTILINE_FIELDTYPES.has(fieldtype) ? "<br>" : "\n");
};

// A script report's cell: text columns escaped before Frappe's formatter (which would add no markup to
// them), every other column (Link, Date, Int…) as Frappe formats it.
mynumber_card.report_cell_html = (value, row, column, data, default_formatter) => {
	if (typeof value === "string" && mynumber_card.is_text_column(column)) {
		value = mynumber_card.text_html(value, { fieldtype: "Data" });
	}
	return default_formatter(value, row, column, data);
};

(() => {
	const formatters = frappe.form.formatters;
	if (formatters.__mynumber_card_escaped) return; // the file was loaded twice
	formatters.__mynumber_card_escaped = true;

	// A form's read-only display escapes a Data value itself before formatting it (ControlInput's
	// set_disp_area, the only caller that passes these two options): escaping it again would show &lt;.
	const escaped_by_frappe = (df, options) =>
		df.fieldtype === "Data" && Boolean(options && options.no_icon && options.inline);

	// Frappe's SmallText calls Text without the field, so each text formatter is wrapped on its own.
	const wrap = (name) => {
		const frappe_formatter = formatters[name];
		formatters[name] = function (value, df, options, doc) {
			if (!mynumber_card.is_app_field(df) || escaped_by_frappe(df, options)) {
				return frappe_formatter.apply(this, arguments);
			}
			if (df.fieldtype === "Data" && df.options === "URL") return mynumber_card.url_html(value);
			// df.formatter set by a form script (set_indicator_formatter…) adds its markup around the text
			return formatters._apply_custom_formatter(mynumber_card.text_html(value, df), df);
		};
	};
	["Data", "Text", "SmallText", "Select", "Autocomplete"].forEach(wrap);

	// Frappe returns the link title or the name raw when formatting for print or for a plain value, also
	// for a translated doctype (the app's shared lists: core/vocabularies.py), which it shows translated
	// everywhere else.
	const frappe_link = formatters.Link;
	const translated = (df) => (frappe.boot.translated_doctypes || []).includes(df && df.options);
	formatters.Link = function (value, df, options, doc) {
		const formatted = frappe_link.apply(this, arguments);
		const plain = options && (options.for_print || options.only_value);
		if (!plain || !mynumber_card.is_app_field(df)) return formatted;
		return mynumber_card.esc(translated(df) ? __(formatted) : formatted);
	};
})();

// A URL field: a link only for http(s), the text itself escaped.
mynumber_card.url_html = (value) => {
	if (!value) return "";
	const text_html = mynumber_card.esc(value);
	const is_web = /^https?:\/\//i.test(String(value));
	return is_web ? `<a href="${text_html}" target="_blank" rel="noopener">${text_html}</a>` : text_html;
};
