"""The 個人番号 rule (番号法 第19・20条): the site never stores one, whatever field it is typed into.

Guarded: every text and phone field of the app's doctypes, and, site-wide, Comments, Communications
and Files (their names and the text of uploaded text files and workbooks). Site-wide because a site
runs this app only (one site per municipality, see the deployment guide): a comment on a ToDo or a
file in the File manager is as much the town's record as one on a card, and a rule that depends on
what a comment is attached to is a rule someone forgets. A refusal changes nothing and never
repeats the value; the check itself logs nothing.
"""

from urllib.parse import unquote

import frappe
from frappe import _

from mynumber_card.core.mynumber import holds_individual_number
from mynumber_card.core.uploads import upload_holds_individual_number

TEXT_FIELDTYPES = (
	"Data",
	"Small Text",
	"Text",
	"Long Text",
	"Text Editor",
	"HTML Editor",
	"Markdown Editor",
	"Read Only",
	"Code",
	"JSON",
	"Phone",
	"Autocomplete",
)
COMMENT_FIELDS = ("subject", "content")
COMMUNICATION_FIELDS = ("subject", "content", "text_content")
FILE_FIELDS = ("file_name", "file_url")


class IndividualNumberError(frappe.ValidationError):
	pass


def _refuse_field(label: str):
	frappe.throw(
		_(
			"{0}: a 12-digit number that looks like an Individual Number (My Number) cannot be entered. "
			"The town must not keep My Numbers in this system."
		).format(frappe.bold(_(label))),
		IndividualNumberError,
		title=_("Individual Number refused"),
	)


def _refuse_fields(doc, fieldnames):
	for fieldname in fieldnames:
		value = doc.get(fieldname)
		if fieldname == "file_url" and value:
			value = unquote(value)
		if holds_individual_number(value):
			_refuse_field(doc.meta.get_label(fieldname))


def refuse_individual_numbers(doc, method=None):
	"""TextDocument.before_validate of the app's doctypes: every text field, phone fields included (a phone
	number has 10 or 11 digits, or follows a +, and never trips the guard)."""
	for row in [doc, *doc.get_all_children()]:
		for df in row.meta.get("fields", {"fieldtype": ("in", TEXT_FIELDTYPES)}):
			if holds_individual_number(row.get(df.fieldname)):
				_refuse_field(df.label)


def refuse_in_comment(doc, method=None):
	"""doc_events hook of Comment (site-wide): its subject and its HTML content."""
	_refuse_fields(doc, COMMENT_FIELDS)


def refuse_in_communication(doc, method=None):
	"""doc_events hook of Communication (site-wide): subject, message and its text form."""
	_refuse_fields(doc, COMMUNICATION_FIELDS)


def refuse_in_file(doc, method=None):
	"""doc_events hook of File (site-wide): the file's name, and the content of a file being written
	(the second lock: `write_checked_file` refuses before anything is written)."""
	_refuse_fields(doc, FILE_FIELDS)
	if not doc.is_folder:  # content is in memory only for a file being written
		_refuse_content(doc.file_name, getattr(doc, "_content", None) or doc.get("content"))


def _refuse_content(file_name: str | None, content):
	if upload_holds_individual_number(file_name, content):
		frappe.throw(
			_(
				"The file holds a 12-digit number that looks like an Individual Number (My Number), so it "
				"is not uploaded. Remove the number from the file and upload it again."
			),
			IndividualNumberError,
			title=_("Individual Number refused"),
		)


def write_checked_file(*args, **kwargs):
	"""The `write_file` hook: Frappe calls it to put an upload on disk. The name and the text are
	checked first, so a refused file is never written, not even for the moment before a rollback.

	Frappe calls it two ways: File.save_file passes the File document; the older
	frappe.utils.file_manager.save_file passes (file name, content, content_type=, is_private=)."""
	if args and hasattr(args[0], "save_file_on_filesystem"):
		file_doc = args[0]
		_refuse_fields(file_doc, ("file_name",))
		_refuse_content(file_doc.file_name, getattr(file_doc, "_content", None))
		return file_doc.save_file_on_filesystem()

	from frappe.utils.file_manager import save_file_on_filesystem

	file_name, content = args[0], args[1]
	if holds_individual_number(file_name):
		_refuse_field("File Name")
	_refuse_content(file_name, content)
	return save_file_on_filesystem(*args, **kwargs)
