# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""A valid 個人番号 is refused in every identifier, free-text and phone field of every doctype of the
app, and site-wide in comments, mails, file names and the text of uploaded files: nothing is written."""

import io
import os

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.file_manager import save_file

from mynumber_card.privacy import (
	TEXT_FIELDTYPES,
	IndividualNumberError,
	refuse_in_file,
	refuse_individual_numbers,
)
from mynumber_card.testing import make_card

SHAPES = (
	"123456789018",
	"1234 5678 9018",
	"１２３４－５６７８－９０１８",
	"番号:123456789018です",
	"1234-5678 9018",
	"1234.5678.9018",
	"1234/5678/9018",
	"1 2 3 4 5 6 7 8 9 0 1 8",
)
ODD = "1234.5678 9018"  # odd separators, mixed
PHONES = ("090-1234-5678", "0280-22-1234", "+81-9012345678")


def files_on_disk() -> set[str]:
	found = set()
	for private in (False, True):
		folder = frappe.get_site_path("private" if private else "public", "files")
		found |= {os.path.join(folder, name) for name in os.listdir(folder)}
	return found


class TestIndividualNumberEverywhere(FrappeTestCase):
	def test_every_text_and_phone_field_of_every_doctype(self):
		doctypes = frappe.get_all("DocType", filters={"module": "MyNumber Card", "istable": 0}, pluck="name")
		checked = phones = 0
		for doctype in doctypes:
			meta = frappe.get_meta(doctype)
			for df in meta.get("fields", {"fieldtype": ("in", TEXT_FIELDTYPES)}):
				phones += df.options == "Phone" or df.fieldtype == "Phone"
				for shape in SHAPES:
					doc = frappe.new_doc(doctype)
					doc.set(df.fieldname, shape)
					with self.subTest(doctype=doctype, field=df.fieldname, shape=shape):
						with self.assertRaises(IndividualNumberError):
							refuse_individual_numbers(doc)
						checked += 1
			for table in meta.get_table_fields():
				child_meta = frappe.get_meta(table.options)
				for df in child_meta.get("fields", {"fieldtype": ("in", TEXT_FIELDTYPES)}):
					doc = frappe.new_doc(doctype)
					doc.append(table.fieldname, {df.fieldname: ODD})
					with self.subTest(doctype=doctype, child=table.options, field=df.fieldname):
						with self.assertRaises(IndividualNumberError):
							refuse_individual_numbers(doc)
						checked += 1
		self.assertGreater(checked, 300)
		self.assertGreaterEqual(phones, 2)  # the booking's phone and the town's contact phone

	def test_phone_fields_refuse_a_number_and_keep_phone_numbers(self):
		for phone in PHONES:
			with self.subTest(phone=phone):
				refuse_individual_numbers(frappe.get_doc({"doctype": "Card Booking", "phone": phone}))
		settings = frappe.get_doc("MyNumber Card Settings")
		settings.contact_phone = "1234-5678 9018"
		before = frappe.db.get_single_value("MyNumber Card Settings", "contact_phone")
		with self.assertRaises(IndividualNumberError):
			settings.save()
		self.assertEqual(frappe.db.get_single_value("MyNumber Card Settings", "contact_phone"), before)

	def test_a_comment_is_refused_and_nothing_is_written(self):
		card = make_card()
		before = frappe.db.count("Comment")
		for content in (f"<p>{ODD}</p>", "<p>1234&nbsp;5678&nbsp;9018</p>", "1 2 3 4 5 6 7 8 9 0 1 8 の件"):
			with self.subTest(content=content), self.assertRaises(IndividualNumberError):
				card.add_comment("Comment", content)
		self.assertEqual(frappe.db.count("Comment"), before)
		comment = card.add_comment("Comment", "電話 0280-22-1234 で確認済")  # a phone number is fine
		self.assertEqual(frappe.db.count("Comment"), before + 1)
		comment.content = "<div>1234/5678/9018</div>"  # an edit is checked too
		with self.assertRaises(IndividualNumberError):
			comment.save(ignore_permissions=True)
		self.assertNotIn("9018", frappe.db.get_value("Comment", comment.name, "content"))

	def test_a_communication_is_refused_and_nothing_is_written(self):
		before = frappe.db.count("Communication")
		for values in (
			{"subject": f"番号 {ODD}", "content": "本文"},
			{"subject": "お問い合わせ", "content": "<p>1234-5678 9018</p>"},
			{"subject": "お問い合わせ", "content": "<p>1&nbsp;2&nbsp;3&nbsp;4 5678 9018</p>"},
		):
			with self.subTest(values=values), self.assertRaises(IndividualNumberError):
				frappe.get_doc(
					{
						"doctype": "Communication",
						"communication_type": "Communication",
						"communication_medium": "Email",
						"sent_or_received": "Received",
						"sender": "resident@example.jp",
						**values,
					}
				).insert(ignore_permissions=True)
		self.assertEqual(frappe.db.count("Communication"), before)

	def test_a_file_name_is_refused_and_nothing_is_written(self):
		before, disk = frappe.db.count("File"), files_on_disk()
		for file_name in (f"{ODD}.pdf", "1 2 3 4 5 6 7 8 9 0 1 8.txt", "写し_1234-5678-9018.pdf"):
			with self.subTest(file_name=file_name), self.assertRaises(IndividualNumberError):
				new_file(file_name, b"%PDF-1.4 nothing personal").insert(ignore_permissions=True)
		self.assertEqual(frappe.db.count("File"), before)
		self.assertEqual(files_on_disk(), disk)

	def test_the_text_of_an_uploaded_file_is_refused_before_it_reaches_the_disk(self):
		before, disk = frappe.db.count("File"), files_on_disk()
		uploads = {
			"memo.txt": f"窓口メモ\n番号 {ODD}\n".encode(),
			"list.csv": "氏名,番号\n山田 太郎,1234/5678/9018\n".encode("cp932"),  # Shift_JIS from Excel
			"notes.md": "# メモ\n\n1 2 3 4 5 6 7 8 9 0 1 8\n".encode("utf-16"),
			"data.json": b'{"n": "1234-5678 9018"}',
			"page.html": b"<p>1234&nbsp;5678&nbsp;9018</p>",
			"sheet.xlsx": workbook("1234.5678.9018"),
			"numbers.xlsx": workbook(123456789018),
		}
		for file_name, content in uploads.items():
			with self.subTest(file_name=file_name), self.assertRaises(IndividualNumberError):
				new_file(file_name, content).insert(ignore_permissions=True)
		self.assertEqual(frappe.db.count("File"), before)
		self.assertEqual(files_on_disk(), disk)  # refused before writing, not removed after

	def test_the_older_file_manager_path_is_guarded_too(self):
		card = make_card()
		disk = files_on_disk()
		with self.assertRaises(IndividualNumberError):
			save_file("memo.txt", f"番号 {ODD}".encode(), card.doctype, card.name, is_private=1)
		self.assertEqual(files_on_disk(), disk)

	def test_the_second_lock_reads_a_new_file_still_in_memory(self):
		# when another app's write_file hook wins, File's own before_validate still refuses (and the
		# rollback removes what was written)
		with self.assertRaises(IndividualNumberError):
			refuse_in_file(new_file("memo.txt", f"番号 {ODD}".encode()))

	def test_harmless_files_are_stored(self):
		disk = files_on_disk()
		stored = new_file("contact.txt", "電話 090-1234-5678\n申請書ID 12345678901234567890123\n".encode())
		stored.insert(ignore_permissions=True)
		self.assertTrue(frappe.db.exists("File", stored.name))
		self.assertEqual(len(files_on_disk() - disk), 1)
		stored.delete(ignore_permissions=True)


def new_file(file_name: str, content: bytes):
	return frappe.get_doc({"doctype": "File", "file_name": file_name, "content": content, "is_private": 1})


def workbook(value) -> bytes:
	import openpyxl

	book = openpyxl.Workbook()
	book.active.append(["氏名", "メモ"])
	book.create_sheet("二枚目").append(["山田 太郎", value])  # on a second sheet: every sheet is read
	buffer = io.BytesIO()
	book.save(buffer)
	return buffer.getvalue()
