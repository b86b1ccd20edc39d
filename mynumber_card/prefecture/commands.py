"""`bench mynumber-card-towns towns.csv`: the prefecture's towns from one list, one site each.

For each row: the site is made (new-site with the app) when it is missing, the app installed when it
is not, then the settings, the office and the first slot templates are set (town_setup.py); with
--overview, the town is registered on the overview site and told where to report. One line a town;
a refused row or a failing town is reported and the others go on. The exit status is 1 when any town
failed. Lines are in Japanese: the people who run it are the prefecture's IT staff."""

import os
import subprocess
import sys

import click

from mynumber_card.core import spreadsheet, town_list

REASONS = {
	town_list.CODE_SHAPE: "団体コード「{detail}」は6桁の数字ではありません",
	town_list.CODE_CHECK_DIGIT: "団体コード {detail} の検査数字が違います（検査数字を計算すると {expected} になります）。一覧を確かめてください",
	town_list.BAD_TYPE: "区分「{detail}」は 市・町・村・特別区 のどれでもありません",
	town_list.BAD_POPULATION: "人口「{detail}」は正の整数ではありません",
	town_list.BAD_SITE: "サイト名「{detail}」はホスト名の形（例 goka.pref.example.lg.jp）ではありません",
	town_list.BAD_TEXT: "{detail} に使えない文字があるか、長すぎます",
	town_list.DUPLICATE: "同じサイト名か団体コードの行が前にあります（{detail}）",
	town_list.MISSING_COLUMNS: "見出し行に必要な列がありません: {detail}",
}


def reason_text(error: town_list.TownListError) -> str:
	return REASONS[error.reason].format(detail=error.detail, expected=error.expected)


@click.command("mynumber-card-towns")
@click.argument("towns_file", type=click.Path(exists=True, dir_okay=False))
@click.option(
	"--db-root-password", envvar="MNC_DB_ROOT_PASSWORD", help="MariaDB root password, for new sites."
)
@click.option("--overview", "overview_site", help="The prefecture's overview site: register each town there.")
@click.option("--overview-url", help="The overview site's address as the towns reach it (https://…).")
def mynumber_card_towns(towns_file, db_root_password=None, overview_site=None, overview_url=None):
	"""Make or update one site per town from a CSV or Excel list (idempotent)."""
	if bool(overview_site) != bool(overview_url):
		raise click.UsageError("--overview と --overview-url は一緒に指定してください。")
	with open(towns_file, "rb") as fh:
		content = fh.read()
	try:
		rows = town_list.read_towns(spreadsheet.iter_rows(towns_file, content))
	except town_list.TownListError as error:
		raise click.ClickException(reason_text(error)) from None
	except spreadsheet.SpreadsheetError:
		raise click.ClickException("一覧を読めません（CSV か Excel にしてください）。") from None
	failed = 0
	for row in rows:
		if isinstance(row, town_list.RowRefused):
			click.echo(f"{row.line}行目 {row.label}: 受け付けません — {reason_text(row.error)}")
			failed += 1
			continue
		try:
			words = one_town(row, db_root_password, overview_site, overview_url)
		except Exception as error:  # one town's failure stops nothing: the next town goes on
			click.echo(
				f"{row.site_name} {row.town_name} ({row.code}): 失敗 — {type(error).__name__}: {first_line(error)}"
			)
			failed += 1
			continue
		click.echo(f"{row.site_name} {row.town_name} ({row.code}): {words}")
	click.echo(f"町の数 {len(rows)}、うち失敗・受付不可 {failed}")
	if failed:
		sys.exit(1)


def first_line(error: Exception) -> str:
	import html
	import re

	text = re.sub(r"<[^>]+>", "", html.unescape(str(error)))
	return (text.strip().splitlines() or [""])[0][:200]


def sites_path() -> str:
	return os.getcwd()  # bench runs its commands from the sites folder


def site_exists(site: str) -> bool:
	return os.path.isfile(os.path.join(sites_path(), site, "site_config.json"))


def bench(*args: str):
	"""A bench command in its own process (new-site and install-app set up their own frappe)."""
	done = subprocess.run(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", *args],
		cwd=sites_path(),
		capture_output=True,
		text=True,
	)
	if done.returncode:
		lines = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
		raise RuntimeError(lines[-1] if lines else f"bench {args[0]} failed")


def one_town(row: town_list.TownRow, db_root_password, overview_site, overview_url) -> str:
	words = []
	if not site_exists(row.site_name):
		if not db_root_password:
			raise RuntimeError("新しいサイトには --db-root-password が要ります")
		import secrets

		bench(
			"new-site",
			row.site_name,
			"--db-root-password",
			db_root_password,
			"--admin-password",
			secrets.token_urlsafe(18),
			"--install-app",
			"mynumber_card",
		)
		words.append("サイトを作成（Administrator のパスワードは bench set-admin-password で設定）")
	elif "mynumber_card" not in installed_apps(row.site_name):
		bench("--site", row.site_name, "install-app", "mynumber_card")
		words.append("アプリをインストール")
	keys = register_on_overview(row, overview_site) if overview_site else None
	done = on_site(row.site_name, _apply, row, keys, overview_url)
	words += done
	return "、".join(words) if words else "変更なし"


def installed_apps(site: str) -> list[str]:
	return on_site(site, lambda: __import__("frappe").get_installed_apps())


def on_site(site: str, work, *args):
	"""Run work(*args) connected to one site, committed when it returns, rolled back when it raises."""
	import frappe

	frappe.init(site=site, sites_path=sites_path())
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		result = work(*args)
		frappe.db.commit()
		return result
	except Exception:
		frappe.db.rollback()
		raise
	finally:
		frappe.destroy()


def register_on_overview(row: town_list.TownRow, overview_site: str) -> dict:
	from mynumber_card.prefecture.registry import register_town

	return on_site(
		overview_site,
		register_town,
		row.code,
		row.town_name,
		row.settings["municipality_type"],
		row.site_name,
	)


def _apply(row, keys, overview_url) -> list[str]:
	from mynumber_card.prefecture.registry import link_town
	from mynumber_card.prefecture.town_setup import apply_town

	words = []
	for word in apply_town(row):
		kind, _, detail = word.partition(":")
		words.append(
			{
				"setup": "初期設定（日本語・東京時間）を完了",
				"settings": f"設定を更新（{detail}）",
				"location": "窓口（予約場所）を作成",
				"slot_templates": f"最初の予約枠テンプレート {detail} 件",
			}[kind]
		)
	if keys and link_town(overview_url, keys):
		words.append("県の集計サイトへの報告を設定")
	return words


commands = [mynumber_card_towns]
