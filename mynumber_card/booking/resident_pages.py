"""What the residents' pages (the two booking forms and /my-booking) show around their content: the
town's name in the navbar instead of Frappe's "Home", and whom to call in the footer instead of "Built on
Frappe". These are Website Settings' own keys (brand_html, footer_powered), set for these pages only."""

from frappe import _
from frappe.utils import escape_html

from mynumber_card import resident_language, resident_words
from mynumber_card import settings as town_settings
from mynumber_card.booking import resident_vocabularies
from mynumber_card.wording import office_name


def add_town_frame(context):
	settings = town_settings.contact()  # read once per request with office_name's
	context.town = settings.town_name or ""
	town = settings.town_name or _("My Number Card")
	context.brand_html = escape_html(town)
	office = office_name()  # whom residents call (e.g. 南野市役所), not just the town
	contact = (
		_("Inquiries: {0} Tel. {1}").format(office, settings.contact_phone)
		if settings.contact_phone
		else office
	)
	context.footer_powered = escape_html(contact)
	# the page's language (the switcher's choice, kept in Frappe's preferred_language cookie)
	context.mnc_html_lang = resident_language.html_lang()
	context.mnc_languages = resident_language.switcher_links()
	context.mnc_lang = resident_language.current()
	context.mnc_words_json = resident_words.words_json()
	resident_words.add_to_web_form(context)
	resident_vocabularies.add_to_web_form(context)  # the lists the booking scripts need
