"""Which languages residents may choose, and how a code from a cookie, a link or a booking is taken
(core/resident_languages.py)."""

from mynumber_card.core import resident_languages as languages


def test_easy_japanese_is_offered_only_when_the_town_wants_it():
	assert languages.EASY_JAPANESE not in languages.offered(False)
	assert languages.EASY_JAPANESE in languages.offered(True)
	assert set(languages.FOREIGN) <= set(languages.offered(False))
	assert languages.offered(False)[0] == languages.JAPANESE


def test_a_code_is_taken_only_when_offered():
	offered = languages.offered(False)
	assert languages.taken("en", offered) == "en"
	assert languages.taken("EN", offered) == "en"
	assert languages.taken("zh-CN", offered) == "zh"  # its parent
	assert languages.taken("pt_BR", offered) == "pt"
	assert languages.taken("tl", offered) == "fil"  # Tagalog is Frappe's Filipino
	assert languages.taken("de", offered) == languages.JAPANESE  # not offered: Japanese
	assert languages.taken("ja-easy", offered) == languages.JAPANESE  # the town did not switch it on
	assert languages.taken("ja-easy", languages.offered(True)) == languages.EASY_JAPANESE
	assert languages.taken(None, offered) == languages.JAPANESE
	assert languages.taken("<script>", offered) == languages.JAPANESE


def test_japanese_pages_are_ja_and_ja_easy():
	assert languages.is_japanese("ja") and languages.is_japanese("ja-easy") and languages.is_japanese(None)
	assert not any(languages.is_japanese(code) for code in languages.FOREIGN)


def test_the_switcher_names_each_language_in_itself_and_marks_the_current_one():
	rows = languages.switcher("ko", languages.offered(False))
	assert [r["code"] for r in rows] == ["ja", "en", "zh", "ko", "vi", "pt", "fil"]
	assert [r["name"] for r in rows if r["current"]] == ["한국어"]
	assert {r["code"]: r["name"] for r in rows}["ja"] == "日本語"


def test_letters_follow_staff_then_the_booking_and_japanese_needs_no_choice():
	assert languages.letters_in(None, "en") == "en"
	assert languages.letters_in("vi", "en") == "vi"  # staff's choice stays
	assert languages.letters_in(None, "ja") is None
	assert languages.letters_in(None, "ja-easy") is None
	assert languages.letters_in(None, None) is None
	assert languages.letters_in("ko", None) == "ko"
