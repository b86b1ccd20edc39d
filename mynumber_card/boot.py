"""What the desk needs from the app at page load, so that no list or role name lives in the JS: the
scan modes, the renewal purposes, and every vocabulary a desk script compares with (tests/
test_js_vocabularies.py fails on a literal of one in the JS)."""

from mynumber_card.booking.purposes import renewal_purposes
from mynumber_card.core import booking_states, card_import, lifecycle, scan_modes, statistics
from mynumber_card.core import queue as q
from mynumber_card.ledger import deliveries
from mynumber_card.roles import is_manager


def named(module, values) -> dict[str, str]:
	"""{CONSTANT_NAME: value} for a module's constants holding one of the values (WAITING: "Waiting")."""
	return {k: v for k, v in vars(module).items() if k.isupper() and isinstance(v, str) and v in values}


def vocabularies() -> dict:
	return {
		"queue_states": named(q, q.STATES),
		"queue_actions": named(q, q.ACTIONS),
		"booking_states": named(booking_states, booking_states.STATES),
		"closed_booking_states": list(booking_states.RELEASING),
		"bulk_moves": [{"state": s, "label": label} for s, label in lifecycle.BULK_MOVES],
		"import_types": named(card_import, card_import.IMPORT_TYPES),
		"import_running": list(card_import.RUNNING),
		"open_delivery": deliveries.OPEN,
		"uncollected_states": list(statistics.UNCOLLECTED),
	}


def extend_bootinfo(bootinfo):
	bootinfo.mynumber_card_scan_modes = scan_modes.page_modes()
	# The Card Scanner offers the hand-over without a checked-in booking to those who may give it.
	bootinfo.mynumber_card_can_override_handover = is_manager()
	# A reissue's fee comes from the town's table; a manager may correct it, with a reason.
	bootinfo.mynumber_card_can_correct_fee = is_manager()
	# A booking for a purpose marked 更新 offers the counter services, whatever the town calls it.
	bootinfo.mynumber_card_renewal_purposes = renewal_purposes()
	bootinfo.mynumber_card_vocabularies = vocabularies()
