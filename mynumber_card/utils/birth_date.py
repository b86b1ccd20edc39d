"""A birth date typed by a person, read the app's one way (core.dates.parse_birth_date: ISO or 和暦)."""

import datetime

import frappe
from frappe import _
from frappe.utils import escape_html, getdate

from mynumber_card.core import eras
from mynumber_card.core.date_input import outside_era
from mynumber_card.core.dates import parse_birth_date, wareki


def checked_birth_date(value, error=frappe.ValidationError) -> datetime.date:
	"""The date, or a refusal in plain Japanese raised as `error`."""
	birth = parse_birth_date(value, getdate())
	if not birth:
		if outside := outside_era(value):
			frappe.throw(outside_era_message(value, outside), error)
		frappe.throw(_("Please check the date of birth."), error)
	return birth


def outside_era_message(value: str, outside: eras.OutsideEra) -> str:
	"""平成1年1月1日 → "平成1年1月1日という日はありません。平成は平成元年1月8日からです。\" """
	if outside.before:
		return _("{0} does not exist: {1} began on {2}.").format(
			escape_html(value), outside.era.name, wareki(outside.era.start)
		)
	return _("{0} does not exist: {1} ended on {2}.").format(
		escape_html(value), outside.era.name, wareki(eras.end(outside.era))
	)
