// Birth dates the way residents know them: 元号, year, month and day as selects, or a typed 西暦 date
// (full-width digits too) behind a "西暦で入力" switch, never both at once. One control, used for the
// applicant's Frappe date field and for each family member's card.
window.mnc = window.mnc || {};

// The eras a resident can be born in, newest first, each with its first and last day (YYYY-MM-DD):
// the server's one table (core/eras.py), sent with the page (booking/resident_vocabularies.py).
window.mnc.vocabulary = function (name) {
	const doc = frappe.web_form_doc || {};
	return ((doc.mnc_vocabularies || {})[name] || []).slice();
};
window.mnc.eras = function () {
	return window.mnc.vocabulary("eras").map((e) => ({
		name: e.name,
		start: e.start.split("-").map(Number),
		first: e.start,
		last: e.end,
	}));
};

// "1958-06-15", "１９５８／６／１５", "1958年6月15日" or "19580615" as YYYY-MM-DD; null when no such day.
window.mnc.parse_seireki = function (text) {
	const plain = String(text || "")
		.normalize("NFKC")
		.trim();
	const parts =
		plain.match(/^(\d{4})(\d{2})(\d{2})$/) || plain.match(/^(\d{4})\D+(\d{1,2})\D+(\d{1,2})\D*$/);
	return parts ? window.mnc.iso_date(+parts[1], +parts[2], +parts[3]) : null;
};

window.mnc.iso_date = function (year, month, day) {
	const date = new Date(year, month - 1, day);
	if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
	const pad = (n) => String(n).padStart(2, "0");
	return `${year}-${pad(month)}-${pad(day)}`;
};

// {era, year, month, day} of a YYYY-MM-DD date, or null before 大正.
window.mnc.to_wareki = function (iso) {
	const [y, m, d] = String(iso || "")
		.split("-")
		.map(Number);
	if (!y || !m || !d) return null;
	const key = ([year, month, day]) => year * 10000 + month * 100 + day;
	const era = window.mnc.eras().find(({ start }) => key([y, m, d]) >= key(start));
	return era ? { era: era.name, year: y - era.start[0] + 1, month: m, day: d } : null;
};

let mnc_birth_ids = 0;

