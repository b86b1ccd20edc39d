// Shared by the public booking forms (hooks.py webform_include_js, after slot_picker.js). Frappe
// renders it through Jinja: no Jinja delimiters, and no dot before a double underscore (refused as unsafe).
// The form script runs before Frappe builds the form; Frappe builds it in its own frappe.ready
// callback (web_form.bundle.js, loaded before this script), so ours runs after it, on a built form.
frappe.ready(() => mnc_setup_booking_form(frappe.web_form));

// Who the proxy is, in words a resident knows; the values are the ones the counter records.
function mnc_setup_proxy(form) {
	const field = form.fields_dict.proxy_kind;
	// the kinds and their words come with the page (booking/resident_vocabularies.py)
	field.df.options = [{ value: "", label: __("選んでください") }].concat(window.mnc.vocabulary("proxy_kinds"));
	field.refresh();
}

function mnc_setup_booking_form(form) {
	window.mnc.label_controls(form);
	window.mnc.wareki_date(form, "birth_date");
	window.mnc.family_members(form, "members");
	const mode = window.MNC_BOOKING_MODE || "visit";
	const $picker = () => $(".mnc-slot-picker");

	const load_slots = (purpose) => {
		form.set_value("slot", "");
		$(".mnc-chosen").text("");
		window.mnc.slot_picker($picker(), purpose, (day, slot) => {
			form.set_value("slot", slot.slot);
			$(".mnc-chosen").text(__("{0} {1}〜{2}（{3}）", [day.label, slot.start, slot.end, slot.location]));
		});
	};
	$picker().after(`<p class="mnc-chosen-line">${frappe.utils.escape_html(__("選んだ日時："))} <strong class="mnc-chosen"></strong></p>`);
	if (form.fields_dict.proxy_kind) mnc_setup_proxy(form);
	// a name with no furigana (an alphabet name): the kana box is no longer required (the server agrees)
	if (form.fields_dict.no_kana) {
		form.on("no_kana", (f, value) => form.set_df_property("full_name_kana", "reqd", value ? 0 : 1));
	}

	frappe.call({ method: "mynumber_card.api.booking.booking_options", type: "GET" }).then(({ message }) => {
		const purposes = message.purposes.filter((p) => (mode === "pickup" ? p.is_pickup : !p.is_pickup));
		if (mode === "pickup") {
			const pickup = purposes[0];
			form.set_value("purpose", pickup ? pickup.name : "");
			load_slots(pickup && pickup.name);
			return;
		}
		const field = form.fields_dict.purpose;
		// Frappe's select puts an option's label in as HTML, and formats its chosen value as HTML into
		// the control's display area (Data values are escaped, Select values not): a purpose's name
		// goes in escaped both ways
		const esc = (s) => frappe.utils.escape_html(s == null ? "" : String(s));
		field.df.formatter = (value) => esc(value && __(value));
		field.df.options = [{ value: "", label: "" }].concat(purposes.map((p) => ({ value: p.name, label: esc(__(p.name)) })));
		field.refresh();
		form.on("purpose", (f, value) => load_slots(value));
		// a letter's QR code may open the form for one purpose (e.g. ?purpose=更新 for renewals)
		const asked = new URLSearchParams(window.location.search).get("purpose");
		if (asked && purposes.some((p) => p.name === asked)) {
			// Frappe may have taken it from the URL already: then set_value changes nothing and fires nothing
			if (form.get_value("purpose") === asked) load_slots(asked);
			else form.set_value("purpose", asked);
		} else {
			load_slots(null);
		}
	});

	// After booking, go straight to the resident's own page (QR code, change, cancel).
	form.handle_success = (data) => {
		const onload = (data && data["__onload"]) || {};
		const token = onload.manage_token;
		if (token) {
			window.location.href = `/my-booking?new=1&token=${encodeURIComponent(token)}`;
		} else {
			$(".web-form-container").hide();
			$(".success-page").removeClass("hide");
		}
	};
}
