// The prefecture's overview: every town's newest figures in one sortable table (a late town marked late,
// never shown as zeros), and /app/prefecture-overview/<code> for one town's trend and history.
const PREF_METHODS = "mynumber_card.prefecture.overview_pages.";

frappe.pages["prefecture-overview"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({ parent: wrapper, title: __("Prefecture Overview"), single_column: true });
	wrapper.pref_page = page;
	page.$body = $(`<div class="pref-overview"></div>`).appendTo(page.main);
	page.set_primary_action(__("Export to Excel"), () => {
		window.open(`/api/method/${PREF_METHODS}export_overview`);
	});
	if (frappe.model.can_create("Ministry Figure")) {
		page.add_inner_button(__("Import Ministry Figures"), () => import_ministry_figures(page));
	}
};

frappe.pages["prefecture-overview"].on_page_show = function (wrapper) {
	const page = wrapper.pref_page;
	const town = frappe.get_route()[1];
	if (town) {
		show_town(page, town);
	} else {
		show_table(page);
	}
};

const pref_number = (value, digits) => {
	if (value === null || value === undefined || value === "") return "";
	return format_number(value, null, digits || 0);
};

const PREF_COLUMNS = [
	{ key: "town_name", label: __("Town Name"), text: true },
	{ key: "last_report_date", label: __("Last Report For"), text: true },
	{ key: "population", label: __("Population") },
	{ key: "cards_issued_total", label: __("Cards Issued in Total") },
	{ key: "issued_rate", label: __("Issuance Rate (%)"), digits: 1 },
	{ key: "cards_held", label: __("Cards Held") },
	{ key: "held_rate", label: __("Holding Rate (%)"), digits: 1 },
	{ key: "uncollected_past_deadline", label: __("Uncollected Past the Deadline") },
	{ key: "renewals_due", label: __("Renewals Due in 3 Months") },
	{ key: "bookings", label: __("Bookings") },
	{ key: "median_wait_minutes", label: __("Median Wait (Minutes)"), digits: 1 },
	{ key: "ministry_held", label: __("Cards Held (Ministry)") },
	{ key: "ministry_difference", label: __("Difference from the Ministry") },
];

function show_table(page) {
	page.set_title(__("Prefecture Overview"));
	const esc = mynumber_card.esc;
	frappe.call({ method: PREF_METHODS + "overview_table", type: "GET" }).then((r) => {
		const rows = (r.message || []).map((row) => ({
			...row,
			ministry_difference:
				row.cards_held !== null && row.ministry_held !== null && row.ministry_held !== undefined
					? row.cards_held - row.ministry_held
					: null,
		}));
		let sort = { key: "town_name", up: true };
		const render = () => {
			const sorted = [...rows].sort((a, b) => {
				const x = a[sort.key], y = b[sort.key];
				if (x === y) return 0;
				if (x === null || x === undefined) return 1; // blanks last, whichever way
				if (y === null || y === undefined) return -1;
				return (x < y ? -1 : 1) * (sort.up ? 1 : -1);
			});
			const head_html = PREF_COLUMNS.map(
				(c) => `<th role="columnheader" tabindex="0" data-key="${esc(c.key)}" style="cursor: pointer"
					aria-sort="${esc(sort.key === c.key ? (sort.up ? "ascending" : "descending") : "none")}">
					${esc(c.label)}${esc(sort.key === c.key ? (sort.up ? " ▲" : " ▼") : "")}</th>`
			).join("");
			const body_html = sorted
				.map((row) => {
					const cells_html = PREF_COLUMNS.map((c) => {
						if (c.key === "town_name") {
							const late_html = row.late
								? `<span class="indicator-pill red" title="${esc(__("No report since {0}", [row.last_report_date || "—"]))}">${esc(__("Late"))}</span>`
								: "";
							return `<td><a href="/app/prefecture-overview/${esc(encodeURIComponent(row.town))}">${esc(row.town_name)}</a>
								<span class="text-muted small">${esc(row.town)}</span> ${late_html}</td>`;
						}
						if (c.key === "last_report_date") {
							return `<td>${esc(row.last_report_date ? frappe.datetime.str_to_user(row.last_report_date) : __("Never"))}</td>`;
						}
						return `<td class="text-right">${esc(pref_number(row[c.key], c.digits))}</td>`;
					}).join("");
					return `<tr class="${esc(row.late ? "pref-late" : "")}">${cells_html}</tr>`;
				})
				.join("");
			page.$body.html(`
				<p class="text-muted">${__("Each town's newest report (figures only). A late town shows its last figures and is marked late.")}</p>
				<div class="table-responsive"><table class="table table-bordered table-hover pref-towns">
					<thead><tr>${head_html}</tr></thead><tbody>${body_html}</tbody></table></div>`);
			page.$body.find("th[data-key]").on("click keydown", function (event) {
				if (event.type === "keydown" && event.key !== "Enter") return;
				const key = $(this).attr("data-key");
				sort = { key, up: sort.key === key ? !sort.up : true };
				render();
			});
		};
		render();
	});
}

