"""Static checks over every exported JSON of the app: what `bench migrate` would choke on, found
without a site."""

import ast
import json
import os
from pathlib import Path

import pytest

from mynumber_card.core import booking_states, lifecycle, vocabularies
from mynumber_card.core.roles import CLERK, MANAGER, SYSTEM_MANAGER
from tests.app_files import (
	APP,
	MODULE_DIR,
	doctypes,
	exported,
	fixture,
	fixture_of,
	is_japanese,
	js_messages,
	json_messages,
	python_messages,
	translations,
)

# Frappe doctypes and roles the app refers to. When a bench is at hand the list is checked against
# frappe's own files, so it cannot claim a doctype that does not exist.
FRAPPE_DOCTYPES = {
	"User",
	"Role",
	"Workflow State",
	"Workflow",
	"DocType",
	"File",
	"Print Format",
	"Language",
	"Data Import",
}
FRAPPE_ROLES = {"System Manager", "Administrator", "All", "Guest"}


def _hooks() -> dict:
	namespace: dict = {}
	exec((APP / "hooks.py").read_text(encoding="utf-8"), namespace)
	return namespace


def known_doctypes() -> set[str]:
	return set(doctypes()) | FRAPPE_DOCTYPES


def known_roles() -> set[str]:
	return {r["name"] for r in fixture("role")} | FRAPPE_ROLES


def test_frappe_names_exist_in_frappe():
	frappe_dir = (
		Path(os.environ.get("FRAPPE_BENCH", Path.home() / "frappe-bench")) / "apps" / "frappe" / "frappe"
	)
	if not frappe_dir.is_dir():
		pytest.skip("no frappe checkout to compare with")
	names = set()
	for path in frappe_dir.glob("*/doctype/*/*.json"):
		if path.parent.name == path.stem:
			names.add(path.read_text(encoding="utf-8").split('"name": "', 1)[-1].split('"', 1)[0])
	assert FRAPPE_DOCTYPES <= names


@pytest.mark.parametrize("name", sorted(doctypes()))
def test_doctype_fields(name):
	data = doctypes()[name]
	fieldnames = [f["fieldname"] for f in data["fields"]]
	assert len(fieldnames) == len(set(fieldnames)), "duplicate fieldnames"
	assert data["field_order"] == fieldnames
	assert data["module"] == "MyNumber Card"
	for field in data["fields"]:
		if field["fieldtype"] in ("Link", "Table", "Table MultiSelect"):
			assert (
				field.get("options") in known_doctypes()
			), f"{field['fieldname']} links to {field.get('options')}"
		if field["fieldtype"] in ("Table", "Table MultiSelect"):
			assert doctypes()[field["options"]].get("istable"), f"{field['options']} is not a child table"
		if field["fieldtype"] == "Select":
			options = [o for o in (field.get("options") or "").split("\n") if o]
			assert options, f"{field['fieldname']} has no options"
			if field.get("default"):
				assert field["default"] in options
	for perm in data.get("permissions", []):
		assert perm["role"] in known_roles()
	for key in ("title_field", "sort_field"):
		if data.get(key) and data[key] not in ("creation", "modified", "name"):
			assert data[key] in fieldnames


@pytest.mark.parametrize("name", sorted(doctypes()))
def test_doctype_has_controller(name):
	folder = MODULE_DIR / "doctype" / name.lower().replace(" ", "_")
	source = (folder / f"{folder.name}.py").read_text(encoding="utf-8")
	class_name = name.replace(" ", "").replace("-", "")
	assert f"class {class_name}(" in source


def _workflow(name: str) -> dict:
	(workflow,) = (w for w in fixture("workflow") if w["name"] == name)
	return workflow


def test_booking_workflow_matches_the_core_table():
	workflow = _workflow("Card Booking Flow")
	assert workflow["document_type"] == "Card Booking"
	rows = sorted((t["state"], t["action"], t["next_state"], t["allowed"]) for t in workflow["transitions"])
	assert rows == booking_states.workflow_rows()
	assert workflow["states"][0]["state"] == booking_states.CONFIRMED
	assert {s["state"] for s in workflow["states"]} == set(booking_states.STATES)


