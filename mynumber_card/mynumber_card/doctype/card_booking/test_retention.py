# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, now_datetime, today

from mynumber_card.core import booking_states, lifecycle
from mynumber_card.core.roles import SYSTEM_MANAGER
from mynumber_card.retention import KINDS, REMOVED, anonymise_expired
from mynumber_card.scanner.modes import checked_in_log_message
from mynumber_card.testing import booking_values, make_card, make_slot

OLD, NEW = 400, 30  # days ago: past the default period of 365 days, and within it
NAME = "予約 花子"  # booking_values' applicant, the name each planted trace repeats
LINK = "https://town.example.jp/my-booking?token=abc.def"


def booking(state: str, days_ago: int):
	proxy = {
		"proxy_coming": 1,
		"proxy_kind": "Authorised Proxy",
		"proxy_name": "代理 保存",
		"proxy_name_kana": "ダイリ ホゾン",
		"proxy_relationship": "長女",
	}
	doc = frappe.get_doc(booking_values(make_slot().name, email="old@example.jp", **proxy)).insert()
	doc.db_set({"workflow_state": state, "slot_date": add_days(today(), -days_ago)})
	return doc.name


def backdate(doctype: str, name: str, days_ago: int, *fields: str):
	"""Make a record look as if it was made (and last changed) `days_ago` days ago."""
	table = frappe.qb.DocType(doctype)
	query = frappe.qb.update(table).where(table.name == name)
	for field in fields or ("creation", "modified"):
		query = query.set(table[field], add_to_date(now_datetime(), days=-days_ago))
	query.run()
	return name


class TestRetention(FrappeTestCase):
	def test_old_finished_records_lose_personal_data_and_statistics_stay(self):
		from mynumber_card.mynumber_card.report.issuance_status.issuance_status import execute

		old_done = booking(booking_states.COMPLETED, OLD)
		old_cancelled = booking(booking_states.CANCELLED, OLD)
		recent = booking(booking_states.COMPLETED, NEW)
		still_open = booking(booking_states.CONFIRMED, OLD)
		card = make_card(lifecycle.PENDING_DISPOSAL, full_name="保存 期限", address="テスト町1")
		card.db_set({"workflow_state": lifecycle.DISPOSED, "disposed_date": add_days(today(), -OLD)})
		period = {"from_date": add_days(today(), -430), "to_date": today()}
		before = execute(period)[1][-1]

		result = anonymise_expired()
		self.assertGreaterEqual(result["bookings"], 2)
		for name in (old_done, old_cancelled):
			row = frappe.db.get_value(
				"Card Booking",
				name,
				[
					"full_name",
					"birth_date",
					"phone",
					"email",
					"anonymised",
					"proxy_name",
					"proxy_relationship",
				],
				as_dict=True,
			)
			self.assertEqual(
				(row.full_name, row.birth_date, row.phone, row.email, row.anonymised),
				(REMOVED, None, None, None, 1),
			)
			self.assertEqual((row.proxy_name, row.proxy_relationship), (None, None))
			self.assertFalse(frappe.db.exists("Email Queue", {"reference_name": name}))
		for name in (recent, still_open):
			self.assertNotEqual(frappe.db.get_value("Card Booking", name, "full_name"), REMOVED)
		card.reload()
		self.assertEqual(
			(card.full_name, card.birth_date, card.address, card.anonymised), (REMOVED, None, None, 1)
		)
		self.assertEqual(execute(period)[1][-1], before)  # the counts do not change
		self.assertEqual(anonymise_expired(), dict.fromkeys(KINDS, 0))


class TestScanLogNamesNobody(FrappeTestCase):
	def test_a_check_in_is_logged_without_the_name_the_clerk_reads(self):
		from mynumber_card.api.scanner import run_scan

		name = booking(booking_states.CONFIRMED, 0)
		answer = run_scan("Check-in", name)
		self.assertEqual(answer["result"], "OK")
		self.assertIn(NAME, answer["message"])  # the page shows it, as before
		stored = frappe.db.get_value("Card Scan Log", answer["log"], ["message", "booking"], as_dict=True)
		self.assertEqual((stored.message, stored.booking), (checked_in_log_message(), name))
		self.assertNotIn(NAME, stored.message)


SMS_LOG_FIELDS = (
	("sender_name", "Data"),
	("sent_on", "Date"),
	("message", "Small Text"),
	("no_of_requested_sms", "Int"),
	("requested_numbers", "Code"),
	("no_of_sent_sms", "Int"),
	("sent_to", "Code"),
)


