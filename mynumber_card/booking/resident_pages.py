"""What the residents' pages (the two booking forms and /my-booking) show around their content: the
town's name in the navbar instead of Frappe's "Home", and whom to call in the footer instead of "Built on
Frappe". These are Website Settings' own keys (brand_html, footer_powered), set for these pages only."""

import frappe
from frappe import _
from frappe.utils import escape_html

from mynumber_card.settings import SETTINGS
from mynumber_card.wording import office_name


def add_town_frame(context):
	settings = frappe.get_cached_doc(SETTINGS)
	town = settings.town_name or _("My Number Card")
	context.brand_html = escape_html(town)
	office = office_name()  # whom residents call (e.g. 南野市役所), not just the town
	contact = (
		_("Inquiries: {0} Tel. {1}").format(office, settings.contact_phone)
		if settings.contact_phone
		else office
	)
	context.footer_powered = escape_html(contact)
