frappe.query_reports["Cards Due for Renewal"] = {
	// stored text is shown as text (public/js/escape_output.js)
	formatter: mynumber_card.report_cell_html,
	filters: [
		{ fieldname: "on", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		// empty: the town's window from MyNumber Card Settings
		{ fieldname: "months", label: __("Months Ahead"), fieldtype: "Int" },
		{ fieldname: "only_unsent", label: __("Not yet sent"), fieldtype: "Check" },
	],
	onload(report) {
		report.page.add_inner_button(__("Print Renewal Guides"), () => {
			const filters = report.get_values();
			const count = (report.data || []).filter((row) => !filters.only_unsent || !row.renewal_letter_date).length;
			frappe.confirm(__("Print renewal guide letters for {0} holders and record them as sent today?", [count]), () =>
				frappe
					.xcall("mynumber_card.api.renewal_letters.send_renewal_letters", {
						on: filters.on,
						months: filters.months,
						only_unsent: filters.only_unsent ? 1 : 0,
					})
					.then((r) => {
						const query = new URLSearchParams({ letter_date: r.letter_date });
						window.open(`/api/method/mynumber_card.api.renewal_letters.renewal_letters_pdf?${query}`);
						report.refresh();
					})
			);
		});
	},
};
