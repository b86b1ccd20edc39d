// The public waits (/queue-waits, and /queue-waits-embed in the town's own site): asks the guest
// endpoint every minute and refills the tables from the page's own templates. The words are in the
// page; only numbers, purposes and office names come from the server, always set as text.
(function () {
	const STATE_URL = "/api/method/mynumber_card.api.queue_phone.waits_state";

	function fill($body, waits) {
		$body.attr("data-reception", waits.reception);
		$body.find(".mnc-qw-opens").text(waits.opens);
		$body.find(".mnc-qw-date").text(waits.date_label);
		$body.find(".mnc-qw-time").text(waits.updated);
		const office = $body.find(".mnc-qw-office").text();
		const table_template = $body.find(".mnc-qw-table-template")[0];
		const row_template = $body.find(".mnc-qw-row-template")[0];
		const tables = [];
		const by_place = new Map();
		waits.rows.forEach((row) => {
			if (!by_place.has(row.location)) {
				const table = table_template.content.firstElementChild.cloneNode(true);
				$(table).find(".mnc-qw-place").text(row.location || office);
				by_place.set(row.location, table);
				tables.push(table);
			}
			const tr = row_template.content.firstElementChild.cloneNode(true);
			$(tr).find(".mnc-qw-purpose").text(row.purpose);
			$(tr).find(".mnc-qw-waiting").text(row.waiting);
			$(tr).find(".mnc-qw-minutes").text(row.minutes);
			$(by_place.get(row.location)).find("tbody").append(tr);
		});
		$body.find(".mnc-qw-tables").empty().append(tables);
	}

	function refresh($body) {
		return fetch(STATE_URL, { headers: { Accept: "application/json" }, credentials: "same-origin" })
			.then((r) => (r.ok ? r.json() : null))
			.then((body) => body && fill($body, body.message))
			.catch(() => null); // the network is back on the next round
	}

	frappe.ready(() => {
		const $body = $(".mnc-qw-body");
		if (!$body.length) return;
		const every_ms = (parseInt($body.attr("data-refresh"), 10) || 60) * 1000;
		setInterval(() => refresh($body), every_ms);
	});
})();
