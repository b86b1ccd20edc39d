"""Names, furigana and free text are plain text: what is stored, and why the rest is refused."""

import pytest

from mynumber_card.core import plain_text as pt

# name as typed -> name stored
NAMES = [
	("山田 太郎", "山田 太郎"),
	("佐々木 ゆか", "佐々木 ゆか"),
	("渡邉　ヶ丘", "渡邉 ヶ丘"),  # 全角 space becomes a space (NFKC), as text.normalize always did
	("〆木 花子", "〆木 花子"),
	("NGUYEN VAN AN", "NGUYEN VAN AN"),
	("María José O'Neil", "María José O'Neil"),
	("Jean-Luc Picard", "Jean-Luc Picard"),
	("李 明", "李 明"),
	("Иван Петров", "Иван Петров"),
	("김 민수", "김 민수"),
	("O’Brien", "O'Brien"),  # a typographic apostrophe
	("Anne‐Marie", "Anne-Marie"),  # U+2010 HYPHEN
	("St. John", "St. John"),
	("ジョン・スミス", "ジョン・スミス"),
	("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ"),  # half-width kana
	("ＹＡＭＡＤＡ", "YAMADA"),  # full-width Latin
	("Zoe\u0308", "Zoë"),  # a combining diaeresis is composed
	("葛\U000e0100飾 北斎", "葛\U000e0100飾 北斎"),  # an ideographic variation selector (異体字) is a mark
	("高〓 一郎", "高〓 一郎"),  # the ゲタ記号 earlier ledgers hold for a 外字
	("  山田 太郎 \n", "山田 太郎"),  # trimmed
]


@pytest.mark.parametrize("typed, stored", NAMES)
def test_names_of_residents_and_foreign_residents_are_accepted(typed, stored):
	checked = pt.check_name(typed, 60)
	assert (checked.ok, checked.value, checked.reason) == (True, stored, None)


# name as typed -> (reason, character named in the message)
REFUSED_NAMES = [
	('"<img src=x onerror=alert(1)>"', pt.MARKUP, "<"),
	("<svg onload=alert(1)>", pt.MARKUP, "<"),
	("</script>", pt.MARKUP, "<"),
	("＜script＞", pt.MARKUP, "<"),  # full-width brackets are brackets after NFKC
	('=HYPERLINK("http://x")', pt.MARKUP, '"'),
	("山田 & 太郎", pt.MARKUP, "&"),
	("{{ frappe.session.user }}", pt.MARKUP, "{"),
	("javascript:alert(1)", pt.CHARACTER, ":"),
	("=1+1", pt.START, "="),
	("＝SUM(A1)", pt.START, "="),
	("+1", pt.START, "+"),
	("@SUM(A1)", pt.START, "@"),
	("-2+3", pt.START, "-"),
	("'山田", pt.START, "'"),
	("・山田", pt.START, "・"),
	("山田\u202e太郎", pt.INVISIBLE, "\u202e"),  # RIGHT-TO-LEFT OVERRIDE
	("山田\u200b太郎", pt.INVISIBLE, "\u200b"),  # ZERO WIDTH SPACE
	("山田\u2066太郎", pt.INVISIBLE, "\u2066"),
	("\ufeff山田", pt.INVISIBLE, "\ufeff"),
	("山田\u061c", pt.INVISIBLE, "\u061c"),
	("山田\x00", pt.CONTROL, "\x00"),
	("山田\t太郎", pt.CONTROL, "\t"),
	("山田\n太郎", pt.CONTROL, "\n"),
	("山田\u2028太郎", pt.CONTROL, "\u2028"),
	("山田 太郎2", pt.DIGIT, "2"),
	("山田 ３郎", pt.DIGIT, "3"),
	("山田!", pt.CHARACTER, "!"),
	("山田 (旧姓 佐藤)", pt.CHARACTER, "("),
	("山田😀", pt.CHARACTER, "😀"),
	("山田\ue000", pt.CHARACTER, "\ue000"),  # private use: no font shows it
	("山田\ud800", pt.CHARACTER, "\ud800"),  # a lone surrogate from JSON
]


@pytest.mark.parametrize("typed, reason, char", REFUSED_NAMES)
def test_names_with_markup_formulas_and_hidden_characters_are_refused(typed, reason, char):
	checked = pt.check_name(typed, 60)
	assert (checked.ok, checked.reason, checked.char, checked.value) == (False, reason, char, "")


@pytest.mark.parametrize("typed", ["", "   ", "\u3000", None])
def test_an_empty_name(typed):
	assert pt.check_name(typed, 60).reason == pt.EMPTY
	assert pt.check_name(typed, 60, required=False) == pt.Checked("")


def test_name_length_is_counted_after_normalisation():
	assert pt.check_name("ﾔ" * 60, 60).ok
	assert pt.check_name("山" * 61, 60).reason == pt.TOO_LONG


@pytest.mark.parametrize(
	"char, shown",
	[("<", "<"), ("\u202e", "U+202E"), ("\x00", "U+0000"), ("\u3000", "U+3000"), ("2", "2")],
)
def test_the_character_a_message_names_is_visible(char, shown):
	reason = pt.INVISIBLE if char == "\u202e" else pt.CONTROL if char == "\x00" else pt.CHARACTER
	assert pt.Checked("", reason, char).shown_char == shown


# Furigana ---------------------------------------------------------------------------------------

KANA = [
	("やまだ たろう", "ヤマダ タロウ"),
	("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ"),
	("グエン　ヴァン・アン", "グエン ヴァン・アン"),
	("ササキ ユカ", "ササキ ユカ"),
]


