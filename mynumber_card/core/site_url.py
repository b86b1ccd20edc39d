"""A site's web address as the prefecture links its sites (overview and towns): http or https, a host,
an optional port, no path, query, user or fragment. Reports go to a fixed method under it."""

import re

_URL_RE = re.compile(r"^(https?)://([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(:\d{1,5})?/?$", re.ASCII)


def checked_site_url(value) -> str | None:
	"""The address without a trailing slash, or None when it is not one."""
	text = str(value or "").strip().lower()
	match = _URL_RE.match(text)
	if not match:
		return None
	if match[3] and not 0 < int(match[3][1:]) < 65536:
		return None
	return text.rstrip("/")
