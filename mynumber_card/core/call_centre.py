"""Where a resident stops a lost or stolen card at any hour (一時停止), for the letters and the
resident pages (templates/includes/suspension_line.html says it in one short Japanese line).

マイナンバー総合フリーダイヤル 0120-95-0178, 音声ガイダンス2番: 「紛失、盗難などによる一時利用停止に
ついては、24時間365日受け付けます」 (能美市, 酒田市, 松本市 「(24時間365日対応)」). Only the 一時停止 is
taken round the clock; other enquiries only in the line's opening hours (平日9:30〜20:00, 土日祝
9:30〜17:30: 酒田市). Lifting a 一時停止 (解除) is done at the counter, never by phone (酒田市, 富谷市).
"""

FREE_DIAL = "0120-95-0178"
SUSPENSION_GUIDANCE = "2"  # 音声ガイダンスの番号
# The line as the letters and the resident pages print it (the include template holds the same words).
SUSPENSION_LINE = (
	f"カードをなくしたときは、すぐにマイナンバー総合フリーダイヤル {FREE_DIAL}"
	f"（音声ガイダンス{SUSPENSION_GUIDANCE}番）へ。一時停止は24時間365日受け付けます。"
)
