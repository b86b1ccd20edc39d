frappe.query_reports["Card Ledger"] = {
	// stored text is shown as text (public/js/escape_output.js)
	formatter: mynumber_card.report_cell_html,
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", reqd: 1,
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -1) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.get_today() },
		{ fieldname: "state", label: __("State"), fieldtype: "Link", options: "Workflow State" },
		{ fieldname: "delivery", label: __("Card Delivery"), fieldtype: "Link", options: "Card Delivery" },
		{ fieldname: "name", label: __("Full Name"), fieldtype: "Data" },
	],
	onload(report) {
		report.page.add_inner_button(__("Print Card Ledger"), () => {
			const { from_date, to_date } = report.get_values();
			const query = new URLSearchParams({ from_date, to_date, output: "pdf" });
			window.open(`/api/method/mynumber_card.api.ledger_print.card_ledger?${query}`);
		});
	},
};
