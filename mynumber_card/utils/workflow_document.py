"""The base of the app's two doctypes with a workflow (MyNumber Card, Card Booking): their saves skip
Frappe's Workflow Action bookkeeping, which makes nothing for them and costs most of a save.

Every state of both workflows is optional, Frappe's own switch for "make no Workflow Action rows"
(fixtures; a static test keeps it so): staff work from the day sheet, the scanner and the ledger
reports. Yet Frappe's `process_workflow_actions`, a `doc_events["*"]["on_update"]` hook, still looks
up the document's next states one by one, uncached, on every save: 11 queries for a new card, 9 for
a booking. Measured in one process (2026-12-06, 300 cards from earlier records each): a card's
insert made 17 queries and took 26.8 ms with it, 5 queries and 8.1 ms without. Frappe v15 has no
switch that turns the hook off for a doctype, so `run_method("on_update")` here runs the
controller's on_update and every other hook as Frappe does (assignment rules, file links,
notifications, webhooks, server scripts), leaving out that one. Where a site has made a state
non-optional, the hook would make rows, and it runs as before."""

import frappe
from frappe.core.doctype.server_script.server_script_utils import run_server_script_for_doc_event
from frappe.integrations.doctype.webhook import run_webhooks
from frappe.model.workflow import get_workflow_name

from mynumber_card.utils.text_document import TextDocument

WORKFLOW_ACTIONS = "frappe.workflow.doctype.workflow_action.workflow_action.process_workflow_actions"


class WorkflowDocument(TextDocument):
	def run_method(self, method, *args, **kwargs):
		if method != "on_update" or not workflow_actions_made_by_none(self.doctype):
			return super().run_method(method, *args, **kwargs)
		own = getattr(self, method, None)  # as Document.run_method: the controller's, if it has one
		out = own(*args, **kwargs) if callable(own) else None
		hooks = frappe.get_doc_hooks()
		for handler in hooks.get(self.doctype, {}).get(method, []) + hooks.get("*", {}).get(method, []):
			if handler != WORKFLOW_ACTIONS:
				frappe.get_attr(handler)(self, method, *args, **kwargs)
		self.run_notifications(method)
		run_webhooks(self, method)
		run_server_script_for_doc_event(self, method)
		return out


def workflow_actions_made_by_none(doctype: str) -> bool:
	"""Whether Frappe's bookkeeping would make no Workflow Action row: every state optional."""
	workflow = get_workflow_name(doctype)
	if not workflow:
		return True
	return all(state.is_optional_state for state in frappe.get_cached_doc("Workflow", workflow).states)
