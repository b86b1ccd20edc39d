"""Helpers for print formats and emails (hooks.py `jinja`)."""

import segno
from frappe import _
from frappe.utils import getdate

from mynumber_card.core import dates
from mynumber_card.core.lifecycle import STATE_LABELS_JA


def qr_data_uri(text: str, scale: int = 4) -> str:
	"""A PNG data URI of a QR code: works in the browser, in emails and in wkhtmltopdf, offline.
	Always a full QR code: scanners and zbar do not read the Micro QR that segno.make may choose."""
	return segno.make_qr(text, error="m").png_data_uri(scale=scale, border=2)


def wareki(value, with_weekday: bool = False) -> str:
	return dates.wareki(getdate(value) if value else None, with_weekday=with_weekday)


def state_label(state: str | None) -> str:
	return STATE_LABELS_JA.get(state or "", _(state or ""))
