"""Finds the HTML the app's JavaScript builds from template literals, and says which `${…}` in it could
put stored text into the page unescaped (the static half of issue 21's "escape on output").

A small lexer (strings, comments, regular expressions, template literals with nested `${}`) turns a
script into tokens; brackets are grouped into a tree; an expression is judged on that tree. An
expression is safe when it cannot carry text from outside as markup:
  - an escape call: esc(…), this.esc(…), mynumber_card.esc(…), frappe.utils.escape_html(…);
  - a translation of a literal, __("…"), with arguments that are safe themselves;
  - a literal (string, number), or a template literal whose own expressions are safe;
  - a number: `x.length`, cint(…), flt(…);
  - HTML the app built from checked parts, by name: a variable, property or function ending in `_html`
    (the template literals that build them are checked here too);
  - a conditional, `||`, `??`, `+` of safe parts, or `a && b` with b safe (a falsy a prints nothing
    harmful);
  - rows.map((r) => <safe>).join(…), [<safe>, …].join(…), also with .filter(…) before the join;
  - one of KNOWN_SAFE_CALLEES, each with its reason (keep it short).
HTML is: a template literal with markup, or one given to an HTML sink (.html, $, .append, msgprint,
show_alert, message:, innerHTML…), to an `x_html =` name, to a function with an `*_html` parameter, or
written in a function named `*_html` (whose `return`s must be safe too).
Anything else fails the test: escape it, or build it in a `*_html` function from checked parts."""

import re
from dataclasses import dataclass, field

_PUNCT = sorted(
	(
		"===",
		"!==",
		"...",
		"**=",
		"=>",
		"==",
		"!=",
		"<=",
		">=",
		"&&",
		"||",
		"??",
		"?.",
		"++",
		"--",
		"+=",
		"-=",
		"*=",
		"/=",
		"%=",
		"&=",
		"|=",
		"^=",
		"**",
		"<<",
		">>",
	),
	key=len,
	reverse=True,
)
_REGEX_AFTER_WORDS = {"return", "typeof", "case", "in", "of", "delete", "void", "throw", "new", "else", "do"}
_ID = re.compile(r"[A-Za-z_$\u00c0-\uffff][\w$\u00c0-\uffff]*")
_NUMBER = re.compile(r"(?:0[xX][0-9a-fA-F_]+|\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)n?")


@dataclass
class Tok:
	kind: str  # id, num, str, regex, tpl, punct
	text: str
	pos: int
	parts: list = field(default_factory=list)  # tpl: the static text between expressions
	exprs: list = field(default_factory=list)  # tpl: each ${…} as a token list


class JsSyntaxError(ValueError):
	pass


def _regex_allowed(prev: Tok | None) -> bool:
	if prev is None:
		return True
	if prev.kind == "punct":
		return prev.text not in (")", "]", "}")
	return prev.kind == "id" and prev.text in _REGEX_AFTER_WORDS


def lex(src: str, i: int = 0, in_template_expr: bool = False) -> tuple[list[Tok], int]:
	"""Tokens from src[i:]; inside a template's ${…}, up to its closing brace (returned index after it)."""
	tokens: list[Tok] = []
	depth = 0
	n = len(src)
	while i < n:
		c = src[i]
		if c.isspace():
			i += 1
		elif src.startswith("//", i):
			i = src.find("\n", i)
			i = n if i < 0 else i
		elif src.startswith("/*", i):
			end = src.find("*/", i + 2)
			if end < 0:
				raise JsSyntaxError(f"unclosed comment at {i}")
			i = end + 2
		elif c in "'\"":
			j = i + 1
			while j < n and src[j] != c:
				if src[j] == "\\":
					j += 1
				elif src[j] == "\n":
					raise JsSyntaxError(f"unclosed string at {i}")
				j += 1
			tokens.append(Tok("str", src[i : j + 1], i))
			i = j + 1
		elif c == "`":
			tok, i = _template(src, i)
			tokens.append(tok)
		elif c == "/" and _regex_allowed(tokens[-1] if tokens else None):
			j, in_class = i + 1, False
			while j < n and (in_class or src[j] != "/"):
				if src[j] == "\\":
					j += 1
				elif src[j] == "[":
					in_class = True
				elif src[j] == "]":
					in_class = False
				elif src[j] == "\n":
					raise JsSyntaxError(f"unclosed regular expression at {i}")
				j += 1
			j += 1
			while j < n and src[j].isalpha():
				j += 1
			tokens.append(Tok("regex", src[i:j], i))
			i = j
		elif (
			m := _NUMBER.match(src, i)
			if (c.isdigit() or (c == "." and src[i + 1 : i + 2].isdigit()))
			else None
		):
			tokens.append(Tok("num", m.group(), i))
			i = m.end()
		elif m := _ID.match(src, i):
			tokens.append(Tok("id", m.group(), i))
			i = m.end()
		else:
			if in_template_expr and c == "{":
				depth += 1
			elif in_template_expr and c == "}":
				if depth == 0:
					return tokens, i + 1
				depth -= 1
			op = next((p for p in _PUNCT if src.startswith(p, i)), c)
			tokens.append(Tok("punct", op, i))
			i += len(op)
	if in_template_expr:
		raise JsSyntaxError("unclosed ${ in a template literal")
	return tokens, i


