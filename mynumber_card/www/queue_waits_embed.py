"""The public waits as a fragment for the town's own web site (/queue-waits-embed, in an iframe): the
same as /queue-waits without the site's navbar and footer. Which sites may frame it is a town setting
(resident_csp.py writes it into the page's frame-ancestors)."""

from mynumber_card import resident_language
from mynumber_card.counter_queue import waits
from mynumber_card.utils.resident_text import mnc_plain

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.title = mnc_plain("窓口の待ち状況")
	# the town's English page may frame /queue-waits-embed?_lang=en
	context.mnc_html_lang = resident_language.html_lang()
	context.update(waits.page_context())
	return context
