// Counter Queue (窓口の呼出): the clerk's panel on a page of its own, for a counter without a scanner.
const mynumber_card_queue_panel_assets = [
	"/assets/mynumber_card/js/counter_queue_panel.js",
	"/assets/mynumber_card/css/counter_queue_panel.css",
];
frappe.pages["counter-queue"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({ parent: wrapper, title: __("Counter Queue"), single_column: true });
	$(`<p class="text-muted">${__("The calling display for the waiting area:")}
		<a href="/queue-display" target="_blank" rel="noopener">/queue-display</a> ・
		${__("The reception kiosk:")} <a href="/app/reception-kiosk">/app/reception-kiosk</a></p>`).appendTo(page.main);
	frappe.require(mynumber_card_queue_panel_assets, () => {
		wrapper.panel = new mynumber_card.CounterQueuePanel({ parent: page.main, page, show_title: false });
		page.main.find(".mnc-cq-counter").trigger("focus");
	});
	$(wrapper).on("show", () => wrapper.panel && wrapper.panel.refresh());
};
