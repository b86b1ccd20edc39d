"""settings.py is the one reader (and writer) of the town's settings: everything else asks it, so the
settings are read once per request and a default lives in one place. Any call that names the
settings doctype (or settings.SETTINGS) elsewhere in the app fails here; tests and patches, which
set up or migrate stored values, are exempt."""

import ast

from tests.app_files import APP

SETTINGS = "MyNumber Card Settings"
HOME = APP / "settings.py"


def exempt(path) -> bool:
	relative = path.relative_to(APP)
	return (
		path == HOME
		or relative.parts[0] in ("patches", "site_tests")
		or path.name.startswith("test_")
		or path.name == "testing.py"
	)


def settings_aliases(tree) -> set[str]:
	"""Names a module gives the settings doctype: imported from mynumber_card.settings, or its own
	constant (another doctype's SETTINGS, e.g. Prefecture Settings, is not ours)."""
	aliases = set()
	for node in ast.walk(tree):
		if isinstance(node, ast.ImportFrom) and node.module == "mynumber_card.settings":
			aliases |= {a.asname or a.name for a in node.names if a.name == "SETTINGS"}
		elif isinstance(node, ast.ImportFrom) and node.module == "mynumber_card":
			# the module itself: its SETTINGS is an attribute
			aliases |= {f"{a.asname or a.name}.SETTINGS" for a in node.names if a.name == "settings"}
		elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
			if node.value.value == SETTINGS:
				aliases |= {t.id for t in node.targets if isinstance(t, ast.Name)}
	return aliases


def names_the_settings(node, aliases: set[str]) -> bool:
	return any(
		(isinstance(n, ast.Constant) and n.value == SETTINGS)
		or (isinstance(n, ast.Name) and n.id in aliases)
		or (isinstance(n, ast.Attribute) and ast.unparse(n) in aliases)
		for n in ast.walk(node)
	)


def settings_reads(source: str) -> list[int]:
	"""Lines of calls whose arguments name the settings doctype (get_cached_doc, get_single_value,
	get_all of a settings table, a qb query on Singles...)."""
	tree = ast.parse(source)
	aliases = settings_aliases(tree)
	found = set()
	for node in ast.walk(tree):
		if isinstance(node, ast.Call):
			arguments = [*node.args, *(k.value for k in node.keywords)]
			if any(names_the_settings(a, aliases) for a in arguments):
				found.add(node.lineno)
		elif isinstance(node, ast.Compare) and names_the_settings(node, aliases):
			found.add(node.lineno)  # Singles.doctype == SETTINGS in a query
	return sorted(found)


def test_only_settings_py_reads_the_settings():
	offenders = {
		str(path.relative_to(APP)): lines
		for path in sorted(APP.rglob("*.py"))
		if not exempt(path) and (lines := settings_reads(path.read_text(encoding="utf-8")))
	}
	assert not offenders, f"read the settings through mynumber_card.settings: {offenders}"


def test_the_check_sees_each_way_of_reading():
	for source in (
		'frappe.get_cached_doc("MyNumber Card Settings")',
		'frappe.db.get_single_value("MyNumber Card Settings", "population")',
		'frappe.get_single("MyNumber Card Settings")',
		"from mynumber_card.settings import SETTINGS\nfrappe.db.get_singles_dict(SETTINGS)",
		'frappe.get_all("Scan Rule", filters={"parent": "MyNumber Card Settings"})',
		"from mynumber_card import settings\nq.where(singles.doctype == settings.SETTINGS)",
	):
		assert len(settings_reads(source)) == 1, source
	assert not settings_reads('frappe.get_cached_doc("Booking Purpose", name)')
	assert not settings_reads('"""Set in MyNumber Card Settings."""')
	assert not settings_reads('SETTINGS = "Prefecture Settings"\nfrappe.db.get_single_value(SETTINGS, "x")')
	assert not settings_reads("frappe.get_single(site_role.SETTINGS)")
