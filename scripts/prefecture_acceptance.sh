#!/usr/bin/env bash
# Issue 26's acceptance on one bench, outside the test suite (site creation is slow: ~1.5 min a site):
# an overview site, five towns from a list with one wrong check digit, a second run that changes
# nothing, each town's report pushed to the served overview, screenshots; the sites dropped at the end
# unless KEEP=1. Usage: scripts/prefecture_acceptance.sh [towns.csv]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_bench_cli
PASSWORD="$(db_root_password)"
OVERVIEW=pref-overview.localhost
PORT="${MNC_PREF_PORT:-8104}"
LIST="${1:-$(mktemp --suffix=.csv)}"
SHOTS="${MNC_SCREENSHOTS:-/tmp/mynumber_card-screenshots}/prefecture"
if [ -z "${1:-}" ]; then
	cat >"$LIST" <<'CSV'
団体名,団体コード,区分,人口,窓口名,電話,メール,サイト名
五霞町,085464,町,8012,五霞町役場 住民課,0280-84-1111,,pref-goka.localhost
境町,085421,町,24000,境町役場 住民課,0280-81-1111,,pref-sakai.localhost
河内町,084476,町,8000,河内町役場 町民課,0297-84-2111,,pref-kawachi.localhost
水戸市,082015,市,268000,水戸市役所 市民課,029-224-1111,,pref-mito.localhost
常陸大宮市,082252,市,38000,常陸大宮市役所 市民課,0295-52-1111,,pref-hitachiomiya.localhost
誤記町,085465,町,5000,誤記町役場,0280-00-0000,,pref-typo.localhost
CSV
fi
sites() { tail -n +2 "$LIST" | cut -d, -f8 | grep '^pref-' || true; }

if ! site_exists "$OVERVIEW"; then
	bench_run new-site "$OVERVIEW" --db-root-password "$PASSWORD" --admin-password admin --install-app mynumber_card >/dev/null
fi
bench_run --site "$OVERVIEW" execute mynumber_card.prefecture.town_setup.complete_setup >/dev/null
bench_run --site "$OVERVIEW" execute frappe.client.set_value \
	--args '["Prefecture Settings","Prefecture Settings",{"site_role":"Prefecture Overview","prefecture_name":"茨城県"}]' >/dev/null

run_towns() { bench_run mynumber-card-towns "$LIST" --db-root-password "$PASSWORD" \
	--overview "$OVERVIEW" --overview-url "http://127.0.0.1:$PORT" || true; }
# what a run could change on each town: both settings' last change, the locations and slot templates
fingerprint() {
	for site in $(sites); do
		site_exists "$site" || continue
		echo "$site $(bench_run --site "$site" execute frappe.db.get_value --args '["MyNumber Card Settings",null,"modified"]') \
$(bench_run --site "$site" execute frappe.db.get_value --args '["Prefecture Settings",null,"modified"]') \
$(bench_run --site "$site" execute frappe.db.count --args '["Booking Location"]') \
$(bench_run --site "$site" execute frappe.db.count --args '["Booking Slot Template"]')"
	done
	bench_run --site "$OVERVIEW" execute frappe.get_all --kwargs '{"doctype":"Prefecture Town","fields":["name","modified"]}'
}
say "first run"; run_towns
before="$(fingerprint)"
say "second run (must change nothing)"; run_towns
after="$(fingerprint)"
if [ "$before" = "$after" ]; then say "second run: nothing changed on any site"; else say "ERROR: the second run changed:"; diff <(echo "$before") <(echo "$after") || true; fi

(cd "$FRAPPE_BENCH" && exec bench --site "$OVERVIEW" serve --port "$PORT" --noreload) >/tmp/pref-overview-serve.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/api/method/ping" >/dev/null && break; sleep 0.5; done
for site in $(sites); do
	site_exists "$site" || continue
	bench_run --site "$site" execute mynumber_card.prefecture.reporting.send_daily_report >/dev/null
	echo "$site: $(bench_run --site "$site" execute frappe.db.get_single_value --args '["Prefecture Settings","last_report_sent"]')"
done
"$FRAPPE_BENCH/env/bin/python" "$(dirname "${BASH_SOURCE[0]}")/prefecture_screenshots.py" "http://127.0.0.1:$PORT" 085464 "$SHOTS"

if [ "${KEEP:-}" != 1 ]; then
	for site in $(sites) "$OVERVIEW"; do
		site_exists "$site" && bench_run drop-site "$site" --force --no-backup --db-root-password "$PASSWORD" >/dev/null && echo "dropped $site"
	done
fi
