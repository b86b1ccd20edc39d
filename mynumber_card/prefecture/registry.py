"""Linking a town to the overview: on the overview, the town's record, its reporting user with an API
key (Frappe's token auth) and the secret its reports are signed with; on the town, where to send them.
Both idempotent: a second run keeps the keys and secrets it made the first time."""

import frappe
from frappe import _

from mynumber_card.core.site_url import checked_site_url
from mynumber_card.prefecture import roles, site_role
from mynumber_card.prefecture.overview import TOWN

REPORTER_DOMAIN = "prefecture-reporting.invalid"  # never a mailbox: the user only holds an API key


def reporter_email(code: str) -> str:
	return f"town-{code}@{REPORTER_DOMAIN}"


def _reporter(code: str) -> tuple[str, str, str]:
	"""The town's reporting user on this site, with its API key and secret (made once)."""
	roles.ensure_roles()
	email = reporter_email(code)
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": code,
				"user_type": "Website User",
				"send_welcome_email": 0,
				"roles": [{"role": roles.REPORTER}],
			}
		).insert(ignore_permissions=True)
	secret = user.get_password("api_secret", raise_exception=False) if user.api_key else None
	if not secret:
		user.api_key = frappe.generate_hash(length=15)
		secret = frappe.generate_hash(length=15)
		user.api_secret = secret
		user.save(ignore_permissions=True)
	return email, user.api_key, secret


def register_town(code: str, town_name: str, kind: str, site_name: str, transport: str = "Push") -> dict:
	"""On the overview: the town, its reporting user and signing secret; what the town must be told."""
	site_role.require_overview()
	email, api_key, api_secret = _reporter(code)
	town = frappe.get_doc(TOWN, code) if frappe.db.exists(TOWN, code) else frappe.new_doc(TOWN)
	wanted = {
		"town_name": town_name,
		"municipality_type": kind,
		"site_name": site_name,
		"reporter_user": email,
	}
	changed = town.is_new() or any(town.get(k) != v for k, v in wanted.items())
	if town.is_new():
		town.update({"town_code": code, "transport": transport})
	signing = None if town.is_new() else town.get_password("signing_secret", raise_exception=False)
	if not signing:
		signing = frappe.generate_hash(length=32)
		town.signing_secret = signing
		changed = True
	if changed:
		town.update(wanted)
		town.save(ignore_permissions=True)
	return {"api_key": api_key, "api_secret": api_secret, "signing_secret": signing}


def link_town(overview_url: str, keys: dict, transport: str = "Push") -> bool:
	"""On a town: report to the overview. True when something changed."""
	site_role.require_town()
	url = checked_site_url(overview_url)
	if not url:
		frappe.throw(_("The overview site's address must be like https://pref.example.lg.jp (no path)."))
	settings = frappe.get_single(site_role.SETTINGS)
	wanted = {"report_transport": transport, "overview_url": url, "overview_api_key": keys["api_key"]}
	changed = any(settings.get(k) != v for k, v in wanted.items())
	for field, key in (("overview_api_secret", "api_secret"), ("report_signing_secret", "signing_secret")):
		if settings.get_password(field, raise_exception=False) != keys[key]:
			settings.set(field, keys[key])
			changed = True
	if changed:
		settings.update(wanted)
		settings.save(ignore_permissions=True)
	return changed