def test_workflow_matches_the_core_lifecycle():
	workflow = _workflow("MyNumber Card Lifecycle")
	assert workflow["document_type"] == "MyNumber Card"
	assert workflow["workflow_state_field"] in {f["fieldname"] for f in doctypes()["MyNumber Card"]["fields"]}
	rows = sorted(
		(t["state"], t["action"], t["next_state"], t["allowed"], t["condition"] or "")
		for t in workflow["transitions"]
	)
	assert rows == lifecycle.human_transitions()
	states = {s["name"] for s in fixture("workflow_state")}
	actions = {a["name"] for a in fixture("workflow_action_master")}
	assert states == set(lifecycle.STATES) | set(booking_states.STATES)
	assert {s["state"] for s in workflow["states"]} == set(lifecycle.STATES)
	assert {t["action"] for t in workflow["transitions"]} <= actions
	assert {s["allow_edit"] for s in workflow["states"]} <= known_roles()
	assert workflow["states"][0]["state"] == lifecycle.RECEIVED  # Frappe takes the first as initial


def test_fixtures_listed_in_hooks_match_the_files():
	by_doctype = {entry["dt"]: set(entry["filters"][0][2]) for entry in _hooks()["fixtures"]}
	for doctype, names in by_doctype.items():
		file_names = {row["name"] for row in fixture(doctype.lower().replace(" ", "_"))}
		assert file_names == names, doctype


def test_print_formats_and_pages_point_at_real_things():
	for pf in exported("print_format"):
		assert pf["doc_type"] in known_doctypes()
		assert pf["standard"] == "Yes" and pf["module"] == "MyNumber Card"
	for page in exported("page"):
		assert {r["role"] for r in page["roles"]} <= known_roles()
		assert (
			MODULE_DIR / "page" / page["name"].replace("-", "_") / f"{page['name'].replace('-', '_')}.js"
		).exists()


def test_reports_have_code_and_known_roles():
	for report in exported("report"):
		assert report["ref_doctype"] in known_doctypes()
		assert {r["role"] for r in report["roles"]} <= known_roles()
		folder = MODULE_DIR / "report" / report["name"].lower().replace(" ", "_").replace("-", "_")
		if report["report_type"] == "Script Report":
			assert "def execute(" in (folder / f"{folder.name}.py").read_text(encoding="utf-8")
			assert (folder / f"{folder.name}.js").exists()


def test_workspace_links_point_at_real_things():
	pages = {p["name"] for p in exported("page")}
	reports = {r["name"] for r in exported("report")}
	for workspace in exported("workspace"):
		targets = [(r["link_type"], r["link_to"]) for r in workspace["links"] if r["type"] == "Link"]
		targets += [(r["type"], r["link_to"]) for r in workspace["shortcuts"]]
		for kind, target in targets:
			assert target in {"Page": pages, "Report": reports}.get(kind, known_doctypes()), target
		assert {r["role"] for r in workspace["roles"]} <= known_roles()
		assert {c["number_card_name"] for c in workspace["number_cards"]} <= {
			c["name"] for c in exported("number_card")
		}
		assert {c["chart_name"] for c in workspace["charts"]} <= {
			c["name"] for c in exported("dashboard_chart")
		}


def test_cards_charts_and_onboarding_point_at_real_things():
	for card in exported("number_card"):
		assert card["type"] == "Custom" or card["document_type"] in known_doctypes()
	for chart in exported("dashboard_chart"):
		assert chart["document_type"] in known_doctypes()
		fields = {f["fieldname"] for f in doctypes()[chart["document_type"]]["fields"]}
		assert (chart.get("based_on") or chart.get("group_by_based_on")) in fields
	steps = {s["name"] for s in exported("onboarding_step")}
	for onboarding in exported("module_onboarding"):
		assert {s["step"] for s in onboarding["steps"]} <= steps
	for step in exported("onboarding_step"):
		if step.get("reference_document"):
			assert step["reference_document"] in known_doctypes()


def test_every_app_doctype_refuses_individual_numbers():
	"""Every controller is a TextDocument (test_escaped_output), whose before_validate runs the guard;
	none overrides it (a controller that did would skip the guard)."""
	source = (APP / "utils" / "text_document.py").read_text(encoding="utf-8")
	assert "def before_validate(self):" in source and "refuse_individual_numbers(self)" in source
	overriding = [
		str(path.relative_to(APP))
		for path in sorted((MODULE_DIR / "doctype").glob("*/*.py"))
		if "def before_validate(self" in path.read_text(encoding="utf-8")
		and "super().before_validate()" not in path.read_text(encoding="utf-8")
	]
	assert overriding == []


