"""Furigana (ruby) for the words on the reception kiosk's buttons, so a child or a resident who reads
little kanji can pick the purpose. A town's own purposes get ruby for the words listed here; the
rest of the text is shown as it is."""

import re

# Words of the counter's purposes and the kiosk, longest first when matched.
READINGS = {
	"申請": "しんせい",
	"受取": "うけとり",
	"受け取り": "うけとり",
	"更新": "こうしん",
	"交付": "こうふ",
	"再交付": "さいこうふ",
	"暗証番号": "あんしょうばんごう",
	"再設定": "さいせってい",
	"電子証明書": "でんししょうめいしょ",
	"証明書": "しょうめいしょ",
	"返納": "へんのう",
	"紛失": "ふんしつ",
	"届出": "とどけで",
	"住所": "じゅうしょ",
	"変更": "へんこう",
	"相談": "そうだん",
	"手続": "てつづき",
	"手続き": "てつづき",
	"登録": "とうろく",
	"健康保険証": "けんこうほけんしょう",
	"保険証": "ほけんしょう",
	"予約": "よやく",
	"受付": "うけつけ",
	"番号": "ばんごう",
	"用件": "ようけん",
	"窓口": "まどぐち",
	"係員": "かかりいん",
	"当日": "とうじつ",
	"他": "ほか",
}
_WORDS = re.compile("|".join(sorted(map(re.escape, READINGS), key=len, reverse=True)))


def ruby_segments(text: str) -> list[tuple[str, str | None]]:
	"""The text cut into (part, reading) pieces; reading is None where no ruby is needed."""
	segments: list[tuple[str, str | None]] = []
	position = 0
	for match in _WORDS.finditer(text or ""):
		if match.start() > position:
			segments.append((text[position : match.start()], None))
		segments.append((match.group(), READINGS[match.group()]))
		position = match.end()
	if position < len(text or ""):
		segments.append((text[position:], None))
	return segments
