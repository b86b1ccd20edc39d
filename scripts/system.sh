# shellcheck shell=bash
# What a Frappe bench needs from the machine, installed and configured when missing. Sourced, not run.
# Debian 12 and Ubuntu 22.04/24.04, as root or with sudo; works with or without systemd.

# Debian packages a bench, the app and its tests use: git and build tools for bench init, the headers
# for Python packages that compile, wkhtmltopdf + Noto CJK for Japanese PDFs, libzbar0 for pyzbar.
SYSTEM_PACKAGES=(
	git curl ca-certificates build-essential pkg-config python3-dev python3-venv python3-pip
	mariadb-server mariadb-client redis-server
	wkhtmltopdf fonts-noto-cjk libzbar0 poppler-utils xz-utils
)
MARIADB_FRAPPE_CNF=/etc/mysql/mariadb.conf.d/99-frappe.cnf

ensure_system_packages() {
	local missing=() pkg
	for pkg in "${SYSTEM_PACKAGES[@]}" "$@"; do
		dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
	done
	[ "${#missing[@]}" -gt 0 ] || return 0
	say "installing Debian packages: ${missing[*]}"
	as_root apt-get update -qq || die "apt-get update failed"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
		>/dev/null || die "could not install ${missing[*]}"
}

node_major() {
	local version
	version="$(node --version 2>/dev/null)" || { echo 0; return; }
	version="${version#v}"
	echo "${version%%.*}"
}

# Frappe v15 builds its assets with Node >= 18 and yarn 1.
ensure_node_and_yarn() {
	if [ "$(node_major)" -lt 18 ]; then
		say "installing Node.js from Debian"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null || true
	fi
	if [ "$(node_major)" -lt 18 ]; then
		# Ubuntu 22.04 ships Node 12: take Node 20 from the npm registry (the `node` package).
		say "Node.js $(node --version 2>/dev/null) is too old: installing Node.js 20 from the npm registry"
		as_root npm install -g --silent node@20 >/dev/null || die "could not install Node.js 20"
		hash -r
	fi
	if ! command -v yarn >/dev/null; then
		say "installing yarn from the npm registry"
		as_root npm install -g --silent yarn >/dev/null || die "could not install yarn"
		hash -r
	fi
}

mariadb_root_ok() {
	mariadb --protocol=tcp -h127.0.0.1 -uroot -p"$(db_root_password)" -e "SELECT 1" >/dev/null 2>&1
}

mariadb_alive() { mariadb-admin ping >/dev/null 2>&1 || mariadb_root_ok; }

start_mariadb() {
	mariadb_alive && return 0
	say "starting MariaDB"
	if ! as_root service mariadb start >/dev/null 2>&1; then
		# no init system at all (a bare container): start the server directly
		as_root mkdir -p /run/mysqld && as_root chown mysql:mysql /run/mysqld
		(as_root mysqld_safe --user=mysql >/dev/null 2>&1 &)
	fi
	local _
	for _ in $(seq 1 60); do
		mariadb_alive && { MNC_STARTED_MARIADB=1; return 0; }
		sleep 0.5
	done
	die "MariaDB is not running and could not be started"
}

stop_mariadb() {
	as_root service mariadb stop >/dev/null 2>&1 || as_root mariadb-admin shutdown >/dev/null 2>&1 || true
}

# Frappe's install docs: utf8mb4 everywhere, and a root login by password (Debian's root has only
# the unix socket). The socket login stays; the password is added beside it.
configure_mariadb() {
	local wanted
	wanted="$(printf '%s\n' '[mysqld]' 'character-set-client-handshake = FALSE' \
		'character-set-server = utf8mb4' 'collation-server = utf8mb4_unicode_ci' '' \
		'[mysql]' 'default-character-set = utf8mb4')"
	if [ "$(cat "$MARIADB_FRAPPE_CNF" 2>/dev/null)" != "$wanted" ]; then
		say "configuring MariaDB for Frappe (utf8mb4) in $MARIADB_FRAPPE_CNF"
		printf '%s\n' "$wanted" | as_root tee "$MARIADB_FRAPPE_CNF" >/dev/null
		if mariadb_alive; then
			stop_mariadb
			local _
			for _ in $(seq 1 40); do mariadb_alive || break; sleep 0.5; done
		fi
	fi
	start_mariadb
	mariadb_root_ok && return 0
	say "giving MariaDB's root a password login (MNC_DB_ROOT_PASSWORD) beside the socket login"
	local password sql
	password="$(db_root_password)"
	sql="ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('${password//\'/\'\'}'); FLUSH PRIVILEGES;"
	as_root mariadb -uroot -e "$sql" >/dev/null 2>&1 || die "MariaDB's root accepts neither the password nor the socket: \
set MNC_DB_ROOT_PASSWORD to its password"
	mariadb_root_ok || die "MariaDB's root still refuses the password login"
}

# Everything a bench needs from the machine, each step only when missing.
ensure_machine() {
	ensure_system_packages "$@"
	ensure_node_and_yarn
	configure_mariadb
}
