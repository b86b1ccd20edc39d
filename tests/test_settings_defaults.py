"""Settings defaults have one home, the MyNumber Card Settings JSON: core's national constants equal
it, and no code reads a setting past it (a literal fallback, or a cast that turns "never set" into 0)."""

import ast
from pathlib import Path

from mynumber_card.core import queue, storage, validity
from mynumber_card.core.deadlines import DisposalRules
from mynumber_card.core.fees import Fees
from tests.app_files import APP, doctypes

SETTINGS = "MyNumber Card Settings"
FIELDS = {f["fieldname"]: f for f in doctypes()[SETTINGS]["fields"]}
DEFAULTED = {name for name, f in FIELDS.items() if f.get("default") not in (None, "")}
# A cast reads a field never saved as 0: harmless where 0 is the default.
ZERO_DEFAULT = {name for name in DEFAULTED if FIELDS[name]["default"] == "0"}
HOME = APP / "settings.py"


def test_core_constants_equal_the_json_defaults():
	rules, fees, queue_rules = DisposalRules(), Fees(), queue.Rules()
	expected = {
		"queue_early_minutes": queue_rules.early_minutes,
		"queue_late_minutes": queue_rules.late_minutes,
		"queue_skip_after_calls": queue_rules.skip_after_calls,
		"queue_counters": queue_rules.counters,
		"queue_default_service_minutes": queue_rules.default_service_minutes,
		"disposal_months_after_notice": rules.months_after_notice,
		"disposal_months_after_renotice": rules.months_after_renotice,
		"renotice_after_days": rules.renotice_after_days,
		"disposal_months_after_application": rules.months_after_application,
		"reissue_fee_card": fees.card,
		"reissue_fee_certificate": fees.certificate,
		"reissue_fee_express_card": fees.express_card,
		"stolen_card_free": int(fees.stolen_free),
		"renewal_window_months": validity.RENEWAL_WINDOW_MONTHS,
		"storage_box_size": storage.DEFAULT_BOX_SIZE,
	}
	assert {f: int(FIELDS[f]["default"]) for f in expected} == expected
	assert FIELDS["queue_late_rule"]["default"] == queue_rules.late_rule


def _names(node) -> set[str]:
	"""String constants and attribute names inside an expression."""
	found = set()
	for sub in ast.walk(node):
		if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
			found.add(sub.value)
		elif isinstance(sub, ast.Attribute):
			found.add(sub.attr)
		elif isinstance(sub, ast.Name):
			found.add(sub.id)
	return found


def reads_past_the_default(source: str) -> list[str]:
	"""Where code gives a defaulted setting a default of its own, or reads it so that it cannot see one."""
	problems = []
	for node in ast.walk(ast.parse(source)):
		if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
			fields = set().union(*(_names(v) for v in node.values[:-1])) & DEFAULTED
			if fields and isinstance(node.values[-1], ast.Constant):
				problems.append(f"line {node.lineno}: {sorted(fields)} or {node.values[-1].value!r}")
		elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
			args = _names(ast.Tuple(elts=node.args, ctx=ast.Load()))
			if node.func.attr == "get_single_value" and args & (DEFAULTED - ZERO_DEFAULT):
				problems.append(f"line {node.lineno}: get_single_value {sorted(args & DEFAULTED)}")
			elif node.func.attr == "get_singles_dict" and args & {SETTINGS, "SETTINGS"}:
				problems.append(f"line {node.lineno}: get_singles_dict past mynumber_card.settings")
	return sorted(problems, key=lambda p: int(p.split(":")[0].removeprefix("line ")))


def test_the_finder_sees_each_way_past_the_default():
	source = (
		'a = int(values.get("booking_closes_hours_before") or 0)\n'
		"b = settings.reminder_days_before or 1\n"
		'c = frappe.db.get_single_value(SETTINGS, "retention_days")\n'
		"d = frappe.db.get_singles_dict(SETTINGS)\n"
		'e = values.get("population") or 0\n'
	)
	assert [p.split(":")[0] for p in reads_past_the_default(source)] == [
		"line 1",
		"line 2",
		"line 3",
		"line 4",
	]


def test_no_code_reads_a_setting_past_its_default():
	found = {}
	for path in APP.rglob("*.py"):
		if path == HOME or path.name.startswith("test_") or "patches" in path.parts:
			continue
		problems = reads_past_the_default(Path(path).read_text(encoding="utf-8"))
		if problems:
			found[str(path.relative_to(APP))] = problems
	assert found == {}
