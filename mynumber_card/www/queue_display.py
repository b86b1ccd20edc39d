"""The calling display for the waiting area's TV (/queue-display): no login, ticket and counter
numbers only. The first state is rendered here; queue_display.js keeps it live."""

import frappe

from mynumber_card import resident_language, settings
from mynumber_card.counter_queue.display import display_state
from mynumber_card.counter_queue.offices import choices, office_for
from mynumber_card.utils.resident_text import mnc_plain

SUBTITLE = "マイナンバーカード窓口 お呼び出し状況"
no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.title = mnc_plain("お呼び出し状況")
	# the hall's TV is read by everyone: under the Japanese heading, one line in the other languages
	context.subtitles = resident_language.in_other_languages(SUBTITLE)
	context.mnc_html_lang = resident_language.html_lang()
	# the TV is set to one office by its address: /queue-display?office=北支所
	context.office = office_for(frappe.form_dict.get("office"))
	context.offices = choices()
	context.state = display_state(context.office)
	context.town = settings.town_name()
	return context
