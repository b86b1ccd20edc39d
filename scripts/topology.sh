#!/usr/bin/env bash
# The production shape of one prefecture's bench, as plain processes on loopback on this one machine:
#   nginx → two gunicorn web nodes, one RQ worker per queue, the scheduler, socket.io, Redis,
#   a MariaDB primary and a second MariaDB replicating from it (GTID).
# It uses Frappe's own parts only (bench's nginx template, `frappe.read_only` with `read_from_replica`).
# nginx has three doors to the same web nodes: bench's template on MNC_NGINX_PORT (one door for all, the
# load tests use it), and the two doors of deploy/nginx_doors.py: the internet door (residents' pages
# only) on MNC_INTERNET_DOOR_PORT (8091) and the staff door (all of Frappe, LGWAN only) on
# MNC_STAFF_DOOR_PORT (8092). The load balancer in front of both is 127.0.0.2 (MNC_LB_ADDRESS), LGWAN is
# MNC_STAFF_NETWORKS ("127.0.0.1/32 10.20.0.0/16"), MNC_PUBLIC_DISPLAY=0 keeps /queue-display staff-only.
# scripts/check_doors.py and scripts/check_rate_limits.py try them.
#
#   scripts/topology.sh up            start everything (creates the site on the first run) and print where it listens
#   scripts/topology.sh status        which parts answer
#   scripts/topology.sh stop-web N    stop web node N (1 or 2); kill-web N kills it (SIGKILL, a crash);
#                                     start-web N starts it again
#   scripts/topology.sh down          stop everything this script started
#   scripts/topology.sh purge         down, then drop the site and both MariaDB data folders
#
# Settings (environment): MNC_TOPOLOGY_DIR (state, default ~/.cache/mynumber_card-topology),
# MNC_TOPOLOGY_SITE (topology.localhost), ports MNC_NGINX_PORT (8090), MNC_WEB_PORTS ("8101 8102"),
# MNC_PRIMARY_PORT (3307), MNC_REPLICA_PORT (3308), MNC_WEB_WORKERS (2 gunicorn workers a node).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

TOPO_DIR="${MNC_TOPOLOGY_DIR:-$HOME/.cache/mynumber_card-topology}"
SITE="${MNC_TOPOLOGY_SITE:-topology.localhost}"
NGINX_PORT="${MNC_NGINX_PORT:-8090}"
INTERNET_DOOR_PORT="${MNC_INTERNET_DOOR_PORT:-8091}"
STAFF_DOOR_PORT="${MNC_STAFF_DOOR_PORT:-8092}"
read -r -a WEB_PORTS <<<"${MNC_WEB_PORTS:-8101 8102}"
PRIMARY_PORT="${MNC_PRIMARY_PORT:-3307}"
REPLICA_PORT="${MNC_REPLICA_PORT:-3308}"
WEB_WORKERS="${MNC_WEB_WORKERS:-2}"
DB_PASSWORD="${MNC_TOPOLOGY_DB_PASSWORD:-topology}"
QUEUES=(short default long)
RUN="$TOPO_DIR/run"
LOGS="$TOPO_DIR/logs"

pidfile() { printf '%s/%s.pid' "$RUN" "$1"; }
running() { [ -f "$(pidfile "$1")" ] && kill -0 "$(cat "$(pidfile "$1")")" 2>/dev/null; }

# Start a long-running part in the background, its pid kept under run/ so that `down` stops it alone.
launch() {
	local name="$1" dir="$2"
	shift 2
	running "$name" && return 0
	(cd "$dir" && exec setsid "$@") >>"$LOGS/$name.log" 2>&1 &
	echo $! >"$(pidfile "$name")"
}

stop_part() { # stop_part NAME [KILL]: TERM lets a part finish what it does; KILL is a crash
	local name="$1" signal="${2:-TERM}" pid
	running "$name" || { rm -f "$(pidfile "$name")"; return 0; }
	pid="$(cat "$(pidfile "$name")")"
	kill "-$signal" -- "-$pid" 2>/dev/null || kill "-$signal" "$pid" 2>/dev/null || true
	for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
	kill -KILL -- "-$pid" 2>/dev/null || true
	rm -f "$(pidfile "$name")"
}

wait_for_port() {
	local port="$1" what="$2"
	for _ in $(seq 1 150); do
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
		sleep 0.2
	done
	die "$what did not start on port $port (see $LOGS)"
}

sql() { # sql PORT STATEMENTS, as root over the instance's own socket
	mariadb --no-defaults -uroot --socket="$RUN/mariadb-$1.sock" -N -e "$2"
}

