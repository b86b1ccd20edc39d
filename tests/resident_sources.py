"""Every word a resident may read on the residents' pages, mails and SMS, as written in the app's sources:
the templates' mnc_t()/mnc_plain() words, the resident scripts' __() words, the booking web forms'
texts, the standard purposes and documents, the booking states, and the resident-facing messages of
the Python modules below. tests/test_resident_translations.py checks each language's file has them."""

import ast
import json
import re
from html.parser import HTMLParser

from mynumber_card.core.resident_languages import RESIDENT_SCRIPTS
from tests.app_files import APP, is_japanese

RESIDENT_TEMPLATES = (
	"www/my-booking.html",
	"www/queue-ticket.html",
	"www/queue-waits.html",
	"www/queue-waits-embed.html",
	"www/queue-display.html",
	"templates/includes/queue_waits.html",
	"templates/includes/what_to_bring.html",
	"templates/includes/suspension_line.html",
	"templates/includes/language_switcher.html",
	"templates/emails/booking_confirmation.html",
	"templates/emails/booking_reminder.html",
)
WEB_FORMS = ("visit_booking", "pickup_booking")
# Python modules whose _() messages residents read (pages, mails, SMS, push, the forms' refusals)
RESIDENT_PYTHON = (
	"booking/notify.py",
	"booking/resident_pages.py",
	"www/my_booking.py",
	"www/queue_ticket.py",
	"www/queue_waits.py",
	"www/queue_display.py",
	"api/queue_phone.py",
	"counter_queue/alerts.py",
	"api/booking.py",
	"booking/links.py",
	"booking/places.py",
	"mynumber_card/doctype/card_booking/card_booking.py",
	"utils/plain_text.py",
	"api/kiosk.py",
)
KIOSK_SCRIPT = "mynumber_card/page/reception_kiosk/reception_kiosk.js"
_KIOSK_WORD = re.compile(r"""words_(?:html|text)\(\s*(["'])((?:\\.|(?!\1).)*)\1""", re.S)

_TEMPLATE_WORD = re.compile(r"""mnc_(?:t|plain)\(\s*(["'])((?:\\.|(?!\1).)*)\1""", re.S)
_JS_WORD = re.compile(r"""__\(\s*(["'`])((?:\\.|(?!\1).)*)\1""", re.S)


class _Runs(HTMLParser):
	def __init__(self):
		super().__init__(convert_charrefs=True)
		self.runs = []

	def handle_data(self, data):
		if data.strip():
			self.runs.append(data.strip())


def html_runs(html: str) -> list[str]:
	"""The text runs resident_words.translated_html translates one by one."""
	parser = _Runs()
	parser.feed(html or "")
	parser.close()
	return parser.runs


def template_words() -> set[str]:
	words = set()
	for name in RESIDENT_TEMPLATES:
		path = APP / name
		if path.exists():
			words |= {m[2] for m in _TEMPLATE_WORD.finditer(path.read_text(encoding="utf-8"))}
	return words


def script_words() -> set[str]:
	words = set()
	for name in RESIDENT_SCRIPTS:
		text = (APP / "public" / "js" / name).read_text(encoding="utf-8")
		words |= {m[2].replace("\\'", "'").replace('\\"', '"') for m in _JS_WORD.finditer(text)}
	return words


def kiosk_words() -> set[str]:
	return {m[2] for m in _KIOSK_WORD.finditer((APP / KIOSK_SCRIPT).read_text(encoding="utf-8"))}


def web_form_words() -> set[str]:
	words = set()
	for name in WEB_FORMS:
		doc = json.loads(
			(APP / "mynumber_card" / "web_form" / name / f"{name}.json").read_text(encoding="utf-8")
		)
		for key in ("title", "button_label", "success_title", "success_message"):
			if doc.get(key):
				words.add(doc[key])
		words |= set(html_runs(doc.get("introduction_text")))
		for field in doc["web_form_fields"]:
			words |= {field[k] for k in ("label", "description") if field.get(k)}
			if field["fieldtype"] == "HTML":
				words |= set(html_runs(field.get("options")))
	return words


def python_words() -> set[str]:
	words = set()
	for name in RESIDENT_PYTHON:
		tree = ast.parse((APP / name).read_text(encoding="utf-8"))
		for node in ast.walk(tree):
			if (
				isinstance(node, ast.Call)
				and isinstance(node.func, ast.Name)
				and node.func.id in ("_", "mnc_plain")
				and node.args
				and isinstance(node.args[0], ast.Constant)
				and isinstance(node.args[0].value, str)
			):
				words.add(node.args[0].value)
			if isinstance(node, ast.Assign) and any(
				isinstance(t, ast.Name) and t.id == "SUBTITLE" for t in node.targets
			):
				words.add(node.value.value)
	return words


def data_words() -> set[str]:
	"""The standard purposes, what to bring and the identity documents a new town starts with, and the
	booking states: the town's data, shown through _() on the residents' pages."""
	from mynumber_card.core.booking_states import STATE_LABELS_JA
	from mynumber_card.core.queue import KIND_LABELS_JA

	words = set(STATE_LABELS_JA.values()) | set(KIND_LABELS_JA.values())
	install = ast.parse((APP / "install.py").read_text(encoding="utf-8"))
	for node in ast.walk(install):
		if isinstance(node, ast.Dict):
			for key, value in zip(node.keys, node.values, strict=True):
				if isinstance(key, ast.Constant) and key.value in ("purpose_name", "what_to_bring"):
					words |= {line.strip() for line in value.value.splitlines() if line.strip()}
	settings = json.loads(
		(
			APP / "mynumber_card" / "doctype" / "mynumber_card_settings" / "mynumber_card_settings.json"
		).read_text(encoding="utf-8")
	)
	for field in settings["fields"]:
		if field["fieldname"] in ("id_documents_one", "id_documents_two") and field.get("default"):
			words |= {line.strip() for line in field["default"].splitlines() if line.strip()}
	vocabularies = APP / "booking" / "resident_vocabularies.py"
	if vocabularies.exists():  # the proxy kinds in a resident's words
		for node in ast.walk(ast.parse(vocabularies.read_text(encoding="utf-8"))):
			if isinstance(node, ast.Dict):
				words |= {
					v.value for v in node.values if isinstance(v, ast.Constant) and is_japanese(v.value)
				}
	member = json.loads(
		(APP / "mynumber_card" / "doctype" / "card_booking_member" / "card_booking_member.json").read_text(
			encoding="utf-8"
		)
	)
	for field in member["fields"]:  # the family members' boxes on the pickup form
		if field["fieldname"] in ("notice_number", "full_name", "full_name_kana"):
			words |= {field[k] for k in ("label", "description") if field.get(k)}
	core = ast.parse((APP / "core" / "what_to_bring.py").read_text(encoding="utf-8"))
	words |= {
		node.value
		for node in ast.walk(core)
		if isinstance(node, ast.Constant)
		and isinstance(node.value, str)
		and node.value.startswith("本人確認書類")
	}
	return words


def resident_words() -> set[str]:
	return (
		template_words() | script_words() | kiosk_words() | web_form_words() | python_words() | data_words()
	)
