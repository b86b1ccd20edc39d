"""The residents' pages' files keep to what their Content-Security-Policy allows (core/csp.py): no
inline script in a www page (data goes in escaped data- attributes), scripts that exist, and web
form scripts that Jinja leaves as they are (Frappe renders them through Jinja before inlining them,
and the policy hashes exactly the text made from the files)."""

import re

import pytest

from mynumber_card.core.csp import RESIDENT_ROUTES
from tests.app_files import APP, MODULE_DIR

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r'\bsrc="/assets/mynumber_card/([^"?]+)"')
WWW_PAGES = sorted((APP / "www").glob("*.html"))


def _hooks() -> dict:
	namespace: dict = {}
	exec((APP / "hooks.py").read_text(encoding="utf-8"), namespace)
	return namespace


def test_every_www_page_is_a_resident_route_under_the_policy():
	assert {page.stem for page in WWW_PAGES} <= set(RESIDENT_ROUTES)
	assert _hooks()["after_request"] == ["mynumber_card.resident_csp.add_policy"]


@pytest.mark.parametrize("page", WWW_PAGES, ids=lambda p: p.name)
def test_www_pages_have_no_inline_script(page):
	scripts = _SCRIPT.findall(page.read_text(encoding="utf-8"))
	assert scripts, "the page's script is loaded from /assets"
	for attributes, body in scripts:
		assert body.strip() == "", f"inline script in {page.name}: move it to public/js"
		asset = _SRC.search(attributes)
		assert asset and (APP / "public" / asset[1]).is_file(), attributes


def web_form_scripts():
	own = [p for p in (MODULE_DIR / "web_form").glob("*/*.js") if p.stem == p.parent.name]
	included = [APP / path for paths in _hooks()["webform_include_js"].values() for path in paths]
	return sorted({*own, *included})


@pytest.mark.parametrize("path", web_form_scripts(), ids=lambda p: p.name)
def test_web_form_scripts_hold_no_jinja(path):
	text = path.read_text(encoding="utf-8")
	for delimiter in ("{{", "{%", "{#", ".__"):
		assert delimiter not in text, f"{path.name} holds {delimiter}: Frappe renders it through Jinja"
