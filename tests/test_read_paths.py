"""The read paths that may be served from a read replica carry Frappe's `read_only` decorator, and the
paths that must see their own writes (a resident's booking page, bookings, scans) do not."""

import ast

from tests.app_files import APP

REPLICA_READS = {
	"api/booking.py": {"booking_options", "available_slots"},
	"api/stats.py": {"issuance_rate_card", "held_rate_card"},
	"api/ledger_print.py": {"card_ledger"},
	"api/queue_display.py": {"state"},
	"api/queue_phone.py": {"ticket", "waits_state"},
}
PRIMARY_ONLY = {
	"api/booking.py": {"get_booking", "cancel_booking", "reschedule_booking"},
	"api/scanner.py": {"scan"},
	"api/queue_phone.py": {"subscribe_push", "subscribe_contact", "unsubscribe"},
}


def read_only_functions(relative: str) -> dict[str, bool]:
	tree = ast.parse((APP / relative).read_text(encoding="utf-8"))
	found = {}
	for node in tree.body:
		if isinstance(node, ast.FunctionDef):
			found[node.name] = any(ast.unparse(d) == "frappe.read_only()" for d in node.decorator_list)
	return found


def test_replica_reads_are_read_only():
	for relative, names in REPLICA_READS.items():
		functions = read_only_functions(relative)
		assert {name for name in names if functions.get(name)} == names, relative


def test_own_writes_are_read_from_the_primary():
	for relative, names in PRIMARY_ONLY.items():
		functions = read_only_functions(relative)
		assert names <= functions.keys(), relative
		assert not [name for name in names if functions[name]], relative
