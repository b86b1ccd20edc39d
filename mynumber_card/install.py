"""Install and uninstall hooks."""

import frappe

from mynumber_card.resident_language import ensure_language_records
from mynumber_card.settings import fill_defaults
from mynumber_card.utils.series import ensure_series_rows

DEFAULT_PURPOSES = (
	{
		"purpose_name": "申請サポート",
		"sort_order": 1,
		"description": "職員が顔写真を撮影し、マイナンバーカードの申請をお手伝いします。",
		"what_to_bring": "通知カードまたは個人番号通知書（お持ちの方）",
		"needs_identity": 1,
		"records_application": 1,
	},
	{
		"purpose_name": "カード受取",
		"is_pickup": 1,
		"sort_order": 2,
		"description": "交付通知書（はがき）が届いた方のカードのお受け取りです。",
		"what_to_bring": "交付通知書（はがき）\n通知カード（お持ちの方）\n住民基本台帳カード（お持ちの方）\n"
		"いまお持ちのマイナンバーカード（更新・再交付の方）",
		"needs_identity": 1,
	},
	{
		"purpose_name": "更新",
		"is_renewal": 1,
		"sort_order": 3,
		"description": "カードや電子証明書の有効期限が近い方の更新手続きです。",
		"what_to_bring": "マイナンバーカード\n有効期限通知書（届いている方）",
		"needs_identity": 0,
	},
)


def after_install():
	hide_tracebacks_from_guests()
	set_japanese_guest_language()
	set_default_settings()
	ensure_language_records()
	make_default_purposes()
	ensure_series_rows()


def set_japanese_guest_language():
	"""Frappe v15 renders pages for guests in the site config's `lang` (default English), whatever
	the browser asks for; the residents' forms must be Japanese. A site that set its own is left alone."""
	from frappe.installer import update_site_config

	if not frappe.local.conf.get("lang"):
		update_site_config("lang", "ja")
		frappe.local.conf.lang = "ja"


def hide_tracebacks_from_guests():
	"""Frappe answers a failing request with its whole traceback (`exc`: code, paths, sometimes values)
	while System Settings' `allow_error_traceback` is on, as it is on a new site: residents would read
	it. Turned off once, at install (a site installed before: the patch of the same name), unless the
	site is in developer mode. A town that turns it on again later does so knowingly, so a migrate
	leaves it as it is."""
	if frappe.conf.developer_mode:
		return
	frappe.db.set_single_value("System Settings", "allow_error_traceback", 0)


def make_default_purposes():
	"""The three visits every town offers; a town may rename, add or switch them off later."""
	for values in DEFAULT_PURPOSES:
		if not frappe.db.exists("Booking Purpose", values["purpose_name"]):
			frappe.get_doc({"doctype": "Booking Purpose", "is_active": 1, **values}).insert(
				ignore_permissions=True
			)


def after_migrate():
	set_default_settings()
	ensure_language_records()
	ensure_series_rows()


def set_default_settings():
	fill_defaults()


def before_uninstall():
	# The workflows point at doctypes that uninstall removes; leave nothing dangling.
	for workflow in ("MyNumber Card Lifecycle", "Card Booking Flow"):
		if frappe.db.exists("Workflow", workflow):
			frappe.delete_doc("Workflow", workflow, ignore_permissions=True, force=True)


def before_tests():
	"""The test site skips the setup wizard (the desk redirects to it otherwise) and keeps Tokyo
	time; its language stays as it is so that tests read the messages they assert."""
	system = frappe.get_single("System Settings")
	system.update({"time_zone": "Asia/Tokyo", "country": "Japan", "setup_complete": 1})
	system.flags.ignore_mandatory = True
	system.save()
	mark_setup_wizard_done()
	frappe.db.commit()  # the test runner's own setup, outside any request


def mark_setup_wizard_done():
	"""What finishing Frappe's setup wizard sets besides `setup_complete`: without the desk's home
	page the desk still loads the wizard's page and draws no navigation bar."""
	frappe.db.set_default("desktop:home_page", "workspace")
