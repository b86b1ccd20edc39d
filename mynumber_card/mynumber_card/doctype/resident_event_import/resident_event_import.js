// Resident Event Import: the 住基 list of deaths and moves. Templates, a file kept in the browser
// until it is sent, a dry run that writes nothing, the import, and the result of every row.
const EVENT_API = "mynumber_card.api.resident_events.";
const ROWS_SHOWN = 500; // rows listed on the page; the CSV download has them all

// Each group of outcomes: its label and colour, in the order shown.
const EVENT_GROUPS = {
	rows_recorded: [__("Recorded on the Card"), "green"],
	rows_unchanged: [__("Nothing to Change"), "gray"],
	rows_not_found: [__("Not Found"), "orange"],
	rows_ambiguous: [__("Several Holders"), "orange"],
	rows_to_check: [__("To Check"), "red"],
	rows_refused: [__("Refused Row"), "red"],
};

frappe.ui.form.on("Resident Event Import", {
	refresh(frm) {
		frm.disable_save();
		if (frm.is_new()) {
			frm.events.add_template_buttons(frm);
			frm.add_custom_button(__("Check (Dry Run)"), () => frm.events.send(frm, true));
			frm.page.set_primary_action(__("Import the File"), () => frm.events.send(frm, false));
			frm.events.render_upload(frm);
			return;
		}
		frm.events.render_results(
			$(frm.fields_dict.results_html.wrapper).empty(),
			JSON.parse(frm.doc.results || "[]"),
			false
		);
	},

	add_template_buttons(frm) {
		mynumber_card.file_import.template_buttons(
			frm,
			(file_type) => `/api/method/${EVENT_API}download_template?file_type=${file_type}`
		);
	},

	render_upload(frm) {
		mynumber_card.file_import.render_upload(
			frm,
			"mnc-event-import",
			__(
				"Choose the list of deaths and moves exported from the resident register (Excel or CSV: name, kana, date of birth, event, date of the event) and check it: the dry run shows what each row would change and writes nothing. The file itself is never stored."
			)
		);
	},

	async send(frm, dry_run) {
		const report = await mynumber_card.file_import.send(
			frm,
			`${EVENT_API}check`,
			{ dry_run: dry_run ? "1" : "0" },
			dry_run ? __("Checking the file…") : __("Recording the events on the cards…")
		);
		if (!report) return;
		if (report.resident_event_import) {
			const name = report.resident_event_import;
			mynumber_card.file_import.open_record(frm, "Resident Event Import", name, __("Import done"));
			return;
		}
		const $report = $(frm.fields_dict.check_html.wrapper).find(".mnc-report").empty();
		frm.events.render_counts($report, report.counts);
		if (report.ignored_columns && report.ignored_columns.length) {
			$report.append(
				`<p class="small text-muted">${__("Columns not read: {0}", [
					report.ignored_columns.map((c) => mynumber_card.esc(c)).join("、"),
				])}</p>`
			);
		}
		frm.events.render_results($report, report.results);
	},

	render_counts($target, counts) {
		const cells = [[__("Rows in File"), counts.rows_in_file, ""]].concat(
			Object.entries(EVENT_GROUPS).map(([key, [label, color]]) => [label, counts[key], color])
		);
		$target.append(`
			<div class="row" style="margin-bottom:12px">
				${cells
					.map(
						([label, value, color]) => `
					<div class="col-sm-2"><div class="text-muted small">${mynumber_card.esc(label)}</div>
					<div class="h4 ${mynumber_card.esc(color ? "text-" + color : "")}">${mynumber_card.esc(value || 0)}</div></div>`
					)
					.join("")}
			</div>`);
	},

	render_results($target, results, title = true) {
		if (!results.length) {
			$target.append(`<p class="text-muted">${__("The file has no rows.")}</p>`);
			return;
		}
		const cards_html = (cards) =>
			(cards || [])
				.map(
					(name) =>
						`<a href="/app/mynumber-card/${mynumber_card.esc(encodeURIComponent(name))}">${mynumber_card.esc(name)}</a>`
				)
				.join("<br>");
		const heading = title ? __("Result per Row") : "";
		const $block = $(`<div>
			${mynumber_card.file_import.heading_with_csv_html(heading, "mnc-results-csv")}
			<div class="table-responsive"><table class="table table-bordered table-sm small mnc-results">
				<thead><tr>
					<th>${__("Row in File")}</th><th>${__("Result")}</th><th>${__("Card")}</th>
					<th>${__("Reason for Leaving")}</th><th>${__("Holder Left on")}</th><th>${__("Details")}</th>
				</tr></thead><tbody></tbody>
			</table></div></div>`).appendTo($target);
		const $body = $block.find("tbody");
		for (const r of results.slice(0, ROWS_SHOWN)) {
			const [label, color] = EVENT_GROUPS[r.group];
			$body.append(`<tr data-outcome="${mynumber_card.esc(r.outcome)}">
				<td>${mynumber_card.esc(r.row)}</td>
				<td><span class="indicator-pill ${mynumber_card.esc(color)}">${mynumber_card.esc(label)}</span></td>
				<td>${cards_html(r.cards)}</td>
				<td>${mynumber_card.esc(r.event_label || "")}</td>
				<td>${mynumber_card.esc(r.event_date ? frappe.datetime.str_to_user(r.event_date) : "")}</td>
				<td>${mynumber_card.esc(r.message)}</td>
			</tr>`);
		}
		if (results.length > ROWS_SHOWN) {
			$block.append(
				`<p class="text-muted">${__("… and {0} more", [cint(results.length - ROWS_SHOWN)])}</p>`
			);
		}
		$block.find(".mnc-results-csv").on("click", () => {
			const rows = [[__("Row in File"), __("Result"), __("Card"), __("Details")]].concat(
				results.map((r) => [r.row, EVENT_GROUPS[r.group][0], (r.cards || []).join(" "), r.message])
			);
			frappe.tools.downloadify(rows, null, __("Resident Event Import"));
		});
	},
});
