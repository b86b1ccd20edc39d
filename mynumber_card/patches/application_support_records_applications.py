"""Sites installed before Card Applications: the default 申請サポート purpose records them, as on a new
site. A town that renamed it, or has its own support purposes, ticks the box on the purpose itself."""

import frappe

from mynumber_card.install import DEFAULT_PURPOSES


def execute():
	for values in DEFAULT_PURPOSES:
		if values.get("records_application") and frappe.db.exists("Booking Purpose", values["purpose_name"]):
			frappe.db.set_value("Booking Purpose", values["purpose_name"], "records_application", 1)