@pytest.mark.parametrize("typed, stored", KANA)
def test_kana_is_stored_as_katakana(typed, stored):
	assert pt.check_kana(typed, 60) == pt.Checked(stored)


# furigana as typed -> (reason, character named in the message)
REFUSED_KANA = [
	("ヤマ\u202eダ", pt.INVISIBLE, "\u202e"),  # text.to_katakana would drop it silently: refused instead
	("ヤマ\u200bダ", pt.INVISIBLE, "\u200b"),
	("ヤマダ\x00", pt.CONTROL, "\x00"),
	("ヤマダ<", pt.NOT_KANA, "<"),
	('"<img src=x onerror=alert(1)>"', pt.NOT_KANA, '"'),
	("=ヤマダ", pt.NOT_KANA, "="),
	("山田", pt.NOT_KANA, "山"),
	("YAMADA", pt.NOT_KANA, "Y"),
]


@pytest.mark.parametrize("typed, reason, char", REFUSED_KANA)
def test_kana_refusals(typed, reason, char):
	checked = pt.check_kana(typed, 60)
	assert (checked.ok, checked.reason, checked.char) == (False, reason, char)


def test_kana_empty_and_length():
	assert pt.check_kana("", 60).reason == pt.EMPTY
	assert pt.check_kana(None, 60, required=False).ok
	assert pt.check_kana("ア" * 61, 60).reason == pt.TOO_LONG


# Free text --------------------------------------------------------------------------------------

FREE_TEXT = [
	("母", "母"),
	("車椅子で伺います。", "車椅子で伺います。"),
	("Q&A を読みました", "Q&A を読みました"),  # & stays: escaping on output handles it
	('「至急」"urgent"', '「至急」"urgent"'),
	("南野市北町１－２－３　ハイツ南野１０１", "南野市北町１－２－３　ハイツ南野１０１"),  # kept as typed
	("javascript:alert(1)", "javascript:alert(1)"),  # plain words: never made into a link
	("-", "-"),  # a dash for "none", common in spreadsheets; exports neutralise formulas
	("  理由 \r\n", "理由"),
]


@pytest.mark.parametrize("typed, stored", FREE_TEXT)
def test_free_text_is_kept_as_typed(typed, stored):
	assert pt.check_free_text(typed, 200) == pt.Checked(stored)


@pytest.mark.parametrize(
	"typed, reason, char",
	[
		('"<img src=x onerror=alert(1)>"', pt.MARKUP, "<"),
		("<svg onload=alert(1)>", pt.MARKUP, "<"),
		("</script>", pt.MARKUP, "<"),
		("a > b", pt.MARKUP, ">"),
		("＜ｂ＞", pt.MARKUP, "<"),
		("{{ frappe.session.user }}", pt.MARKUP, "{"),
		("{% if 1 %}", pt.MARKUP, "{"),
		("理由\u202eです", pt.INVISIBLE, "\u202e"),
		("理由\u200bです", pt.INVISIBLE, "\u200b"),
		("理由\x00", pt.CONTROL, "\x00"),
		("理由\x1b[31m", pt.CONTROL, "\x1b"),
		("一行目\n二行目", pt.CONTROL, "\n"),  # one line only unless the field is multi-line
		("一行目\t二行目", pt.CONTROL, "\t"),
	],
)
def test_free_text_refusals(typed, reason, char):
	checked = pt.check_free_text(typed, 200)
	assert (checked.ok, checked.reason, checked.char) == (False, reason, char)


def test_multi_line_free_text_keeps_its_lines_but_no_other_control():
	assert pt.check_free_text("一行目\r\n二行目\r三行目", 200, multiline=True) == pt.Checked(
		"一行目\n二行目\n三行目"
	)
	assert pt.check_free_text("一行目\n\x07", 200, multiline=True).reason == pt.CONTROL
	assert pt.check_free_text("一行目\u2028二行目", 200, multiline=True).reason == pt.CONTROL


def test_free_text_length_and_empty():
	assert pt.check_free_text("あ" * 20, 20).ok
	assert pt.check_free_text("あ" * 21, 20).reason == pt.TOO_LONG
	assert pt.check_free_text("  ", 20) == pt.Checked("")
	assert pt.check_free_text(None, 20, required=True).reason == pt.EMPTY


def test_every_listed_bidi_and_zero_width_character_is_refused_everywhere():
	for ch in pt.BIDI_AND_ZERO_WIDTH:
		assert pt.check_name(f"山{ch}田", 60).reason == pt.INVISIBLE, hex(ord(ch))
		assert pt.check_kana(f"ヤ{ch}マ", 60).reason == pt.INVISIBLE, hex(ord(ch))
		assert pt.check_free_text(f"理{ch}由", 60, multiline=True).reason == pt.INVISIBLE, hex(ord(ch))


# The app's own names -----------------------------------------------------------------------------


def _literal(path, name):
	import ast

	from tests.app_files import APP

	tree = ast.parse((APP / path).read_text(encoding="utf-8"))
	return next(
		ast.literal_eval(node.value)
		for node in tree.body
		if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name
	)


def test_the_demo_names_pass_the_rules():
	"""The demo makes its people from these (kanji, kana) pairs: every one must be a valid name."""
	surnames, given_names = _literal("demo/town.py", "SURNAMES"), _literal("demo/town.py", "GIVEN_NAMES")
	assert surnames and given_names
	for surname in surnames:
		for given in given_names:
			assert pt.check_name(f"{surname[0]} {given[0]}", 60).ok, (surname, given)
			assert pt.check_kana(f"{surname[1]} {given[1]}", 60).ok, (surname, given)
