"""bench commands of the app: `bench --site X mynumber-card-demo`."""

import click
from frappe.commands import get_site, pass_context


@click.command("mynumber-card-demo")
@pass_context
def mynumber_card_demo(context):
	"""Fill the site with a believable demo town (idempotent: a second run adds nothing)."""
	import frappe

	from mynumber_card.demo import make_demo

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		counts = make_demo()
		frappe.db.commit()
		for doctype, count in counts.items():
			click.echo(f"{doctype}: {count}")
	finally:
		frappe.destroy()


commands = [mynumber_card_demo]