# ---- MariaDB: a primary with a binary log and a replica following it by GTID ----
start_mariadb_instance() {
	local role="$1" port="$2" server_id="$3" data="$TOPO_DIR/mariadb-$1"
	local fresh=""
	if [ ! -d "$data/mysql" ]; then
		mkdir -p "$data"
		mariadb-install-db --no-defaults --user=root --datadir="$data" --auth-root-authentication-method=socket \
			--skip-test-db \
			>"$LOGS/mariadb-$role-install.log" 2>&1 || die "mariadb-install-db failed for the $role"
		fresh=1
	fi
	local extra=(--log-bin=mariadb-bin --binlog-format=ROW --log-slave-updates)
	[ "$role" = replica ] && extra+=(--read-only=1 --relay-log=relay-bin)
	launch "mariadb-$role" "$data" /usr/sbin/mariadbd --no-defaults --user=root --datadir="$data" \
		--port="$port" --bind-address=127.0.0.1 --socket="$RUN/mariadb-$port.sock" \
		--pid-file="$RUN/mariadbd-$role.pid" --server-id="$server_id" --gtid-strict-mode=1 "${extra[@]}" \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --skip-character-set-client-handshake \
		--innodb-buffer-pool-size=256M --max-connections=300 --log-error="$LOGS/mariadb-$role.err"
	wait_for_port "$port" "MariaDB $role"
	if [ -n "$fresh" ]; then
		# Root by password over TCP, as `bench new-site` logs in; the replica gets the same from the binlog.
		# No anonymous accounts: ''@localhost would shadow the site's user@'%' for local logins.
		[ "$role" = primary ] && sql "$port" "
			DELETE FROM mysql.global_priv WHERE User='';
			FLUSH PRIVILEGES;
			ALTER USER root@localhost IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('$DB_PASSWORD');
			CREATE USER IF NOT EXISTS root@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
			GRANT ALL ON *.* TO root@'127.0.0.1' WITH GRANT OPTION;
			CREATE USER IF NOT EXISTS repl@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
			GRANT REPLICATION SLAVE ON *.* TO repl@'127.0.0.1';"
		[ "$role" = replica ] && sql "$port" "
			CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$PRIMARY_PORT, MASTER_USER='repl',
				MASTER_PASSWORD='$DB_PASSWORD', MASTER_USE_GTID=slave_pos;
			START SLAVE;"
	fi
	return 0
}

replica_state() {
	mariadb --no-defaults -uroot --socket="$RUN/mariadb-$REPLICA_PORT.sock" -e "SHOW SLAVE STATUS\G" 2>/dev/null \
		| sed -n 's/^ *\(Slave_IO_Running\|Slave_SQL_Running\|Seconds_Behind_Master\|Gtid_IO_Pos\): */\1=/p' \
		| tr '\n' ' '
}

# ---- the site: created on the primary, told about the replica ----
ensure_site() {
	if ! site_exists "$SITE"; then
		say "creating $SITE on the primary (port $PRIMARY_PORT)"
		bench_run new-site "$SITE" --db-host 127.0.0.1 --db-port "$PRIMARY_PORT" --db-root-password "$DB_PASSWORD" \
			--mariadb-user-host-login-scope=% --admin-password admin --install-app mynumber_card \
			>"$LOGS/new-site.log" 2>&1 || { cat "$LOGS/new-site.log"; die "could not create $SITE"; }
	else
		say "migrating $SITE to this checkout"
		bench_run --site "$SITE" migrate >"$LOGS/migrate.log" 2>&1 || { cat "$LOGS/migrate.log"; die "migrate failed"; }
	fi
	bench_run --site "$SITE" set-config -p read_from_replica 1 >/dev/null
	bench_run --site "$SITE" set-config replica_host 127.0.0.1 >/dev/null
	bench_run --site "$SITE" set-config -p replica_db_port "$REPLICA_PORT" >/dev/null
	bench_run --site "$SITE" set-config host_name "http://$SITE:$NGINX_PORT" >/dev/null
	bench_run --site "$SITE" enable-scheduler >/dev/null
}

# socket.io checks each socket's session by calling the site back at the page's own address, and PDFs
# load their styles from host_name: both need the site's name to resolve (as scripts/dev.sh does).
ensure_hosts_entry() {
	grep -qE "[[:space:]]$SITE([[:space:]]|\$)" /etc/hosts 2>/dev/null && return 0
	say "adding $SITE to /etc/hosts"
	printf '127.0.0.1\t%s\n' "$SITE" | as_root tee -a /etc/hosts >/dev/null || say "could not write /etc/hosts"
}

start_web() {
	local n="$1" port="${WEB_PORTS[$(($1 - 1))]}"
	launch "web$n" "$FRAPPE_BENCH/sites" "$FRAPPE_BENCH/env/bin/gunicorn" -b "127.0.0.1:$port" \
		-w "$WEB_WORKERS" -t 120 --graceful-timeout 30 frappe.app:application
	wait_for_port "$port" "web node $n"
}

