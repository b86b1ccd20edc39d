"""Identity documents (本人確認書類) shown at the counter: their kinds, class A or B, and how many of
which each person must show. Only the kind is recorded, never a document's number.

- A: an official document with the person's photo (顔写真付きの官公署発行の書類): one proves who the
  person is. B: anything else with name and birth date or address (健康保険証・資格確認書, 年金手帳,
  学生証, 社員証…): one is never enough. Lists as published by towns (熊本市; 日南市 「A:免許証・運転経歴
  証明書・パスポート・マイナンバーカード・住基カード・障害者手帳・療育手帳・在留カード・特別永住者証明書・
  一時庇護許可書・仮滞在許可書 B:資格確認書・年金手帳・学生証・介…」; 尼崎市; 五霞町).
- 個人番号カード顔写真証明書 (by a hospital director, a facility head, a care manager or a support
  organisation) counts as the holder's photo document with B documents (北秋田市 「Bを2点と「顔写真証明
  書」を1点」; 甲賀市), never for a proxy (志布志市 「代理人の方は顔写真証明書は本人確認書類として使用できない」).
"""

from dataclasses import dataclass

A = "A"
B = "B"


@dataclass(frozen=True)
class DocumentKind:
	name: str
	cls: str  # A or B
	photo: bool = False  # carries the person's photo (every A does)
	proxy_may_use: bool = True


# The commonest first: the dialogs list them in this order.
KINDS = (
	DocumentKind("MyNumber Card", A, photo=True),  # マイナンバーカード
	DocumentKind("Driving Licence", A, photo=True),  # 運転免許証
	DocumentKind("Passport", A, photo=True),  # 旅券
	DocumentKind("Residence Card", A, photo=True),  # 在留カード
	DocumentKind("Driving Record Certificate", A, photo=True),  # 運転経歴証明書
	DocumentKind("Disability Certificate", A, photo=True),  # 身体障害者手帳・精神障害者保健福祉手帳・療育手帳
	DocumentKind("Special Permanent Resident Certificate", A, photo=True),  # 特別永住者証明書
	DocumentKind("Basic Resident Register Card with Photo", A, photo=True),  # 写真付き住基カード
	DocumentKind("Temporary Refuge Permit Certificate", A, photo=True),  # 一時庇護許可書
	DocumentKind("Provisional Stay Permit Certificate", A, photo=True),  # 仮滞在許可書
	DocumentKind("Other Official Photo ID", A, photo=True),  # 官公署発行の顔写真付き証明書（船員手帳など）
	DocumentKind("Health Insurance Card", B),  # 健康保険証
	DocumentKind("Health Insurance Eligibility Certificate", B),  # 資格確認書
	DocumentKind("Pension Book", B),  # 年金手帳・年金証書
	DocumentKind("Long-term Care Insurance Card", B),  # 介護保険被保険者証
	DocumentKind("Medical Benefit Certificate", B),  # 医療受給者証（こども医療など）
	DocumentKind("Public Assistance Certificate", B),  # 生活保護受給者証
	DocumentKind("Child Rearing Allowance Certificate", B),  # 児童扶養手当証書
	DocumentKind("Student ID", B),  # 学生証
	DocumentKind("Employee ID", B),  # 社員証
	DocumentKind("Bank Passbook or Cash Card", B),  # 預金通帳・キャッシュカード
	DocumentKind("Other Photo ID", B, photo=True),  # その他の写真付き証明書（写真付きの学生証・社員証など）
	DocumentKind("Photo Certificate", B, photo=True, proxy_may_use=False),  # 個人番号カード顔写真証明書
	DocumentKind("Other", B),
)
BY_NAME = {kind.name: kind for kind in KINDS}
DOCUMENT_KINDS = tuple(BY_NAME)
MYNUMBER_CARD = "MyNumber Card"


def parse(value: str | None) -> tuple[str, ...]:
	"""The kinds as stored on a record: one per line (or comma separated), each once."""
	if not value:
		return ()
	parts = (part.strip() for line in value.splitlines() for part in line.split(","))
	return tuple(dict.fromkeys(part for part in parts if part))


def unknown(documents: tuple[str, ...]) -> list[str]:
	return [name for name in documents if name not in BY_NAME]


@dataclass(frozen=True)
class Counts:
	a: int
	b: int
	b_with_photo: int


def counts(documents: tuple[str, ...], for_proxy: bool = False, besides_card: bool = False) -> Counts:
	"""How many A and B documents, each kind once. A proxy cannot use a 顔写真証明書; at a service on an
	issued card the holder shows one document besides that card (菊池市 「マイナンバーカード以外の」)."""
	kinds = [BY_NAME[name] for name in dict.fromkeys(documents) if name in BY_NAME]
	if for_proxy:
		kinds = [kind for kind in kinds if kind.proxy_may_use]
	if besides_card:
		kinds = [kind for kind in kinds if kind.name != MYNUMBER_CARD]
	return Counts(
		a=sum(kind.cls == A for kind in kinds),
		b=sum(kind.cls == B for kind in kinds),
		b_with_photo=sum(kind.cls == B and kind.photo for kind in kinds),
	)


# What a person must show, by who they are and what they do. Each rule names its sources.
ONE_A_OR_TWO_B = "A1 or B2"
ONE_A_OR_ONE_B = "A1 or B1"
TWO_A_OR_A_AND_B = "A2 or A1+B1"
PROXY_HANDOVER_HOLDER = "A2, A1+B1 or B3 with a photo"
RULES = (ONE_A_OR_TWO_B, ONE_A_OR_ONE_B, TWO_A_OR_A_AND_B, PROXY_HANDOVER_HOLDER)


def meets(rule: str, found: Counts) -> bool:
	if rule == ONE_A_OR_TWO_B:
		# 萩市 「ア Aから1点 イ…Bから2点」 (the holder, and a 法定代理人 with them 「本人と同様」); 尾張旭市;
		# 大阪狭山市・国立市 for an 任意代理人 at the first visit of a PIN reset
		return found.a >= 1 or found.b >= 2
	if rule == ONE_A_OR_ONE_B:
		# the holder's document besides the card at a PIN reset (菊池市, 大阪狭山市, 上尾市)
		return found.a + found.b >= 1
	if rule == TWO_A_OR_A_AND_B:
		# a proxy: 日南市 「A,Bから計2点。ただし、Bのみ2点は不可」; 菊池市 「[A]から2点、又は[A]から1点と[B]から1点」;
		# 御船町 「A欄2点 または A欄1点+B欄1点」
		return found.a >= 1 and found.a + found.b >= 2
	if rule == PROXY_HANDOVER_HOLDER:
		# the holder whose card a proxy receives: 御船町 「A欄2点 または A欄1点+B欄1点 又は B欄3点（うち1点は
		# 顔写真付きのもの）」; 小山町 the same; 北秋田市 「Bを2点と「顔写真証明書」を1点」
		return (found.a >= 1 and found.a + found.b >= 2) or (found.b >= 3 and found.b_with_photo >= 1)
	raise ValueError(rule)
