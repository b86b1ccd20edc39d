frappe.ui.form.on("MyNumber Card Settings", {
	refresh(frm) {
		frm.add_custom_button(__("Generate Slots"), () => {
			frappe.prompt(
				[
					{ fieldname: "from_date", fieldtype: "Date", label: __("From Date"), reqd: 1, default: frappe.datetime.get_today() },
					{ fieldname: "to_date", fieldtype: "Date", label: __("To Date"), reqd: 1,
						default: frappe.datetime.add_months(frappe.datetime.get_today(), 2) },
				],
				(values) =>
					frappe
						.call({ method: "mynumber_card.booking.slot_calendar.generate", args: values, freeze: true })
						.then(({ message }) =>
							frappe.msgprint(__("{0} slots created, {1} already there.", [message.created, message.kept]))
						),
				__("Generate Slots")
			);
		});
	},
});
