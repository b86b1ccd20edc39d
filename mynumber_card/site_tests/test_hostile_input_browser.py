# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""A guest's text never runs in a clerk's desk (issue 21), tried at both walls:
- the first: hostile text is posted over HTTP into every field a guest can write (hostile_posts):
  each post is refused, and nothing a guest typed is stored with markup or hidden characters;
- the second: hostile names, addresses, remarks, a ticket number and a scan log message are planted
  straight into the database (no validation, as old data or another path could leave them).
Then every staff view that shows them is opened as Administrator with a dialog listener: the list,
report view and form of bookings and cards, each script report, the card scanner, the counter queue,
card search and the print formats. No dialog may open, and where a view shows a planted value it shows
it as text. Screenshots go to SHOTS."""

from urllib.parse import urlencode

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from mynumber_card.site_tests.hostile_posts import post_everywhere, remove_posted
from mynumber_card.site_tests.hostile_records import IMG, SCRIPT, SVG, TICKET_COUNTER, plant, remove
from mynumber_card.testing import BASE_URL, SERVER_WAIT_MS, SHOTS, chromium, desk_page

SETTLE_MS = 1500  # an <img onerror> fires once the broken image has been requested
SHOWN = IMG.strip('"')
# A query report has run once its answer came back (the object is made anew on each page load).
REPORT_RUN = "() => Boolean(window.frappe && frappe.query_report && frappe.query_report.execution_time)"  # what a view shows when it shows the planted name as text


SHOWS_TEXT = """([selector, text]) => {
	const root = document.querySelector(selector);
	if (!root) return false;
	if (root.innerText.includes(text)) return true;
	return [...root.querySelectorAll("input, textarea")].some((field) => (field.value || "").includes(text));
}"""


ESCAPED_TWICE = ("&lt;", "&gt;", "&quot;", "&#x3D;", "&amp;")


def query_report(name: str, **filters) -> str:
	return f"{BASE_URL}/app/query-report/{name}?{urlencode(filters)}"


def printview(doctype: str, name: str, print_format: str) -> str:
	query = urlencode({"doctype": doctype, "name": name, "format": print_format, "no_letterhead": 1})
	return f"{BASE_URL}/printview?{query}"


class TestHostileTextInStaffViews(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.posted = post_everywhere()
		cls.planted = plant()
		cls.browser = cls.enterClassContext(chromium())
		cls.page = desk_page(cls.browser)
		cls.dialogs = []
		cls.not_shown = []  # (view, text): each view is still opened, so one run counts every dialog
		cls.view = "sign-in"
		cls.page.on("dialog", cls.on_dialog)

	@classmethod
	def tearDownClass(cls):
		remove(cls.planted)
		remove_posted(cls.posted)
		super().tearDownClass()

	@classmethod
	def on_dialog(cls, dialog):
		cls.dialogs.append((cls.view, dialog.message))
		dialog.dismiss()

	def open(self, view: str, url: str, ready: str, shows: str | None = SHOWN):
		"""Open a view, wait until it is drawn and any planted script had its chance, take a picture;
		the view must show `shows` as text."""
		type(self).view = view
		self.page.goto(url)
		if ready == "networkidle":
			self.page.wait_for_load_state("networkidle", timeout=SERVER_WAIT_MS)
		elif ready.startswith("() =>"):
			self.page.wait_for_function(ready, timeout=SERVER_WAIT_MS)
		else:
			self.page.wait_for_selector(ready, timeout=SERVER_WAIT_MS)
		self.page.wait_for_timeout(SETTLE_MS)
		self.page.screenshot(path=SHOTS / f"hostile-{view}.png", full_page=True)
		if shows:
			self.expect_text(view, shows, "body")

	def expect_text(self, view: str, text: str, selector: str):
		"""The text is on the page as text, or in an input (a form shows a field it may edit that way),
		and nothing on the page was escaped twice (a clerk would read &lt; for <)."""
		if not self.page.evaluate(SHOWS_TEXT, [selector, text]):
			self.not_shown.append((view, text))
		shown = self.page.locator("body").inner_text()
		self.not_shown.extend((view, entity) for entity in ESCAPED_TWICE if entity in shown)

	def add_report_view_columns(self, columns: list[list[str]]):
		"""The report view with every planted field as a column, child table ones included."""
		self.page.evaluate(
			"""(columns) => {
				for (const [fieldname, doctype] of columns) {
					if (!cur_list.fields.some(([f, d]) => f === fieldname && d === doctype)) {
						cur_list.fields.push([fieldname, doctype]);
					}
				}
				cur_list.build_fields();
				cur_list.setup_columns();
				if (cur_list.datatable) cur_list.datatable.destroy();
				cur_list.datatable = null;
				cur_list.refresh();
			}""",
			columns,
		)
		self.page.wait_for_selector(".dt-row-0", timeout=SERVER_WAIT_MS)
		self.page.wait_for_timeout(SETTLE_MS)

	def test_guests_cannot_store_hostile_text(self):
		print(f"hostile posts: {len(self.posted.statuses)} sent, stored: {self.posted.accepted}")
		self.assertEqual(self.posted.accepted, [])
		failed = {where: status for where, status in self.posted.statuses.items() if status >= 500}
		self.assertEqual(failed, {}, "a hostile post must get a clear refusal, not a server error")

	def test_no_planted_markup_runs_anywhere_staff_look(self):
		p = self.planted
		booking_route = f"{BASE_URL}/app/card-booking"
		card_route = f"{BASE_URL}/app/mynumber-card"
		row = ".list-row-container"
		report_row = ".dt-row-0"

		# whatever the guests' posts left (nothing, when the first wall holds)
		self.open(
			"posted-report-view", f"{booking_route}/view/report?slot={self.posted.slot}", "networkidle", None
		)
		self.open("booking-list", f"{booking_route}?name={p.booking}", row)
		self.open("booking-report-view", f"{booking_route}/view/report?name={p.booking}", report_row)
		self.add_report_view_columns(
			[
				[field, "Card Booking"]
				for field in (
					"full_name",
					"full_name_kana",
					"phone",
					"proxy_name",
					"proxy_name_kana",
					"proxy_relationship",
					"remarks",
				)
			]
			+ [["full_name", "Card Booking Member"], ["full_name_kana", "Card Booking Member"]]
		)
		self.page.screenshot(path=SHOTS / "hostile-booking-report-view-columns.png", full_page=True)
		self.expect_text("booking-report-view", SCRIPT, ".dt-scrollable")
		self.open("booking-form", f"{booking_route}/{p.booking}", ".form-layout")
		# the family members' table, in a section that starts folded
		self.page.evaluate(
			"""() => $(cur_frm.fields_dict.members.wrapper).closest(".form-section").find(".section-head.collapsed").click()"""
		)
		self.page.wait_for_selector(
			".frappe-control[data-fieldname=members] .grid-row", timeout=SERVER_WAIT_MS
		)
		self.page.wait_for_timeout(SETTLE_MS)
		self.page.screenshot(path=SHOTS / "hostile-booking-form-members.png", full_page=True)
		self.expect_text("booking-form-members", SVG, ".frappe-control[data-fieldname=members]")
		# the slot's form lists its booked residents to call if it closes
		self.open("slot-form", f"{BASE_URL}/app/booking-slot/{p.slot}", ".form-message:not(.hidden)")
		self.open("booking-calendar", f"{booking_route}/view/calendar", ".fc-view", shows=None)

		self.open("card-list", f"{card_route}?name={p.card}", row)
		self.open("card-report-view", f"{card_route}/view/report?name={p.card}", report_row)
		self.add_report_view_columns(
			[[field, "MyNumber Card"] for field in ("full_name", "full_name_kana", "address", "remarks")]
		)
		self.expect_text("card-report-view", SCRIPT, ".dt-scrollable")
		self.open("card-form", f"{card_route}/{p.card}", ".form-layout")
		self.open("scan-log-list", f"{BASE_URL}/app/card-scan-log?name={p.scan_log}", row, shows=None)
		self.open("scan-log-form", f"{BASE_URL}/app/card-scan-log/{p.scan_log}", ".form-layout")
		self.open("ticket-list", f"{BASE_URL}/app/queue-ticket?name={p.ticket}", row, shows=None)
		self.open("ticket-form", f"{BASE_URL}/app/queue-ticket/{p.ticket}", ".form-layout", shows=SVG)

		day = today()
		reports = [
			("bookings-by-day", "Bookings by Day", {"date": day}, SHOWN),
			("pull-list", "Pull List", {"date": day}, SHOWN),
			("card-ledger", "Card Ledger", {"from_date": day, "to_date": day}, SHOWN),
			("uncollected-cards", "Uncollected Cards", {}, SHOWN),
			("cards-due-for-re-notice", "Cards Due for Re-notice", {"on": day}, None),
			("cards-due-for-renewal", "Cards Due for Renewal", {"on": day}, SHOWN),
			("issuance-status", "Issuance Status", {}, None),
			("issuance-rate", "Issuance Rate", {}, None),
			("queue-times", "Queue Times", {}, None),
		]
		for view, report, filters, shows in reports:
			self.open(view, query_report(report, **filters), REPORT_RUN, shows=shows)

		type(self).view = "card-scanner"
		self.page.goto(f"{BASE_URL}/app/card-scanner")
		self.page.click('.mnc-mode[data-mode="Lookup"]')
		scanner_input = self.page.locator(".mnc-scan-input")
		scanner_input.press_sequentially(p.booking, delay=5)
		scanner_input.press("Enter")
		self.page.wait_for_selector(".mnc-result .mnc-big", timeout=SERVER_WAIT_MS)
		self.page.wait_for_timeout(SETTLE_MS)
		self.page.screenshot(path=SHOTS / "hostile-card-scanner.png", full_page=True)
		self.expect_text("card-scanner", SHOWN, ".mnc-result")

		type(self).view = "counter-queue"
		self.page.evaluate("(c) => localStorage.setItem('mnc_queue_counter', c)", str(TICKET_COUNTER))
		self.open("counter-queue", f"{BASE_URL}/app/counter-queue", ".mnc-cq-current")
		self.expect_text("counter-queue", SVG, ".mnc-cq-current")

		type(self).view = "card-search"
		self.page.goto(f"{BASE_URL}/app/card-search")
		application_id = frappe.db.get_value("MyNumber Card", p.card, "application_id")
		self.page.fill(".mnc-query", application_id)
		self.page.wait_for_selector(".mnc-results tr[data-name]", timeout=SERVER_WAIT_MS)
		self.page.wait_for_timeout(SETTLE_MS)
		self.page.screenshot(path=SHOTS / "hostile-card-search.png", full_page=True)
		self.expect_text("card-search", SHOWN, ".mnc-results")

		for view, doctype, name, print_format in (
			("print-pickup-guide", "MyNumber Card", p.card, "Pickup Guide Letter"),
			("print-pickup-guides", "Card Delivery", p.delivery, "Pickup Guide Letters"),
			("print-renewal-guide", "MyNumber Card", p.renewal_card, "Renewal Guide Letter"),
			("print-standard-card", "MyNumber Card", p.card, "Standard"),
			("print-standard-booking", "Card Booking", p.booking, "Standard"),
		):
			self.open(view, printview(doctype, name, print_format), ".print-format")

		print(f"hostile output: {len(self.dialogs)} dialogs, text not shown: {self.not_shown}")
		self.assertEqual(self.dialogs, [], f"{len(self.dialogs)} dialogs opened")
		self.assertEqual(self.not_shown, [])
