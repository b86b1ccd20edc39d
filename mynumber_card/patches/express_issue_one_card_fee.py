"""特急発行 is one card fee in place of the ordinary one (1,800円, 2,000円 with certificates: 明和町, 大江町),
no longer an addition on top of it (1,000円). A town that set its own addition keeps its totals: the
new card fee is its card fee plus its addition. The old setting's stored value goes."""

import frappe
from frappe.utils import cint

SETTINGS = "MyNumber Card Settings"
OLD, NEW = "reissue_fee_express", "reissue_fee_express_card"


def execute():
	singles = frappe.qb.DocType("Singles")
	stored = dict(
		frappe.qb.from_(singles)
		.select(singles.field, singles.value)
		.where((singles.doctype == SETTINGS) & singles.field.isin([OLD, NEW, "reissue_fee_card"]))
		.run()
	)
	if stored.get(OLD) not in (None, "") and stored.get(NEW) in (None, ""):
		card = stored.get("reissue_fee_card")
		card = (
			cint(card)
			if card not in (None, "")
			else cint(frappe.get_meta(SETTINGS).get_field("reissue_fee_card").default)
		)
		frappe.db.set_single_value(SETTINGS, NEW, card + cint(stored[OLD]))
	frappe.qb.from_(singles).delete().where((singles.doctype == SETTINGS) & (singles.field == OLD)).run()
