#!/usr/bin/env bash
# Runs the app: a dev site with demo data on the bench at $FRAPPE_BENCH (default ~/frappe-bench).
# Where no bench exists it creates one the standard way: `bench init` with frappe version-15 from
# upstream, or from a local frappe checkout given as FRAPPE_PATH (offline LGWAN installs).
#
#   MNC_SITE=mynumber.localhost  MNC_ADMIN_PASSWORD=admin  MNC_DB_ROOT_PASSWORD=root  MNC_NO_START=1
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SITE="${MNC_SITE:-mynumber.localhost}"
ADMIN_PASSWORD="${MNC_ADMIN_PASSWORD:-admin}"
FRAPPE_PATH="${FRAPPE_PATH:-https://github.com/frappe/frappe}"
FRAPPE_BRANCH="${FRAPPE_BRANCH:-version-15}"

init_bench() {
	ensure_bench_cli
	say "creating a bench at $FRAPPE_BENCH from $FRAPPE_PATH ($FRAPPE_BRANCH)"
	# bench refuses to run as root unless ./sites/common_site_config.json names a frappe_user.
	local launcher
	launcher="$(mktemp -d)"
	mkdir -p "$launcher/sites"
	printf '{"frappe_user": "%s"}\n' "$(id -un)" >"$launcher/sites/common_site_config.json"
	(cd "$launcher" && bench init "$FRAPPE_BENCH" --frappe-path "$FRAPPE_PATH" --frappe-branch "$FRAPPE_BRANCH" \
		--python "$(command -v python3)")
	rm -rf "$launcher"
	# setuptools 80 dropped pkg_resources, which frappe's dependencies still import.
	if ! "$FRAPPE_BENCH/env/bin/python" -c "import pkg_resources" 2>/dev/null; then
		"$FRAPPE_BENCH/env/bin/python" -m pip install --quiet "setuptools<80"
	fi
}

have_bench || init_bench
ensure_bench_cli
start_mariadb
start_redis
SAVED="$(link_checkout_into_bench)"
[ -z "$SAVED" ] || say "the previous apps/mynumber_card was moved to $SAVED"

if site_exists "$SITE"; then
	bench_run --site "$SITE" list-apps 2>/dev/null | grep -q mynumber_card || bench_run --site "$SITE" install-app mynumber_card
	bench_run --site "$SITE" migrate
else
	say "creating the dev site $SITE"
	bench_run new-site "$SITE" --db-root-password "$(db_root_password)" --admin-password "$ADMIN_PASSWORD" \
		--install-app mynumber_card
	bench_run --site "$SITE" set-config developer_mode 1
fi
bench_run --site "$SITE" mynumber-card-demo
bench_run build --app mynumber_card

# bench start runs its own Redis from the Procfile: stop ours first.
stop_started_redis
say "ready: http://$SITE:$(common_config webserver_port)/app  (Administrator / $ADMIN_PASSWORD)"
[ -n "${MNC_NO_START:-}" ] || { cd "$FRAPPE_BENCH" && exec bench start; }
