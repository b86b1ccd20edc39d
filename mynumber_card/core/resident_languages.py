"""The languages residents may read their pages, mails and letters in, and how a code is taken.

Japanese is the town's own language and the fallback. やさしい日本語 (Easy Japanese) is a Frappe language
of its own, "ja-easy": Frappe reads a code's part before the "-" as its parent, so `ja-easy.csv` holds
only the sentences it says more simply and everything else comes from `ja.csv`. A town offers it with a
setting. Tagalog is Frappe's "fil" (Filipino, the standard form of Tagalog), so Frappe's own words on a
form (its buttons, its error titles) come in it too."""

JAPANESE = "ja"
# The scripts of the residents' booking pages (public/js), in the order the pages load them: their
# words are translated for the page (resident_words.py) and checked by the tests.
RESIDENT_SCRIPTS = (
	"resident_language.js",
	"accessible_forms.js",
	"slot_picker.js",
	"wareki_date.js",
	"family_members.js",
	"booking_form.js",
	"my_booking.js",
)
EASY_JAPANESE = "ja-easy"

# (code, the language's name in itself): the order of the switcher
LANGUAGES = (
	(JAPANESE, "日本語"),
	(EASY_JAPANESE, "やさしい にほんご"),
	("en", "English"),
	("zh", "简体中文"),
	("ko", "한국어"),
	("vi", "Tiếng Việt"),
	("pt", "Português"),
	("fil", "Tagalog"),
)
CODES = tuple(code for code, _name in LANGUAGES)
FOREIGN = ("en", "zh", "ko", "vi", "pt", "fil")


def is_japanese(code: str | None) -> bool:
	"""Japanese pages (ja, ja-easy) show dates in 和暦 and names with furigana."""
	return (code or JAPANESE).split("-")[0] == JAPANESE


def letters_in(chosen: str | None, booked_in: str | None) -> str | None:
	"""The language of a holder's guide and renewal letters: the one staff chose, else the one the holder
	booked in when not Japanese (a letter in Japanese needs no choice); None is the town's language."""
	if chosen:
		return chosen
	return booked_in if booked_in and not is_japanese(booked_in) else None


def offered(easy_japanese: bool) -> tuple[str, ...]:
	return tuple(code for code in CODES if easy_japanese or code != EASY_JAPANESE)


def taken(code: str | None, offered_codes: tuple[str, ...]) -> str:
	"""The code itself when offered; its parent when that is (zh-CN → zh, pt-BR → pt, tl → fil);
	else Japanese."""
	code = (code or "").strip().lower().replace("_", "-")
	if code in offered_codes:
		return code
	parent = {"tl": "fil"}.get(code.split("-")[0], code.split("-")[0])
	return parent if parent in offered_codes else JAPANESE


def switcher(current: str, offered_codes: tuple[str, ...]) -> list[dict]:
	"""What the switcher lists: each offered language by its own name, the current one marked."""
	return [
		{"code": code, "name": name, "current": code == current}
		for code, name in LANGUAGES
		if code in offered_codes
	]