def test_the_apps_own_doctypes_have_no_doc_events():
	"""Their steps live in their controllers; doc_events hook only other apps' doctypes."""
	own = set(doctypes())
	assert not own & set(_hooks()["doc_events"]), sorted(own & set(_hooks()["doc_events"]))


def test_hook_paths_resolve_to_files():
	hooks = _hooks()
	dotted = [
		hooks["after_install"],
		hooks["after_migrate"],
		hooks["before_uninstall"],
		hooks["before_tests"],
	]
	dotted += [m for methods in hooks["scheduler_events"].values() for m in methods]
	dotted += hooks["jinja"]["methods"]
	dotted += hooks["standard_queries"].values()
	dotted += [e for events in hooks["doc_events"].values() for e in events.values()]
	for path in dotted:
		module, _, function = path.rpartition(".")
		source = APP.parent / (module.replace(".", "/") + ".py")
		tree = ast.parse(source.read_text(encoding="utf-8"))
		assert function in {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}, path
	for asset in hooks.get("doctype_list_js", {}).values():
		assert (APP / asset).exists()


def test_every_string_has_a_japanese_translation():
	ja = translations("ja")
	messages = python_messages() | js_messages() | json_messages()
	missing = sorted(m for m in messages - set(ja) if not is_japanese(m))
	assert not missing, f"untranslated: {missing}"
	assert all(ja.values())


def test_each_message_has_one_translation():
	"""Frappe keeps the last of two lines for one message: the first would be dead, or the wrong one."""
	import csv
	from collections import Counter

	with (APP / "translations" / "ja.csv").open(encoding="utf-8", newline="") as fh:
		sources = Counter(row[0] for row in csv.reader(fh) if row)
	assert [source for source, count in sources.items() if count > 1] == []


def test_translations_keep_their_placeholders():
	for source, target in translations("ja").items():
		for index in range(5):
			assert (f"{{{index}}}" in source) == (f"{{{index}}}" in target), source


def test_core_never_imports_frappe():
	for path in (APP / "core").rglob("*.py"):
		tree = ast.parse(path.read_text(encoding="utf-8"))
		for node in ast.walk(tree):
			names = []
			if isinstance(node, ast.Import):
				names = [a.name for a in node.names]
			elif isinstance(node, ast.ImportFrom):
				names = [node.module or ""]
			assert not any(n == "frappe" or n.startswith("frappe.") for n in names), path


def fields_with_core_options(doctype: str, expected: dict) -> dict:
	"""A doctype's fields by name, having checked that each Select field in `expected` offers the core list."""
	fields = {f["fieldname"]: f for f in doctypes()[doctype]["fields"]}
	for fieldname, values in expected.items():
		options = [o for o in fields[fieldname]["options"].split("\n") if o]
		assert options == list(values), fieldname
	return fields


def test_card_select_options_are_the_core_lists():
	from mynumber_card.core import handover, reasons, resident_events, validity

	expected = {
		"issue_method": lifecycle.ISSUE_METHODS,
		"received_by": handover.RECEIVERS,
		"proxy_reason": handover.RECORDED_PROXY_REASONS,
		"proxy_standing": handover.PROXY_STANDINGS,
		"hardship_proof": handover.HARDSHIP_PROOFS,
		"disposal_cause": reasons.DISPOSAL_CAUSES,
		"loss_reported_via": reasons.LOSS_REPORT_CHANNELS,
		"holder_left_reason": resident_events.HOLDER_LEFT_REASONS,
		"card_generation": validity.GENERATION_CODES,
	}
	fields = fields_with_core_options("MyNumber Card", expected)
	# empty at first: a new card takes the settings' generation (ledger/transitions.set_validity)
	assert not fields["card_generation"].get("default")
	setting = {f["fieldname"]: f for f in doctypes()["MyNumber Card Settings"]["fields"]}[
		"new_card_generation"
	]
	assert setting["options"].split("\n") == list(validity.GENERATION_CODES)
	assert setting["default"] == validity.CURRENT.code
	for state, date_field in lifecycle.STATE_DATE_FIELDS.items():
		assert fields[date_field]["fieldtype"] == "Date", state
	for field in lifecycle.REQUIRED_ON_ENTRY.values():
		assert field in fields


def test_opening_session_select_options_are_the_core_rules():
	from mynumber_card.core import opening_days

	fields = {f["fieldname"]: f for f in doctypes()["Booking Opening Session"]["fields"]}
	for fieldname, values in (("days", opening_days.DAY_RULES), ("weeks", opening_days.WEEK_RULES)):
		assert fields[fieldname]["options"].split("\n") == list(values), fieldname
		assert fields[fieldname]["default"] == values[0], fieldname