def _template(src: str, i: int) -> tuple[Tok, int]:
	tok = Tok("tpl", "", i)
	j, text = i + 1, []
	while True:
		if j >= len(src):
			raise JsSyntaxError(f"unclosed template literal at {i}")
		c = src[j]
		if c == "\\":
			text.append(src[j : j + 2])
			j += 2
		elif c == "`":
			tok.parts.append("".join(text))
			tok.text = src[i : j + 1]
			return tok, j + 1
		elif src.startswith("${", j):
			tok.parts.append("".join(text))
			text = []
			expr, j = lex(src, j + 2, in_template_expr=True)
			tok.exprs.append(expr)
		else:
			text.append(c)
			j += 1


# Expressions ----------------------------------------------------------------------------------------
_PAIRS = {"(": ")", "[": "]", "{": "}"}


@dataclass
class Group:
	open: str
	items: list  # Tok or Group


def tree(tokens: list[Tok]) -> list:
	"""Brackets grouped: a flat token list becomes a list of tokens and Groups."""
	stack: list[list] = [[]]
	opens: list[str] = []
	for tok in tokens:
		if tok.kind == "punct" and tok.text in _PAIRS:
			opens.append(tok.text)
			stack.append([])
		elif tok.kind == "punct" and tok.text in _PAIRS.values():
			if not opens or _PAIRS[opens[-1]] != tok.text:
				raise JsSyntaxError(f"unbalanced {tok.text!r} at {tok.pos}")
			items = stack.pop()
			stack[-1].append(Group(opens.pop(), items))
		else:
			stack[-1].append(tok)
	if opens:
		raise JsSyntaxError("unbalanced brackets")
	return stack[0]


def _is(item, kind: str, text: str | None = None) -> bool:
	return isinstance(item, Tok) and item.kind == kind and (text is None or item.text == text)


def _split(items: list, op: str) -> list[list]:
	parts, current = [], []
	for item in items:
		if _is(item, "punct", op):
			parts.append(current)
			current = []
		else:
			current.append(item)
	parts.append(current)
	return parts


ESCAPE_CALLEES = ("esc", "escape_html")
NUMBER_CALLEES = ("cint", "flt")
# Known-safe helpers, each with the reason; keep this short.
KNOWN_SAFE_CALLEES = {
	# Frappe's report cell formatter, as a report's formatter receives it: it only adds markup around
	# the value, which report_cell_html (escape_output.js) escaped before calling it.
	"default_formatter",
	# the browser's escape for a value inside a CSS (jQuery) selector
	"CSS.escape",
}


def _last_call(items: list):
	"""For `receiver.name(…)` or `name(…)`: (name, receiver items, argument group); else None."""
	if len(items) >= 2 and isinstance(items[-1], Group) and items[-1].open == "(" and _is(items[-2], "id"):
		receiver = items[:-2]
		if not receiver:
			return items[-2].text, [], items[-1]
		if _is(receiver[-1], "punct", ".") or _is(receiver[-1], "punct", "?."):
			return items[-2].text, receiver[:-1], items[-1]
	return None


def _is_chain(items: list) -> bool:
	"""A name or a property path: frappe.utils, this, CardScanner."""
	return all(_is(t, "id") or _is(t, "punct", ".") or _is(t, "punct", "?.") for t in items)


def _arguments(group: Group) -> list[list]:
	return [a for a in _split(group.items, ",") if a] if group.items else []


