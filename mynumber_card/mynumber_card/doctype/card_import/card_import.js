// Card Import: templates, a file kept in the browser until it is sent, a dry run that writes
// nothing, the import, its progress (card_import_progress) and what was refused.
const API = "mynumber_card.api.card_import.";
const SHOWN = 500; // problem lines shown; the CSV download has them all
// import types, running statuses and the open delivery's status, from the server (boot.py)
const IMPORT_WORDS = () => frappe.boot.mynumber_card_vocabularies;

frappe.ui.form.on("Card Import", {
	setup(frm) {
		frm.set_query("delivery", () => ({ filters: { status: IMPORT_WORDS().open_delivery } }));
	},

	refresh(frm) {
		frm.events.listen(frm);
		if (frm.is_new()) {
			frm.disable_save();
			frm.events.add_template_buttons(frm);
			frm.add_custom_button(__("Check (Dry Run)"), () => frm.events.send(frm, true));
			frm.page.set_primary_action(__("Import the File"), () => frm.events.send(frm, false));
			frm.events.render_upload(frm);
			return;
		}
		frm.disable_save();
		frm.events.render_status(frm);
		frm.events.render_problems(frm);
		const cards =
			frm.doc.import_type === IMPORT_WORDS().import_types.DELIVERY
				? { delivery: frm.doc.delivery }
				: { registered_from_records: 1 };
		frm.add_custom_button(__("Imported Cards"), () => frappe.set_route("List", "MyNumber Card", cards));
		if (frm.doc.rows_failed && !IMPORT_WORDS().import_running.includes(frm.doc.status)) {
			frm.add_custom_button(__("Retry Failed Rows"), () =>
				frappe
					.call({ method: API + "retry", args: { name: frm.doc.name }, freeze: true })
					.then(() => frm.reload_doc())
			);
		}
	},

	import_type(frm) {
		frm.events.add_template_buttons(frm);
	},

	add_template_buttons(frm) {
		mynumber_card.file_import.template_buttons(frm, (file_type) => {
			const args = new URLSearchParams({
				import_type: frm.doc.import_type || IMPORT_WORDS().import_types.LEDGER,
				file_type,
			});
			return `/api/method/${API}download_template?${args}`;
		});
	},

	render_upload(frm) {
		mynumber_card.file_import.render_upload(
			frm,
			"mnc-card-import",
			__(
				"Fill in the template (Excel or CSV), choose the file and check it: the dry run shows what would be imported and writes nothing. The file itself is never stored."
			)
		);
	},

	async send(frm, dry_run) {
		if (frm.doc.import_type === IMPORT_WORDS().import_types.DELIVERY && !frm.doc.delivery) {
			frappe.msgprint(__("Choose an open J-LIS delivery first."));
			return;
		}
		const report = await mynumber_card.file_import.send(
			frm,
			`${API}check`,
			{ import_type: frm.doc.import_type, delivery: frm.doc.delivery || null, dry_run: dry_run ? "1" : "0" },
			dry_run ? __("Checking the file…") : __("Preparing the import…")
		);
		if (!report) return;
		if (report.card_import) {
			mynumber_card.file_import.open_record(frm, "Card Import", report.card_import, __("Import started"));
			return;
		}
		const $report = $(frm.fields_dict.check_html.wrapper).find(".mnc-report").empty();
		if (!dry_run) {
			$report.append(
				`<div class="alert alert-warning">${__(
					"No row can be imported: nothing was recorded."
				)}</div>`
			);
		}
		frm.events.render_report(frm, $report, report);
	},

	render_report(frm, $report, report) {
		const c = report.counts;
		$report.append(`
			<div class="row" style="margin-bottom:12px">
				${[
					[__("Rows in File"), c.rows, ""],
					[__("Rows to Import"), c.importable, "green"],
					[__("Rows Refused"), c.refused, "red"],
					[__("Duplicates Skipped"), c.duplicates, "orange"],
					[__("Rows with a Note"), c.warnings, "blue"],
				]
					.map(
						([label, value, color]) => `
					<div class="col-sm-2"><div class="text-muted small">${mynumber_card.esc(label)}</div>
					<div class="h4 ${mynumber_card.esc(color ? "text-" + color : "")}">${mynumber_card.esc(value)}</div></div>`
					)
					.join("")}
			</div>`);
		if (report.ignored_columns && report.ignored_columns.length) {
			$report.append(
				`<p class="small text-muted">${__("Columns not imported: {0}", [
					report.ignored_columns.map((c) => mynumber_card.esc(c)).join("、"),
				])}</p>`
			);
		}
		if (report.first_rows && report.first_rows.length) {
			const cols = report.columns.filter((col) =>
				report.first_rows.some((r) => r[col.fieldname])
			);
			$report.append(`
				<h5>${__("First rows to import")}</h5>
				<div class="table-responsive"><table class="table table-bordered table-sm small">
					<thead><tr><th>${__("Row in File")}</th>${cols
						.map((col) => `<th>${mynumber_card.esc(col.label)}</th>`)
						.join("")}</tr></thead>
					<tbody>${report.first_rows
						.map(
							(r) =>
								`<tr><td>${mynumber_card.esc(r.row)}</td>${cols
									.map(
										(col) =>
											`<td>${mynumber_card.esc(r[col.fieldname])}</td>`
									)
									.join("")}</tr>`
						)
						.join("")}</tbody>
				</table></div>`);
		}
		const problems = [
			...report.refused.map((p) => ({ ...p, kind: "refused" })),
			...report.duplicates.map((p) => ({ ...p, kind: "duplicate" })),
			...report.warnings.map((p) => ({ ...p, kind: "warning" })),
		];
		frm.events.render_problem_list($report, problems);
	},

	render_problem_list($target, problems, title = true) {
		if (!problems.length) return;
		const labels = {
			refused: [__("Refused Row"), "red"],
			duplicate: [__("Duplicate Row"), "orange"],
			warning: [__("Imported with a Note"), "blue"],
			failed: [__("Insert Failed"), "red"],
		};
		const heading = title ? __("Rows Refused or Skipped") : "";
		const $list = $(`<div>
			${mynumber_card.file_import.heading_with_csv_html(heading, "mnc-problems-csv")}
			<ul class="list-unstyled small mnc-problems"></ul></div>`).appendTo($target);
		const $ul = $list.find(".mnc-problems");
		for (const p of problems.slice(0, SHOWN)) {
			const [label, color] = labels[p.kind];
			$ul.append(
				`<li><span class="indicator-pill ${mynumber_card.esc(color)}">${mynumber_card.esc(label)}</span> ${mynumber_card.esc(
					p.message
				)}</li>`
			);
		}
		if (problems.length > SHOWN) {
			$ul.append(`<li class="text-muted">${__("… and {0} more", [cint(problems.length - SHOWN)])}</li>`);
		}
		$list.find(".mnc-problems-csv").on("click", () => {
			const rows = [[__("Row in File"), __("Kind of Problem"), __("Problem")]].concat(
				problems.map((p) => [p.row, labels[p.kind][0], p.message])
			);
			frappe.tools.downloadify(rows, null, __("Card Import"));
		});
	},

	render_status(frm) {
		const $wrapper = $(frm.fields_dict.check_html.wrapper).empty();
		const running = IMPORT_WORDS().import_running.includes(frm.doc.status);
		const done = frm.doc.rows_imported || 0;
		const total = frm.doc.rows_to_import || 0;
		const percent = running ? 0 : total ? Math.round((100 * done) / total) : 0;
		$wrapper.append(`
			<p>${__("Imported File")}: <b>${mynumber_card.esc(frm.doc.file_name)}</b></p>
			<div class="progress" style="height:18px"><div class="progress-bar mnc-progress"
				role="progressbar" style="width:${cint(percent)}%">${cint(percent)}%</div></div>
			<p class="small text-muted mnc-progress-text">${
				running
					? __("Importing in the background: you may leave this page.")
					: __("{0} of {1} rows imported.", [cint(done), cint(total)])
			}</p>`);
	},

	render_problems(frm) {
		const $wrapper = $(frm.fields_dict.problems_html.wrapper).empty();
		const failed = (frm.doc.__onload?.failed_rows || []).map((p) => ({ ...p, kind: "failed" }));
		const problems = [...failed, ...JSON.parse(frm.doc.problems || "[]")];
		if (!problems.length) {
			$wrapper.append(`<p class="text-muted">${__("Every row of the file was imported.")}</p>`);
			return;
		}
		frm.events.render_problem_list($wrapper, problems, false);
	},

	listen(frm) {
		if (frm._mnc_listening) return;
		frm._mnc_listening = true;
		frappe.realtime.on("card_import_progress", (data) => {
			if (frm.doctype !== "Card Import" || frm.doc.name !== data.card_import) return;
			const total = cint(data.total) || 1;
			const percent = Math.min(100, Math.round((100 * cint(data.done)) / total));
			const $wrapper = $(frm.fields_dict.check_html.wrapper);
			$wrapper.find(".mnc-progress").css("width", percent + "%").text(percent + "%");
			$wrapper.find(".mnc-progress-text").text(__("{0} of {1} rows", [cint(data.done), cint(data.total)]));
		});
		frappe.realtime.on("card_import_done", (data) => {
			if (frm.doc.name === data.card_import) frm.reload_doc();
		});
	},
});
