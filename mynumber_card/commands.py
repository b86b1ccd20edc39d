"""bench commands of the app: `bench --site X mynumber-card-demo`."""

import click
from frappe.commands import get_site, pass_context


@click.command("mynumber-card-demo")
@click.option(
	"--force",
	is_flag=True,
	default=False,
	help="Also on a site not in developer mode or holding records the demo did not make "
	"(System Settings are then left alone).",
)
@pass_context
def mynumber_card_demo(context, force=False):
	"""Fill the site with a believable demo town (idempotent: a second run adds nothing).

	Refused on a site that is not in developer mode or already holds real cards or bookings,
	unless --force. New demo staff get random passwords, printed here once."""
	import frappe

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		try:
			counts, passwords = run_demo(force)
		except frappe.ValidationError as refused:
			frappe.db.rollback()
			raise click.ClickException(str(refused)) from None
		frappe.db.commit()
		for doctype, count in counts.items():
			click.echo(f"{doctype}: {count}")
		echo_passwords(site, passwords)
	finally:
		frappe.destroy()


def run_demo(force: bool = False) -> tuple[dict[str, int], dict[str, str]]:
	"""The command on a connected site: the guard, then the demo; (counts, new staff's passwords)."""
	from mynumber_card.demo.town import check_demo_allowed, make_demo, make_staff

	check_demo_allowed(force)
	passwords = make_staff()  # before make_demo, whose own call then finds them
	return make_demo(), passwords


def echo_passwords(site: str, passwords: dict[str, str]):
	from frappe import _

	if passwords:
		click.echo(_("Demo staff and their passwords (shown only this once):"))
		for email, password in passwords.items():
			click.echo(f"  {email}  {password}")
	else:
		click.echo(
			_(
				"The demo staff already exist; to give one a new password: bench --site {0} set-password EMAIL"
			).format(site)
		)


from mynumber_card.prefecture.commands import commands as prefecture_commands

commands = [mynumber_card_demo, *prefecture_commands]
