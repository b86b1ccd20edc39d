from mynumber_card.booking.resident_pages import add_town_frame


def get_context(context):
	context.no_cache = 1
	add_town_frame(context)
