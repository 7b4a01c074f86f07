#!/usr/bin/env bash
# Two service nodes on one MariaDB behind HAProxy (round robin, loopback), and the checks
# that show they behave as one service: a signed-in session across both, an LTI login on
# one node and its launch on the other, statements posted to both credited exactly once,
# periodic jobs run once per interval, AGS scores sent once, node b killed -9 under
# load losing nothing acknowledged, and a recompute job whose node was killed finished by the
# other node, each statement re-credited once. Prints PASS/FAIL lines with figures; exit status 1 if
# any check failed. Cleans up everything it started on exit.
#
#   ops/two-nodes.sh                 # builds the jar (./mvnw -q -DskipTests package)
#   ops/two-nodes.sh --jar path.jar  # uses that jar
#   options: --seconds N (statement load, default 40; node b is killed half-way)
#            --clients N (concurrent posters, default 4)  --batch N (statements per POST, default 10)
#            --keep (leave the work directory with logs)
#
# Needs: Java 17, python3, openssl; mariadb-server and haproxy (Debian packages; installed
# with apt-get when missing, which needs root). See docs/operations.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=""
SECONDS_LOAD=40
CLIENTS=4
BATCH=10
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

# ---------------------------------------------------------------- packages
need_apt=()
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need_apt+=(mariadb-server)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || need_apt+=(haproxy)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
if [ ${#need_apt[@]} -gt 0 ]; then
	say "installing ${need_apt[*]} (apt-get)"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
PATH=$PATH:/usr/sbin
# the Debian package may have started its own server on 3306; ours uses its own port and datadir

# ---------------------------------------------------------------- jar
if [ -z "$JAR" ]; then
	say "building the jar"
	(cd "$ROOT" && ./mvnw -q -DskipTests package)
	JAR=$(ls "$ROOT"/target/capability-tracker-*.jar | grep -v original | head -1)
fi
[ -f "$JAR" ] || { echo "no jar at $JAR" >&2; exit 2; }
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")

# ---------------------------------------------------------------- work directory, ports, clean-up
WORK=$(mktemp -d /tmp/two-nodes.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
DB_PORT=$(free_port); A_PORT=$(free_port); B_PORT=$(free_port); LB_PORT=$(free_port); P_PORT=$(free_port)
PIDS=()
DB_PID=""
cleanup() {
	set +e
	exec 2>/dev/null # the shell's notices of the jobs it ends
	for pid in "${PIDS[@]}"; do kill "$pid"; done
	for pid in "${PIDS[@]}"; do
		for _ in $(seq 1 30); do kill -0 "$pid" || break; sleep 1; done
		kill -9 "$pid"
	done
	if [ -n "$DB_PID" ]; then
		kill "$DB_PID" 2>/dev/null
		for _ in $(seq 1 30); do kill -0 "$DB_PID" 2>/dev/null || break; sleep 1; done
		kill -9 "$DB_PID" 2>/dev/null
	fi
	if [ "$KEEP" = 1 ]; then say "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT INT TERM

# ---------------------------------------------------------------- MariaDB
say "MariaDB on 127.0.0.1:$DB_PORT"
mariadb-install-db --no-defaults --user=root --datadir="$WORK/db" --auth-root-authentication-method=socket \
	--skip-test-db >"$WORK/db-install.log" 2>&1
mariadbd --no-defaults --user=root --datadir="$WORK/db" --port="$DB_PORT" --bind-address=127.0.0.1 \
	--socket="$WORK/db.sock" --pid-file="$WORK/db.pid" --skip-log-bin --innodb-buffer-pool-size=256M \
	--max-connections=200 >"$WORK/db.log" 2>&1 &
DB_PID=$!
for _ in $(seq 1 60); do
	mariadb --no-defaults --socket="$WORK/db.sock" -u root -e 'SELECT 1' >/dev/null 2>&1 && break
	sleep 1
done
DB_PASSWORD=$(openssl rand -hex 16)
mariadb --no-defaults --socket="$WORK/db.sock" -u root <<SQL
CREATE DATABASE tracker CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'tracker'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON tracker.* TO 'tracker'@'127.0.0.1';
SQL
SQL_CMD="mariadb --no-defaults --socket=$WORK/db.sock -u root tracker"

# ---------------------------------------------------------------- the platform stand-in
python3 "$ROOT/ops/lib/two_node_checks.py" platform --port "$P_PORT" --dir "$WORK" >"$WORK/platform.log" 2>&1 &
PIDS+=($!)

# ---------------------------------------------------------------- nodes
ADMIN_PASSWORD=$(openssl rand -hex 12)
# every node must share the key that encrypts the tool's private keys
LTI_KEY=$(openssl rand -base64 32)
ROSTER_INTERVAL=10
PURGE_INTERVAL=8
RESUBMIT_CHECK=5
start_node() { # name port [VAR=value ...]
	mkdir -p "$WORK/$1"
	(cd "$WORK/$1" && exec env "${@:3}" \
		SPRING_DATASOURCE_URL="jdbc:mariadb://127.0.0.1:$DB_PORT/tracker" \
		SPRING_DATASOURCE_USERNAME=tracker SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD" \
		SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE=10 \
		PORT="$2" APP_ADMIN_PASSWORD="$ADMIN_PASSWORD" APP_LTI_KEY_ENCRYPTION_KEY="$LTI_KEY" \
		APP_LTI_ALLOW_INSECURE_PLATFORM_URLS=true \
		APP_LTI_ROSTER_REFRESH_INTERVAL=${ROSTER_INTERVAL}s APP_LTI_ROSTER_REFRESH_INITIAL_DELAY=3s \
		APP_LTI_SCORE_DELIVERY_POLL_INTERVAL=1s APP_LTI_SCORE_DELIVERY_BATCH_SIZE=5 \
		APP_EVENTS_PURGE_INTERVAL=${PURGE_INTERVAL}s APP_EVENTS_RESUBMIT_CHECK=${RESUBMIT_CHECK}s \
		APP_EVENTS_RESUBMIT_AFTER=20s \
		java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR" \
		--logging.level.org.attc.tracker.runtime.PeriodicJobs=debug >"$WORK/$1.log" 2>&1) &
	PIDS+=($!)
	eval "${1^^}_PID=$!"
}
wait_ready() { # name port
	for _ in $(seq 1 240); do
		if curl -fsS "http://127.0.0.1:$2/actuator/health/readiness" >/dev/null 2>&1; then return 0; fi
		if ! kill -0 "$3" 2>/dev/null; then echo "node $1 died; see its log:" >&2; tail -40 "$WORK/$1.log" >&2; exit 1; fi
		sleep 1
	done
	echo "node $1 not ready after 240 s" >&2; tail -40 "$WORK/$1.log" >&2; exit 1
}
# the first start migrates the schema and creates the administrator: one node first
say "node a on 127.0.0.1:$A_PORT (first start: migrations)"
start_node a "$A_PORT"
wait_ready a "$A_PORT" "$A_PID"
say "node b on 127.0.0.1:$B_PORT"
start_node b "$B_PORT"
wait_ready b "$B_PORT" "$B_PID"

# ---------------------------------------------------------------- HAProxy
cat >"$WORK/haproxy.cfg" <<CFG
global
	maxconn 2000
defaults
	mode http
	timeout connect 2s
	timeout client 60s
	timeout server 60s
	retries 2
	option redispatch
frontend tracker
	bind 127.0.0.1:$LB_PORT
	default_backend nodes
backend nodes
	balance roundrobin
	option httpchk GET /actuator/health/readiness
	http-response set-header X-Served-By %[srv_name]
	server a 127.0.0.1:$A_PORT check inter 1s fall 2 rise 2
	server b 127.0.0.1:$B_PORT check inter 1s fall 2 rise 2
CFG
haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
PIDS+=($!)
LB="http://127.0.0.1:$LB_PORT"
for _ in $(seq 1 30); do curl -fsS "$LB/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1; done
say "HAProxy on $LB (round robin over a and b)"

FAILED=0
check() { "$@" || FAILED=1; }
CHECKS="$ROOT/ops/lib/two_node_checks.py"

# ---------------------------------------------------------------- 1. session
check python3 "$CHECKS" session --lb "$LB" --admin-password "$ADMIN_PASSWORD" --pages 20

# ---------------------------------------------------------------- 2. LTI login on a, launch on b
check python3 "$CHECKS" lti --a "http://127.0.0.1:$A_PORT" --b "http://127.0.0.1:$B_PORT" \
	--platform "http://127.0.0.1:$P_PORT" --dir "$WORK" --admin-password "$ADMIN_PASSWORD"

# ---------------------------------------------------------------- 3. AGS scores, queued, sent by whichever node
PLATFORM_ID=$(cat "$WORK/platform-id" 2>/dev/null || echo 0)
SCORES=200
$SQL_CMD <<SQL
INSERT IGNORE INTO lti_resource_link (platform_id, resource_link_id, context_id, title, line_item_url, ags_scopes, updated_at)
VALUES ($PLATFORM_ID, 'two-nodes-link', 'two-nodes-course', 'Two nodes', 'http://127.0.0.1:$P_PORT/lineitems/1',
        'https://purl.imsglobal.org/spec/lti-ags/scope/score', NOW(6));
INSERT IGNORE INTO lti_course (platform_id, context_id, title, memberships_url, last_launch_at)
VALUES ($PLATFORM_ID, 'two-nodes-course', 'Two nodes', 'http://127.0.0.1:$P_PORT/memberships/two-nodes-course', NOW(6));
INSERT INTO lti_score_delivery (link_id, user_id, learner_id, capabilities_held, capabilities_linked, activity_progress,
        grading_progress, score_timestamp, status, attempts, next_attempt_at, created_at, updated_at)
SELECT l.id, CONCAT('score-user-', seq.n), 1, 1, 2, 'InProgress', 'Pending', NOW(6), 'PENDING', 0, NOW(6), NOW(6), NOW(6)
FROM lti_resource_link l
JOIN (SELECT a.i * 20 + b.i AS n FROM
        (SELECT 0 i UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) a,
        (SELECT 0 i UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9
         UNION SELECT 10 UNION SELECT 11 UNION SELECT 12 UNION SELECT 13 UNION SELECT 14 UNION SELECT 15 UNION SELECT 16 UNION SELECT 17 UNION SELECT 18 UNION SELECT 19) b) seq
WHERE l.platform_id = $PLATFORM_ID AND l.resource_link_id = 'two-nodes-link';
SQL
check python3 "$CHECKS" scores --dir "$WORK" --expected "$SCORES" --wait 120

# ---------------------------------------------------------------- 4. statements through the balancer, node b killed -9 half-way
say "statement load: $SECONDS_LOAD s, $CLIENTS clients, batches of $BATCH, through the balancer"
python3 "$ROOT/ops/lib/lrs_load.py" setup --url "$LB" --admin-password "$ADMIN_PASSWORD" --out "$WORK/client.json" >/dev/null
python3 "$ROOT/ops/lib/lrs_load.py" post --client "$WORK/client.json" --seconds "$SECONDS_LOAD" --clients "$CLIENTS" \
	--batch "$BATCH" --acked "$WORK/acked.txt" >"$WORK/load.json" &
LOAD_PID=$!
sleep $((SECONDS_LOAD / 2))
BEFORE_KILL=$(wc -l <"$WORK/acked.txt")
KILLED_AT=$($SQL_CMD -N -B -e "SELECT NOW(6)")
kill -9 "$B_PID"
wait "$B_PID" 2>/dev/null || true
say "node b killed -9 with $BEFORE_KILL statements acknowledged so far"
wait "$LOAD_PID"
say "load figures: $(cat "$WORK/load.json")"
INCOMPLETE=$($SQL_CMD -N -B -e "SELECT COUNT(*), COALESCE(SUM(queued_at <= '$KILLED_AT'), 0) FROM cred_pending_statement")
say "statements waiting in crediting's queue when the load ended: ${INCOMPLETE%%	*}, of which ${INCOMPLETE##*	} queued before the kill (node b's are claimed by node a's workers)"
check python3 "$ROOT/ops/lib/lrs_load.py" check --client "$WORK/client.json" --acked "$WORK/acked.txt" \
	--sql "$SQL_CMD" --wait 240

# ---------------------------------------------------------------- 5. periodic jobs ran once per interval
check python3 "$CHECKS" periodic --log "a=$WORK/a.log" --log "b=$WORK/b.log" \
	--job "lti-roster-refresh=$ROSTER_INTERVAL" --job "event-publication-purge=$PURGE_INTERVAL" \
	--job "event-publication-resubmission=$RESUBMIT_CHECK" --roster "$WORK"

# ---------------------------------------------------------------- 6. a recompute job outlives its node
# node b again (log b2.log), re-crediting in small batches so that its job is caught half-way; a second
# mapping on the run's activities starts a job there, and node b is killed -9 in the middle
say "node b restarted (recompute batches of 10); a second mapping on the run's activities created on it"
start_node b2 "$B_PORT" APP_CREDITING_RECOMPUTE_BATCH_SIZE=10
wait_ready b2 "$B_PORT" "$B2_PID"
PREFIX=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["prefix"])' "$WORK/client.json")
CREATED=$(curl -fsS -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
	"http://127.0.0.1:$B_PORT/api/mappings" \
	-d "{\"activityId\":\"$PREFIX\",\"match\":\"prefix\",\"capability\":\"D2.2\",\"tier\":\"T1\"}")
read -r MAPPING2 JOB < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["mapping"]["id"], d["recomputeJob"])' "$CREATED")
PROCESSED=0
for _ in $(seq 1 600); do
	PROCESSED=$($SQL_CMD -N -B -e "SELECT processed FROM cred_recompute_job WHERE id = $JOB")
	if [ "$PROCESSED" -gt 0 ]; then break; fi
	sleep 0.05
done
kill -9 "$B2_PID"
wait "$B2_PID" 2>/dev/null || true
say "node b killed -9 with recompute job $JOB at $PROCESSED statements; node a takes it up once its heartbeat is 2 minutes old"
check python3 "$ROOT/ops/lib/lrs_load.py" recompute --client "$WORK/client.json" --sql "$SQL_CMD" --job "$JOB" \
	--mapping "$MAPPING2" --processed-at-kill "$PROCESSED" --log "$WORK/a.log" --wait 300

if [ "$FAILED" = 0 ]; then say "ALL CHECKS PASSED"; else say "SOME CHECKS FAILED (run with --keep to read the logs)"; fi
exit "$FAILED"
