"""What residents bring to a visit, in the form towns publish it: the purpose's own items, and where
identity is checked, one document from list A (with a photo) or, without one, two from list B.
The town edits both lists in MyNumber Card Settings (their defaults are in its JSON)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class IdentityDocuments:
	one_of: tuple[str, ...]  # list A: one is enough
	two_of: tuple[str, ...]  # list B: two, for those with nothing from list A

	@property
	def heading(self) -> str:
		if self.one_of and self.two_of:
			return "本人確認書類（Aから1点、またはAをお持ちでない方はBから2点）"
		return "本人確認書類（Aから1点）" if self.one_of else "本人確認書類（Bから2点）"


@dataclass(frozen=True)
class WhatToBring:
	items: tuple[str, ...]
	identity: IdentityDocuments | None

	def __bool__(self) -> bool:
		return bool(self.items or self.identity)


def lines(text: str | None) -> tuple[str, ...]:
	"""One item a line, as staff type them; blank lines and surrounding spaces dropped."""
	return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def what_to_bring(
	items: str | None, needs_identity: bool, list_a: str | None, list_b: str | None
) -> WhatToBring:
	"""The purpose's items, then the identity documents when the purpose asks for them and the town
	has listed any."""
	one_of, two_of = lines(list_a), lines(list_b)
	identity = IdentityDocuments(one_of, two_of) if needs_identity and (one_of or two_of) else None
	return WhatToBring(lines(items), identity)
