// Card ledger list: bulk state changes and the search box.
frappe.listview_settings["MyNumber Card"] = {
	add_fields: ["workflow_state", "disposal_deadline"],
	onload(listview) {
		const checked = () => {
			const names = listview.get_checked_items(true);
			if (!names.length) frappe.msgprint(__("Select at least one card."));
			return names;
		};
		const returned_notices = () => {
			const names = checked();
			if (!names.length) return;
			frappe.confirm(__("Record that the notices of {0} cards came back undeliverable today?", [names.length]), () =>
				frappe
					.call({ method: "mynumber_card.api.ledger.record_returned_notices", args: { names }, freeze: true })
					.then(({ message }) => show_result(message))
			);
		};
		const bulk = (next_state) => {
			const names = checked();
			if (!names.length) return;
			frappe.confirm(
				__("Change {0} cards to {1}?", [names.length, __(next_state)]),
				() =>
					frappe
						.call({
							method: "mynumber_card.api.ledger.bulk_transition",
							args: { names, next_state },
							freeze: true,
						})
						.then(({ message }) => {
							if (message.queued) {
								frappe.show_alert({
									message: __("{0} cards are being changed in the background.", [
										message.count,
									]),
									indicator: "blue",
								});
							} else {
								show_result(message);
							}
						})
			);
		};
		const show_result = (result) => {
			let text = __("{0} changed, {1} already there, {2} refused.", [
				result.done,
				result.skipped,
				result.failed.length,
			]);
			if (result.failed.length) {
				text +=
					"<ul>" +
					result.failed
						.map((f) => `<li>${frappe.utils.escape_html(f.name)}: ${frappe.utils.escape_html(f.error)}</li>`)
						.join("") +
					"</ul>";
			}
			frappe.msgprint({ title: __("Bulk change"), message: text, indicator: result.failed.length ? "orange" : "green" });
			listview.refresh();
		};
		const print_ledger = () => {
			const dialog = new frappe.ui.Dialog({
				title: __("Print Card Ledger"),
				fields: [
					{ fieldname: "from_date", fieldtype: "Date", label: __("From Date"), reqd: 1,
						default: frappe.datetime.add_months(frappe.datetime.get_today(), -1) },
					{ fieldname: "to_date", fieldtype: "Date", label: __("To Date"), reqd: 1,
						default: frappe.datetime.get_today() },
				],
				primary_action_label: __("PDF"),
				primary_action(values) {
					const query = new URLSearchParams({ ...values, output: "pdf" });
					window.open(`/api/method/mynumber_card.api.ledger_print.card_ledger?${query}`);
					dialog.hide();
				},
			});
			dialog.show();
		};
		// the states a selection may be moved to, from the server (core/lifecycle.py BULK_MOVES)
		for (const { state, label } of frappe.boot.mynumber_card_vocabularies.bulk_moves) {
			listview.page.add_actions_menu_item(__(label), () => bulk(state), false);
		}
		listview.page.add_actions_menu_item(__("Record Returned Notices"), () => returned_notices(), false);
		listview.page.add_inner_button(__("Search Cards"), () => frappe.set_route("card-search"));
		listview.page.add_menu_item(__("Print Card Ledger"), () => print_ledger());
		frappe.realtime.off("mynumber_card_bulk_done");
		frappe.realtime.on("mynumber_card_bulk_done", show_result);
	},
};
