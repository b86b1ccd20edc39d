"""The public waits (/queue-waits): per purpose (and office, once tickets carry one) how many wait and
the wait of a resident who comes now; after hours, that reception has ended for the day. No login,
counts only; read from the replica when the site has one. queue_waits.js refreshes it every minute."""

from mynumber_card.booking.resident_pages import add_town_frame
from mynumber_card.counter_queue import waits
from mynumber_card.utils.resident_text import mnc_plain

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.title = mnc_plain("窓口の待ち状況")
	context.update(waits.page_context())
	add_town_frame(context)  # the town's name too
	return context
