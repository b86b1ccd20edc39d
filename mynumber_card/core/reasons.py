"""The closed lists staff choose from when a card leaves the happy path. The doctypes' Select
options are these lists (a static test keeps them equal); translations/ja.csv gives the Japanese."""

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
	"Call Centre",  # マイナンバー総合フリーダイヤル（24時間）
	"Police",  # 警察への遺失届
)

# Why J-LIS made a card at once and mailed it (特急発行, since 2024-12).
EXPRESS_REASONS = (
	"Under One Year Old",  # 1歳未満
	"Moved in from Abroad",  # 国外からの転入
	"Lost Card",  # 紛失
	"Damaged Card",  # 焼失・著しい損傷
	"Newly Registered Resident",  # 新たに住民票に記載
	"Number Changed",  # 個人番号・住民票コードの変更
	"Other",
)

# Why a card is made again (再交付).
REISSUE_REASONS = (
	"Lost",  # 紛失
	"Damaged",  # 破損・焼失
	"Stolen",  # 盗難（本人の責めによらない）
	"Disaster",  # 災害
	"Renewal",  # 有効期間満了
	"Other",
)
