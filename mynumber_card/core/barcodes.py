"""What one scanned or typed code is: 申請書ID, 交付通知書番号, booking code, or a refused 個人番号.

The rules are data (`ScanRule`), so a town can add its own label formats in settings without code
(`rules_from_config`). Every rule is matched against the whole normalised code (`re.fullmatch`, ASCII
and case-insensitive), in order; the first rule whose value is valid for its kind wins.

The 12-digit 個人番号 is checked for BEFORE any rule runs, and every value a rule extracts is checked
again, so a 個人番号 is never returned, logged or echoed: a refused result carries no value, and
its `masked` text is only the mask.
"""

import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from mynumber_card.core import naming
from mynumber_card.core.identifiers import normalize_application_id, normalize_notice_number
from mynumber_card.core.mynumber import (
	MASK,
	contains_individual_number,
	is_individual_number,
	mask_long_numbers,
	redact,
)
from mynumber_card.core.signing import CHECK_IN_CODE_RE
from mynumber_card.core.text import has_kana, normalize, normalize_code

APPLICATION_ID = "application_id"
NOTICE_NUMBER = "notice_number"
BOOKING_CODE = "booking_code"
# The signed code of the confirmation's QR (core.signing): checks a booking in; only the shell can
# tell whether its signature is good.
CHECK_IN_CODE = "check_in_code"
INDIVIDUAL_NUMBER = "individual_number"
UNKNOWN = "unknown"

KINDS = (APPLICATION_ID, NOTICE_NUMBER, BOOKING_CODE, CHECK_IN_CODE, INDIVIDUAL_NUMBER, UNKNOWN)
# What a rule may produce. A 個人番号 is never a rule's result: it is only ever refused.
RULE_KINDS = (APPLICATION_ID, NOTICE_NUMBER, BOOKING_CODE, CHECK_IN_CODE)

MAX_CODE_LENGTH = 512  # longer input is not matched against any rule (it is still checked for a 個人番号)
MAX_PATTERN_LENGTH = 500
MASKED_LENGTH = 40  # unknown input is logged at most this long

_FLAGS = re.ASCII | re.IGNORECASE
# A record name as a booking code may carry it; its exact shape is the booking rules' (from the series).
_RECORD_NAME_RE = re.compile(r"[A-Z0-9]+(?:[-_/.][A-Z0-9]+)*", re.ASCII)
MAX_NAME_LENGTH = 140  # Frappe's name column
# Runs of digits, possibly joined by single separators: `123456789018`, `1234-5678-9018`, `1234.5678.9018`
# (the code is normalised: upper case, no spaces).
_DIGIT_GROUPS_RE = re.compile(r"[0-9]+(?:[^A-Z0-9][0-9]+)*")
_NOT_DIGIT_RE = re.compile(r"[^0-9]")
# Characters a label may put around an embedded 申請書ID (spaces are already gone after normalisation).
_LABEL_CHAR = r"[A-Z0-9:;=/|*#_.,+-]"
# Right next to the 23 digits: a letter or separator, but not a hyphen between digits (`9-123…` could be
# a hyphen-grouped longer number).
_BEFORE_ID = r"(?:[A-Z:;=/|*#_.,+]|(?<![0-9])-)"
_AFTER_ID = r"(?:[A-Z:;=/|*#_.,+]|-(?![0-9]))"
_URL_SEP = r"[/?&#=]"


def normalize_booking_code(value: str | None) -> str | None:
	"""A booking number as a record name (`BK-2026-00012`), or None when the value cannot be one.
	Which names are ours the booking rules decide: they are built from Card Booking's naming series."""
	code = normalize_code(value)
	return code if len(code) <= MAX_NAME_LENGTH and _RECORD_NAME_RE.fullmatch(code) else None


def normalize_check_in_code(value: str | None) -> str | None:
	"""A check-in code in its shape (`MNC-CI.` and letters), or None. Its signature is not checked here."""
	code = normalize_code(value)
	return code if CHECK_IN_CODE_RE.fullmatch(code) else None


def masked_check_in_code(code: str) -> str:
	"""What logs keep of a check-in code: the code lets its holder in on the day, so only its prefix."""
	return code.split(".", 1)[0] + ".…"


