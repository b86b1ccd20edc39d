# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The hand-over dialog in the browser, by keyboard: a parent with their child on the card form, an
authorised proxy whose reason offers its own 疎明資料, and the Card Scanner asking who came for a child's
card. Screenshots in MNC_SCREENSHOTS: handover-parent.png, handover-parent-refused.png,
handover-proxy.png, handover-record.png, handover-scanner.png, card-service-legal-representative.png."""

import re

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from mynumber_card.core import lifecycle
from mynumber_card.testing import BASE_URL, SERVER_WAIT_MS, SHOTS, book_pickup, chromium, desk_page, make_card

CARD = "MyNumber Card"
DIALOG = ".modal.show"


def open_issue_dialog(page, card: str):
	page.goto(f"{BASE_URL}/app/mynumber-card/{card}")
	page.locator('button:has-text("操作"), button:has-text("Actions")').first.click()
	page.locator(".dropdown-menu a:visible").filter(
		has_text=re.compile(r"^\s*(交付|Issue)\s*$")
	).first.click()
	page.wait_for_selector(f'{DIALOG} [data-fieldname="received_by"] select')


def pick_documents(page, fieldname: str, *typed: str):
	"""Type part of each kind into the document list, then Enter: a clerk's keys, no mouse."""
	field = page.locator(f'{DIALOG} [data-fieldname="{fieldname}"] input').first
	for text in typed:
		field.focus()
		field.press_sequentially(text, delay=20)
		page.wait_for_selector(f'{DIALOG} [data-fieldname="{fieldname}"] li[aria-selected="true"]')
		field.press("Enter")
	page.wait_for_timeout(300)


def type_into(page, fieldname: str, text: str):
	field = page.locator(f'{DIALOG} [data-fieldname="{fieldname}"] input').first
	field.focus()
	field.press_sequentially(text, delay=10)
	field.press("Tab")


def select(page, fieldname: str, value: str):
	page.locator(f'{DIALOG} select[data-fieldname="{fieldname}"]').select_option(value)
	page.wait_for_timeout(300)


def record(page):
	page.keyboard.press("Control+s")


def state_of(name: str) -> str:
	frappe.db.rollback()  # see what the server committed
	return frappe.db.get_value(CARD, name, "workflow_state")


