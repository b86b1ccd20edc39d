from mynumber_card.core import booking_states, lifecycle, vocabularies
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

# Roles, the two workflows and the shared closed lists (core/vocabularies.py) ship as records; only
# ours, never a site's own.
fixtures = [
	{"dt": "Role", "filters": [["name", "in", list(FIXTURE_ROLES)]]},
	{"dt": "Workflow State", "filters": [["name", "in", [*lifecycle.STATES, *booking_states.STATES]]]},
	{
		"dt": "Workflow Action Master",
		"filters": [["name", "in", sorted(lifecycle.human_actions() | booking_states.actions())]],
	},
	{"dt": "Workflow", "filters": [["name", "in", ["MyNumber Card Lifecycle", "Card Booking Flow"]]]},
	*({"dt": dt, "filters": [["name", "in", list(names)]]} for dt, names in vocabularies.RECORDS.items()),
]
# A Link to one of those lists offers its records in their order, matched on the Japanese staff read
# (Frappe's own search sorts a translated doctype's records by their translated name).
standard_queries = dict.fromkeys(vocabularies.RECORDS, "mynumber_card.api.vocabularies.search")

# The app's own doctypes take their steps in their controllers (the 個人番号 guard in TextDocument's
# before_validate, the slot lists' cache, the replaced card, the settings' checks): only other apps'
# doctypes are hooked here.
doc_events = {}
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
# The scanner keeps its translated texts per process (utils/kept_translations.py) until these say so.
doc_events["Translation"] = {
	event: "mynumber_card.utils.kept_translations.renew_after_commit" for event in ("on_update", "on_trash")
}
clear_cache = "mynumber_card.utils.kept_translations.renew"

scheduler_events = {
	"daily": [
		"mynumber_card.tasks.daily",
		"mynumber_card.booking.jobs.send_reminders",
		"mynumber_card.retention.anonymise_expired",
		# issue 26: a town sends its figures to the prefecture's overview, the overview pulls the others
		"mynumber_card.prefecture.reporting.send_daily_report",
		"mynumber_card.prefecture.overview.pull_reports",
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
		"mynumber_card.utils.resident_text.mnc_t",
		"mynumber_card.utils.resident_text.mnc_plain",
		"mynumber_card.utils.resident_text.mnc_tag",
		"mynumber_card.ledger.letters.guide_letter_context",
		"mynumber_card.ledger.letters.renewal_letter_context",
		"mynumber_card.ledger.letters.letter_page",
		"mynumber_card.resident_language.mnc_day",
	],
	"filters": ["mynumber_card.utils.resident_text.mnc_words", "mynumber_card.utils.resident_text.mnc_list"],
}

# Escape on output in the desk: one helper (mynumber_card.esc), the app's doctype fields rendered as text,
# and the script reports' formatter. A plain file, as the app's other scripts: it needs no build.
app_include_js = [
	"/assets/mynumber_card/js/escape_output.js",
	# the two import forms' file chooser and upload (Card Import, Resident Event Import)
	"/assets/mynumber_card/js/file_import.js",
]

doctype_list_js = {"MyNumber Card": "public/js/mynumber_card_list.js"}
# Counter services (窓口手続) from the card form and from a renewal booking.
doctype_js = {"MyNumber Card": "public/js/card_services.js", "Card Booking": "public/js/card_services.js"}
webform_include_js = {
	"Card Booking": [
		"public/js/resident_language.js",
		"public/js/accessible_forms.js",
		"public/js/slot_picker.js",
		"public/js/wareki_date.js",
		"public/js/family_members.js",
		"public/js/booking_form.js",
	]
}
webform_include_css = {"Card Booking": ["public/css/booking_form.css", "public/css/resident_language.css"]}
# The residents' pages (the two forms, /my-booking, /queue-display) answer with a strict
# Content-Security-Policy: no inline script but Frappe's own known blocks (core/csp.py).
after_request = ["mynumber_card.resident_csp.add_policy"]
# A guest's pages in the language chosen on their switcher (Frappe's preferred_language cookie).
before_request = ["mynumber_card.resident_language.take_choice"]

# Exports of the app's reports are written to Frappe's Access Log (audit).
override_whitelisted_methods = {"frappe.desk.query_report.export_query": "mynumber_card.audit.export_query"}
# The report view's and list's export of the app's doctypes: no live formula in a cell (exports.py).
override_whitelisted_methods["frappe.desk.reportview.export_query"] = (
	"mynumber_card.exports.export_report_view"
)

export_python_type_annotations = True
