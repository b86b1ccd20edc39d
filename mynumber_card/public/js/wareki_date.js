// Birth dates the way residents know them: 元号, year, month, day as three selects that fill the
// form's date field (which still takes typed dates). Eras from 大正 to 令和.
window.mnc = window.mnc || {};
window.mnc.wareki_date = function (form, fieldname) {
	const field = form.fields_dict[fieldname];
	if (!field || !field.$wrapper) return;
	const ERAS = [
		["令和", 2019, 2019 + 30],
		["平成", 1989, 2019],
		["昭和", 1926, 1989],
		["大正", 1912, 1926],
	];
	const options = (values, label) =>
		`<option value="">${label}</option>` + values.map((v) => `<option value="${v[0]}">${v[1]}</option>`).join("");
	const years = [];
	const this_year = new Date().getFullYear();
	ERAS.forEach(([name, start, end]) => {
		for (let y = Math.min(end, this_year); y >= start; y--) years.push([y, `${name}${y - start + 1 === 1 ? "元" : y - start + 1}年（${y}）`]);
	});
	const range = (n) => Array.from({ length: n }, (_, i) => [i + 1, `${i + 1}`]);
	const $box = $(`
		<div class="mnc-wareki" role="group" aria-label="${field.df.label}（和暦で選ぶ）">
			<select class="form-control mnc-w-year" aria-label="年">${options(years, "年")}</select>
			<select class="form-control mnc-w-month" aria-label="月">${options(range(12), "月")}</select>
			<select class="form-control mnc-w-day" aria-label="日">${options(range(31), "日")}</select>
		</div>`);
	field.$wrapper.find(".control-input-wrapper").before($box);
	$box.find("select").on("change", () => {
		const [y, m, d] = ["year", "month", "day"].map((k) => $box.find(`.mnc-w-${k}`).val());
		if (!y || !m || !d) return;
		const date = new Date(Number(y), Number(m) - 1, Number(d));
		if (date.getMonth() !== Number(m) - 1) {
			frappe.show_alert({ message: "存在しない日付です。", indicator: "red" });
			return;
		}
		const pad = (n) => String(n).padStart(2, "0");
		form.set_value(fieldname, `${y}-${pad(m)}-${pad(d)}`);
	});
};
