# Shared by scripts/dev.sh and scripts/test.sh. Sourced, not run.
# Works as root or as an ordinary user; needs bash, python3 and, for a bench, MariaDB and Redis.

MNC_APP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FRAPPE_BENCH="${FRAPPE_BENCH:-$HOME/frappe-bench}"
MNC_STARTED_MARIADB=""
MNC_STARTED_REDIS=()

say() { printf '[mynumber_card] %s\n' "$*"; }
die() { say "ERROR: $*" >&2; exit 1; }

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

have_bench() { [ -x "$FRAPPE_BENCH/env/bin/python" ] && [ -d "$FRAPPE_BENCH/apps/frappe" ]; }

# The bench CLI (frappe-bench, from PyPI). bench refuses root unless the bench names a frappe_user.
ensure_bench_cli() {
	if ! command -v bench >/dev/null; then
		say "installing the bench CLI (frappe-bench) from PyPI"
		python3 -m pip install --quiet --user frappe-bench 2>/dev/null || python3 -m pip install --quiet frappe-bench
		export PATH="$HOME/.local/bin:$PATH"
	fi
}

bench_run() { (cd "$FRAPPE_BENCH" && bench "$@"); }

common_config() {
	"$FRAPPE_BENCH/env/bin/python" - "$FRAPPE_BENCH/sites/common_site_config.json" "$1" <<'PY'
import json, sys
try:
	value = json.load(open(sys.argv[1])).get(sys.argv[2], "")
except FileNotFoundError:
	value = ""
print(value)
PY
}

db_root_password() {
	local configured
	configured="$(common_config root_password)"
	printf '%s' "${MNC_DB_ROOT_PASSWORD:-${configured:-root}}"
}

start_mariadb() {
	if mariadb-admin --protocol=tcp -h127.0.0.1 -uroot -p"$(db_root_password)" ping >/dev/null 2>&1 \
		|| mariadb-admin ping >/dev/null 2>&1; then
		return
	fi
	say "starting MariaDB"
	as_root service mariadb start >/dev/null || die "MariaDB is not running and could not be started"
	MNC_STARTED_MARIADB=1
}

start_redis() {
	local conf port
	for conf in redis_cache redis_queue; do
		[ -f "$FRAPPE_BENCH/config/$conf.conf" ] || continue
		port="$(sed -n 's/^port \([0-9]*\)/\1/p' "$FRAPPE_BENCH/config/$conf.conf")"
		if redis-cli -p "$port" ping >/dev/null 2>&1; then continue; fi
		say "starting $conf on port $port"
		(cd "$FRAPPE_BENCH/config" && redis-server "$conf.conf" --daemonize yes >/dev/null)
		MNC_STARTED_REDIS+=("$port")
	done
}

stop_started_redis() {
	local port
	for port in "${MNC_STARTED_REDIS[@]}"; do redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; done
	MNC_STARTED_REDIS=()
}

stop_started_services() {
	stop_started_redis
	if [ -n "$MNC_STARTED_MARIADB" ]; then as_root service mariadb stop >/dev/null 2>&1 || true; fi
}

# Make apps/mynumber_card this checkout (a symlink). Prints the path it moved aside, if any.
link_checkout_into_bench() {
	local target="$FRAPPE_BENCH/apps/mynumber_card" saved=""
	if [ "$(readlink -f "$target" 2>/dev/null)" != "$MNC_APP_DIR" ]; then
		if [ -e "$target" ] || [ -L "$target" ]; then
			saved="$FRAPPE_BENCH/apps/.mynumber_card.saved.$$"
			mv "$target" "$saved"
		fi
		ln -s "$MNC_APP_DIR" "$target"
	fi
	"$FRAPPE_BENCH/env/bin/python" -m pip install --quiet --disable-pip-version-check -e "$target" >&2 \
		|| die "could not install the app's Python dependencies into the bench"
	grep -qx mynumber_card "$FRAPPE_BENCH/sites/apps.txt" || printf '\nmynumber_card\n' >> "$FRAPPE_BENCH/sites/apps.txt"
	sed -i '/^$/d' "$FRAPPE_BENCH/sites/apps.txt"
	printf '%s' "$saved"
}

site_exists() { [ -f "$FRAPPE_BENCH/sites/$1/site_config.json" ]; }