up() {
	mkdir -p "$RUN" "$LOGS"
	ensure_bench_cli
	have_bench || die "no bench at $FRAPPE_BENCH: run scripts/dev.sh first"
	if ! command -v nginx >/dev/null; then
		ensure_system_packages nginx
		as_root service nginx stop >/dev/null 2>&1 || true # Debian starts one on port 80; ours is our own
	fi
	start_redis
	printf '%s\n' "${MNC_STARTED_REDIS[@]}" >>"$RUN/redis-ports"
	start_mariadb_instance primary "$PRIMARY_PORT" 1
	start_mariadb_instance replica "$REPLICA_PORT" 2
	link_checkout_into_bench >/dev/null
	ensure_site
	ensure_hosts_entry
	local n
	for n in "${!WEB_PORTS[@]}"; do start_web $((n + 1)); done
	local queue
	for queue in "${QUEUES[@]}"; do
		launch "worker-$queue" "$FRAPPE_BENCH" bench worker --queue "$queue"
	done
	launch scheduler "$FRAPPE_BENCH" bench schedule
	local socketio_port
	socketio_port="$(common_config socketio_port)"
	socketio_port="${socketio_port:-9000}"
	if ! (exec 3<>"/dev/tcp/127.0.0.1/$socketio_port") 2>/dev/null; then
		launch socketio "$FRAPPE_BENCH" node apps/frappe/socketio.js
		wait_for_port "$socketio_port" socket.io
	fi
	MNC_INTERNET_DOOR_PORT="$INTERNET_DOOR_PORT" MNC_STAFF_DOOR_PORT="$STAFF_DOOR_PORT" \
		"$BENCH_CLI_VENV/bin/python" "$MNC_APP_DIR/scripts/topology_nginx.py" "$FRAPPE_BENCH" "$SITE" "$NGINX_PORT" \
		"$socketio_port" "$TOPO_DIR" "${WEB_PORTS[@]}"
	rm -f "$RUN/internet-door.sock" # left by an nginx that was killed: it would block the bind
	nginx -t -c "$TOPO_DIR/nginx.conf" >/dev/null 2>&1 || nginx -t -c "$TOPO_DIR/nginx.conf"
	launch nginx "$TOPO_DIR" nginx -c "$TOPO_DIR/nginx.conf" -g "daemon off;"
	wait_for_port "$NGINX_PORT" nginx
	wait_for_port "$INTERNET_DOOR_PORT" "the internet door"
	wait_for_port "$STAFF_DOOR_PORT" "the staff door"
	status
}

status() {
	local port queue
	say "site $SITE (state and logs in $TOPO_DIR)"
	say "  nginx         http://127.0.0.1:$NGINX_PORT (Host: $SITE)  $(running nginx && echo up || echo down)"
	say "  internet door http://127.0.0.1:$INTERNET_DOOR_PORT (Host: $SITE)  residents' pages only"
	say "  staff door    http://127.0.0.1:$STAFF_DOOR_PORT (Host: $SITE)  all of Frappe, from LGWAN only"
	for port in "${!WEB_PORTS[@]}"; do
		say "  web node $((port + 1))    127.0.0.1:${WEB_PORTS[$port]} gunicorn ×$WEB_WORKERS  $(running "web$((port + 1))" && echo up || echo down)"
	done
	for queue in "${QUEUES[@]}"; do
		say "  worker        queue $queue  $(running "worker-$queue" && echo up || echo down)"
	done
	say "  scheduler     $(running scheduler && echo up || echo down)"
	say "  socket.io     127.0.0.1:$(common_config socketio_port)"
	say "  redis         cache 127.0.0.1:$(redis_port redis_cache), queue 127.0.0.1:$(redis_port redis_queue)"
	say "  MariaDB       primary 127.0.0.1:$PRIMARY_PORT $(running mariadb-primary && echo up || echo down)"
	say "  MariaDB       replica 127.0.0.1:$REPLICA_PORT $(running mariadb-replica && echo up || echo down): $(replica_state)"
}

down() {
	local part n webs=()
	for n in "${!WEB_PORTS[@]}"; do webs+=("web$((n + 1))"); done
	# the web side first, the databases last, so that nothing writes into a stopped database
	for part in nginx "${webs[@]}" scheduler "${QUEUES[@]/#/worker-}" socketio mariadb-replica mariadb-primary; do
		stop_part "$part"
	done
	if [ -f "$RUN/redis-ports" ]; then
		mapfile -t MNC_STARTED_REDIS < <(grep -E '^[0-9]+$' "$RUN/redis-ports" || true)
		stop_started_redis
		rm -f "$RUN/redis-ports"
	fi
	say "topology stopped"
}

purge() {
	down
	if site_exists "$SITE"; then
		rm -rf "${FRAPPE_BENCH:?}/sites/$SITE"
		sed -i "/^$SITE\$/d" "$FRAPPE_BENCH/sites/currentsite.txt" 2>/dev/null || true
	fi
	rm -rf "$TOPO_DIR"
	say "topology purged (site folder and both data folders removed)"
}

case "${1:-}" in
up) up ;;
status) status ;;
down) down ;;
purge) purge ;;
stop-web) stop_part "web${2:?which node}" ;;
kill-web) stop_part "web${2:?which node}" KILL ;;
start-web) mkdir -p "$RUN" "$LOGS" && start_web "${2:?which node}" ;;
*) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