function show_town(page, town) {
	const esc = mynumber_card.esc;
	frappe.call({ method: PREF_METHODS + "town_history", type: "GET", args: { town } }).then((r) => {
		const data = r.message;
		page.set_title(data.town_name);
		const late_html = data.late ? `<span class="indicator-pill red">${esc(__("Late"))}</span>` : "";
		const history_html = [...data.reports]
			.reverse()
			.map(
				(row) => `<tr><td>${esc(frappe.datetime.str_to_user(row.report_date))}</td>
					<td class="text-right">${esc(pref_number(row.cards_received))}</td>
					<td class="text-right">${esc(pref_number(row.cards_issued))}</td>
					<td class="text-right">${esc(pref_number(row.cards_issued_total))}</td>
					<td class="text-right">${esc(pref_number(row.cards_held))}</td>
					<td class="text-right">${esc(pref_number(row.uncollected_past_deadline))}</td>
					<td class="text-right">${esc(pref_number(row.renewals_due))}</td>
					<td class="text-right">${esc(pref_number(row.bookings))}</td>
					<td class="text-right">${esc(pref_number(row.median_wait_minutes, 1))}</td></tr>`
			)
			.join("");
		const ministry_html = data.ministry
			.map(
				(row) => `<tr><td>${esc(frappe.datetime.str_to_user(row.month))}</td>
					<td class="text-right">${esc(pref_number(row.population))}</td>
					<td class="text-right">${esc(pref_number(row.issued))}</td>
					<td class="text-right">${esc(pref_number(row.held))}</td></tr>`
			)
			.join("");
		page.$body.html(`
			<p><a href="/app/prefecture-overview">${__("All towns")}</a> · <span class="text-muted">${esc(data.town)}</span> ${late_html}</p>
			<h5>${__("Cards held and issued in total")}</h5><div class="pref-trend-stock"></div>
			<h5>${__("Cards received and issued per day")}</h5><div class="pref-trend-flow"></div>
			<h5>${__("History")}</h5>
			<div class="table-responsive"><table class="table table-bordered pref-history"><thead><tr>
				<th>${__("Report Date")}</th><th>${__("Cards Received")}</th><th>${__("Cards Issued")}</th>
				<th>${__("Cards Issued in Total")}</th><th>${__("Cards Held")}</th><th>${__("Uncollected Past the Deadline")}</th>
				<th>${__("Renewals Due in 3 Months")}</th><th>${__("Bookings")}</th><th>${__("Median Wait (Minutes)")}</th>
			</tr></thead><tbody>${history_html}</tbody></table></div>
			<h5>${__("Ministry Figures")}</h5>
			<table class="table table-bordered"><thead><tr><th>${__("Month")}</th><th>${__("Population")}</th>
				<th>${__("Cards Issued (Ministry)")}</th><th>${__("Cards Held (Ministry)")}</th></tr></thead>
				<tbody>${ministry_html}</tbody></table>`);
		if (!data.reports.length) return;
		const labels = data.reports.map((row) => frappe.datetime.str_to_user(row.report_date));
		new frappe.Chart(page.$body.find(".pref-trend-stock")[0], {
			type: "line",
			height: 240,
			axisOptions: { xIsSeries: true }, // a label every few days, not one a point
			data: {
				labels,
				datasets: [
					{ name: __("Cards Held"), values: data.reports.map((row) => row.cards_held || 0) },
					{ name: __("Cards Issued in Total"), values: data.reports.map((row) => row.cards_issued_total || 0) },
				],
			},
		});
		new frappe.Chart(page.$body.find(".pref-trend-flow")[0], {
			type: "bar",
			height: 200,
			axisOptions: { xIsSeries: true },
			data: {
				labels,
				datasets: [
					{ name: __("Cards Received"), values: data.reports.map((row) => row.cards_received || 0) },
					{ name: __("Cards Issued"), values: data.reports.map((row) => row.cards_issued || 0) },
				],
			},
		});
	});
}

function import_ministry_figures(page) {
	const dialog = new frappe.ui.Dialog({
		title: __("Import Ministry Figures"),
		fields: [
			{ fieldname: "month", fieldtype: "Date", label: __("Month"), reqd: 1 },
			{ fieldname: "file_url", fieldtype: "Attach", label: __("Published File (CSV or Excel)"), reqd: 1 },
		],
		primary_action_label: __("Import"),
		primary_action(values) {
			frappe
				.call({ method: PREF_METHODS + "import_ministry_figures", args: values, freeze: true })
				.then((r) => {
					dialog.hide();
					frappe.show_alert(__("{0} rows read, {1} matched to towns", [r.message.rows, r.message.matched]));
					show_table(page);
				});
		},
	});
	dialog.show();
}
