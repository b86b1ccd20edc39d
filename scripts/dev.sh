#!/usr/bin/env bash
# Runs the app: a dev site with demo data on the bench at $FRAPPE_BENCH (default ~/frappe-bench).
# On a fresh machine it first installs what is missing (scripts/make_bench.sh: MariaDB, Redis, Node,
# yarn, …) and creates the bench the standard way, `bench init` with frappe version-15 from upstream,
# or from FRAPPE_PATH: a local frappe git repository or a .tar.gz of one (offline LGWAN installs).
# A site left half-made by an interrupted run is made again.
#
#   MNC_SITE=mynumber.localhost  MNC_ADMIN_PASSWORD=admin  MNC_DB_ROOT_PASSWORD=root  MNC_NO_START=1
#   FRAPPE_PATH=…  FRAPPE_BRANCH=version-15
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SITE="${MNC_SITE:-mynumber.localhost}"
ADMIN_PASSWORD="${MNC_ADMIN_PASSWORD:-admin}"

bash "$MNC_APP_DIR/scripts/make_bench.sh"
ensure_bench_cli
start_mariadb
start_redis
SAVED="$(link_checkout_into_bench)"
[ -z "$SAVED" ] || say "the previous apps/mynumber_card was moved to $SAVED"

if site_exists "$SITE" && ! site_is_whole "$SITE"; then
	remove_broken_site "$SITE"
fi
if site_exists "$SITE"; then
	bench_run --site "$SITE" list-apps 2>/dev/null | grep -q mynumber_card || bench_run --site "$SITE" install-app mynumber_card
	say "migrating $SITE"
	bench_run --site "$SITE" migrate
	# an earlier run may have stopped between installing the app and its after-install steps
	bench_run --site "$SITE" execute mynumber_card.install.after_install >/dev/null
else
	say "creating the dev site $SITE"
	bench_run new-site "$SITE" --db-root-password "$(db_root_password)" --admin-password "$ADMIN_PASSWORD" \
		--install-app mynumber_card
fi
bench_run --site "$SITE" set-config developer_mode 1 >/dev/null
# PDFs (letters, the ledger) are rendered by wkhtmltopdf, which fetches the site's styles by name.
if ! grep -qE "[[:space:]]$SITE([[:space:]]|\$)" /etc/hosts 2>/dev/null; then
	say "adding $SITE to /etc/hosts so that PDFs can reach the site"
	printf '127.0.0.1\t%s\n' "$SITE" | as_root tee -a /etc/hosts >/dev/null || say "could not write /etc/hosts: PDFs need $SITE to resolve"
fi
say "loading the demo town into $SITE"
bench_run --site "$SITE" mynumber-card-demo
say "building the app's assets"
bench_run build --app mynumber_card

# bench start runs its own Redis from the Procfile: stop ours first. A Redis that this run did not
# start (an earlier run's, a test run's) already holds the port, and bench start would stop at once
# on its failing twin: that one is used as it is, from a Procfile without its line.
stop_started_redis
say "ready: http://$SITE:$(common_config webserver_port)/app  (Administrator / $ADMIN_PASSWORD)"
[ -z "${MNC_NO_START:-}" ] || exit 0
running=()
for conf in redis_cache redis_queue; do
	port="$(redis_port "$conf")"
	[ -n "$port" ] && redis_up "$port" || continue
	say "$conf already runs on port $port: bench start uses it"
	running+=(-e "^$conf:")
done
procfile="$FRAPPE_BENCH/Procfile"
if [ "${#running[@]}" -gt 0 ]; then
	grep -v "${running[@]}" "$procfile" >"$FRAPPE_BENCH/config/Procfile.dev"
	procfile="$FRAPPE_BENCH/config/Procfile.dev"
fi
say "starting the bench (bench start; Ctrl-C stops it)"
cd "$FRAPPE_BENCH" && exec bench start --procfile "$procfile"
