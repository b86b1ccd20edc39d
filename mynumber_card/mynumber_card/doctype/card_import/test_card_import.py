# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Card Import on a real site: both templates as .xlsx and .csv, 個人番号 rows refused and found
nowhere afterwards (database and files), 和暦, duplicates, dry run, retry, parts, the endpoint.

The import job commits every COMMIT_ROWS rows, so these tests clean up after themselves."""

import csv
import io
import os
import tempfile
from datetime import datetime
from unittest.mock import patch

import frappe
import openpyxl
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from mynumber_card.core import lifecycle
from mynumber_card.core.card_import import DELIVERY, LEDGER, template_columns
from mynumber_card.core.mynumber import check_digit
from mynumber_card.core.roles import CLERK, MANAGER
from mynumber_card.ledger import card_import
from mynumber_card.testing import make_user, post_upload, unique_application_id, unique_notice_number

# the templates' own headers (tests/test_card_import.py pins them to the issue's list)
LEDGER_HEADER = [column.header for column in template_columns(LEDGER)]
DELIVERY_HEADER = [column.header for column in template_columns(DELIVERY)]
PREFIX = "取込試験"
MY_NUMBER = "123456789018"  # the number scripts/test.sh also looks for in the dump of the site
assert MY_NUMBER[-1] == str(check_digit(MY_NUMBER[:11]))


def xlsx(header, rows) -> bytes:
	workbook = openpyxl.Workbook()
	sheet = workbook.active
	sheet.append(header)
	for row in rows:
		sheet.append(row)
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def csv_bytes(header, rows, encoding="utf-8-sig") -> bytes:
	buffer = io.StringIO()
	writer = csv.writer(buffer)
	writer.writerow(header)
	writer.writerows(rows)
	return buffer.getvalue().encode(encoding)


def cards(**filters) -> list[frappe._dict]:
	return frappe.get_all(
		"MyNumber Card",
		filters={"full_name": ("like", f"{PREFIX}%"), **filters},
		fields=["*"],
		order_by="full_name",
	)


def table_counts() -> dict:
	return {
		doctype: frappe.db.count(doctype)
		for doctype in ("MyNumber Card", "Card Import", "Data Import", "Data Import Log", "File", "Error Log")
	}


def found_anywhere(needle: str) -> list[str]:
	"""Every table column of the site's database and every file of the site that holds the text."""
	found = []
	columns = frappe.db.sql(
		"""select table_name, column_name from information_schema.columns
		where table_schema = database()
		and data_type in ('char', 'varchar', 'text', 'mediumtext', 'longtext', 'json')""",
		as_dict=True,
	)
	by_table: dict[str, list[str]] = {}
	for column in columns:
		by_table.setdefault(column.table_name, []).append(column.column_name)
	for table, names in by_table.items():
		condition = " or ".join(f"`{name}` like %(needle)s" for name in names)
		if frappe.db.sql(f"select 1 from `{table}` where {condition} limit 1", {"needle": f"%{needle}%"}):
			found.append(table)
	for folder in (frappe.get_site_path("private", "files"), frappe.get_site_path("public", "files")):
		for root, _dirs, files in os.walk(folder):
			for name in files:
				with open(os.path.join(root, name), "rb") as fh:
					if needle.encode() in fh.read():
						found.append(os.path.join(root, name))
	return found


def part_files(card_import: str) -> list[str]:
	return frappe.get_all(
		"File", filters={"attached_to_doctype": "Card Import", "attached_to_name": card_import}, pluck="name"
	)