_CANONICAL = {
	APPLICATION_ID: normalize_application_id,
	NOTICE_NUMBER: normalize_notice_number,
	BOOKING_CODE: normalize_booking_code,
	CHECK_IN_CODE: normalize_check_in_code,
}


@dataclass(frozen=True)
class ScanRule:
	"""One way of recognising a code.

	`pattern` is a regular expression that must match the whole normalised code (upper case, NFKC,
	hyphens unified, no spaces or control characters). The value is taken from `template` when given
	(`str.format` with the groups: `{0}` the whole match, `{1}`..., or `{name}`), else from `group`
	(number or name), else from the group named `value`, else group 1, else the whole match. The value
	must then be valid for `kind` (it is canonicalised), or the next rule is tried.
	"""

	kind: str
	pattern: str
	group: int | str | None = None
	template: str | None = None
	description: str = ""
	regex: re.Pattern = field(init=False, repr=False, compare=False)

	def __post_init__(self):
		if self.kind not in RULE_KINDS:
			if self.kind == INDIVIDUAL_NUMBER:
				raise ValueError(
					"a scan rule cannot produce a 個人番号 (individual_number): those are always refused"
				)
			raise ValueError(f"unknown scan rule kind {self.kind!r}: use one of {', '.join(RULE_KINDS)}")
		if not isinstance(self.pattern, str) or not self.pattern.strip():
			raise ValueError("a scan rule needs a pattern")
		if len(self.pattern) > MAX_PATTERN_LENGTH:
			raise ValueError(f"scan rule pattern is longer than {MAX_PATTERN_LENGTH} characters")
		try:
			regex = re.compile(self.pattern, _FLAGS)
		except re.error as error:
			raise ValueError(f"invalid scan rule pattern {self.pattern!r}: {error}") from error
		object.__setattr__(self, "regex", regex)
		if self.template is not None:
			_check_template(self.template, regex)
		elif self.group is not None:
			_check_group(self.group, regex)

	def extract(self, code: str) -> str | None:
		"""The raw (not yet canonical) value this rule finds in a normalised code, or None."""
		match = self.regex.fullmatch(code)
		if not match:
			return None
		if self.template is not None:
			groups = [g or "" for g in match.groups()]
			named = {k: v or "" for k, v in match.groupdict().items()}
			return self.template.format(match[0], *groups, **named)
		if self.group is not None:
			return match[self.group]
		if "value" in self.regex.groupindex:
			return match["value"]
		return match[1] if self.regex.groups else match[0]


def _check_group(group: int | str, regex: re.Pattern) -> None:
	if isinstance(group, int) and not isinstance(group, bool):
		if 0 <= group <= regex.groups:
			return
		raise ValueError(f"value group {group} does not exist: the pattern has {regex.groups} group(s)")
	if isinstance(group, str) and group in regex.groupindex:
		return
	raise ValueError(f"value group {group!r} is not a group of the pattern")


def _check_template(template: str, regex: re.Pattern) -> None:
	if not isinstance(template, str) or not template:
		raise ValueError("a scan rule template must be a non-empty string")
	try:
		parsed = list(string.Formatter().parse(template))
	except ValueError as error:
		raise ValueError(f"invalid scan rule template {template!r}: {error}") from error
	for _literal, name, spec, conversion in parsed:
		if name is None:
			continue
		if spec or conversion:
			raise ValueError(f"template field {{{name}}} may not have a format spec or conversion")
		if name == "" or not (name.isdigit() or name.isidentifier()):
			raise ValueError(f"template field {{{name}}} must be a group number or name")
		_check_group(int(name) if name.isdigit() else name, regex)


def _rule(kind: str, pattern: str, description: str, **kwargs) -> ScanRule:
	return ScanRule(kind=kind, pattern=pattern, description=description, **kwargs)


