// The status as a coloured pill: waiting for J-LIS, card in the office, withdrawn. Only the known
// statuses get one (a stored value is never put into the page as it is).
const CARD_APPLICATION_COLOURS = { Applied: "orange", "Card Arrived": "green", Withdrawn: "gray" };

frappe.listview_settings["Card Application"] = {
	get_indicator(doc) {
		if (!Object.hasOwn(CARD_APPLICATION_COLOURS, doc.status)) return;
		return [__(doc.status), CARD_APPLICATION_COLOURS[doc.status], "status,=," + doc.status];
	},
};
