"""Web Push from the site itself: VAPID (RFC 8292) signs each message for the browser maker's push
service, pywebpush encrypts it for the one phone (RFC 8291, aes128gcm). No outside relay.

The site's VAPID key pair is made on first use (under a file lock, so that two workers never make two)
and kept in the site's own config (sites/<site>/site_config.json, beside the encryption key), never in
the repository. Phones subscribe with the public key; changing it makes every subscription void."""

import base64
import json
import os

import frappe
from frappe.utils import get_url
from frappe.utils.synchronization import filelock

from mynumber_card import settings

PRIVATE_KEY = "mnc_web_push_private_key"
PUBLIC_KEY = "mnc_web_push_public_key"
TTL_SECONDS = 15 * 60  # a notice not delivered within a quarter of an hour is of no use
TIMEOUT_SECONDS = 10
GONE = (404, 410)  # the push service forgot the subscription: it will never deliver again


def _b64url(data: bytes) -> str:
	return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _stored() -> dict:
	path = frappe.get_site_path("site_config.json")
	if not os.path.exists(path):
		return {}
	with open(path, encoding="utf-8") as config:
		return json.load(config)


def keys() -> tuple[str, str]:
	"""(private, public), base64url: the raw P-256 scalar and the uncompressed point."""
	private, public = frappe.conf.get(PRIVATE_KEY), frappe.conf.get(PUBLIC_KEY)
	if private and public:
		return private, public
	with filelock("mnc_web_push_keys"):
		stored = _stored()
		if not (stored.get(PRIVATE_KEY) and stored.get(PUBLIC_KEY)):
			from cryptography.hazmat.primitives.asymmetric import ec
			from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
			from frappe.installer import update_site_config

			key = ec.generate_private_key(ec.SECP256R1())
			stored[PRIVATE_KEY] = _b64url(key.private_numbers().private_value.to_bytes(32, "big"))
			stored[PUBLIC_KEY] = _b64url(
				key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
			)
			# the private key first: a reader takes the pair only when both are there
			update_site_config(PRIVATE_KEY, stored[PRIVATE_KEY])
			update_site_config(PUBLIC_KEY, stored[PUBLIC_KEY])
	frappe.local.conf[PRIVATE_KEY], frappe.local.conf[PUBLIC_KEY] = stored[PRIVATE_KEY], stored[PUBLIC_KEY]
	return stored[PRIVATE_KEY], stored[PUBLIC_KEY]


def public_key() -> str:
	"""What the ticket page subscribes with (applicationServerKey)."""
	return keys()[1]


def subject() -> str:
	"""Whom the push service may contact about the messages (VAPID's `sub`): the town's contact mail, or
	the site when it is served over https."""
	email = settings.values("contact_email").contact_email
	if email and "@" in email:
		return f"mailto:{email.strip()}"
	url = get_url()
	if url.startswith("https://"):
		return url.rstrip("/")
	host = url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
	return f"mailto:webmaster@{host}"


class _NoRedirects:
	"""Posts as requests does, but never follows a redirect: the site posts only to the push services the
	town lists, and a redirect could point anywhere (the town's own network)."""

	@staticmethod
	def post(url, **kwargs):
		import requests

		return requests.post(url, allow_redirects=False, **kwargs)


def send(endpoint: str, p256dh: str, auth: str, message: dict) -> int:
	"""Post one encrypted message; the push service's HTTP status (201 when taken)."""
	from py_vapid import Vapid
	from pywebpush import WebPushException, webpush

	try:
		response = webpush(
			subscription_info={"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}},
			data=json.dumps(message, ensure_ascii=False),
			vapid_private_key=Vapid.from_raw(keys()[0].encode()),
			# a new dict each time: pywebpush writes the audience (the push service) into it
			vapid_claims={"sub": subject()},
			ttl=TTL_SECONDS,
			timeout=TIMEOUT_SECONDS,
			content_encoding="aes128gcm",
			requests_session=_NoRedirects(),
		)
	except WebPushException as error:
		if error.response is not None:
			return error.response.status_code
		raise
	return response.status_code