CARD_RULES: tuple[ScanRule, ...] = (
	_rule(APPLICATION_ID, r"((?:\d-?){22}\d)", "申請書ID: 23 digits (hyphens allowed)"),
	_rule(
		APPLICATION_ID,
		# Conservative: one standalone 23-digit run, with at most 16 letters, digits or separators
		# before and after it, and no digit right next to it.
		rf"(?:{_LABEL_CHAR}{{0,15}}{_BEFORE_ID})?(\d{{23}})(?:{_AFTER_ID}{_LABEL_CHAR}{{0,15}})?",
		"申請書ID inside a label string (short prefix/suffix)",
	),
	_rule(NOTICE_NUMBER, r"([A-Z0-9]{3})-?(\d{6})", "交付通知書番号: ABC-123456", template="{1}-{2}"),
)


def booking_rules(series: Sequence[str]) -> tuple[ScanRule, ...]:
	"""Our booking number, alone or in a URL, for each naming series of Card Booking (the shell reads
	them from the DocType's meta)."""
	if not series:
		return ()
	names = "|".join(naming.series_regex(s) for s in series)
	return (
		_rule(BOOKING_CODE, f"({names})", "booking number: " + " / ".join(series)),
		_rule(
			BOOKING_CODE,
			rf"HTTPS?://.*?{_URL_SEP}({names})(?:[/?&#;].*)?",
			"booking number in a URL path or query",
		),
	)


# The confirmation's QR since check-in codes: the code alone (it holds no digits, so no card rule
# could take it).
CHECK_IN_RULES: tuple[ScanRule, ...] = (
	_rule(CHECK_IN_CODE, rf"({CHECK_IN_CODE_RE.pattern})", "check-in code of the booking confirmation"),
)


def default_rules(booking_series: Sequence[str]) -> tuple[ScanRule, ...]:
	"""The built-in rules: cards, the check-in code, then bookings named by these series."""
	return CARD_RULES + CHECK_IN_RULES + booking_rules(booking_series)


class RulesThen:
	"""Rules in the scanner's order, where the later ones are read (by `later()`, once) only when a code
	passes the first ones: a card's code, the most scanned, needs no booking series or town rules."""

	def __init__(self, first: Sequence[ScanRule], later: Callable[[], Sequence[ScanRule]]):
		self.first, self.later, self._later = tuple(first), later, None

	def __iter__(self) -> Iterator[ScanRule]:
		yield from self.first
		if self._later is None:
			self._later = tuple(self.later())
		yield from self._later


@dataclass(frozen=True)
class ScanResult:
	kind: str  # one of KINDS
	value: str | None  # canonical value; always None for a refused 個人番号 and for unknown input
	masked: str  # safe to log and to show
	refused: bool
	ime_kana: bool  # the raw input held kana: the Japanese IME was on while scanning or typing
	message_key: str  # "ok", "individual_number", "ime_on", "unknown", "empty"

	@property
	def ok(self) -> bool:
		return self.value is not None and not self.refused


def rules_from_config(rows: Iterable[Mapping] | None) -> tuple[ScanRule, ...]:
	"""Extra rules from plain dicts, as a town enters them in settings.

	Keys: `kind`, `pattern`, optional `group` (or `value_group`; a number or a group name),
	`template`, `description`, `enabled` (a row with a false `enabled` is skipped). Other keys (a
	child table's `name`, `idx`, ...) are ignored. Raises ValueError naming the row on a bad rule, and
	refuses a rule that would capture a 個人番号."""
	rules = []
	for number, row in enumerate(rows or (), start=1):
		if not isinstance(row, Mapping):
			raise ValueError(f"scan rule {number}: expected a mapping, got {type(row).__name__}")
		if "enabled" in row and not row["enabled"]:
			continue
		try:
			rules.append(_rule_from_row(row))
		except ValueError as error:
			raise ValueError(f"scan rule {number}: {error}") from None
	return tuple(rules)


