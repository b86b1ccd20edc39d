#!/usr/bin/env bash
# Runs every test of this checkout:
#   1. ruff and the site-less pytest suite (tests/), always;
#   2. the Frappe integration tests (bench run-tests --app mynumber_card) on a dedicated test site,
#      when a bench is found at $FRAPPE_BENCH (default ~/frappe-bench).
# The bench's own sites and its apps/mynumber_card are left as they were found.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TEST_SITE="${MNC_TEST_SITE:-mynumber-test.localhost}"
# The test site is served here during its tests: PDFs fetch their styles over HTTP, and the
# browser and HTTP-level tests need a server.
TEST_PORT="${MNC_TEST_PORT:-8010}"
# where the browser and HTTP tests find it
export MNC_TEST_URL="http://127.0.0.1:$TEST_PORT"
VENV="$MNC_APP_DIR/.venv"
LOG_DIR="$(mktemp -d)"
passed=0
failed=0

run_site_less_suite() {
	if [ ! -x "$VENV/bin/python" ]; then
		say "creating $VENV for the site-less suite"
		python3 -m venv "$VENV" || die "python3 -m venv failed"
	fi
	"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "${MNC_APP_DIR}[test]" \
		|| die "could not install the test dependencies"
	(cd "$MNC_APP_DIR" && "$VENV/bin/ruff" check . && "$VENV/bin/ruff" format --check .) || failed=$((failed + 1))
	(cd "$MNC_APP_DIR" && "$VENV/bin/python" -m pytest tests -p no:cacheprovider) | tee "$LOG_DIR/pytest.log"
	local counts
	counts="$(tail -n 1 "$LOG_DIR/pytest.log")"
	passed=$((passed + $(grep -o '[0-9]* passed' <<<"$counts" | grep -o '[0-9]*' || echo 0)))
	failed=$((failed + $(grep -oE '[0-9]+ (failed|error)' <<<"$counts" | grep -oE '^[0-9]+' | awk '{s+=$1} END {print s+0}')))
	grep -qE '[0-9]+ passed' <<<"$counts" || failed=$((failed + 1))
}

restore_bench() {
	local target="$FRAPPE_BENCH/apps/mynumber_card"
	if [ -n "${SAVED_APP:-}" ] && [ -e "$SAVED_APP" ]; then
		rm -f "$target"
		mv "$SAVED_APP" "$target"
		"$FRAPPE_BENCH/env/bin/python" -m pip install --quiet --disable-pip-version-check -e "$target" >/dev/null 2>&1 || true
	elif [ -n "${APP_WAS_ABSENT:-}" ]; then
		rm -f "$target"
	fi
	[ -f "$LOG_DIR/apps.txt" ] && cp "$LOG_DIR/apps.txt" "$FRAPPE_BENCH/sites/apps.txt"
	[ -z "${SERVER_PID:-}" ] || kill "$SERVER_PID" 2>/dev/null || true
	stop_started_services
}

# What the integration tests drive: Playwright (with Debian's chromium, never a downloaded browser)
# and axe-core, plus the generators the tests use; `bench setup requirements --dev` installs the same.
install_bench_test_tools() {
	# Debian's chromium; a machine with a chromium of its own (GitHub's runners) keeps that one.
	command -v chromium >/dev/null || ensure_system_packages chromium
	"$FRAPPE_BENCH/env/bin/python" -m pip install --quiet --disable-pip-version-check \
		"playwright>=1.40" "axe-playwright-python>=0.1.4" "hypothesis>=6.77" "python-barcode>=0.15" >&2 \
		|| die "could not install the test tools into the bench"
}

serve_test_site() {
	(cd "$FRAPPE_BENCH" && exec bench --site "$TEST_SITE" serve --port "$TEST_PORT" --noreload) \
		>"$LOG_DIR/serve.log" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 1 60); do
		curl -fs "http://127.0.0.1:$TEST_PORT/api/method/ping" >/dev/null 2>&1 && return
		sleep 0.5
	done
	cat "$LOG_DIR/serve.log"
	die "the test site did not start on port $TEST_PORT"
}

