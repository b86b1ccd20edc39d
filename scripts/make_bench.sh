#!/usr/bin/env bash
# Makes sure a finished Frappe bench exists at $FRAPPE_BENCH (default ~/frappe-bench), installing and
# configuring what the machine lacks first. Running it again changes nothing.
#
#   FRAPPE_PATH    upstream frappe (default), a local frappe git repository (its work tree may be
#                  absent), or a .tar.gz of one: offline (LGWAN) installs
#   FRAPPE_BRANCH  version-15
# Arguments: extra Debian packages to install with the rest (.ci/run adds chromium).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FRAPPE_PATH="${FRAPPE_PATH:-https://github.com/frappe/frappe}"
FRAPPE_BRANCH="${FRAPPE_BRANCH:-version-15}"

# The git repository to clone frappe from: a .tar.gz is unpacked first, into the folder $1.
frappe_source() {
	local unpacked="$1"
	case "$FRAPPE_PATH" in
	*.tar.gz | *.tgz)
		[ -f "$FRAPPE_PATH" ] || die "FRAPPE_PATH: no file $FRAPPE_PATH"
		tar -xzf "$FRAPPE_PATH" -C "$unpacked" || die "could not unpack $FRAPPE_PATH"
		local git_dir
		git_dir="$(find "$unpacked" -maxdepth 3 \( -name .git -o -name HEAD \) -printf '%h\n' | head -n 1)"
		[ -n "$git_dir" ] || die "$FRAPPE_PATH holds no git repository"
		[ "$(basename "$git_dir")" = .git ] && git_dir="$(dirname "$git_dir")"
		printf '%s' "$git_dir"
		;;
	*://* | git@*) printf '%s' "$FRAPPE_PATH" ;;
	*)
		git -C "$FRAPPE_PATH" rev-parse --git-dir >/dev/null 2>&1 || die "FRAPPE_PATH: $FRAPPE_PATH is not a git repository"
		(cd "$FRAPPE_PATH" && pwd)
		;;
	esac
}

# A bench folder that `bench init` did not finish holds nothing of value: it is made again. One that
# holds sites is left for a person to look at.
clear_unfinished_bench() {
	[ -e "$FRAPPE_BENCH" ] || return 0
	if compgen -G "$FRAPPE_BENCH/sites/*/site_config.json" >/dev/null; then
		die "$FRAPPE_BENCH is an unfinished bench that holds sites: repair it or move it away"
	fi
	say "removing the unfinished bench at $FRAPPE_BENCH (an earlier bench init stopped) to make it again"
	rm -rf "$FRAPPE_BENCH"
}

init_bench() {
	local scratch source status=0
	scratch="$(mktemp -d)"
	source="$(frappe_source "$scratch")"
	say "creating a bench at $FRAPPE_BENCH with frappe $FRAPPE_BRANCH from $FRAPPE_PATH"
	# bench refuses to run as root unless ./sites/common_site_config.json names a frappe_user.
	mkdir -p "$scratch/launcher/sites"
	printf '{"frappe_user": "%s"}\n' "$(id -un)" >"$scratch/launcher/sites/common_site_config.json"
	(cd "$scratch/launcher" && bench init "$FRAPPE_BENCH" --frappe-path "$source" --frappe-branch "$FRAPPE_BRANCH" \
		--python "$MNC_PYTHON" --no-backups) || status=$?
	rm -rf "$scratch"
	[ "$status" = 0 ] || die "bench init failed (see above)"
	have_bench || die "bench init ended without a whole bench at $FRAPPE_BENCH"
}

ensure_machine "$@"
ensure_bench_cli
if have_bench; then
	say "bench at $FRAPPE_BENCH: ready"
else
	clear_unfinished_bench
	init_bench
fi
# setuptools 80 dropped pkg_resources, which frappe v15's dependencies still import.
if ! "$FRAPPE_BENCH/env/bin/python" -c "import pkg_resources" 2>/dev/null; then
	say "installing setuptools<80 into the bench env (frappe v15 imports pkg_resources)"
	"$FRAPPE_BENCH/env/bin/python" -m pip install --quiet --disable-pip-version-check "setuptools<80" \
		|| die "could not install setuptools<80 into the bench env"
fi
