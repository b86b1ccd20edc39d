"""What to bring moves to one home per purpose, with the identity documents as settings lists A and B.

- A purpose whose list holds the old built-in identity line loses that line and asks for lists A/B.
- The guide letter's own list (settings `pickup_items_to_bring`) goes: the letter now shows the pickup
  purpose's list. Lines of it the pickup purpose lacks are added to that purpose, so nothing typed is lost.
A town's own wording of anything else is left as it is."""

import frappe

from mynumber_card.core.what_to_bring import lines

SETTINGS = "MyNumber Card Settings"
OLD_IDENTITY_LINE = (
	"本人確認書類（運転免許証・パスポートなど顔写真付きのもの1点。ない場合は資格確認書・年金手帳など2点）"
)


def execute():
	for name in frappe.get_all("Booking Purpose", pluck="name"):
		purpose = frappe.get_doc("Booking Purpose", name)
		items = list(lines(purpose.what_to_bring))
		purpose.needs_identity = int(OLD_IDENTITY_LINE in items)
		purpose.what_to_bring = "\n".join(item for item in items if item != OLD_IDENTITY_LINE)
		purpose.db_update()
	move_letter_list()


def move_letter_list():
	singles = frappe.qb.DocType("Singles")
	where = (singles.doctype == SETTINGS) & (singles.field == "pickup_items_to_bring")
	found = frappe.qb.from_(singles).select(singles.value).where(where).run(pluck=True)
	pickup = frappe.get_all("Booking Purpose", filters={"is_pickup": 1}, pluck="name", order_by="sort_order")
	if not found or not pickup:
		return  # nothing to move, or nowhere to keep it: the row stays for staff to see
	letter = lines(found[0])
	purpose = frappe.get_doc("Booking Purpose", pickup[0])
	items = list(lines(purpose.what_to_bring))
	items += [item for item in letter if item != OLD_IDENTITY_LINE and item not in items]
	purpose.what_to_bring = "\n".join(items)
	purpose.needs_identity = int(purpose.needs_identity or OLD_IDENTITY_LINE in letter)
	purpose.db_update()
	frappe.qb.from_(singles).delete().where(where).run()
