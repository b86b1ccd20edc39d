frappe.query_reports["Uncollected Cards"] = {
	filters: [
		{
			fieldname: "state",
			label: __("State"),
			fieldtype: "Select",
			// the states the list covers, from the server (core/statistics.py UNCOLLECTED, via boot)
			options: [""].concat(
				frappe.boot.mynumber_card_vocabularies.uncollected_states.map((s) => ({ value: s, label: __(s) }))
			),
		},
		{ fieldname: "on_hold", label: __("Disposal Hold in Force"), fieldtype: "Check" },
		{ fieldname: "notice_returned", label: __("Notice Returned"), fieldtype: "Check" },
	],
	formatter(value, row, column, data, default_formatter) {
		const cell_html = mynumber_card.report_cell_html(value, row, column, data, default_formatter);
		const today = frappe.datetime.get_today();
		if (column.fieldname === "disposal_deadline" && data && data.disposal_deadline && data.disposal_deadline < today) {
			return `<span style="color: #b91c1c; font-weight: 600">${cell_html}</span>`;
		}
		if (column.fieldname === "disposal_hold_until" && data && data.disposal_hold_until >= today) {
			return `<span style="color: #1d4ed8; font-weight: 600">${cell_html}</span>`;
		}
		if (column.fieldname === "notice_returned_date" && data && data.notice_returned_date) {
			return `<span style="color: #b45309; font-weight: 600">${cell_html}</span>`;
		}
		return cell_html;
	},
};
