"""Screenshots of the prefecture overview (issue 26): the table of towns and one town's trend.

Run with the bench's Python against a served overview site:
  ~/frappe-bench/env/bin/python scripts/prefecture_screenshots.py http://127.0.0.1:8104 085464 /tmp/shots
(Administrator's password from $MNC_ADMIN_PASSWORD, default admin)."""

import os
import sys

from playwright.sync_api import sync_playwright


def main(base_url: str, town: str, folder: str):
	os.makedirs(folder, exist_ok=True)
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(
			executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
		)
		page = browser.new_page(viewport={"width": 1500, "height": 900}, locale="ja-JP")
		page.goto(f"{base_url}/login")
		page.fill("#login_email", "Administrator")
		page.fill("#login_password", os.environ.get("MNC_ADMIN_PASSWORD", "admin"))
		page.click(".btn-login")
		page.wait_for_url("**/app**", timeout=30000)
		page.goto(f"{base_url}/app/prefecture-overview")
		page.wait_for_selector("table.pref-towns tbody tr", timeout=30000)
		page.click("th[data-key='held_rate']")  # sorted by 保有枚数率, ascending
		page.screenshot(path=f"{folder}/overview-table.png", full_page=True)
		page.goto(f"{base_url}/app/prefecture-overview/{town}")
		page.wait_for_selector(".pref-trend-stock svg", timeout=30000)
		page.wait_for_timeout(1500)  # the chart's drawing animation
		page.screenshot(path=f"{folder}/town-trend.png", full_page=True)
		browser.close()
	print(f"{folder}/overview-table.png {folder}/town-trend.png")


if __name__ == "__main__":
	main(*sys.argv[1:4])
