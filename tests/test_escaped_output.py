"""Escape on output, checked in the app's files (issue 21, the second wall): the JavaScript that builds
HTML escapes every value it puts in, every template the app renders is inside an autoescape region, each
script report escapes its text cells, each doctype prints its text escaped, and the desk loads the
escaping formatters. The browser test (site_tests/test_hostile_input_browser.py) checks the same on a
site with hostile data planted."""

import ast
import json
from pathlib import Path

import pytest
from jinja2 import Environment, nodes

from tests.app_files import APP, MODULE_DIR
from tests.js_html import lex, unsafe_expressions

SCRIPTS = sorted(p for p in APP.rglob("*.js") if "node_modules" not in p.parts and "dist" not in p.parts)


def _name(path: Path) -> str:
	return str(path.relative_to(APP))


# JavaScript ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", SCRIPTS, ids=_name)
def test_html_built_in_javascript_escapes_every_value(path):
	unsafe = unsafe_expressions(path.read_text(encoding="utf-8"))
	assert not unsafe, (
		"escape these with mynumber_card.esc (or build them in a *_html function): "
		+ "; ".join(f"line {line}: ${{{expr}}}" for line, expr in unsafe)
	)


@pytest.mark.parametrize(
	"script",
	(
		"$el.html(`<b>${row.full_name}</b>`);",
		"frappe.msgprint(`Checked in: ${name}`);",
		"frappe.show_alert({ message: `${r.message} done` });",
		"$list.append(`<li>${__(row.state)}</li>`);",
		"const x = `<td>${count + 1}</td>`;",
		"const row_html = r.full_name;",
		"const rows_html = rows.map((r) => `<li>${r.name}</li>`).join('');",
		"const list = `<ul>${rows.map((r) => `<li>${r}</li>`).join('')}</ul>`;",
		"el.innerHTML = `${value}`;",
		"function cell_html(r) { return r.name; }",
		"const t = `<p>${__('{0} cards', [row.name])}</p>`;",
		"$(`<div>${a ? b : esc(c)}</div>`);",
	),
)
def test_the_check_finds_unescaped_values(script):
	assert unsafe_expressions(script), script


@pytest.mark.parametrize(
	"script",
	(
		"$el.html(`<b>${esc(row.full_name)}</b>`);",
		"$el.html(`<b>${mynumber_card.esc(row.full_name)}</b> ${frappe.utils.escape_html(x)}`);",
		"frappe.msgprint(`${__('Saved')}: ${this.esc(name)}`);",
		"$list.append(`<li>${__('{0} of {1}', [cint(a), esc(b)])} (${rows.length})</li>`);",
		"const rows_html = rows.map((r) => `<li>${esc(r.name)}</li>`).join('');",
		"$t.html(`<ul>${rows_html}</ul>${this.table_html(rows)}`);",
		"const list = `<ul>${rows.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>`;",
		"function cell_html(r) { return `<td>${esc(r.name)}</td>`; }",
		"const x = `<p class='${on ? 'on' : ''}'>${flt(total)}</p>`;",
		"window.open(`/api/method/x?${query}`);",  # a URL, not HTML
		"$(`label[for='${CSS.escape(id)}']`);",
		"const a = /[<'\"`]/g; $b.html(`<i>${esc(a)}</i>`);",  # a regular expression with quotes in it
	),
)
def test_the_check_accepts_escaped_and_static_values(script):
	assert not unsafe_expressions(script), script


def _esc_definitions(src: str):
	"""Each `esc = …` or `esc(value) { … }` in a script, as the tokens of what it does."""
	tokens, _ = lex(src)

	def statement(start: int) -> list:
		end = next((j for j in range(start, len(tokens)) if tokens[j].text in (";", "}")), len(tokens))
		return tokens[start:end]

	for k, tok in enumerate(tokens[:-1]):
		if tok.kind == "id" and tok.text == "esc":
			following = tokens[k + 1]
			if following.kind == "punct" and following.text == "=":
				yield tok.pos, statement(k + 2)
			elif following.text == "(" and any(t.text == "{" for t in tokens[k + 2 : k + 6]):
				start = next(j for j in range(k + 2, k + 6) if tokens[j].text == "{")
				yield tok.pos, statement(start + 1)


@pytest.mark.parametrize("path", SCRIPTS, ids=_name)
def test_every_local_esc_is_the_shared_escape(path):
	"""The check above trusts a call named esc: each must be mynumber_card.esc or Frappe's escape_html."""
	for _, body in _esc_definitions(path.read_text(encoding="utf-8")):
		texts = [t.text for t in body]
		assert "escape_html" in texts or (
			"mynumber_card" in texts and "esc" in texts
		), f"{_name(path)}: esc must be mynumber_card.esc or frappe.utils.escape_html, not {' '.join(texts)}"


