"""The 一時停止 line on the letters and the resident pages (core/call_centre.py): マイナンバー総合フリー
ダイヤル 0120-95-0178, 音声ガイダンス2番, 24時間365日 for 一時停止 only (能美市, 酒田市, 松本市)."""

import json

from mynumber_card.core import call_centre
from tests.app_files import APP, translations

INCLUDE = "mynumber_card/templates/includes/suspension_line.html"


def test_the_line_says_the_number_the_guidance_and_that_only_suspension_is_round_the_clock():
	line = call_centre.SUSPENSION_LINE
	assert "0120-95-0178" in line and "音声ガイダンス2番" in line
	assert "一時停止は24時間365日" in line  # not the whole line: enquiries keep office hours
	assert (APP / "templates/includes/suspension_line.html").read_text(encoding="utf-8").count(line) == 1


def test_letters_and_resident_pages_carry_it():
	# both guide letters end with the contact block, which includes the line
	assert INCLUDE in (APP / "templates/print/letter_contact.html").read_text(encoding="utf-8")
	for letter in ("guide_letter_page.html", "renewal_letter_page.html"):
		assert "letter_contact.html" in (APP / "templates/print" / letter).read_text(encoding="utf-8")
	assert INCLUDE in (APP / "www/my-booking.html").read_text(encoding="utf-8")
	for form in ("pickup_booking", "visit_booking"):
		path = APP / "mynumber_card/web_form" / form / f"{form}.json"
		assert (
			call_centre.SUSPENSION_LINE in json.loads(path.read_text(encoding="utf-8"))["introduction_text"]
		)


def test_the_loss_channel_label_does_not_call_the_whole_line_round_the_clock():
	assert "24" not in translations("ja")["Call Centre"]
