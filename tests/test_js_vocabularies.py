"""The server's vocabularies reach the JS from the server (boot.py for the desk, booking/
resident_vocabularies.py with the booking forms): a script that spells one of their values as a
literal (outside a __() word) fails here, as role names (test_role_names) and scan modes
(test_scan_modes) do. Each list is checked in every script that might compare with it."""

import json
import re
from functools import cache

from mynumber_card.core import booking_states, card_import, eras, lifecycle
from mynumber_card.core import queue as q
from tests.app_files import APP, MODULE_DIR, doctypes

RESIDENT_SCRIPTS = (
	"wareki_date.js",
	"family_members.js",
	"booking_form.js",
	"slot_picker.js",
	"my_booking.js",
)


@cache
def scripts() -> dict[str, str]:
	"""Every script of the app (public/js, pages, doctype forms and lists, reports), by its path."""
	return {
		str(path.relative_to(APP)): path.read_text(encoding="utf-8")
		for path in sorted(APP.rglob("*.js"))
		if "node_modules" not in path.parts and "dist" not in path.parts
	}


def options(doctype: str, fieldname: str) -> set[str]:
	field = next(f for f in doctypes()[doctype]["fields"] if f["fieldname"] == fieldname)
	return {o for o in field["options"].split("\n") if o}


def resident(path: str) -> bool:
	return path.rsplit("/", 1)[-1] in RESIDENT_SCRIPTS


def member_doctype_lengths() -> set[str]:
	return {str(f["length"]) for f in doctypes()["Card Booking Member"]["fields"] if f.get("length")}


# (what, its values, which scripts must not spell them)
VOCABULARIES = (
	("queue states", set(q.STATES), lambda path: True),
	("queue actions", set(q.ACTIONS), lambda path: True),
	("booking states", set(booking_states.STATES), lambda path: True),
	("bulk states", {s for s, _label in lifecycle.BULK_MOVES}, lambda path: True),
	("import statuses", options("Card Import", "status") - {"Not Started"}, lambda path: True),
	("import types", set(card_import.IMPORT_TYPES), lambda path: True),
	("proxy kinds", options("Card Booking", "proxy_kind"), resident),
	("era names", {era.name for era in eras.ERAS}, lambda path: True),
	(
		"member fields",
		{"notice_number", "full_name", "full_name_kana"},
		lambda path: path.endswith("family_members.js"),
	),
)


def spelled(text: str, values: set[str]) -> set[str]:
	"""Quoted literals of the values that are not a __() word (a label may be the same English)."""
	names = "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
	return {m[2] for m in re.finditer(rf"(?<!__\()([\"'`])({names})\1", text)}


def test_the_finder_sees_any_quote_and_spares_words():
	assert spelled("""a === "Called" || b == 'Done' || `Waiting`""", set(q.STATES)) == {
		"Called",
		"Done",
		"Waiting",
	}
	assert spelled('__("Waiting") + "Called by"', set(q.STATES)) == set()


def test_no_script_spells_a_server_vocabulary():
	found = {}
	for what, values, applies in VOCABULARIES:
		for path, text in scripts().items():
			if applies(path) and (hits := spelled(text, values)):
				found.setdefault(path, {})[what] = sorted(hits)
	assert found == {}, json.dumps(found, ensure_ascii=False)


def test_family_member_lengths_come_from_the_doctype():
	text = scripts()["public/js/family_members.js"]
	assert "max: f.length" in text
	assert not re.search(r"max:\s*\d", text)
	assert "10" in member_doctype_lengths()  # the notice number's box holds 10, as its field


def test_the_eras_come_from_the_server():
	text = scripts()["public/js/wareki_date.js"]
	assert 'window.mnc.vocabulary("eras")' in text
	assert not re.search(r"start:\s*\[\d{4}", text)  # no table of start years


def test_the_pages_read_the_lists_from_boot():
	uses = {
		"public/js/counter_queue_panel.js": "mynumber_card_vocabularies",
		"mynumber_card/page/reception_kiosk/reception_kiosk.js": "mynumber_card_vocabularies",
		"public/js/card_services.js": "mynumber_card_vocabularies",
		"public/js/mynumber_card_list.js": "mynumber_card_vocabularies",
		"mynumber_card/doctype/card_import/card_import.js": "mynumber_card_vocabularies",
		"public/js/booking_form.js": 'vocabulary("proxy_kinds")',
		"public/js/family_members.js": 'vocabulary("member_fields")',
	}
	for path, marker in uses.items():
		assert marker in scripts()[path], path
	assert MODULE_DIR.exists()
