"""How residents' texts name the municipality's office: a city has a 市役所, a town a 町役場, a village a
村役場, a special ward of Tokyo a 区役所. The app serves all of them, so no text may say 町役場 itself."""

OFFICE_WORDS = {"市": "市役所", "町": "町役場", "村": "村役場", "特別区": "区役所"}
DEFAULT_KIND = "町"


def office_word(kind: str | None) -> str:
	"""市役所 / 町役場 / 村役場 / 区役所 for the municipality type (a town's when unset)."""
	return OFFICE_WORDS.get((kind or "").strip(), OFFICE_WORDS[DEFAULT_KIND])


def office_name(kind: str | None, town_name: str | None, office: str | None = None) -> str:
	"""The office as residents call it: the name staff set (e.g. 南野市役所), else the municipality's
	name with its office word (南野市 → 南野市役所, 南野 → 南野市役所), else the word alone."""
	if (office or "").strip():
		return office.strip()
	word = office_word(kind)
	town = (town_name or "").strip()
	if not town:
		return word
	# 「市役所」 starts with the 市 that 「南野市」 ends with: say it once
	return town + word[1:] if town.endswith(word[0]) else town + word