def is_safe(items: list) -> bool:
	"""Whether an expression (a tree, as `tree()` gives) can only produce escaped or static text."""
	while len(items) == 1 and isinstance(items[0], Group) and items[0].open == "(":
		items = items[0].items
	if not items:
		return True
	if any(_is(t, "punct", "=>") for t in items):  # a function giving HTML: its result must be safe
		return _mapped_is_safe(items)
	# conditional: the condition prints nothing; both branches must be safe
	question = next((k for k, t in enumerate(items) if _is(t, "punct", "?")), None)
	if question is not None:
		rest, depth = items[question + 1 :], 0
		for k, t in enumerate(rest):
			if _is(t, "punct", "?"):
				depth += 1
			elif _is(t, "punct", ":"):
				if depth == 0:
					return is_safe(rest[:k]) and is_safe(rest[k + 1 :])
				depth -= 1
		return False
	for op in ("||", "??"):
		parts = _split(items, op)
		if len(parts) > 1:
			return all(is_safe(p) for p in parts)
	parts = _split(items, "&&")
	if len(parts) > 1:
		return is_safe(parts[-1])
	parts = _split(items, "+")
	if len(parts) > 1 and all(parts):
		return all(is_safe(p) for p in parts)
	return _is_safe_operand(items)


def _is_safe_operand(items: list) -> bool:
	if len(items) == 1 and isinstance(items[0], Tok):
		tok = items[0]
		if tok.kind in ("str", "num"):
			return True
		if tok.kind == "tpl":
			return all(is_safe(tree(expr)) for expr in tok.exprs)
	if _is_chain(items):  # x_html, this.rows_html, rows.length
		last = items[-1].text
		return last.endswith("_html") or (last == "length" and len(items) > 1)
	call = _last_call(items)
	if not call:
		return False
	name, receiver, group = call
	if not _is_chain(receiver):
		pass
	elif name in ESCAPE_CALLEES or name in NUMBER_CALLEES or name.endswith("_html"):
		return True
	elif name in KNOWN_SAFE_CALLEES or "".join(t.text for t in receiver) + "." + name in KNOWN_SAFE_CALLEES:
		return True
	if name == "__" and not receiver:
		return _translation_is_safe(_arguments(group))
	if name == "join":
		return _joined_is_safe(receiver)
	if name == "map":  # an array of safe HTML, joined later
		arguments = _arguments(group)
		return len(arguments) == 1 and _mapped_is_safe(arguments[0])
	return False


def _translation_is_safe(arguments: list[list]) -> bool:
	"""__("literal") or __("literal", [safe, …]): a translation of data would print the data."""
	if not arguments or not (len(arguments[0]) == 1 and _is(arguments[0][0], "str")):
		return False
	if len(arguments) == 1:
		return True
	values = arguments[1]
	if len(values) == 1 and isinstance(values[0], Group) and values[0].open == "[":
		return all(is_safe(a) for a in _arguments(values[0]))
	return False


def _joined_is_safe(items: list) -> bool:
	"""The array before `.join(…)`: an array literal of safe items, or `.map(fn)` with a safe result."""
	while (call := _last_call(items)) and call[0] == "filter":
		items = call[1]
	if len(items) == 1 and isinstance(items[0], Group) and items[0].open == "[":
		return all(is_safe(_spread(a)) for a in _arguments(items[0]))
	return (
		_is_safe_operand(items)
		if _last_call(items)
		else _is_chain(items) and items[-1].text.endswith("_html")
	)


def _spread(items: list) -> list:
	return items[1:] if items and _is(items[0], "punct", "...") else items


def _mapped_is_safe(fn: list) -> bool:
	"""The function given to map: an arrow with a safe expression body, or a *_html function."""
	arrow = next((k for k, t in enumerate(fn) if _is(t, "punct", "=>")), None)
	if arrow is None:
		return _is_chain(fn) and fn[-1].text.endswith("_html")
	body = fn[arrow + 1 :]
	if len(body) == 1 and isinstance(body[0], Group) and body[0].open == "{":
		return all(is_safe(value) for value in returned(body[0].items))
	return is_safe(body)


def returned(body: list):
	"""What each `return` of a function body gives (not those of functions nested in it)."""
	for k, item in enumerate(body):
		if _is(item, "id", "return"):
			end = next((j for j in range(k + 1, len(body)) if _is(body[j], "punct", ";")), len(body))
			yield body[k + 1 : end]
		elif isinstance(item, Group) and item.open == "{" and not (k > 0 and _is(body[k - 1], "punct", "=>")):
			yield from returned(item.items)


