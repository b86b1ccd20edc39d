frappe.query_reports["Bookings by Day"] = {
	// stored text is shown as text (public/js/escape_output.js)
	formatter: mynumber_card.report_cell_html,
	filters: [
		{ fieldname: "date", label: __("Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "location", label: __("Location"), fieldtype: "Link", options: "Booking Location" },
		{ fieldname: "include_cancelled", label: __("Include Cancelled"), fieldtype: "Check" },
	],
	onload(report) {
		// 窓口の呼出 from the day sheet: the clerk's queue panel (public/js/counter_queue_panel.js) in a dialog;
		// its Alt shortcuts work while the dialog is open.
		report.page.add_inner_button(__("Counter Queue"), () => {
			const assets = ["/assets/mynumber_card/js/counter_queue_panel.js", "/assets/mynumber_card/css/counter_queue_panel.css"];
			frappe.require(assets, () => {
				if (!report.queue_dialog) {
					report.queue_dialog = new frappe.ui.Dialog({ title: __("Counter Queue"), size: "extra-large" });
					new mynumber_card.CounterQueuePanel({ parent: report.queue_dialog.body, show_title: false });
				}
				report.queue_dialog.show();
				report.queue_dialog.$wrapper.find(".mnc-cq-counter").trigger("focus");
			});
		});
	},
};