class CardImportTestCase(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		frappe.clear_messages()
		self.delivery = frappe.get_doc(
			{
				"doctype": "Card Delivery",
				"received_date": "2026-11-02",
				"expected_count": 5,
				"status": "Open",
			}
		).insert()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.conf.pop("card_import_chunk_rows", None)
		for name in frappe.get_all(
			"MyNumber Card", filters={"full_name": ("like", f"{PREFIX}%")}, pluck="name"
		):
			frappe.delete_doc("MyNumber Card", name, force=True, ignore_permissions=True)
		for name in frappe.get_all("Card Import", pluck="name"):
			for file in part_files(name):
				frappe.delete_doc("File", file, force=True, ignore_permissions=True)
			frappe.delete_doc("Card Import", name, force=True, ignore_permissions=True)
		frappe.delete_doc("Card Delivery", self.delivery.name, force=True, ignore_permissions=True)
		frappe.db.commit()

	def run_import(self, import_type, filename, content, **kwargs):
		report = card_import.check_upload(import_type, filename, content, dry_run=False, **kwargs)
		self.assertTrue(report.get("card_import"), report)
		return report, frappe.get_doc("Card Import", report["card_import"])


LEDGER_ROWS = [
	# 2: good, half-width kana, 昭和 birth, 和暦 発行日
	[f"{PREFIX} 一郎", "ｼｹﾝﾄﾘｺﾐ ｲﾁﾛｳ", "S55.4.1", "五霞町小福田1", "R3.6.1", "", "2021/7/15", "", ""],
	# 3: good, an Excel date cell, 元年, a renewed e-certificate (later than the rules give)
	[
		f"{PREFIX} 二郎",
		"しけんとりこみ じろう",
		"平成2年5月6日",
		"",
		"令和元年10月1日",
		"",
		"R1.11.1",
		"R11.5.6",
		"",
	],
	# 4: good, expiry only: the card estimates its 発行日 from the 交付日
	[f"{PREFIX} 三郎", "", "1970-01-15", "", "", "R11.1.15", "H31.4.1", "", "更新案内済"],
	# 5: impossible date of birth
	[f"{PREFIX} 四郎", "", "S55.13.1", "", "R3.6.1", "", "2021/7/15", "", ""],
	# 6: a 個人番号 in the remarks
	[f"{PREFIX} 五郎", "", "S55.4.1", "", "R3.6.1", "", "2021/7/15", "", f"番号 {MY_NUMBER}"],
	# 7: the same card as row 2
	[f"{PREFIX} 一郎", "", "S55.4.1", "", "2021-06-01", "", "2021/8/15", "", ""],
	# 8: no 交付日: the 発行日 stands in (a warning)
	[f"{PREFIX} 六郎", "", "S50.4.1", "", "R4.6.1", "", "", "", ""],
]


class TestLedgerImport(CardImportTestCase):
	def test_xlsx_ledger_cards_enter_issued_with_validity_and_refusals_by_row_and_column(self):
		rows = [list(r) for r in LEDGER_ROWS]
		rows[1][2] = datetime(1990, 5, 6)  # an Excel date cell
		report, doc = self.run_import("Earlier Ledger", "台帳.xlsx", xlsx(LEDGER_HEADER, rows))

		self.assertEqual(doc.status, "Imported")
		self.assertEqual(
			(doc.rows_in_file, doc.rows_to_import, doc.rows_refused, doc.rows_duplicate, doc.rows_imported),
			(7, 4, 2, 1, 4),
		)
		self.assertEqual(
			[(p["row"], p["column"], p["code"]) for p in report["refused"]],
			[(5, "C", "bad_date"), (6, "I", "individual_number")],
		)
		self.assertEqual([(p["row"], p["code"]) for p in report["duplicates"]], [(7, "same_card_in_file")])
		self.assertEqual([(p["row"], p["column"]) for p in report["warnings"]], [(8, "G")])
		self.assertIn("6", report["refused"][1]["message"])
		self.assertIn("I", report["refused"][1]["message"])

		imported = {c.full_name: c for c in cards()}
		self.assertEqual(sorted(imported), sorted(f"{PREFIX} {n}" for n in ("一郎", "二郎", "三郎", "六郎")))
		for card in imported.values():
			self.assertEqual(card.workflow_state, lifecycle.ISSUED)
			self.assertEqual(card.registered_from_records, 1)
			self.assertIsNone(card.application_id)
		ichiro = imported[f"{PREFIX} 一郎"]
		self.assertEqual(ichiro.full_name_kana, "シケントリコミ イチロウ")
		self.assertEqual(str(ichiro.birth_date), "1980-04-01")
		self.assertEqual(str(ichiro.card_issue_date), "2021-06-01")
		self.assertEqual(str(ichiro.issued_date), "2021-07-15")  # kept, not the import day
		self.assertEqual(str(ichiro.card_expiry_date), "2031-04-01")  # 10th birthday after 発行日
		self.assertEqual(str(ichiro.certificate_expiry_date), "2026-04-01")
		jiro = imported[f"{PREFIX} 二郎"]
		self.assertEqual((str(jiro.card_issue_date), str(jiro.issued_date)), ("2019-10-01", "2019-11-01"))
		self.assertEqual(str(jiro.certificate_expiry_date), "2029-05-06")  # renewed: the ledger's
		saburo = imported[f"{PREFIX} 三郎"]
		self.assertEqual(str(saburo.card_expiry_date), "2029-01-15")  # printed expiry wins
		self.assertEqual((str(saburo.card_issue_date), saburo.card_issue_date_estimated), ("2019-04-01", 1))
		self.assertEqual(saburo.remarks, "更新案内済")
		rokuro = imported[f"{PREFIX} 六郎"]
		self.assertEqual(str(rokuro.issued_date), "2022-06-01")

		# the 個人番号 is nowhere: not in any table (cards, Card Import and its parts, File, Error Log,
		# Version…) and not in any file of the site
		self.assertEqual(found_anywhere(MY_NUMBER), [])
		self.assertFalse(cards(full_name=f"{PREFIX} 五郎"))
		# the cleaned CSV part is deleted once every row is in
		self.assertEqual(
			[(b.rows_imported, b.rows_failed, b.cleaned_file) for b in doc.batches], [(4, 0, None)]
		)
		self.assertEqual(part_files(doc.name), [])
		# Frappe's Workflow Action bookkeeping made nothing, as for a card saved in the desk
		self.assertFalse(frappe.db.exists("Workflow Action", {"reference_name": ("in", list(imported))}))

	def test_cp932_csv_ledger_and_a_second_import_only_reports_duplicates(self):
		content = csv_bytes(LEDGER_HEADER, LEDGER_ROWS, encoding="cp932")
		_report, doc = self.run_import("Earlier Ledger", "台帳.csv", content)
		self.assertEqual((doc.rows_to_import, doc.rows_imported, doc.status), (4, 4, "Imported"))
		self.assertEqual(len(cards()), 4)
		self.assertEqual(found_anywhere(MY_NUMBER), [])

		again = card_import.check_upload("Earlier Ledger", "台帳.csv", content, dry_run=False)
		self.assertNotIn("card_import", again)  # nothing new: nothing recorded
		self.assertEqual(again["counts"]["importable"], 0)
		self.assertEqual(
			sorted(p["code"] for p in again["duplicates"]),
			["same_card_in_file"] + ["same_card_in_ledger"] * 4,
		)
		self.assertEqual(len(cards()), 4)

	def test_dry_run_writes_nothing(self):
		frappe.db.commit()
		before = table_counts()
		report = card_import.check_upload(
			"Earlier Ledger", "台帳.xlsx", xlsx(LEDGER_HEADER, LEDGER_ROWS), dry_run=True
		)
		self.assertEqual(
			report["counts"], {"rows": 7, "importable": 4, "refused": 2, "duplicates": 1, "warnings": 1}
		)
		self.assertEqual([r["row"] for r in report["first_rows"]], [2, 3, 4, 8])
		self.assertEqual(report["first_rows"][0]["full_name_kana"], "シケントリコミ イチロウ")
		self.assertNotIn(MY_NUMBER, frappe.as_json(report))
		self.assertNotIn("card_import", report)
		frappe.db.rollback()  # whatever the request would have committed
		self.assertEqual(table_counts(), before)
		self.assertEqual(found_anywhere(MY_NUMBER), [])

	def test_a_file_with_a_my_number_column_is_refused_whole(self):
		header = [*LEDGER_HEADER, "個人番号"]
		content = xlsx(header, [[*LEDGER_ROWS[0], MY_NUMBER]])
		with self.assertRaises(card_import.CardImportError) as raised:
			card_import.check_upload("Earlier Ledger", "台帳.xlsx", content, dry_run=False)
		self.assertNotIn(MY_NUMBER, str(raised.exception))
		frappe.db.rollback()
		self.assertFalse(cards())
		self.assertEqual(found_anywhere(MY_NUMBER), [])

	def test_rows_the_card_refuses_are_listed_and_retried(self):
		from mynumber_card.mynumber_card.doctype.mynumber_card.mynumber_card import MyNumberCard

		original = MyNumberCard.validate

		def flaky(card):
			if card.full_name == f"{PREFIX} 三郎":
				frappe.throw("一時的なエラー")
			return original(card)

		with patch.object(MyNumberCard, "validate", flaky):
			_report, doc = self.run_import("Earlier Ledger", "台帳.xlsx", xlsx(LEDGER_HEADER, LEDGER_ROWS))
		doc.reload()
		self.assertEqual((doc.status, doc.rows_imported, doc.rows_failed), ("Imported with Errors", 3, 1))
		failed = card_import.failed_rows(doc)
		self.assertEqual([(f["row"], f["message"]) for f in failed], [(4, "一時的なエラー")])
		self.assertEqual(len(part_files(doc.name)), 1)  # kept for the retry

		card_import.retry(doc)  # only the failed row is inserted again
		doc.reload()
		self.assertEqual((doc.status, doc.rows_imported, doc.rows_failed), ("Imported", 4, 0))
		self.assertEqual(len(cards()), 4)
		self.assertEqual(card_import.failed_rows(doc), [])
		self.assertEqual(part_files(doc.name), [])

	def test_a_stopped_job_goes_on_from_its_last_commit(self):
		stopped = []

		def stop_after_first_commit(doc):
			if not stopped:
				stopped.append(doc.name)
				raise SystemExit("the worker was stopped")

		with (
			patch.object(card_import, "COMMIT_ROWS", 2),
			patch.object(card_import, "publish_progress", stop_after_first_commit),
			self.assertRaises(SystemExit),
		):
			self.run_import("Earlier Ledger", "台帳.xlsx", xlsx(LEDGER_HEADER, LEDGER_ROWS))
		doc = frappe.get_doc("Card Import", stopped[0])
		# the first two rows were committed; the job's end still recorded what it did
		self.assertEqual((doc.status, doc.rows_imported), ("Imported with Errors", 2))
		self.assertEqual(len(cards()), 2)

		card_import.retry(doc)
		doc.reload()
		self.assertEqual((doc.status, doc.rows_imported, doc.rows_failed), ("Imported", 4, 0))
		self.assertEqual(len(cards()), 4)  # none twice

	def test_imported_cards_take_their_names_from_the_series_like_any_card(self):
		_report, doc = self.run_import("Earlier Ledger", "台帳.xlsx", xlsx(LEDGER_HEADER, LEDGER_ROWS))
		imported = sorted(c.name for c in cards())
		later = frappe.get_doc(
			{
				"doctype": "MyNumber Card",
				"full_name": f"{PREFIX} 七郎",
				"birth_date": "1980-01-01",
				"registered_from_records": 1,
				"card_issue_date": "2021-06-01",
				"issued_date": "2021-07-01",
			}
		).insert()
		self.assertEqual(len(set(imported)), 4)
		self.assertGreater(later.name, imported[-1])  # the series' counter moved past the block
		self.assertTrue(all(n[: len(later.name) - 5] == later.name[:-5] for n in imported))

	def test_an_earlier_ledger_in_parts_is_imported_by_two_processes(self):
		frappe.local.conf["card_import_chunk_rows"] = 2  # 4 rows to import: 2 parts, one a process
		noted = self.enterContext(tempfile.NamedTemporaryFile("r"))
		import_part = card_import.import_part

		def noting(doc, batch):
			with open(noted.name, "a") as note:
				note.write(f"{os.getpid()}\n")
			import_part(doc, batch)

		with patch.object(card_import, "import_part", noting):
			_report, doc = self.run_import("Earlier Ledger", "台帳.xlsx", xlsx(LEDGER_HEADER, LEDGER_ROWS))
		processes = set(noted.read().split())
		self.assertEqual(len(processes), 2)
		self.assertNotIn(str(os.getpid()), processes)
		doc.reload()
		self.assertEqual([(b.rows, b.rows_imported, b.cleaned_file) for b in doc.batches], [(2, 2, None)] * 2)
		self.assertEqual((doc.status, doc.rows_imported, doc.rows_failed), ("Imported", 4, 0))
		imported = cards()
		self.assertEqual(len({c.name for c in imported}), 4)
		self.assertEqual({c.workflow_state for c in imported}, {lifecycle.ISSUED})


DELIVERY_ROWS = [
	# 2, 3: good (the ID with hyphens as printed; kana in hiragana)
	[None, None, f"{PREFIX} 花子", "ｼｹﾝﾄﾘｺﾐ ﾊﾅｺ", "H12.3.4", "五霞町元栗橋1"],
	[None, None, f"{PREFIX} 桜", "しけんとりこみ さくら", "2010-07-08", "五霞町元栗橋2"],
	# 4: a short application ID
	["1234", None, f"{PREFIX} 梅", "", "2010-07-08", ""],
	# 5: a 個人番号 in the address
	[
		None,
		None,
		f"{PREFIX} 桃",
		"",
		"2010-07-08",
		f"五霞町 {MY_NUMBER[:4]}-{MY_NUMBER[4:8]}-{MY_NUMBER[8:]}",
	],
	# 6: the application ID of row 2 again
	[None, None, f"{PREFIX} 菊", "", "2011-01-01", ""],
]


def delivery_rows():
	rows = [list(r) for r in DELIVERY_ROWS]
	for row in rows:
		row[0] = row[0] or unique_application_id()
		row[1] = row[1] or unique_notice_number()
	first = rows[0][0]
	rows[0][0] = f"{first[:4]}-{first[4:8]}-{first[8:12]}-{first[12:16]}-{first[16:20]}-{first[20:]}"
	rows[4][0] = first
	return rows


class TestDeliveryImport(CardImportTestCase):
	def check_delivery_import(self, filename, content, rows):
		report, doc = self.run_import("J-LIS Delivery List", filename, content, delivery=self.delivery.name)
		self.assertEqual((doc.status, doc.rows_to_import, doc.rows_imported), ("Imported", 2, 2))
		self.assertEqual(doc.delivery, self.delivery.name)
		self.assertEqual(
			[(p["row"], p["column"], p["code"]) for p in report["refused"]],
			[(4, "A", "bad_application_id"), (5, "F", "individual_number")],
		)
		self.assertEqual([(p["row"], p["code"]) for p in report["duplicates"]], [(6, "same_id_in_file")])
		imported = {c.full_name: c for c in cards()}
		self.assertEqual(sorted(imported), [f"{PREFIX} 桜", f"{PREFIX} 花子"])
		hanako = imported[f"{PREFIX} 花子"]
		self.assertEqual(hanako.workflow_state, lifecycle.RECEIVED)
		self.assertEqual(hanako.delivery, self.delivery.name)
		self.assertEqual(hanako.application_id, rows[0][0].replace("-", ""))
		self.assertEqual(hanako.notice_number, rows[0][1])
		self.assertEqual(hanako.full_name_kana, "シケントリコミ ハナコ")
		self.assertEqual(str(hanako.received_date), "2026-11-02")  # the delivery's day
		self.assertEqual(str(hanako.card_issue_date), "2026-11-02")
		self.assertEqual(hanako.card_issue_date_estimated, 1)
		self.assertFalse(hanako.registered_from_records)
		self.assertEqual(frappe.db.get_value("Card Delivery", self.delivery.name, "counted_count"), 2)
		self.assertEqual(found_anywhere(MY_NUMBER), [])
		self.assertEqual(found_anywhere(f"{MY_NUMBER[:4]}-{MY_NUMBER[4:8]}-{MY_NUMBER[8:]}"), [])

		# the same list again: every card is already in the ledger, nothing is doubled
		again = card_import.check_upload(
			"J-LIS Delivery List", filename, content, delivery=self.delivery.name, dry_run=False
		)
		self.assertEqual(again["counts"]["importable"], 0)
		self.assertEqual(
			sorted(p["code"] for p in again["duplicates"]),
			["same_id_in_file", "same_id_in_ledger", "same_id_in_ledger"],
		)
		self.assertEqual(len(cards()), 2)

	def test_xlsx_delivery_list_brings_cards_in_as_received(self):
		rows = delivery_rows()
		self.check_delivery_import("送付.xlsx", xlsx(DELIVERY_HEADER, rows), rows)

	def test_csv_delivery_list_brings_cards_in_as_received(self):
		rows = delivery_rows()
		self.check_delivery_import("送付.csv", csv_bytes(DELIVERY_HEADER, rows, encoding="utf-8"), rows)

	def test_delivery_must_be_open(self):
		self.delivery.db_set("status", "Closed")
		with self.assertRaises(card_import.CardImportError):
			card_import.check_upload(
				"J-LIS Delivery List",
				"送付.csv",
				csv_bytes(DELIVERY_HEADER, delivery_rows()),
				self.delivery.name,
			)

	def test_large_files_go_in_parts(self):
		frappe.local.conf["card_import_chunk_rows"] = 2
		names = [f"{PREFIX} {chr(0x4E00 + i)}番" for i in range(5)]  # a kanji each: names hold no digits
		rows = [
			[unique_application_id(), unique_notice_number(), name, "", "2000-01-01", ""] for name in names
		]
		marks = len(frappe.flags.currently_saving)
		_report, doc = self.run_import(
			"J-LIS Delivery List", "送付.xlsx", xlsx(DELIVERY_HEADER, rows), delivery=self.delivery.name
		)
		# Frappe's marks of new cards being saved do not pile up over a long job (see import_part)
		left = [mark for mark in frappe.flags.currently_saving[marks:] if mark[0] == "MyNumber Card"]
		self.assertEqual(left, [])
		self.assertEqual(
			[(b.rows, b.first_row, b.last_row, b.rows_imported) for b in doc.batches],
			[(2, 2, 3, 2), (2, 4, 5, 2), (1, 6, 6, 1)],
		)
		self.assertEqual((doc.status, doc.rows_imported), ("Imported", 5))
		self.assertEqual(len(cards(delivery=self.delivery.name)), 5)


class TestCardImportAccess(CardImportTestCase):
	def call_check(self, content, filename, **form):
		return post_upload("mynumber_card.api.card_import.check", content, filename, **form)

	def test_endpoint_reads_the_upload_in_memory_for_managers_only(self):
		content = xlsx(LEDGER_HEADER, LEDGER_ROWS)
		clerk = make_user("import-clerk@example.com", CLERK)
		manager = make_user("import-manager@example.com", MANAGER)
		frappe.set_user(clerk)
		with self.assertRaises(frappe.PermissionError):
			self.call_check(content, "台帳.xlsx", import_type="Earlier Ledger")
		frappe.set_user(manager)
		files_before = frappe.db.count("File")
		report = self.call_check(content, "台帳.xlsx", import_type="Earlier Ledger")
		self.assertEqual(report["counts"]["importable"], 4)
		self.assertTrue(report["dry_run"])
		self.assertEqual(frappe.db.count("File"), files_before)  # the upload is not saved

	def test_a_card_manager_imports_without_rights_on_frappes_data_import(self):
		manager = make_user("import-manager@example.com", MANAGER)
		self.assertFalse(frappe.has_permission("Data Import", "create", user=manager))
		frappe.set_user(manager)
		_report, doc = self.run_import("Earlier Ledger", "台帳.xlsx", xlsx(LEDGER_HEADER, LEDGER_ROWS))
		self.assertEqual((doc.status, doc.rows_imported), ("Imported", 4))
		self.assertEqual({c.owner for c in cards()}, {manager})
		doc.check_permission("read")

	def test_frappe_data_import_of_cards_is_refused(self):
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "MyNumber Card",
				"import_type": "Insert New Records",
			}
		)
		with self.assertRaises(card_import.CardImportError):
			data_import.insert()
		other = frappe.get_doc(
			{"doctype": "Data Import", "reference_doctype": "ToDo", "import_type": "Insert New Records"}
		).insert()
		self.assertTrue(other.name)
		frappe.db.rollback()

	def test_card_import_is_recorded_only_by_an_import(self):
		with self.assertRaises(card_import.CardImportError):
			frappe.get_doc({"doctype": "Card Import", "import_type": "Earlier Ledger"}).insert()
		self.assertEqual(getdate(self.delivery.received_date), getdate("2026-11-02"))