# What the test reads --------------------------------------------------------------------------------
# Calls whose arguments are HTML: jQuery's, Frappe's dialogs and alerts, a form's intro and headline.
SINK_CALLS = {"html", "append", "prepend", "after", "before", "replaceWith", "msgprint", "show_alert"}
SINK_CALLS |= {"set_intro", "set_headline", "$"}
HTML_PROPERTIES = {"innerHTML", "outerHTML"}
_MARKUP = re.compile(r"<[A-Za-z/!]")


class _Checker:
	"""Walks a script's tree and collects every unsafe `${…}` in HTML, and every unsafe value given to a
	`*_html` name. HTML is: a template literal with markup; anything given to an HTML sink, to an
	`x_html =` assignment, to `message:`, to a function with an `*_html` parameter, or written inside a
	function named `*_html`. Any other call's arguments are its own business: its result is judged where
	it is used."""

	def __init__(self, src: str):
		self.src = src
		self.found: list[tuple[int, str]] = []
		self.html_parameter_functions: set[str] = set()

	def report(self, items: list, fallback: int):
		tokens = list(_flatten(items))
		start = tokens[0].pos if tokens else fallback
		end = tokens[-1].pos + len(tokens[-1].text) if tokens else fallback
		self.found.append((self.src.count("\n", 0, start) + 1, self.src[start:end].strip()))

	def collect_definitions(self, items: list):
		for k, item in enumerate(items):
			if isinstance(item, Group):
				if (
					item.open == "("
					and k > 0
					and _is(items[k - 1], "id")
					and k + 1 < len(items)
					and isinstance(items[k + 1], Group)
					and items[k + 1].open == "{"
					and any(_is(t, "id") and t.text.endswith("_html") for t in item.items)
				):
					self.html_parameter_functions.add(items[k - 1].text)
				self.collect_definitions(item.items)
			elif _is(item, "tpl"):
				for expr in item.exprs:
					self.collect_definitions(tree(expr))

	def template(self, tok: Tok, html: bool):
		html = html or any(_MARKUP.search(part) for part in tok.parts)
		for expr in tok.exprs:
			items = tree(expr)
			if html and not is_safe(items):
				self.report(items, tok.pos)
			self.walk(items, html)

	def walk(self, items: list, html: bool):
		k = 0
		while k < len(items):
			item = items[k]
			name = items[k - 1].text if k > 0 and _is(items[k - 1], "id") else None
			if _is(item, "tpl"):
				self.template(item, html)
			elif isinstance(item, Group):
				inner = html
				if item.open == "(" and name is not None:
					# a call's arguments are HTML only for a sink; what any other call gives is judged by
					# is_safe where it is used (an escape call's argument is text again)
					inner = name in SINK_CALLS or name in self.html_parameter_functions
				elif (
					item.open == "{"
					and k >= 2
					and isinstance(items[k - 1], Group)
					and _is(items[k - 2], "id")
				):
					if items[k - 2].text.endswith("_html"):  # the body of a function named *_html
						inner = True
						self.returns(item.items)
				self.walk(item.items, inner)
			elif _is(item, "id") and k + 1 < len(items) and _is(items[k + 1], "punct"):
				op = items[k + 1].text
				end_at = "," if op == ":" else ";"
				if (op in ("=", "+=") and (item.text.endswith("_html") or item.text in HTML_PROPERTIES)) or (
					op == ":" and item.text == "message"
				):
					end = next(
						(j for j in range(k + 2, len(items)) if _is(items[j], "punct", end_at)), len(items)
					)
					value = items[k + 2 : end]
					if item.text.endswith("_html") and not is_safe(value):
						self.report(value, item.pos)
					self.walk(value, True)
					k = end
					continue
			k += 1

	def returns(self, body: list):
		for value in returned(body):
			if not is_safe(value):
				self.report(value, body[0].pos if body and isinstance(body[0], Tok) else 0)


def _flatten(items: list):
	for item in items:
		if isinstance(item, Group):
			yield from _flatten(item.items)
		else:
			yield item


def unsafe_expressions(src: str) -> list[tuple[int, str]]:
	"""(line, expression) for every `${…}` of the script's HTML, and every value given to a `*_html`
	name, that is not known to be safe."""
	tokens, _ = lex(src)
	checker = _Checker(src)
	items = tree(tokens)
	checker.collect_definitions(items)
	checker.walk(items, False)
	return checker.found
