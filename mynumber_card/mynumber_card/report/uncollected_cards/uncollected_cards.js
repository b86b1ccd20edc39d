frappe.query_reports["Uncollected Cards"] = {
	filters: [
		{
			fieldname: "state",
			label: __("State"),
			fieldtype: "Select",
			options: ["", "Notice Sent", "Re-notice Sent", "Booked", "Pending Disposal"],
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "disposal_deadline" && data && data.disposal_deadline < frappe.datetime.get_today()) {
			value = `<span style="color: #b91c1c; font-weight: 600">${value}</span>`;
		}
		return value;
	},
};
