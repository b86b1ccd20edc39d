// One search box for the "where is my card?" phone call: ID, notice number, or name + birth date.
frappe.pages["card-search"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({ parent: wrapper, title: __("Card Search"), single_column: true });
	const $body = $(`
		<div class="mnc-search">
			<p class="text-muted">${__("Application ID, notice number, or name (kanji or kana) with the date of birth, e.g. ヤマダ タロウ S55.4.1")}</p>
			<input type="search" class="form-control input-lg mnc-query" autocomplete="off"
				aria-label="${__("Search")}" placeholder="${__("Search")}">
			<div class="mnc-results" style="margin-top: 16px" aria-live="polite"></div>
		</div>`).appendTo(page.main);
	const $input = $body.find(".mnc-query");
	const $results = $body.find(".mnc-results");
	const esc = mynumber_card.esc;

	const render = (rows) => {
		if (!rows.length) {
			$results.html(`<p>${__("No card found.")}</p>`);
			return;
		}
		const rows_html = rows
			.map(
				(r) => `<tr tabindex="0" data-name="${esc(r.name)}" style="cursor: pointer">
					<td>${esc(r.full_name || "")}<div class="text-muted small">${esc(r.full_name_kana || "")}</div></td>
					<td>${esc(r.birth_date_wareki || "")}</td>
					<td>${esc(__(r.workflow_state || ""))}</td>
					<td>${esc(r.notice_number || "")}</td>
					<td class="text-monospace">${esc(r.application_id)}</td>
					<td>${esc(r.disposal_deadline ? frappe.datetime.str_to_user(r.disposal_deadline) : "")}</td>
				</tr>`
			)
			.join("");
		$results.html(`<table class="table table-bordered table-hover">
			<thead><tr><th>${__("Full Name")}</th><th>${__("Date of Birth")}</th><th>${__("State")}</th>
			<th>${__("Notice Number")}</th><th>${__("Application ID")}</th><th>${__("Disposal Deadline")}</th></tr></thead>
			<tbody>${rows_html}</tbody></table>`);
	};
	const search = frappe.utils.debounce(() => {
		const query = $input.val().trim();
		if (!query) {
			$results.empty();
			return;
		}
		frappe
			.call("mynumber_card.api.ledger.search_cards", { query })
			.then(({ message }) => render(message || []));
	}, 250);

	$input.on("input", search);
	$results.on("click keydown", "tr[data-name]", function (e) {
		if (e.type === "click" || e.key === "Enter") frappe.set_route("Form", "MyNumber Card", $(this).data("name"));
	});
	$(wrapper).on("show", () => $input.trigger("focus"));
	$input.trigger("focus");
};