def ensure_sms_log() -> bool:
	"""Frappe v15 calls for an SMS Log it does not ship (ERPNext and Frappe v16 do): the test site
	gets one of the same shape, as Frappe's maintainers advise (frappe/frappe#24561). True if made."""
	if frappe.db.exists("DocType", "SMS Log"):
		return False
	drop_sms_log_table()  # one left by a run that stopped before its cleanup
	frappe.get_doc(
		{
			"doctype": "DocType",
			"name": "SMS Log",
			"module": "Core",
			"custom": 1,
			"autoname": "hash",
			"fields": [{"fieldname": f, "fieldtype": t, "label": f} for f, t in SMS_LOG_FIELDS],
			"permissions": [{"role": SYSTEM_MANAGER, "read": 1, "write": 1, "create": 1, "delete": 1}],
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()  # a new table is DDL, which commits anyway
	return True


def drop_sms_log():
	frappe.delete_doc("DocType", "SMS Log", force=True, ignore_permissions=True)
	drop_sms_log_table()  # deleting a DocType leaves its table


def drop_sms_log_table():
	frappe.db.sql_ddl("drop table if exists `tabSMS Log`")
	frappe.db.commit()


class TestRetentionOfEveryKind(FrappeTestCase):
	"""One record of each kind older than the period and one within it, planted by the job's
	own rules (the app's doctypes, the manage link, the check-in mode); the job takes the old ones."""

	@classmethod
	def setUpClass(cls):
		if ensure_sms_log():
			cls.addClassCleanup(drop_sms_log)  # runs after FrappeTestCase's rollback
		super().setUpClass()

	def test_every_kind_of_record_past_the_period_loses_its_personal_data_and_nothing_else(self):
		from mynumber_card.mynumber_card.report.issuance_status.issuance_status import execute

		old, new = (self.plant(days_ago) for days_ago in (OLD, NEW))
		unrelated = self.plant_unrelated(OLD)
		period = {"from_date": add_days(today(), -430), "to_date": today()}
		statistics = execute(period)[1][-1]
		states = self.booking_states()

		result = anonymise_expired(on=today())

		for kind in KINDS:
			if kind not in ("cards",):
				self.assertGreaterEqual(result[kind], 1, kind)
		self.assertIsGone(old)
		self.assertIsKept(new)
		self.assertIsKept(unrelated, name_checks=False)
		self.assertEqual(execute(period)[1][-1], statistics)
		self.assertEqual(self.booking_states(), states)
		self.assertEqual(anonymise_expired(on=today()), dict.fromkeys(KINDS, 0))

	def booking_states(self) -> dict:
		return {s: frappe.db.count("Card Booking", {"workflow_state": s}) for s in booking_states.STATES}

	def plant(self, days_ago: int) -> frappe._dict:
		"""A booking left Checked In on a day `days_ago` ago, and every trace that repeats its details."""
		planted = frappe._dict(booking=booking(booking_states.CHECKED_IN, days_ago))
		doc = frappe.get_doc("Card Booking", planted.booking)
		planted.comment = backdate(
			"Comment", doc.add_comment("Comment", f"{NAME}さんから電話").name, days_ago
		)
		planted.version = self.version(planted.booking, days_ago)
		planted.file = self.attach("Card Booking", planted.booking, f"{NAME}.txt", days_ago)
		planted.mail = self.communication(planted.booking, days_ago)
		planted.scan_log = self.scan_log(planted.booking, days_ago, f"Checked in: {NAME}, 申請サポート")
		planted.sms = self.sms_log(f"{LINK}", days_ago)
		planted.deleted = self.deleted_booking(days_ago)
		planted.data_import, planted.import_file, planted.import_log = self.data_import(days_ago)
		planted.card_import, planted.card_import_file = self.card_import(days_ago)
		planted.error = backdate(
			"Error Log", frappe.log_error(title="retention test", message=f"booking of {NAME}").name, days_ago
		)
		planted.application = self.withdrawn_application(days_ago)
		planted.page_log = self.access_log(days_ago, page=f"<td>{NAME}</td>", file_type="PDF")
		planted.filter_log = self.access_log(
			days_ago, export_from="Card Booking", filters=f'{{"full_name": "{NAME}"}}', file_type="CSV"
		)
		return planted

	def plant_unrelated(self, days_ago: int) -> frappe._dict:
		"""Old records of the same kinds that are not the app's business, or never held a name."""
		booking_name = booking(booking_states.COMPLETED, NEW)
		return frappe._dict(
			scan_log=self.scan_log(booking_name, days_ago, "This booking is Cancelled.", result="Refused"),
			sms=self.sms_log("Your parcel has arrived.", days_ago),
			deleted=backdate("Deleted Document", self.deleted_note(), days_ago),
			filter_log=self.access_log(days_ago, export_from="ToDo", filters='{"status": "Open"}'),
		)

	def assertIsGone(self, old):
		row = frappe.db.get_value(
			"Card Booking", old.booking, ["full_name", "phone", "anonymised", "workflow_state"], as_dict=True
		)
		self.assertEqual(
			(row.full_name, row.phone, row.anonymised, row.workflow_state),
			(REMOVED, None, 1, booking_states.CHECKED_IN),
		)
		for doctype, name in (
			("Comment", old.comment),
			("Version", old.version),
			("File", old.file),
			("Communication", old.mail),
			("SMS Log", old.sms),
			("Deleted Document", old.deleted),
			("Data Import", old.data_import),
			("Data Import Log", old.import_log),
			("File", old.import_file),
			("File", old.card_import_file),
			("Error Log", old.error),
		):
			self.assertFalse(frappe.db.exists(doctype, name), f"{doctype} {name}")
		self.assertFalse(frappe.db.exists("Comment", {"reference_name": old.booking}))
		self.assertEqual(
			frappe.db.get_value(
				"Card Application", old.application, ["full_name", "birth_date", "anonymised"]
			),
			(REMOVED, None, 1),
		)
		self.assertEqual(
			frappe.db.get_value("Card Scan Log", old.scan_log, "message"), checked_in_log_message()
		)
		for log in (old.page_log, old.filter_log):
			kept = frappe.db.get_value(
				"Access Log", log, ["page", "filters", "user", "file_type"], as_dict=True
			)
			self.assertEqual((kept.page, kept.filters), (None, None))
			self.assertEqual(kept.user, "Administrator")  # who took it stays: the audit trail
		card_import = frappe.get_doc("Card Import", old.card_import)
		part = card_import.batches[0]
		self.assertEqual((card_import.rows_failed, part.cleaned_file, part.failures), (1, None, None))

	def assertIsKept(self, planted, name_checks: bool = True):
		for doctype, name in planted.items():
			if doctype in ("booking", "card_import", "application"):
				continue
			doctype = {
				"comment": "Comment",
				"version": "Version",
				"file": "File",
				"mail": "Communication",
				"scan_log": "Card Scan Log",
				"sms": "SMS Log",
				"deleted": "Deleted Document",
				"data_import": "Data Import",
				"import_file": "File",
				"import_log": "Data Import Log",
				"card_import_file": "File",
				"error": "Error Log",
				"page_log": "Access Log",
				"filter_log": "Access Log",
			}[doctype]
			self.assertTrue(frappe.db.exists(doctype, name), f"{doctype} {name}")
		if not name_checks:
			self.assertNotEqual(frappe.db.get_value("Card Scan Log", planted.scan_log, "message"), None)
			self.assertTrue(frappe.db.get_value("Access Log", planted.filter_log, "filters"))
			return
		self.assertEqual(frappe.db.get_value("Card Booking", planted.booking, "full_name"), NAME)
		self.assertEqual(frappe.db.get_value("Card Application", planted.application, "full_name"), NAME)
		self.assertIn(NAME, frappe.db.get_value("Card Scan Log", planted.scan_log, "message"))
		self.assertIn(NAME, frappe.db.get_value("Access Log", planted.page_log, "page"))
		self.assertIn(NAME, frappe.db.get_value("Access Log", planted.filter_log, "filters"))

	# What each kind looks like when the app or Frappe makes it -------------------------------------

	def withdrawn_application(self, days_ago: int) -> str:
		"""A Card Application (申請) withdrawn `days_ago` days ago: it never led to a card."""
		withdrawn = add_days(today(), -days_ago)
		return (
			frappe.get_doc(
				{
					"doctype": "Card Application",
					"method": "Counter Support",
					"applied_on": add_days(withdrawn, -10),
					"status": "Withdrawn",
					"withdrawn_on": withdrawn,
					"full_name": NAME,
					"birth_date": "1960-02-02",
				}
			)
			.insert()
			.name
		)

	def version(self, booking_name: str, days_ago: int) -> str:
		version = frappe.get_doc(
			{
				"doctype": "Version",
				"ref_doctype": "Card Booking",
				"docname": booking_name,
				"data": frappe.as_json({"changed": [["full_name", "予約 華子", NAME]]}),
			}
		).insert(ignore_permissions=True)
		return backdate("Version", version.name, days_ago)

	def attach(self, doctype: str, name: str, file_name: str, days_ago: int, content: str = NAME) -> str:
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"attached_to_doctype": doctype,
				"attached_to_name": name,
				"is_private": 1,
				"content": content.encode(),
			}
		).insert(ignore_permissions=True)
		return backdate("File", file.name, days_ago)

	def communication(self, booking_name: str, days_ago: int) -> str:
		mail = frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Sent",
				"subject": f"{NAME}様 ご予約について",
				"content": f"{NAME}様",
				"recipients": "old@example.jp",
				"reference_doctype": "Card Booking",
				"reference_name": booking_name,
			}
		).insert(ignore_permissions=True)
		return backdate("Communication", mail.name, days_ago)

	def scan_log(self, booking_name: str, days_ago: int, message: str, result: str = "OK") -> str:
		log = frappe.get_doc(
			{
				"doctype": "Card Scan Log",
				"scanned_at": add_to_date(now_datetime(), days=-days_ago),
				"user": "Administrator",
				"mode": "Check-in",
				"result": result,
				"kind": "Booking Code",
				"masked_value": booking_name,
				"message": message,
				"booking": booking_name,
			}
		).insert(ignore_permissions=True)
		return log.name

	def sms_log(self, message: str, days_ago: int) -> str:
		sms = frappe.get_doc(
			{
				"doctype": "SMS Log",
				"sent_on": add_days(today(), -days_ago),
				"message": message,
				"requested_numbers": "09012345678",
				"sent_to": "09012345678",
				"no_of_requested_sms": 1,
				"no_of_sent_sms": 1,
			}
		).insert(ignore_permissions=True)
		return backdate("SMS Log", sms.name, days_ago)

	def deleted_booking(self, days_ago: int) -> str:
		name = booking(booking_states.CANCELLED, days_ago)
		frappe.delete_doc("Card Booking", name, ignore_permissions=True)
		deleted = frappe.db.get_value(
			"Deleted Document", {"deleted_doctype": "Card Booking", "deleted_name": name}
		)
		self.assertEqual(
			json.loads(frappe.db.get_value("Deleted Document", deleted, "data"))["full_name"], NAME
		)
		return backdate("Deleted Document", deleted, days_ago)

	def deleted_note(self) -> str:
		note = frappe.get_doc({"doctype": "Note", "title": "retention test note"}).insert()
		frappe.delete_doc("Note", note.name, ignore_permissions=True)
		return frappe.db.get_value("Deleted Document", {"deleted_doctype": "Note", "deleted_name": note.name})

	def data_import(self, days_ago: int) -> tuple[str, str, str]:
		"""A failed Data Import of cards as Card Import left it before issue 25: its cleaned CSV and the
		Data Import Log row of the row that did not go in."""
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "MyNumber Card",
				"import_type": "Insert New Records",
				"mute_emails": 1,
			}
		)
		data_import.flags.card_import = True
		data_import.insert(ignore_permissions=True)
		csv = f"full_name,birth_date,元の行\n{NAME},1980-04-01,2\n"
		file = self.attach("Data Import", data_import.name, "CIMP-test-1.csv", days_ago, csv)
		data_import.db_set(
			{
				"import_file": frappe.db.get_value("File", file, "file_url"),
				"payload_count": 1,
				"status": "Error",
			}
		)
		log = frappe.get_doc(
			{
				"doctype": "Data Import Log",
				"data_import": data_import.name,
				"success": 0,
				"row_indexes": "[2]",
				"messages": frappe.as_json([{"message": f"{NAME}: Value missing"}]),
			}
		).insert(ignore_permissions=True)
		backdate("Data Import", data_import.name, days_ago)
		return data_import.name, file, log.name

	def card_import(self, days_ago: int) -> tuple[str, str]:
		"""A Card Import with a failed row, as its job leaves it: the part's cleaned CSV kept for a
		retry, with the row's message."""
		doc = frappe.get_doc(
			{
				"doctype": "Card Import",
				"import_type": "Earlier Ledger",
				"file_name": "ledger.xlsx",
				"status": "Not Imported",
				"rows_in_file": 1,
				"rows_to_import": 1,
				"rows_failed": 1,
			}
		)
		doc.flags.from_upload = True
		doc.insert()
		csv = f"元の行,full_name,birth_date\n2,{NAME},1980-04-01\n"
		part = self.attach("Card Import", doc.name, f"{doc.name}-1.csv", days_ago, csv)
		failures = frappe.as_json([{"row": 2, "message": f"{NAME}: Value missing"}])
		doc.append(
			"batches",
			{
				"rows": 1,
				"first_row": 2,
				"last_row": 2,
				"rows_failed": 1,
				"done_to_row": 2,
				"cleaned_file": part,
				"failures": failures,
			},
		)
		doc.flags.from_upload = True
		doc.save()
		backdate("Card Import", doc.name, days_ago)
		return doc.name, part

	def access_log(self, days_ago: int, **values) -> str:
		log = frappe.get_doc({"doctype": "Access Log", "user": "Administrator", **values})
		log.insert(ignore_permissions=True)
		return backdate("Access Log", log.name, days_ago)
