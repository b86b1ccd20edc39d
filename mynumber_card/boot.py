"""What the desk needs from the app at page load, so that no list or role name lives in the JS."""

from mynumber_card.core import scan_modes
from mynumber_card.roles import is_manager


def extend_bootinfo(bootinfo):
	bootinfo.mynumber_card_scan_modes = scan_modes.page_modes()
	# The Card Scanner offers the hand-over without a checked-in booking to those who may give it.
	bootinfo.mynumber_card_can_override_handover = is_manager()
	# A reissue's fee comes from the town's table; a manager may correct it, with a reason.
	bootinfo.mynumber_card_can_correct_fee = is_manager()
