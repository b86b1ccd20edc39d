// Family members on a phone: one card per member, its boxes stacked, in place of Frappe's table grid
// (too narrow on a phone). The rows are the grid's own data (df.data), so the form still sends them
// in the child table (Card Booking Member) and the server sees the same booking as before.
window.mnc = window.mnc || {};

window.mnc.family_members = function (form, fieldname) {
	const field = form.fields_dict[fieldname];
	if (!field || !field.grid) return;
	const rows = [];
	field.df.data = rows;
	const esc = (s) => frappe.utils.escape_html(s == null ? "" : String(s));
	// the boxes, their words and lengths from the member doctype (booking/resident_vocabularies.py)
	const boxes = window.mnc.vocabulary("member_fields").map((f) => ({
		key: f.fieldname,
		label: f.label,
		help: f.help,
		max: f.length,
		reqd: f.reqd,
	}));
	// the "no kana" tick: an alphabet name leaves the furigana box it releases
	const [no_kana] = window.mnc.vocabulary("member_ticks");
	const $section = $(`
		<div class="mnc-members">
			<p class="control-label mnc-members-title">${esc(__(field.df.label))}</p>
			<ol class="mnc-member-list"></ol>
			<button type="button" class="btn btn-default mnc-add-member">${esc(__("＋ ご家族を追加"))}</button>
		</div>`);
	field.grid.wrapper.prop("hidden", true).after($section);

	const card = (row, index) => {
		const id = (key) => `mnc-member-${index}-${key}`;
		const $card = $(`
			<li class="mnc-member">
				<div class="mnc-member-head">
					<h3 class="mnc-member-title">${esc(__("ご家族 {0}", [index + 1]))}</h3>
					<button type="button" class="btn btn-link mnc-remove-member">${esc(__("削除"))}</button>
				</div>
				${boxes
					.map(
						(b) => `
				<div class="form-group">
					<label class="control-label${b.reqd ? " reqd" : ""}" for="${esc(id(b.key))}">${esc(b.label)}</label>
					<input type="text" class="form-control" id="${esc(id(b.key))}" data-member-field="${esc(b.key)}"
						maxlength="${esc(b.max)}" aria-describedby="${esc(id(b.key))}-help" value="${esc(row[b.key])}">
					<p class="help-box small" id="${esc(id(b.key))}-help">${esc(b.help)}</p>
				</div>`
					)
					.join("")}
				<div class="form-group mnc-member-no-kana">
					<label class="checkbox-label">
						<input type="checkbox" data-member-check="${esc(no_kana.fieldname)}"
							aria-describedby="${esc(id(no_kana.fieldname))}-help" ${row[no_kana.fieldname] ? "checked" : ""}>
						${esc(no_kana.label)}
					</label>
					<p class="help-box small" id="${esc(id(no_kana.fieldname))}-help">${esc(no_kana.help)}</p>
				</div>
				<div class="form-group">
					<label class="control-label reqd">${esc(__("生年月日"))}</label>
				</div>
			</li>`);
		$card.find(".mnc-remove-member").attr("aria-label", __("ご家族 {0} を削除", [index + 1]));
		$card.find("[data-member-field]").on("input change", function () {
			row[$(this).data("member-field")] = this.value;
		});
		// an alphabet name: the furigana box is no longer required (the server agrees)
		const kana_label = $card.find(`label[for="${id(no_kana.releases)}"]`);
		const show_kana_required = () => kana_label.toggleClass("reqd", !row[no_kana.fieldname]);
		$card.find("[data-member-check]").on("change", function () {
			row[$(this).data("member-check")] = this.checked ? 1 : 0;
			show_kana_required();
		});
		show_kana_required();
		const $birth = window.mnc.birth_date_input(
			__("ご家族 {0} の生年月日", [index + 1]),
			(iso) => (row.birth_date = iso),
			row.birth_date
		);
		$card
			.find(".form-group")
			.last()
			.append($birth)
			.find("label")
			.attr("for", $birth.data("mnc-first-id"));
		$card.find(".mnc-remove-member").on("click", () => {
			rows.splice(index, 1);
			render();
			$section.find(".mnc-add-member").trigger("focus");
		});
		return $card;
	};

	const render = () => {
		rows.forEach((row, i) => (row.idx = i + 1));
		$section.find(".mnc-member-list").empty().append(rows.map(card));
	};

	$section.find(".mnc-add-member").on("click", () => {
		rows.push({ idx: rows.length + 1 });
		const $card = card(rows[rows.length - 1], rows.length - 1);
		$section.find(".mnc-member-list").append($card);
		$card.find("input").first().trigger("focus");
	});
};
