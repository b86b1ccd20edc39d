"""What the desk needs from the app's core at page load, so that no list lives twice."""

from mynumber_card.core import scan_modes


def extend_bootinfo(bootinfo):
	bootinfo.mynumber_card_scan_modes = list(scan_modes.MODES)
