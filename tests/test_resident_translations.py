"""Each resident language's translation file (translations/<lang>.csv) has every word a resident reads
(tests/resident_sources.py), keeps its placeholders, and translates a message once. Japanese needs no
file line for the Japanese sources; やさしい日本語 (ja-easy) overrides only some of them."""

import csv
import re

import pytest

from mynumber_card.core.resident_languages import CODES, EASY_JAPANESE, FOREIGN
from tests.app_files import APP
from tests.resident_sources import resident_words

PLACEHOLDER = re.compile(r"\{\d+\}")
RUBY = re.compile(r"[｜《》]")


def rows(lang: str) -> list[list[str]]:
	with (APP / "translations" / f"{lang}.csv").open(encoding="utf-8", newline="") as fh:
		return [row for row in csv.reader(fh) if row]


def translations(lang: str) -> dict[str, str]:
	"""Without a context (the third column): the words as the pages ask for them."""
	return {row[0]: row[1] for row in rows(lang) if len(row) == 2 or not row[2]}


def test_every_offered_language_has_a_file():
	for code in CODES:
		assert code == "ja" or (APP / "translations" / f"{code}.csv").exists(), code


@pytest.mark.parametrize("lang", FOREIGN)
def test_every_resident_word_is_translated(lang):
	have = translations(lang)
	# an English source is English already
	needed = {w for w in resident_words() if lang != "en" or not w.isascii()}
	assert sorted(needed - set(have)) == []


@pytest.mark.parametrize("lang", (*FOREIGN, EASY_JAPANESE))
def test_translations_keep_placeholders_and_drop_the_furigana(lang):
	for row in rows(lang):
		source, target = row[0], row[1]
		assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(target)), source
		assert target.strip() and not RUBY.search(target), source


@pytest.mark.parametrize("lang", (*FOREIGN, EASY_JAPANESE))
def test_each_message_is_translated_once(lang):
	keys = [(row[0], row[2] if len(row) > 2 else "") for row in rows(lang)]
	assert len(keys) == len(set(keys))


def test_easy_japanese_overrides_only_words_the_pages_use():
	assert sorted(set(translations(EASY_JAPANESE)) - resident_words()) == []


def test_the_resident_sources_are_found():
	"""The extraction itself: a word of each kind of source is among them."""
	words = resident_words()
	for word in (
		"予約番号",  # a template's mnc_t
		"先にご用件を選んでください。",  # a resident script's __()
		"もどる",  # the kiosk's words_html
		"この内容で予約する",  # a web form's button
		"Your visit is booked: {0} {1}",  # a mail's subject
		"申請サポート",  # a standard purpose
	):
		assert word in words, word
