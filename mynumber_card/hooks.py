from mynumber_card.core import booking_states, lifecycle
from mynumber_card.core.roles import FIXTURE_ROLES

app_name = "mynumber_card"
app_title = "MyNumber Card"
app_publisher = "mynumber_card contributors"
app_description = "My Number Card issuance for Japanese municipalities"
app_email = "mynumber-card@example.jp"
app_license = "MIT"

add_to_apps_screen = [
	{
		"name": "mynumber_card",
		"logo": "/assets/mynumber_card/images/logo.svg",
		"title": "マイナンバーカード",
		"route": "/app/mynumber-card-office",
	}
]

after_install = "mynumber_card.install.after_install"
extend_bootinfo = "mynumber_card.boot.extend_bootinfo"
after_migrate = "mynumber_card.install.after_migrate"
before_uninstall = "mynumber_card.install.before_uninstall"
before_tests = "mynumber_card.install.before_tests"

# Roles and the two workflows ship as records; only ours, never a site's own.
fixtures = [
	{"dt": "Role", "filters": [["name", "in", list(FIXTURE_ROLES)]]},
	{"dt": "Workflow State", "filters": [["name", "in", [*lifecycle.STATES, *booking_states.STATES]]]},
	{
		"dt": "Workflow Action Master",
		"filters": [["name", "in", sorted(lifecycle.human_actions() | booking_states.actions())]],
	},
	{"dt": "Workflow", "filters": [["name", "in", ["MyNumber Card Lifecycle", "Card Booking Flow"]]]},
]

# A 12-digit 個人番号 typed into any field of the app's doctypes is refused before it is saved.
doc_events = {
	doctype: {"before_validate": "mynumber_card.privacy.refuse_individual_numbers"}
	for doctype in (
		"MyNumber Card",
		"Card Delivery",
		"MyNumber Card Settings",
		"Card Booking",
		"Booking Slot",
		"Booking Location",
		"Booking Purpose",
		"Card Scan Log",
		"Pickup Lookup Lock",
		"Card Service",
		"Card Import",
		"Queue Ticket",
		"Queue Ticket Alert",
		"Resident Event Import",
		"Card Application",
	)
}
# A new card that replaces an old one marks the old one as replaced (reissue, at intake or later).
doc_events["MyNumber Card"]["on_update"] = "mynumber_card.ledger.card_services.link_replaced_card"
# A check-in made anywhere (kiosk, scanner, form) gives the booking its place in the counter queue.
doc_events["Card Booking"]["on_update"] = "mynumber_card.counter_queue.tickets.follow_booking"
# The residents' cached slot list is dropped when what it shows may have changed (places left are
# read live with each listing).
# on_change: after every save and db_set as well.
_slot_list_changed = {"on_change": "mynumber_card.booking.slot_list_cache.changed"}
_slot_list_changed["on_trash"] = _slot_list_changed["on_change"]
for _doctype in ("Booking Slot", "Booking Location", "Booking Purpose"):
	doc_events.setdefault(_doctype, {}).update(_slot_list_changed)
doc_events["MyNumber Card Settings"].update(_slot_list_changed)
# The ticket page's and waits page's settings: origins only, reception closing after it opens.
doc_events["MyNumber Card Settings"]["validate"] = "mynumber_card.counter_queue.phone_settings.validate"
# The 個人番号 guard also reads, site-wide, what any page of the site can write: comments, mails, file
# names and the text of uploaded files (privacy.py says why site-wide). The write_file hook checks an
# upload before it reaches the disk; File's before_validate is the second lock and checks its name.
doc_events.setdefault("Comment", {})["before_validate"] = "mynumber_card.privacy.refuse_in_comment"
doc_events.setdefault("Communication", {})["before_validate"] = (
	"mynumber_card.privacy.refuse_in_communication"
)
doc_events.setdefault("File", {})["before_validate"] = "mynumber_card.privacy.refuse_in_file"
write_file = "mynumber_card.privacy.write_checked_file"
# Cards come in through Card Import only: Frappe's own Data Import page would store the raw file.
doc_events["Data Import"] = {"validate": "mynumber_card.ledger.card_import.refuse_direct_card_import"}

scheduler_events = {
	"daily": [
		"mynumber_card.tasks.daily",
		"mynumber_card.booking.jobs.send_reminders",
		"mynumber_card.retention.anonymise_expired",
	],
	"hourly": [
		"mynumber_card.booking.jobs.mark_no_shows",
		# a resident's phone or mail for the call-back goes once the ticket is over
		"mynumber_card.counter_queue.alerts.clear_ended",
	],
	# A changed booking's mail held back by the pacing goes out when its interval is up (the
	# scheduler's every-few-minutes run).
	"all": ["mynumber_card.booking.notify.send_held_changes"],
}

jinja = {
	"methods": [
		"mynumber_card.utils.qr.qr_data_uri",
		"mynumber_card.core.dates.wareki",
		"mynumber_card.utils.jinja.state_label",
		"mynumber_card.utils.guide_letter.guide_letter_context",
		"mynumber_card.utils.guide_letter.renewal_letter_context",
	],
}

# Escape on output in the desk: one helper (mynumber_card.esc), the app's doctype fields rendered as text,
# and the script reports' formatter. A plain file, as the app's other scripts: it needs no build.
app_include_js = ["/assets/mynumber_card/js/escape_output.js"]

doctype_list_js = {"MyNumber Card": "public/js/mynumber_card_list.js"}
# Counter services (窓口手続) from the card form and from a renewal booking.
doctype_js = {"MyNumber Card": "public/js/card_services.js", "Card Booking": "public/js/card_services.js"}
webform_include_js = {
	"Card Booking": [
		"public/js/accessible_forms.js",
		"public/js/slot_picker.js",
		"public/js/wareki_date.js",
		"public/js/family_members.js",
		"public/js/booking_form.js",
	]
}
webform_include_css = {"Card Booking": "public/css/booking_form.css"}
# The residents' pages (the two forms, /my-booking, /queue-display) answer with a strict
# Content-Security-Policy: no inline script but Frappe's own known blocks (core/csp.py).
after_request = ["mynumber_card.resident_csp.add_policy"]

# Exports of the app's reports are written to Frappe's Access Log (audit).
override_whitelisted_methods = {"frappe.desk.query_report.export_query": "mynumber_card.audit.export_query"}
# The report view's and list's export of the app's doctypes: no live formula in a cell (exports.py).
override_whitelisted_methods["frappe.desk.reportview.export_query"] = (
	"mynumber_card.exports.export_report_view"
)

export_python_type_annotations = True
