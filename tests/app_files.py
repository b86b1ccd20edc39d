"""Reads the app's exported JSON and source files for the static tests (no Frappe site needed)."""

import ast
import json
import re
from functools import cache
from pathlib import Path

from mynumber_card.core import vocabularies

APP = Path(__file__).resolve().parent.parent / "mynumber_card"
MODULE_DIR = APP / "mynumber_card"


def load(path: Path):
	return json.loads(path.read_text(encoding="utf-8"))


@cache
def doctypes() -> dict[str, dict]:
	found = {}
	for path in sorted((MODULE_DIR / "doctype").glob("*/*.json")):
		data = load(path)
		if data.get("doctype") == "DocType":
			found[data["name"]] = data
	return found


def naming_series(doctype: str) -> list[str]:
	"""A doctype's naming series options as its JSON ships them."""
	field = next(f for f in doctypes()[doctype]["fields"] if f["fieldname"] == "naming_series")
	return [o for o in field["options"].split("\n") if o]


def exported(kind: str) -> list[dict]:
	"""Every exported record of one kind (print_format, page, report, web_form, workspace...)."""
	return [load(p) for p in sorted((MODULE_DIR / kind).glob("*/*.json"))]


def fixture(name: str) -> list[dict]:
	path = APP / "fixtures" / f"{name}.json"
	return load(path) if path.exists() else []


def fixture_of(doctype: str) -> list[dict]:
	"""The records of a doctype the app ships, from the file `bench export-fixtures` writes for it."""
	return fixture(doctype.lower().replace(" ", "_"))


def python_messages() -> set[str]:
	"""Literal first arguments of _() calls in the app's Python code."""
	messages = set()
	for path in APP.rglob("*.py"):
		if path.name.startswith("test_") or "/core/" in str(path):
			continue
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			if (
				isinstance(node, ast.Call)
				and isinstance(node.func, ast.Name)
				and node.func.id == "_"
				and node.args
				and isinstance(node.args[0], ast.Constant)
				and isinstance(node.args[0].value, str)
			):
				messages.add(node.args[0].value)
	return messages


_JS_MESSAGE = re.compile(r"""__\(\s*(["'`])((?:\\.|(?!\1).)*)\1""", re.S)


def js_messages() -> set[str]:
	messages = set()
	for path in APP.rglob("*.js"):
		for match in _JS_MESSAGE.finditer(path.read_text(encoding="utf-8")):
			messages.add(match[2].replace("\\'", "'").replace('\\"', '"'))
	return messages


def json_messages() -> set[str]:
	"""Labels, options and names from doctypes, fixtures and other exported records."""
	messages = set(doctypes())
	for data in doctypes().values():
		for field in data["fields"]:
			for key in ("label", "description"):
				if field.get(key):
					messages.add(field[key])
			if (
				field["fieldtype"] == "Select"
				and field.get("options")
				and field["fieldname"] != "naming_series"
			):
				messages.update(o for o in field["options"].split("\n") if o)
	for doctype in vocabularies.RECORDS:  # shown translated: their doctypes are translated doctypes
		messages.update(row["name"] for row in fixture_of(doctype))
	for row in fixture("workflow_state"):
		messages.add(row["name"])
	for row in fixture("workflow_action_master"):
		messages.add(row["name"])
	for row in fixture("role"):
		messages.add(row["name"])
	for kind, key in (
		("print_format", "name"),
		("page", "title"),
		("report", "name"),
		("workspace", "label"),
	):
		messages.update(d[key] for d in exported(kind) if d.get(key))
	return messages


def is_japanese(text: str) -> bool:
	"""Labels written in Japanese already need no translation."""
	return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def translations(lang: str = "ja") -> dict[str, str]:
	import csv

	path = APP / "translations" / f"{lang}.csv"
	with path.open(encoding="utf-8", newline="") as fh:
		return {row[0]: row[1] for row in csv.reader(fh) if len(row) >= 2 and row[0]}
