"""Role names are spelled in core/roles.py only: code asks mynumber_card.roles or a doctype permission,
so a renamed role or a town's Role Permission Manager settings cannot be missed in one corner."""

import re
from pathlib import Path

from mynumber_card.core import roles

APP = Path(__file__).resolve().parent.parent / "mynumber_card"
HOME = APP / "core" / "roles.py"
SUFFIXES = {".py", ".js", ".html"}
# Every role name core/roles.py spells (a constant holding one string).
NAMES = {value for key, value in vars(roles).items() if key.isupper() and isinstance(value, str)}


def quoted_role_names(text: str) -> set[str]:
	names = "|".join(re.escape(r) for r in sorted(NAMES))
	return {m.group(2) for m in re.finditer(rf"([\"'`])({names})\1", text)}


def test_the_finder_sees_each_quote_style():
	assert quoted_role_names("x = \"Card Clerk\"; has_role('Card Manager'); `System Manager`") == set(
		roles.STAFF
	)
	assert quoted_role_names("only a Card Manager can hand over") == set()


def test_role_names_are_spelled_in_one_module():
	spelled = {}
	for path in APP.rglob("*"):
		if path.suffix not in SUFFIXES or path == HOME or "node_modules" in path.parts:
			continue
		found = quoted_role_names(path.read_text(encoding="utf-8"))
		if found:
			spelled[str(path.relative_to(APP))] = sorted(found)
	assert spelled == {}
	assert set(roles.STAFF) <= NAMES == quoted_role_names(HOME.read_text(encoding="utf-8"))
