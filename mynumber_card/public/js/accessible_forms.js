// Accessibility fixes for the public pages, where Frappe's markup falls short of WCAG (axe-core):
// labels tied to their inputs, help texts announced with them, and a name for every select.
window.mnc = window.mnc || {};
window.mnc.label_controls = function (form) {
	Object.values((form && form.fields_dict) || {}).forEach((field) => {
		const $input = field.$input;
		if (!$input || !$input.length || !field.label_area) return;
		const id = `mnc-field-${field.df.fieldname}`;
		$input.attr("id", id);
		$(field.label_area).attr("for", id);
		const $help = $(field.wrapper).find(".help-box");
		if ($help.length && $help.text().trim()) {
			$help.attr("id", `${id}-help`);
			$input.attr("aria-describedby", `${id}-help`);
		}
	});
	$("select").each(function () {
		const $select = $(this);
		if ($select.attr("aria-label") || $select.attr("id") && $(`label[for="${CSS.escape($select.attr("id"))}"]`).length) return;
		$select.attr("aria-label", $select.closest(".frappe-control").find(".control-label").text().trim() || __("言語"));
	});
};