run_integration_suite() {
	ensure_bench_cli
	configure_mariadb
	start_redis
	cp "$FRAPPE_BENCH/sites/apps.txt" "$LOG_DIR/apps.txt"
	[ -e "$FRAPPE_BENCH/apps/mynumber_card" ] || APP_WAS_ABSENT=1
	trap restore_bench EXIT
	SAVED_APP="$(link_checkout_into_bench)"
	install_bench_test_tools

	local password
	password="$(db_root_password)"
	if site_exists "$TEST_SITE" && { [ -n "${CI:-}" ] || [ "${MNC_FRESH_TEST_SITE:-}" = 1 ]; }; then
		say "dropping $TEST_SITE for a fresh start"
		bench_run drop-site "$TEST_SITE" --db-root-password "$password" --no-backup --force >/dev/null
	fi
	if ! site_exists "$TEST_SITE"; then
		say "creating the test site $TEST_SITE"
		bench_run new-site "$TEST_SITE" --db-root-password "$password" --admin-password admin \
			--install-app mynumber_card >"$LOG_DIR/new-site.log" 2>&1 \
			|| { cat "$LOG_DIR/new-site.log"; die "could not create $TEST_SITE"; }
	else
		bench_run --site "$TEST_SITE" list-apps 2>/dev/null | grep -q mynumber_card \
			|| bench_run --site "$TEST_SITE" install-app mynumber_card
		bench_run --site "$TEST_SITE" migrate >"$LOG_DIR/migrate.log" 2>&1 \
			|| { cat "$LOG_DIR/migrate.log"; die "migrate failed on $TEST_SITE"; }
	fi
	bench_run --site "$TEST_SITE" set-config allow_tests true >/dev/null
	bench_run --site "$TEST_SITE" set-config host_name "http://127.0.0.1:$TEST_PORT" >/dev/null
	serve_test_site
	bench_run --site "$TEST_SITE" run-tests --app mynumber_card 2>&1 | tee "$LOG_DIR/run-tests.log"
	local ran bad
	ran="$(grep -oE '^Ran [0-9]+ test' "$LOG_DIR/run-tests.log" | grep -oE '[0-9]+' | tail -n 1)"
	# unittest's own summary line ("FAILED (failures=1, errors=2)"), not Frappe's result repr beside it
	bad="$(grep -E '^FAILED \(' "$LOG_DIR/run-tests.log" | grep -oE '(failures|errors)=[0-9]+' | grep -oE '[0-9]+' \
		| awk '{s+=$1} END {print s+0}')"
	if [ -z "$ran" ] || ! grep -qE '^OK' "$LOG_DIR/run-tests.log"; then
		failed=$((failed + ${bad:-1}))
		passed=$((passed + ${ran:-0} - ${bad:-0}))
	else
		passed=$((passed + ran))
	fi
}

# The whole test site, dumped after the suite, must not hold any 個人番号 the tests typed in.
check_dump_for_individual_numbers() {
	local db found
	db="$("$FRAPPE_BENCH/env/bin/python" -c "import json,sys; print(json.load(open(sys.argv[1]))['db_name'])" \
		"$FRAPPE_BENCH/sites/$TEST_SITE/site_config.json")"
	found="$(mariadb-dump --protocol=tcp -h127.0.0.1 -uroot -p"$(db_root_password)" --skip-extended-insert "$db" 2>/dev/null \
		| grep -cE '123456789018|1234[ -]5678[ -]9018|１２３４５６７８９０１８' || true)"
	if [ "${found:-0}" -eq 0 ]; then
		say "database dump of $TEST_SITE: no 個人番号 that the tests tried"
		passed=$((passed + 1))
	else
		say "ERROR: the dump of $TEST_SITE holds a 個人番号 the tests tried ($found lines)"
		failed=$((failed + 1))
	fi
}

run_site_less_suite
if have_bench; then
	run_integration_suite
	check_dump_for_individual_numbers
else
	say "no Frappe bench at $FRAPPE_BENCH: ran the site-less suite only (set FRAPPE_BENCH to run the integration tests too)"
fi
echo "mynumber_card: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
