"""Link search on the shared closed lists (core/vocabularies.py), hooked as their standard query."""

import frappe
from frappe import _

from mynumber_card.core import vocabularies


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def search(
	doctype: str,
	txt: str,
	searchfield: str,
	start: int,
	page_len: int,
	filters: dict | list | None,
	as_dict: bool = False,
):
	"""The records in their order (Frappe's search_link sorts a translated doctype by its translated
	names), those whose Japanese or stored name contains what staff typed. All of them: a list has
	at most 16, more than the Link field's page of 10, and none may be out of reach."""
	if doctype not in vocabularies.RECORDS:
		frappe.throw(_("{0} is not one of the app's lists.").format(doctype), frappe.PermissionError)
	names = frappe.get_list(doctype, filters=filters, order_by="sort_order asc, name asc", pluck="name")
	found = vocabularies.matching(names, txt, _)
	return [{"name": name} for name in found] if as_dict else [(name,) for name in found]
