"""A 交付通知書 that came back undeliverable (返戻): the one rule for the scanner and the list's bulk
action. Recorded once, and only on a card whose notice is out."""

import frappe
from frappe import _

from mynumber_card.core import lifecycle


class NoNoticeOut(frappe.ValidationError):
	pass


def record_returned_notice(card) -> bool:
	"""Record the day on the card; False when it was recorded already (nothing changes)."""
	if card.notice_returned_date:
		return False
	if card.workflow_state not in lifecycle.AWAITING_PICKUP:
		frappe.throw(_("No notice is out for this card ({0}).").format(_(card.workflow_state)), NoNoticeOut)
	card.notice_returned_date = frappe.utils.today()
	card.save()
	return True
