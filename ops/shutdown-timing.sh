#!/usr/bin/env bash
# How long the service takes to exit after SIGTERM under load, with its embedded MariaDB:
# starts the jar on a fresh data directory, posts statements with concurrent writers, sends
# SIGTERM half-way and times the exit; then starts it again on the same data and checks that
# every acknowledged statement is stored and every stored statement credited. Prints PASS/FAIL
# lines with figures; exit status 1 if any check failed.
#
#   ops/shutdown-timing.sh [--jar path.jar] [--seconds N] [--clients N] [--batch N] [--keep]
#
# Needs: Java 17, python3, openssl, curl. See docs/operations-database.md, "Shutdown".
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=""
SECONDS_LOAD=40
CLIENTS=4
BATCH=50
KEEP=0
while [ $# -gt 0 ]; do
	case "$1" in
	--jar) JAR=$2; shift 2 ;;
	--seconds) SECONDS_LOAD=$2; shift 2 ;;
	--clients) CLIENTS=$2; shift 2 ;;
	--batch) BATCH=$2; shift 2 ;;
	--keep) KEEP=1; shift ;;
	*) echo "unknown option $1" >&2; exit 2 ;;
	esac
done
say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
FAILED=0

if [ -z "$JAR" ]; then
	say "building the jar"
	(cd "$ROOT" && ./mvnw -q -DskipTests package)
	JAR=$(ls "$ROOT"/target/capability-tracker-*.jar | grep -v original | head -1)
fi
[ -f "$JAR" ] || { echo "no jar at $JAR" >&2; exit 2; }

WORK=$(mktemp -d /tmp/shutdown-timing.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
APP_PID=""
LOAD_PID=""
cleanup() {
	set +e
	[ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null
	if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null; sleep 30; kill -9 "$APP_PID" 2>/dev/null; fi
	if [ "$KEEP" = 1 ]; then say "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT INT TERM

ADMIN_PASSWORD=$(openssl rand -hex 12)
start_app() { # log name
	(cd "$WORK" && exec env PORT="$PORT" APP_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
		APP_DATABASE_EMBEDDED_DATA_DIR="$WORK/data/mariadb" java -Xmx768m -jar "$JAR" >"$WORK/$1.log" 2>&1) &
	APP_PID=$!
	for _ in $(seq 1 300); do
		curl -fsS "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && return 0
		kill -0 "$APP_PID" 2>/dev/null || { echo "the service died:" >&2; tail -40 "$WORK/$1.log" >&2; exit 1; }
		sleep 1
	done
	echo "the service is not ready after 300 s" >&2; exit 1
}
say "service with its embedded MariaDB on 127.0.0.1:$PORT"
start_app app
LOAD="$ROOT/ops/lib/lrs_load.py"
python3 "$LOAD" setup --url "http://127.0.0.1:$PORT" --admin-password "$ADMIN_PASSWORD" --out "$WORK/client.json" >/dev/null
: >"$WORK/acked.txt"
say "load: $CLIENTS writers, $BATCH statements per POST; SIGTERM after $((SECONDS_LOAD / 2)) s"
python3 "$LOAD" post --client "$WORK/client.json" --seconds "$SECONDS_LOAD" --clients "$CLIENTS" --batch "$BATCH" \
	--timeout 60 --acked "$WORK/acked.txt" >"$WORK/load.json" &
LOAD_PID=$!
sleep $((SECONDS_LOAD / 2))
acked=$(wc -l <"$WORK/acked.txt")
term_at=$(date +%s.%N)
kill -TERM "$APP_PID"
while kill -0 "$APP_PID" 2>/dev/null; do sleep 0.2; done
took=$(python3 -c "import time; print(round(time.time() - $term_at, 1))")
APP_PID=""
wait "$LOAD_PID" || true
LOAD_PID=""
say "load: $(cat "$WORK/load.json")"
grep -E 'Commencing graceful|Graceful shutdown|Shutdown phase|Stopping embedded|HikariPool-1 - Shutdown' "$WORK/app.log" \
	| sed -E 's/^([0-9T:.-]+)Z.*\] ([^ ]+) +: /  \1 \2: /' || true
if python3 -c "import sys; sys.exit(0 if $took <= 30 and $acked > 0 else 1)"; then
	echo "PASS shutdown: exit $took s after SIGTERM under load ($acked statements acknowledged before it; documented: 30 s)"
else
	echo "FAIL shutdown: exit $took s after SIGTERM under load ($acked statements acknowledged before it; documented: 30 s)"
	FAILED=1
fi
say "service started again on the same data"
t0=$(date +%s)
start_app app2
say "ready again after $(($(date +%s) - t0)) s"
# the embedded server's port and its application account
DB_PORT=$(pgrep -af "mariadbd.*--datadir=$WORK/data/mariadb" | grep -o -- '--port=[0-9]*' | head -1 | cut -d= -f2)
DB_PASSWORD=$(sed -n 's/^password=//p' "$WORK/data/mariadb.credentials")
python3 "$LOAD" check --client "$WORK/client.json" --acked "$WORK/acked.txt" --wait 900 \
	--sql "mariadb --no-defaults -h 127.0.0.1 -P $DB_PORT -u tracker -p$DB_PASSWORD tracker" || FAILED=1
exit "$FAILED"
