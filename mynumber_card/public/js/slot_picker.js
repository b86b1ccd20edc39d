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
window.mnc.slot_picker = function ($container, purpose, on_choose) {
	const esc = (s) => frappe.utils.escape_html(s == null ? "" : String(s));
	const note = (text) => $container.html(`<p class="mnc-note">${esc(text)}</p>`);
	if (!purpose) {
		note("先にご用件を選んでください。");
		return Promise.resolve([]);
	}
	note("空いている日時を読み込んでいます…");
	return frappe
		.call({ method: "mynumber_card.api.booking.available_slots", args: { purpose }, type: "GET" })
		.then(({ message }) => {
			const days = message || [];
			if (!days.length) {
				note("現在、予約できる日時がありません。");
				const $empty = $container.children().first();
				window.mnc.office_contact().then((o) => {
					const office = (o.office || "") + (o.contact_phone ? `（電話 ${o.contact_phone}）` : "");
					// the resident may have chosen another purpose meanwhile: only the note still shown
					if ($.contains(document, $empty[0])) {
						$empty.text(
							`現在、予約できる日時がありません。お手数ですが${office}へお電話ください。`
						);
					}
				});
				return days;
			}
			$container.html(`
				<p class="mnc-step">1. 日付を選んでください</p>
				<div class="mnc-days" role="group" aria-label="日付">${days
					.map(
						(d, i) =>
							`<button type="button" class="btn mnc-day" aria-pressed="false" data-index="${esc(i)}">${esc(
								d.label
							)}</button>`
					)
					.join("")}</div>
				<p class="mnc-step">2. 時間を選んでください</p>
				<div class="mnc-times" role="group" aria-label="時間"></div>`);
			const show_day = (index) => {
				const day = days[index];
				$container.find(".mnc-day").attr("aria-pressed", "false");
				$container.find(`.mnc-day[data-index="${index}"]`).attr("aria-pressed", "true");
				$container.find(".mnc-times").html(
					day.slots
						.map(
							(s) => `<button type="button" class="btn mnc-time" aria-pressed="false"
								data-slot="${esc(s.slot)}">${esc(s.start)}〜${esc(s.end)}
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
			return days;
		});
};