def test_the_desk_loads_the_escaping_formatters():
	namespace: dict = {}
	exec((APP / "hooks.py").read_text(encoding="utf-8"), namespace)
	assert "/assets/mynumber_card/js/escape_output.js" in namespace["app_include_js"]
	assert (APP / "public" / "js" / "escape_output.js").exists()
	overrides = namespace["override_whitelisted_methods"]
	assert overrides["frappe.desk.query_report.export_query"] == "mynumber_card.audit.export_query"
	assert overrides["frappe.desk.reportview.export_query"] == "mynumber_card.exports.export_report_view"


@pytest.mark.parametrize("path", sorted((MODULE_DIR / "report").glob("*/*.js")), ids=_name)
def test_every_script_report_escapes_its_text_cells(path):
	texts = [t.text for t in lex(path.read_text(encoding="utf-8"))[0]]  # code only, not comments
	assert "report_cell_html" in texts, f"{_name(path)}: formatter: mynumber_card.report_cell_html"


# Python: what the doctypes print -------------------------------------------------------------------------
def _controllers():
	for path in sorted((MODULE_DIR / "doctype").glob("*/*.py")):
		if path.stem == path.parent.name:
			yield path


@pytest.mark.parametrize("path", list(_controllers()), ids=_name)
def test_every_doctype_prints_its_text_escaped(path):
	"""Frappe's Standard print format puts doc.get_formatted() into HTML unescaped: every controller
	inherits utils.text_document.TextDocument, which escapes it (the ones saved at every scan or booking
	through utils.lean_document.LeanDocument, a TextDocument)."""
	module = ast.parse(path.read_text(encoding="utf-8"))
	bases = {
		node.name: [getattr(b, "id", getattr(b, "attr", "")) for b in node.bases]
		for node in module.body
		if isinstance(node, ast.ClassDef)
	}
	doctype_classes = {name: b for name, b in bases.items() if not name.endswith("Error")}
	assert doctype_classes and all(
		b in (["TextDocument"], ["LeanDocument"]) for b in doctype_classes.values()
	), doctype_classes
	lean = (APP / "utils" / "lean_document.py").read_text(encoding="utf-8")
	assert "class LeanDocument(TextDocument):" in lean


# Jinja templates -----------------------------------------------------------------------------------------
# `| safe` only where the value is markup the app made (none today); add "file: why" when one is needed.
SAFE_FILTER_ALLOWED: dict[str, str] = {}


def _templates():
	for folder in ("templates", "www"):
		for path in sorted((APP / folder).rglob("*.html")):
			yield _name(path), path.read_text(encoding="utf-8")
	for path in sorted((MODULE_DIR / "print_format").glob("*/*.json")):
		html = json.loads(path.read_text(encoding="utf-8")).get("html")
		if html:
			yield _name(path), html


def _unescaped_outputs(node, escaped: bool, found: list, safe_filters: list):
	"""Walk a template: every {{ … }} outside an autoescape region; every `| safe`. A block is compiled
	on its own, so an autoescape around a block does not reach into it."""
	if isinstance(node, nodes.Block):
		escaped = False
	if isinstance(node, nodes.ScopedEvalContextModifier | nodes.EvalContextModifier):
		for option in node.options:
			if option.key == "autoescape":
				escaped = isinstance(option.value, nodes.Const) and option.value.value is True
	if isinstance(node, nodes.Filter) and node.name == "safe":
		safe_filters.append(node.lineno)
	if isinstance(node, nodes.Output):
		for child in node.nodes:
			if not isinstance(child, nodes.TemplateData) and not escaped:
				found.append(child.lineno)
	for child in node.iter_child_nodes():
		_unescaped_outputs(child, escaped, found, safe_filters)


TEMPLATES = list(_templates())


@pytest.mark.parametrize(("name", "source"), TEMPLATES, ids=[name for name, _ in TEMPLATES])
def test_every_template_escapes_what_it_prints(name, source):
	"""Frappe's Jinja has no autoescape: each template (and each block of a page) wraps what it prints in
	{% autoescape true %}; an included template is compiled on its own, so each file has its own."""
	template = Environment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"]).parse(source)
	found: list[int] = []
	safe_filters: list[int] = []
	_unescaped_outputs(template, False, found, safe_filters)
	assert not found, f"{name}: output outside {{% autoescape true %}} on lines {sorted(set(found))}"
	assert not safe_filters or name in SAFE_FILTER_ALLOWED, f"{name}: | safe on lines {safe_filters}"


def test_the_template_check_finds_unescaped_output():
	env = Environment()
	for source in (
		"{{ name }}",
		"{% autoescape false %}{{ name }}{% endautoescape %}",
		"{% autoescape true %}{% block content %}{{ name }}{% endblock %}{% endautoescape %}",
	):
		found: list[int] = []
		_unescaped_outputs(env.parse(source), False, found, [])
		assert found, source
	found = []
	_unescaped_outputs(
		env.parse("{% block b %}{% autoescape true %}{{ n }}{% endautoescape %}{% endblock %}"),
		False,
		found,
		[],
	)
	assert not found
