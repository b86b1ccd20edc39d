// The slot picker of the public booking pages: dates, then times, as large buttons. Only open slots
// with room come from the server; no counts, no names. Shared by the web forms and /my-booking.
window.mnc = window.mnc || {};
// The office residents call (e.g. 南野市役所): from the town's settings, asked once a page.
window.mnc.office_contact = function () {
	if (!window.mnc._office_contact) {
		window.mnc._office_contact = frappe
			.call({ method: "mynumber_card.api.booking.booking_options", type: "GET" })
			.then(({ message }) => message || {});
	}
	return window.mnc._office_contact;
};
// Several offices (本庁・支所…): the slots offered come from more than one office. The resident picks
// the office, each shown with its first free day and how many days have room, and sees only that
// office's dates and times ("all offices", the first view, shows every office's). With one office there
// is nothing to choose and the picker is as it was.
// A link may pick the office ahead (?office=北支所, e.g. from the branch's own page).
window.mnc.offices_of = function (days) {
	const found = new Map();
	for (const day of days) {
		for (const slot of day.slots) {
			const office = found.get(slot.location) || { name: slot.location, first: day.label, days: new Set() };
			office.days.add(day.date || day.label);
			found.set(slot.location, office);
		}
	}
	return [...found.values()];
};
window.mnc.days_at = function (days, office) {
	return days
		.map((d) => ({ ...d, slots: d.slots.filter((s) => s.location === office) }))
		.filter((d) => d.slots.length);
};
window.mnc.slot_picker = function ($container, purpose, on_choose) {
	const esc = (s) => frappe.utils.escape_html(s == null ? "" : String(s));
	const note = (text) => $container.html(`<p class="mnc-note">${esc(text)}</p>`);
	if (!purpose) {
		note(__("先にご用件を選んでください。"));
		return Promise.resolve([]);
	}
	note(__("空いている日時を読み込んでいます…"));
	return frappe
		.call({ method: "mynumber_card.api.booking.available_slots", args: { purpose }, type: "GET" })
		.then(({ message }) => {
			const days = message || [];
			if (!days.length) {
				note(__("現在、予約できる日時がありません。"));
				const $empty = $container.children().first();
				window.mnc.office_contact().then((o) => {
					const office = o.contact_phone ? __("{0}（電話 {1}）", [o.office || "", o.contact_phone]) : o.office || "";
					// the resident may have chosen another purpose meanwhile: only the note still shown
					if ($.contains(document, $empty[0])) {
						$empty.text(__("現在、予約できる日時がありません。お手数ですが{0}へお電話ください。", [office]));
					}
				});
				return days;
			}
			const offices = window.mnc.offices_of(days);
			if (offices.length > 1) {
				window.mnc.office_picker($container, days, offices, on_choose);
				return days;
			}
			window.mnc.day_picker($container, days, on_choose, 1);
			return days;
		});
};
window.mnc.office_picker = function ($container, days, offices, on_choose) {
	const esc = (s) => frappe.utils.escape_html(s == null ? "" : String(s));
	$container.html(`
		<p class="mnc-step">${esc(__("1. 庁舎を選んでください"))}</p>
		<div class="mnc-offices" role="group" aria-label="${esc(__("庁舎"))}">${offices
			.map(
				(o) => `<button type="button" class="btn mnc-office" aria-pressed="false" data-office="${esc(o.name)}">
					<strong>${esc(o.name)}</strong>
					<span class="mnc-office-free">${esc(__("最短 {0}・空きのある日 {1}日", [o.first, o.days.size]))}</span></button>`
			)
			.join("")}<button type="button" class="btn mnc-office mnc-office-all" aria-pressed="true" data-office="">
				<strong>${esc(__("すべての庁舎"))}</strong></button></div>
		<div class="mnc-office-days"></div>`);
	// until one is chosen, every office's days (each time names its office)
	const choose = (name) => {
		$container.find(".mnc-office").attr("aria-pressed", "false");
		$container.find(".mnc-office").filter((_i, el) => String($(el).data("office")) === name).attr("aria-pressed", "true");
		const shown = name ? window.mnc.days_at(days, name) : days;
		window.mnc.day_picker($container.find(".mnc-office-days"), shown, on_choose, 2);
	};
	$container.find(".mnc-office").on("click", function () {
		choose(String($(this).data("office")));
	});
	const asked = new URLSearchParams(window.location.search).get("office");
	choose(asked && offices.some((o) => o.name === asked) ? asked : "");
};
window.mnc.day_picker = function ($container, days, on_choose, first_step) {
	const esc = (s) => frappe.utils.escape_html(s == null ? "" : String(s));
	$container.html(`
		<p class="mnc-step">${esc(__("{0}. 日付を選んでください", [first_step]))}</p>
		<div class="mnc-days" role="group" aria-label="${esc(__("日付"))}">${days
			.map(
				(d, i) =>
					`<button type="button" class="btn mnc-day" aria-pressed="false" data-index="${esc(i)}">${esc(
						d.label
					)}</button>`
			)
			.join("")}</div>
		<p class="mnc-step">${esc(__("{0}. 時間を選んでください", [first_step + 1]))}</p>
		<div class="mnc-times" role="group" aria-label="${esc(__("時間"))}"></div>`);
	const show_day = (index) => {
		const day = days[index];
		$container.find(".mnc-day").attr("aria-pressed", "false");
		$container.find(`.mnc-day[data-index="${index}"]`).attr("aria-pressed", "true");
		$container.find(".mnc-times").html(
			day.slots
				.map(
					(s) => `<button type="button" class="btn mnc-time" aria-pressed="false"
						data-slot="${esc(s.slot)}">${esc(__("{0}〜{1}", [s.start, s.end]))}
						<span class="mnc-place">${esc(s.location)}</span></button>`
				)
				.join("")
		);
		$container.find(".mnc-time").on("click", function () {
			const slot = day.slots.find((s) => s.slot === $(this).data("slot"));
			$container.find(".mnc-time").attr("aria-pressed", "false");
			$(this).attr("aria-pressed", "true");
			on_choose(day, slot);
		});
	};
	$container.find(".mnc-day").on("click", function () {
		show_day($(this).data("index"));
	});
	show_day(0);
};
