"""Check-in has one home (issue 24): only counter_queue/check_in.py moves a booking to Checked In, no
code hands a placement over in the booking's flags, and the app's own Card Booking has no doc_events
hook (its steps are in its controller)."""

import ast
import re
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "mynumber_card"
HOME = APP / "counter_queue" / "check_in.py"
CHECKED_IN = re.compile(r"workflow_state\s*=\s*(booking_states|states)\.CHECKED_IN\b")


def app_sources():
	for path in APP.rglob("*.py"):
		if "test" not in path.name and "site_tests" not in path.parts and "patches" not in path.parts:
			yield path


def test_only_the_check_in_module_checks_a_booking_in():
	found = [str(p.relative_to(APP)) for p in app_sources() if CHECKED_IN.search(p.read_text())]
	assert found == [str(HOME.relative_to(APP))]


def test_no_placement_travels_in_the_booking_flags():
	assert not [p for p in app_sources() if "queue_placement" in p.read_text()]


def test_card_booking_has_no_on_update_hook():
	tree = ast.parse((APP / "hooks.py").read_text())
	hooked = [
		node
		for node in ast.walk(tree)
		if isinstance(node, ast.Assign)
		and any(
			isinstance(t, ast.Subscript)
			and "Card Booking" in ast.unparse(t)
			and "on_update" in ast.unparse(t)
			for t in node.targets
		)
	]
	assert hooked == []
