# shellcheck shell=bash
# Shared by dev.sh, test.sh, make_bench.sh and .ci/run. Sourced, not run.
# Works as root or as an ordinary user (with sudo for the machine's packages and services).

MNC_APP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FRAPPE_BENCH="${FRAPPE_BENCH:-$HOME/frappe-bench}"
# The Python the bench env is made from, found before the bench CLI's own venv goes on the PATH.
MNC_PYTHON="${MNC_PYTHON:-$(command -v python3)}"
MNC_STARTED_MARIADB=""
MNC_STARTED_REDIS=()
# shellcheck source=system.sh
source "$MNC_APP_DIR/scripts/system.sh"

say() { printf '[mynumber_card] %s\n' "$*"; }
die() { say "ERROR: $*" >&2; exit 1; }

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

# A bench that `bench init` finished: its env imports frappe and the assets, built last, are there.
have_bench() {
	[ -x "$FRAPPE_BENCH/env/bin/python" ] && [ -d "$FRAPPE_BENCH/apps/frappe" ] \
		&& [ -f "$FRAPPE_BENCH/Procfile" ] && [ -f "$FRAPPE_BENCH/sites/assets/assets.json" ] \
		&& "$FRAPPE_BENCH/env/bin/python" -c "import frappe" 2>/dev/null
}

# The bench CLI (frappe-bench, from PyPI), in a venv of its own so that no system Python is touched.
BENCH_CLI_VENV="${MNC_BENCH_CLI_VENV:-$HOME/.local/share/frappe-bench-cli}"
ensure_bench_cli() {
	[ -x "$BENCH_CLI_VENV/bin/bench" ] && export PATH="$BENCH_CLI_VENV/bin:$PATH"
	command -v bench >/dev/null && return 0
	say "installing the bench CLI (frappe-bench) from PyPI into $BENCH_CLI_VENV"
	python3 -m venv "$BENCH_CLI_VENV" && "$BENCH_CLI_VENV/bin/python" -m pip install --quiet \
		--disable-pip-version-check frappe-bench || die "could not install the bench CLI"
	export PATH="$BENCH_CLI_VENV/bin:$PATH"
}

bench_run() { (cd "$FRAPPE_BENCH" && bench "$@"); }

common_config() {
	python3 - "$FRAPPE_BENCH/sites/common_site_config.json" "$1" <<'PY'
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

# The port of the bench's redis_cache or redis_queue (config/<name>.conf), and whether it answers.
redis_port() { sed -n 's/^port \([0-9]*\)/\1/p' "$FRAPPE_BENCH/config/$1.conf" 2>/dev/null; }
redis_up() { redis-cli -p "$1" ping >/dev/null 2>&1; }

start_redis() {
	local conf port
	for conf in redis_cache redis_queue; do
		[ -f "$FRAPPE_BENCH/config/$conf.conf" ] || continue
		port="$(redis_port "$conf")"
		if redis_up "$port"; then continue; fi
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
	if [ -n "$MNC_STARTED_MARIADB" ]; then stop_mariadb; fi
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

site_config() {
	python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ''))" \
		"$FRAPPE_BENCH/sites/$1/site_config.json" "$2" 2>/dev/null
}

# A site whose database answers with frappe installed; a folder left by an interrupted new-site does not.
site_is_whole() {
	site_exists "$1" && bench_run --site "$1" list-apps 2>/dev/null | grep -qE '^frappe( |$)'
}

# Remove what an interrupted `bench new-site` left: the folder, its database and its database user.
remove_broken_site() {
	local db
	db="$(site_config "$1" db_name)"
	say "removing the half-made site $1 (its folder${db:+, database $db and its user}) to make it again"
	if [ -n "$db" ]; then
		mariadb --protocol=tcp -h127.0.0.1 -uroot -p"$(db_root_password)" -e \
			"DROP DATABASE IF EXISTS \`$db\`; DROP USER IF EXISTS '$db'@'localhost', '$db'@'%';" \
			|| die "could not drop the database $db"
	fi
	rm -rf "${FRAPPE_BENCH:?}/sites/$1"
}
