# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Each controller carries the `# begin: auto-generated types` block Frappe makes from its doctype JSON
(hooks.py sets export_python_type_annotations). A field added or changed in a JSON by hand, without the
block, fails here. Saving the doctype in developer mode rewrites the block; so does
`bench --site SITE execute mynumber_card.site_tests.test_type_blocks.regenerate` (then ruff format)."""

import ast
import json
import textwrap
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.types.exporter import TypeExporter, end_block, start_block


def doctype_files() -> list[Path]:
	folder = Path(frappe.get_app_path("mynumber_card", "mynumber_card", "doctype"))
	return sorted(p for p in folder.glob("*/*.json") if p.stem == p.parent.name)


def exporter(path: Path) -> TypeExporter:
	"""Frappe's exporter for the doctype as its JSON says, not as the site's database holds it."""
	return TypeExporter(frappe.get_doc(json.loads(path.read_text(encoding="utf-8"))))


def block_in(code: str) -> str | None:
	if start_block not in code or end_block not in code:
		return None
	start = code.rindex("\n", 0, code.index(start_block)) + 1  # from the start of its line
	return code[start : code.index(end_block) + len(end_block)]


def as_python(block: str) -> str:
	"""The block as Python, whatever ruff format did to its line breaks."""
	return ast.dump(ast.parse(textwrap.dedent(block)))


def regenerate():
	"""Write every controller's block from its JSON (Frappe's exporter, as on saving the doctype)."""
	for path in doctype_files():
		exporter(path).export_types()


class TestTypeBlocks(FrappeTestCase):
	def test_hooks_ask_for_the_blocks(self):
		self.assertTrue(any(frappe.get_hooks("export_python_type_annotations", app_name="mynumber_card")))

	def test_every_controller_block_matches_its_doctype_json(self):
		self.assertGreater(len(doctype_files()), 10)
		for path in doctype_files():
			with self.subTest(doctype=path.stem):
				types = exporter(path)
				block = block_in(types.controller_path.read_text(encoding="utf-8"))
				self.assertIsNotNone(block, f"{types.controller_path.name} has no auto-generated types")
				types._guess_indentation()
				self.assertEqual(
					as_python(block), as_python(types._generate_code()), types.controller_path.name
				)