def test_card_application_select_options_are_the_core_lists():
	from mynumber_card.core import applications

	expected = {
		"method": applications.METHODS,
		"status": applications.STATUSES,
		"place_kind": applications.PLACE_KINDS,
	}
	fields = fields_with_core_options("Card Application", expected)
	assert fields["method"]["default"] == applications.COUNTER_SUPPORT
	assert fields["status"]["default"] == applications.APPLIED
	# the form's conditions name the core values
	assert applications.OFF_SITE in fields["place_kind"]["mandatory_depends_on"]
	assert applications.EXPRESS in fields["express_reason"]["mandatory_depends_on"]
	assert applications.UNDER_ONE in fields["event_date"]["depends_on"]
	assert applications.WITHDRAWN in fields["withdrawn_on"]["mandatory_depends_on"]


def test_shared_lists_are_links_to_their_vocabulary():
	for doctype, links in vocabularies.LINK_FIELDS.items():
		fields = {f["fieldname"]: f for f in doctypes()[doctype]["fields"]}
		for fieldname, vocabulary in links.items():
			assert (fields[fieldname]["fieldtype"], fields[fieldname]["options"]) == ("Link", vocabulary), (
				doctype,
				fieldname,
			)


@pytest.mark.parametrize("name", sorted(vocabularies.RECORDS))
def test_vocabulary_records_ship_as_the_core_list(name):
	"""The fixture file holds the core list, names and order; the doctype shows them in Japanese, in
	that order, to staff who may read them, and only a System Manager may change them."""
	rows = fixture_of(name)
	assert [row["name"] for row in rows] == list(vocabularies.RECORDS[name])
	assert [row["sort_order"] for row in rows] == list(range(1, len(rows) + 1))
	assert {row["doctype"] for row in rows} == {name}
	data = doctypes()[name]
	assert data["translated_doctype"] == 1 and data["autoname"] == "Prompt" and not data["allow_rename"]
	assert (data["sort_field"], data["sort_order"]) == ("sort_order", "ASC")
	assert [f["fieldname"] for f in data["fields"]] == ["sort_order"]  # nothing else, no personal data
	perms = {p["role"]: p for p in data["permissions"]}
	assert set(perms) == {CLERK, MANAGER, SYSTEM_MANAGER} and all(p["read"] for p in perms.values())
	changes = ("write", "create", "delete")
	assert [role for role, p in perms.items() if any(p[c] for c in changes)] == [SYSTEM_MANAGER]
	assert _hooks()["standard_queries"][name] == "mynumber_card.api.vocabularies.search"


def test_no_doctype_keeps_a_select_copy_of_a_shared_list():
	for doctype, data in doctypes().items():
		for field in data["fields"]:
			if field["fieldtype"] != "Select":
				continue
			options = {o for o in (field.get("options") or "").split("\n") if o}
			for name, values in vocabularies.RECORDS.items():
				assert not set(values) <= options, f"{doctype}.{field['fieldname']} copies {name}"


def test_the_letter_language_offers_the_core_languages():
	from mynumber_card.core import resident_languages

	field = {f["fieldname"]: f for f in doctypes()["MyNumber Card"]["fields"]}["letter_language"]
	(filtered,) = json.loads(field["link_filters"])
	# Japanese is the empty choice: letters are in the town's language unless another is chosen
	assert filtered[:3] == ["Language", "name", "in"]
	assert set(filtered[3]) == set(resident_languages.CODES) - {resident_languages.JAPANESE}


def test_the_doctypes_with_a_workflow_make_no_workflow_action_rows():
	"""Every state of both workflows is optional, Frappe's switch for "make no Workflow Action rows",
	and their controllers are LeanDocuments, which skip Frappe's bookkeeping that then makes nothing
	(utils/lean_document.py)."""
	workflows = json.loads((APP / "fixtures" / "workflow.json").read_text(encoding="utf-8"))
	assert {w["document_type"] for w in workflows} == {"MyNumber Card", "Card Booking"}
	for workflow in workflows:
		assert all(state["is_optional_state"] for state in workflow["states"]), workflow["name"]
		folder = workflow["document_type"].lower().replace(" ", "_")
		source = (MODULE_DIR / "doctype" / folder / f"{folder}.py").read_text(encoding="utf-8")
		assert f"class {workflow['document_type'].replace(' ', '')}(LeanDocument):" in source
