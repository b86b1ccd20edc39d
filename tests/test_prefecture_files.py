"""The Prefecture module's exported files, checked like the main module's (tests/test_app_files.py reads
only "MyNumber Card"): fields in order, links to real doctypes, a TextDocument controller, every label in
Japanese, and the report's allowlist matching the Town Report's figure fields."""

import json

import pytest

from mynumber_card.core import town_report
from tests.app_files import APP, is_japanese, translations

MODULE = APP / "prefecture"
DOCTYPES = {
	p.stem: json.loads(p.read_text(encoding="utf-8"))
	for p in sorted((MODULE / "doctype").glob("*/*.json"))
	if p.parent.name == p.stem
}
KNOWN = {d["name"] for d in DOCTYPES.values()} | {"User"}


def test_the_module_is_listed():
	assert "Prefecture" in (APP / "modules.txt").read_text(encoding="utf-8").split("\n")
	assert set(DOCTYPES) == {"prefecture_settings", "prefecture_town", "town_report", "ministry_figure"}


@pytest.mark.parametrize("folder", sorted(DOCTYPES))
def test_doctype_files(folder):
	data = DOCTYPES[folder]
	names = [f["fieldname"] for f in data["fields"]]
	assert data["module"] == "Prefecture"
	assert data["field_order"] == names and len(names) == len(set(names))
	for field in data["fields"]:
		if field["fieldtype"] == "Link":
			assert field["options"] in KNOWN
	source = (MODULE / "doctype" / folder / f"{folder}.py").read_text(encoding="utf-8")
	assert f"class {data['name'].replace(' ', '')}(TextDocument):" in source


def test_every_label_and_option_has_a_japanese_translation():
	ja = translations("ja")
	messages = set()
	for data in DOCTYPES.values():
		messages.add(data["name"])
		for field in data["fields"]:
			messages.update(field[k] for k in ("label", "description") if field.get(k))
			if field["fieldtype"] == "Select":
				messages.update(o for o in field["options"].split("\n") if o and o != "None")
	for page in (MODULE / "page").glob("*/*.json"):
		data = json.loads(page.read_text(encoding="utf-8"))
		messages.add(data["title"])
		messages.update(r["role"] for r in data["roles"] if r["role"] != "System Manager")
	missing = sorted(m for m in messages if m not in ja and not is_japanese(m))
	assert not missing, missing


def test_the_overview_stores_exactly_the_reported_figures():
	fields = {f["fieldname"]: f["fieldtype"] for f in DOCTYPES["town_report"]["fields"]}
	stored = {name for name, kind in fields.items() if kind in ("Int", "Float")}
	assert stored == set(town_report.FIGURES)
	# nothing on the overview can hold a person's data: no name, date of birth or address field anywhere
	for data in DOCTYPES.values():
		for field in data["fields"]:
			assert not any(
				w in field["fieldname"] for w in ("birth", "kana", "address", "full_name", "notice")
			)


def test_the_export_columns_have_japanese_headers():
	import ast

	tree = ast.parse((MODULE / "overview_pages.py").read_text(encoding="utf-8"))
	columns = next(
		node.value
		for node in tree.body
		if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "EXPORT_COLUMNS"
	)
	labels = [pair.elts[1].value for pair in columns.elts]
	assert len(labels) > 10
	ja = translations("ja")
	assert [label for label in labels if label not in ja] == []