// The control: `label` names it for screen readers, `on_change(iso or "")` gets each complete date,
// `initial` (YYYY-MM-DD) is shown when a card is drawn again.
window.mnc.birth_date_input = function (label, on_change, initial) {
	const esc = (s) => frappe.utils.escape_html(s == null ? "" : String(s));
	const id = `mnc-birth-${++mnc_birth_ids}`;
	const id_html = esc(id);
	const this_year = new Date().getFullYear();
	const option_html = (value, text) => `<option value="${esc(value)}">${esc(text)}</option>`;
	const numbers_html = (n, unit) =>
		Array.from({ length: n }, (_, i) => i + 1)
			.map((number) => option_html(number, `${number}${unit}`))
			.join("");
	const eras = window.mnc.eras();
	const eras_html = option_html("", "元号") + eras.map((e) => option_html(e.name, e.name)).join("");
	const months_html = option_html("", "月") + numbers_html(12, "月");
	const days_html = option_html("", "日") + numbers_html(31, "日");
	const error_html = `aria-describedby="${id_html}-error"`;
	const $box = $(`
		<div class="mnc-birth">
			<div class="mnc-wareki" role="group" aria-label="${esc(__("{0}（和暦）", [label]))}">
				<select class="form-control mnc-w-era" id="${id_html}-era" aria-label="元号" ${error_html}>${eras_html}</select>
				<select class="form-control mnc-w-year" aria-label="年" ${error_html}>${option_html("", "年")}</select>
				<select class="form-control mnc-w-month" aria-label="月" ${error_html}>${months_html}</select>
				<select class="form-control mnc-w-day" aria-label="日" ${error_html}>${days_html}</select>
			</div>
			<div class="mnc-seireki" hidden>
				<input type="text" class="form-control mnc-w-typed" id="${id_html}-typed" inputmode="numeric" ${error_html}
					autocomplete="off" aria-label="${esc(__("{0}（西暦）", [label]))}" placeholder="${esc(__("例：1958-06-15"))}">
			</div>
			<button type="button" class="btn btn-link mnc-w-switch" aria-controls="${id_html}-era ${id_html}-typed">${esc(__("西暦で入力"))}</button>
			<p class="mnc-w-error" id="${id_html}-error" aria-live="polite"></p>
		</div>`);
	const find = (selector) => $box.find(selector);
	const say = (text) => find(".mnc-w-error").text(text || "");
	let value = "";
	const set = (iso) => {
		value = iso || "";
		on_change(value);
	};

	const fill_years = (era_name) => {
		const era = eras.find((e) => e.name === era_name);
		const last = (era && era.last ? +era.last.slice(0, 4) : this_year) - (era ? era.start[0] : 0) + 1;
		const kept = find(".mnc-w-year").val();
		find(".mnc-w-year").html(
			option_html("", "年") +
				(era
					? Array.from({ length: last }, (_, i) =>
							option_html(i + 1, `${i ? i + 1 : "元"}年（${era.start[0] + i}）`)
					  ).join("")
					: "")
		);
		if (kept && +kept <= last) find(".mnc-w-year").val(kept);
	};

	const from_selects = () => {
		const era = eras.find((e) => e.name === find(".mnc-w-era").val());
		const [year, month, day] = ["year", "month", "day"].map((k) => Number(find(`.mnc-w-${k}`).val()));
		if (!era || !year || !month || !day) return set("");
		const iso = window.mnc.iso_date(era.start[0] + year - 1, month, day);
		if (!iso) say(__("{0}月{1}日はありません。日付をお確かめください。", [month, day]));
		else if (iso < era.first || (era.last && iso > era.last)) {
			// 平成1年1月1日 is a day of 昭和64年: refused, with the era's real first (or last) day
			const [y, m, d] = (iso < era.first ? era.first : era.last).split("-").map(Number);
			const edge = `${era.name}${y - era.start[0] + 1 === 1 ? "元" : y - era.start[0] + 1}年${m}月${d}日`;
			const asked = `${era.name}${year === 1 ? "元" : year}年${month}月${day}日`;
			say(
				iso < era.first
					? __("{0}という日はありません。{1}は{2}からです。", [asked, era.name, edge])
					: __("{0}という日はありません。{1}は{2}までです。", [asked, era.name, edge])
			);
			return set("");
		} else say("");
		set(iso);
	};

	const from_typed = () => {
		const text = find(".mnc-w-typed").val();
		const iso = text.trim() ? window.mnc.parse_seireki(text) : "";
		say(iso === null ? __("西暦で「1958-06-15」のように入力してください。") : "");
		if (iso) find(".mnc-w-typed").val(iso); // shown back as read, e.g. ２０１２／１０／３ → 2012-10-03
		set(iso);
	};

	const show_selects = (iso) => {
		const w = window.mnc.to_wareki(iso);
		find(".mnc-w-era").val(w ? w.era : "");
		fill_years(w && w.era);
		["year", "month", "day"].forEach((k) => find(`.mnc-w-${k}`).val(w ? w[k] : ""));
	};

	find(".mnc-w-era").on("change", function () {
		fill_years(this.value);
		from_selects();
	});
	find(".mnc-w-year, .mnc-w-month, .mnc-w-day").on("change", from_selects);
	find(".mnc-w-typed").on("change", from_typed);
	find(".mnc-w-switch").on("click", () => {
		const to_typed = find(".mnc-seireki").prop("hidden");
		say("");
		find(".mnc-wareki").prop("hidden", to_typed);
		find(".mnc-seireki").prop("hidden", !to_typed);
		find(".mnc-w-switch").text(to_typed ? __("和暦で選ぶ") : __("西暦で入力"));
		if (to_typed) find(".mnc-w-typed").val(value).trigger("focus");
		else {
			show_selects(value);
			find(".mnc-w-era").trigger("focus");
		}
	});
	value = initial || "";
	show_selects(value);
	$box.data("mnc-first-id", `${id}-era`);
	if (window.mnc.japanese_page === false) {
		// a page in another language: the Western calendar only (resident_language.js tells)
		find(".mnc-wareki, .mnc-w-switch").prop("hidden", true);
		find(".mnc-seireki").prop("hidden", false);
		find(".mnc-w-typed").val(value);
		$box.data("mnc-first-id", `${id}-typed`);
	}
	return $box;
};

// The applicant's Frappe date field: the control in place of Frappe's own input, which still carries
// the value the form sends.
window.mnc.wareki_date = function (form, fieldname) {
	const field = form.fields_dict[fieldname];
	if (!field || !field.$wrapper) return;
	const $box = window.mnc.birth_date_input(__(field.df.label), (iso) => form.set_value(fieldname, iso));
	field.$wrapper.find(".control-input-wrapper").before($box);
	field.$wrapper.find(".control-input").prop("hidden", true);
	$(field.label_area).attr("for", $box.data("mnc-first-id"));
};
