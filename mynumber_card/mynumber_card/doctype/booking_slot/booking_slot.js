frappe.ui.form.on("Booking Slot", {
	refresh(frm) {
		if (frm.is_new()) return;
		frappe.call("mynumber_card.booking.desk.slot_bookings", { slot: frm.doc.name }).then(({ message }) => {
			const rows = message || [];
			if (!rows.length) return;
			const esc = mynumber_card.esc;
			const list_html = rows
				.map((r) => `${esc(r.name)} ${esc(r.full_name)} ${esc(r.phone || "")} ${esc(r.email || "")}`)
				.join("<br>");
			frm.dashboard.set_headline(
				`${__("Booked residents to contact if the slot closes")}:<br>${list_html}`,
				frm.doc.is_closed ? "orange" : "blue"
			);
		});
		frm.add_custom_button(__("Close the whole day"), () => {
			frappe.prompt(
				[{ fieldname: "reason", fieldtype: "Data", label: __("Reason for Closing"), reqd: 1 }],
				({ reason }) =>
					frappe
						.call("mynumber_card.booking.slot_calendar.close_slots", {
							slot_date: frm.doc.slot_date,
							location: frm.doc.location,
							reason,
						})
						.then(({ message }) => {
							frm.reload_doc();
							frappe.msgprint({
								title: __("Closed"),
								message:
									__("{0} bookings to contact", [message.length]) +
									"<br>" +
									message
										.map((r) => mynumber_card.esc(`${r.name} ${r.full_name} ${r.phone || ""}`))
										.join("<br>"),
							});
						}),
				__("Close the whole day")
			);
		});
	},
});
