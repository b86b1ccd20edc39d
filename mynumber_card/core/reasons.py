"""The closed lists staff choose from when a card leaves the happy path. Each is a Select field's
options (a static test keeps them equal) or, when several doctypes share it, the records of a small
doctype of its own (core/vocabularies.py); translations/ja.csv gives the Japanese."""

# Why a card waits for disposal before it reached its holder.
DISPOSAL_CAUSES = (
	"Deadline Passed",  # 交付期限経過
	"Defective",  # カード不良
	"Holder Died",  # 死亡
	"Holder Moved Away",  # 転出
	"Validity Ended",  # 有効期限切れ
	"Declined",  # 受取辞退
	"Other",
)
DEADLINE_PASSED = DISPOSAL_CAUSES[0]
VALIDITY_ENDED = DISPOSAL_CAUSES[4]

# Why an issued card came back to the town (返納).
RETURN_REASONS = (
	"Renewal",  # 更新
	"Death",  # 死亡
	"Moving Abroad",  # 国外転出（継続利用なし）
	"Voluntary",  # 自主返納
	"Other",
)

# How a loss was reported before the card was suspended (一時停止).
LOSS_REPORT_CHANNELS = (
	"Counter",  # 窓口
	# マイナンバー総合フリーダイヤル 0120-95-0178: 一時停止 (紛失・盗難) only is taken 24時間365日
	# (能美市, 酒田市, 松本市); other enquiries only in its opening hours (core/call_centre.py).
	"Call Centre",
	"Police",  # 警察への遺失届
)

# Why J-LIS made a card at once and mailed it (特急発行, since 2024-12). The list of 明和町 and
# ふじみ野市 (「特急発行の対象となる方」); a renewal is not on it.
EXPRESS_REASONS = (
	"Under One Year Old",  # 1歳未満
	"Moved in from Abroad",  # 国外からの転入
	"Lost Card",  # 紛失
	"Damaged Card",  # 焼失・損傷・機能喪失・役所起因の誤失効
	"Newly Registered Resident",  # 無戸籍等で新たに住民票に記載
	"Number Changed",  # 個人番号・住民票コードの変更
	"Foreign Resident Registered",  # 届出により住民票に記載された中長期在留者等
	"Additional Field Full",  # 追記欄の余白がない
	"Left a Penal Institution",  # 刑事施設等に収容されていた
	"Other",
)

# Why a card is made again (再交付). What each costs, whether 特急 may be asked for, and what happens to
# the old card: core/fees.py (the fee table, with its sources).
REISSUE_REASONS = (
	"Renewal",  # 更新（有効期間の満了・今のカードと交換）
	"Renewal without Old Card",  # 更新（今のカードを返納できない：紛失と同じ扱い）
	"Additional Field Full",  # 追記欄の余白がない
	"Number Changed",  # 個人番号・住民票コードの変更
	"Re-entry from Abroad",  # 国外転出でカードを返納し、国内に再転入
	"Name Changed by Special Adoption",  # 特別養子縁組による氏名の変更
	"Gender Changed",  # 性別の変更
	"Disaster",  # 天災など本人の責めによらない焼失・損傷
	"Office Error",  # 市区町村・J-LISの誤り（誤失効など）
	"Stolen",  # 盗難（被害届）
	"Lost",  # 紛失・廃棄
	"Damaged",  # 焼失・破損・機能喪失
	"Lapsed",  # 失効の後（90日利用なし、転入届なし、住民票消除、有効期間変更をせず）
	"After Voluntary Return",  # 自主返納の後
	"Holder's Wish",  # 本人の希望（写真を変えたい等）
	"Other",
)