def _rule_from_row(row: Mapping) -> ScanRule:
	kind = re.sub(r"[\s-]+", "_", str(row.get("kind") or "").strip().lower())  # "Application ID" works too
	if not kind:
		raise ValueError("kind is missing")
	pattern = row.get("pattern")
	if not isinstance(pattern, str) or not pattern.strip():
		raise ValueError("pattern is missing")
	group = row.get("group", row.get("value_group"))
	if isinstance(group, str):
		group = group.strip()
		group = int(group) if group.isdigit() else (group or None)
	rule = ScanRule(
		kind=kind,
		pattern=pattern.strip(),
		group=group,
		template=(row.get("template") or None),
		description=str(row.get("description") or ""),
	)
	# A rule that would hand out a 個人番号 is a configuration mistake: say so now. (classify also
	# refuses such a capture at scan time, for shapes these probes do not cover.)
	for probe in _INDIVIDUAL_NUMBER_PROBES:
		captured = _safe_extract(rule, probe)
		if captured is not None and _holds_individual_number(captured):
			raise ValueError("the pattern captures a 個人番号 (12 digits with a valid check digit)")
	return rule


# Valid 個人番号 (check digit worked in tests/test_mynumber.py) in the shapes a card QR or a typist gives.
_INDIVIDUAL_NUMBER_PROBES = ("123456789018", "1234-5678-9018")


def _safe_extract(rule: ScanRule, code: str) -> str | None:
	try:
		return rule.extract(code)
	except (IndexError, KeyError):
		return None


def _holds_individual_number(text: str) -> bool:
	"""True when a normalised code holds a 個人番号: as a standalone run of 12 digits, or as digit
	groups joined by single separators that make 12 digits (`1234-5678-9018`, `1234.5678.9018`)."""
	if is_individual_number(text) or contains_individual_number(text):
		return True
	for match in _DIGIT_GROUPS_RE.finditer(text):
		parts = _NOT_DIGIT_RE.split(match[0])
		joined = "".join(parts)
		if len(joined) == 12 and is_individual_number(joined):
			return True
		if any(len(part) == 12 and is_individual_number(part) for part in parts):
			return True
	return False


def _mask_long_digit_groups(match: re.Match) -> str:
	return MASK if len(_NOT_DIGIT_RE.sub("", match[0])) >= 12 else match[0]


def _mask_unknown(code: str) -> str:
	# Redact first and truncate after, so that no part of a number survives at the cut. Any 12 or more
	# digits together might be a misread 個人番号 (a wrong check digit, a stray extra digit): masked too,
	# joined as the 個人番号 guard joins them (`1234--5678--9018--7` cut at 40 must not leave 12).
	masked = _DIGIT_GROUPS_RE.sub(_mask_long_digit_groups, mask_long_numbers(redact(code)))
	return masked[:MASKED_LENGTH]


def classify(raw: str | None, rules: Iterable[ScanRule] = CARD_RULES) -> ScanResult:
	"""What one scanned or typed code is. Pass `default_rules(series) + rules_from_config(...)` (the
	scanner's order); without rules only card codes are known."""
	raw = "" if raw is None else str(raw)
	ime_kana = has_kana(raw)
	code = normalize_code(raw)
	if not code:
		return ScanResult(UNKNOWN, None, "", False, ime_kana, "empty")
	# Spaces and control characters are dropped from the code, so also look at the words as typed:
	# `123456789018 999` or `123456789018\t999` must not become a 15-digit run that hides the number.
	words = " ".join(normalize_code(word) for word in _split_words(raw))
	if _holds_individual_number(code) or _holds_individual_number(words):
		return _refused(ime_kana)
	if len(code) <= MAX_CODE_LENGTH:
		for rule in rules:
			captured = _safe_extract(rule, code)
			if not captured:
				continue
			captured = normalize_code(captured)
			if _holds_individual_number(captured):
				return _refused(ime_kana)
			value = _CANONICAL[rule.kind](captured)
			if value is None:
				continue
			if _holds_individual_number(value):  # canonicalisation may drop hyphens
				return _refused(ime_kana)
			masked = masked_check_in_code(value) if rule.kind == CHECK_IN_CODE else value
			return ScanResult(rule.kind, value, masked, False, ime_kana, "ok")
	return ScanResult(
		UNKNOWN, None, _mask_unknown(code), False, ime_kana, "ime_on" if ime_kana else "unknown"
	)


def _split_words(raw: str) -> list[str]:
	spaced = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in raw)
	return normalize(spaced).split()


def _refused(ime_kana: bool) -> ScanResult:
	return ScanResult(INDIVIDUAL_NUMBER, None, MASK, True, ime_kana, INDIVIDUAL_NUMBER)
