frappe.ui.form.on("Pickup Lookup Lock", {
	refresh(frm) {
		if (!frm.doc.unlocked) {
			frm.add_custom_button(__("Unlock"), () => frm.call("unlock").then(() => frm.reload_doc()));
		}
	},
});