class TestHandoverDialog(FrappeTestCase):
	def test_parent_proxy_and_scanner_by_keyboard(self):
		child = make_card(lifecycle.BOOKED, full_name="交付 さくら", birth_date=add_days(today(), -365 * 8))
		elderly = make_card(lifecycle.BOOKED, full_name="交付 トメ", birth_date="1944-04-04")
		scanned = make_card(lifecycle.NOTICE_SENT, full_name="交付 ひなた", birth_date="2016-06-06")
		booking = book_pickup(scanned)
		frappe.db.commit()
		self.addCleanup(self.remove, booking.name, child.name, elderly.name, scanned.name)
		with chromium() as browser:
			page = desk_page(browser)
			# a parent with the child: the dialog starts at 法定代理人 for a child's card
			open_issue_dialog(page, child.name)
			self.assertEqual(
				page.locator(f'{DIALOG} select[data-fieldname="received_by"]').input_value(),
				"Legal Representative",
			)
			type_into(page, "proxy_name", "交付 花子")
			type_into(page, "proxy_relationship", "母")
			pick_documents(page, "holder_identity_documents", "健康保険証", "医療受給者証")
			pick_documents(page, "proxy_identity_documents", "運転免許証")
			select(page, "authority_proof", "Not Needed: Same Household, Parent and Child")
			record(page)  # the child is not said to be here: refused, the dialog keeps what was typed
			problems = page.wait_for_selector(f"{DIALOG} .mnc-handover-problems")
			self.assertIn("本人と一緒に", problems.inner_text())
			page.screenshot(path=SHOTS / "handover-parent-refused.png")
			self.assertEqual(state_of(child.name), lifecycle.BOOKED)
			page.locator(f'{DIALOG} input[data-fieldname="holder_present"]').check()
			page.screenshot(path=SHOTS / "handover-parent.png")
			record(page)
			page.wait_for_selector('.indicator-pill:has-text("交付済")', timeout=SERVER_WAIT_MS)
			self.assertEqual(state_of(child.name), lifecycle.ISSUED)
			stored = frappe.db.get_value(
				CARD, child.name, ["holder_identity_documents", "proxy_identity_documents"], as_dict=True
			)
			self.assertEqual(
				stored.holder_identity_documents, "Health Insurance Card\nMedical Benefit Certificate"
			)
			self.assertEqual(stored.proxy_identity_documents, "Driving Licence")

			# an authorised proxy: the reason decides which 疎明資料 the list offers
			open_issue_dialog(page, elderly.name)
			select(page, "received_by", "Authorised Proxy")
			select(page, "proxy_reason", "Long-term Hospitalisation")
			offered = page.locator(
				f'{DIALOG} select[data-fieldname="hardship_proof"] option'
			).all_inner_texts()
			self.assertIn("入院診療計画書", offered)
			self.assertNotIn("母子健康手帳", offered)
			type_into(page, "proxy_name", "交付 和也")
			type_into(page, "proxy_relationship", "長男")
			select(page, "hardship_proof", "Hospital Admission Plan")
			page.locator(f'{DIALOG} input[data-fieldname="inquiry_form_received"]').check()
			page.locator(f'{DIALOG} input[data-fieldname="letter_of_attorney_received"]').check()
			pick_documents(page, "holder_identity_documents", "健康保険証", "年金手帳", "顔写真証明書")
			pick_documents(page, "proxy_identity_documents", "運転免許証", "資格確認書")
			page.screenshot(path=SHOTS / "handover-proxy.png")
			record(page)
			page.wait_for_selector('.indicator-pill:has-text("交付済")', timeout=SERVER_WAIT_MS)
			self.assertEqual(state_of(elderly.name), lifecycle.ISSUED)
			section = page.locator('.form-section:has([data-fieldname="received_by"])').first
			section.scroll_into_view_if_needed()
			section.screenshot(path=SHOTS / "handover-record.png")
			self.assertIn("入院診療計画書", section.inner_text())

			# the scanner: a child's card asks who came, then hands over and completes the booking
			page.goto(f"{BASE_URL}/app/card-scanner")
			page.locator('.mnc-mode[data-mode="Check-in"]').click()
			scan = page.locator(".mnc-scan-input")
			scan.press_sequentially(booking.name, delay=5)
			scan.press("Enter")
			page.wait_for_selector(".mnc-result.mnc-ok")
			page.locator('.mnc-mode[data-mode="Issue"]').click()
			scan.press_sequentially(scanned.notice_number, delay=5)
			scan.press("Enter")
			page.wait_for_selector(f'{DIALOG} [data-fieldname="proxy_name"] input:visible')
			type_into(page, "proxy_name", "交付 一郎")
			type_into(page, "proxy_relationship", "父")
			page.locator(f'{DIALOG} input[data-fieldname="holder_present"]').check()
			select(page, "authority_proof", "Family Register Certificate")
			pick_documents(page, "holder_identity_documents", "学生証", "健康保険証")
			pick_documents(page, "proxy_identity_documents", "マイナンバーカード")
			page.screenshot(path=SHOTS / "handover-scanner.png")
			record(page)
			page.wait_for_selector(f"{DIALOG}", state="detached", timeout=SERVER_WAIT_MS)
			page.wait_for_selector(".mnc-result.mnc-ok")
			self.assertEqual(state_of(scanned.name), lifecycle.ISSUED)
			self.assertEqual(frappe.db.get_value("Card Booking", booking.name, "workflow_state"), "Completed")

			# Card Service: what a legal representative brings for a PIN reset, said on the form
			page.goto(f"{BASE_URL}/app/card-service/new?card={child.name}&service_type=PIN%20Reset")
			page.wait_for_selector('select[data-fieldname="visitor"]')
			page.evaluate("() => cur_frm.set_value('visitor', 'Legal Representative')")
			page.wait_for_selector('.form-message:has-text("署名用")')
			page.locator('button:has-text("本人確認書類を選ぶ")').first.click()
			page.wait_for_selector(f'{DIALOG} [data-fieldname="proxy_identity_documents"]')
			pick_documents(page, "holder_identity_documents", "健康保険証")
			pick_documents(page, "proxy_identity_documents", "運転免許証", "健康保険証")
			page.screenshot(path=SHOTS / "card-service-legal-representative.png")
			self.assertEqual(
				page.evaluate("() => cur_dialog.get_values(true)"),
				{
					"holder_identity_documents": ["Health Insurance Card"],
					"proxy_identity_documents": ["Driving Licence", "Health Insurance Card"],
				},
			)

	def remove(self, booking: str, *cards: str):
		frappe.db.rollback()
		frappe.db.delete(
			"Queue Ticket", {"booking": booking}
		)  # its check-in's ticket, or a later run reuses the name
		frappe.delete_doc("Card Booking", booking, force=True, ignore_permissions=True)
		for name in cards:
			for log in frappe.get_all("Card Scan Log", filters={"card": name}, pluck="name"):
				frappe.delete_doc("Card Scan Log", log, force=True, ignore_permissions=True)
			frappe.delete_doc(CARD, name, force=True, ignore_permissions=True)
		frappe.db.commit()
