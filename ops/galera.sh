#!/usr/bin/env bash
# The service on a three-node MariaDB Galera cluster (Debian's mariadb-server 10.11 and
# galera-4, all on loopback), and the checks that it keeps what it acknowledged when the
# node it writes to is killed -9 under load:
#   1. every table has a primary key, and the service's SQL takes no table locks
#      (Galera replicates neither table locks nor rows of tables without a key well);
#   2. statements posted by concurrent writers; half-way, kill -9 of the Galera node the
#      service is connected to; the JDBC URL lists all three nodes (Connector/J
#      "sequential" failover), so the service carries on on the next one;
#   3. SIGTERM of the service while statements are still being posted, timed: it must
#      exit within the documented 30 s;
#   4. the service started again; every acknowledged statement stored and every stored
#      statement credited exactly once, read on a surviving node;
#   5. the killed node rejoins and catches up (same row count as the others).
# Prints PASS/FAIL lines with figures; exit status 1 if any check failed. Cleans up all it
# started on exit.
#
#   ops/galera.sh                  # builds the jar (./mvnw -q -DskipTests package)
#   ops/galera.sh --jar path.jar   # uses that jar
#   options: --seconds N (load before and after the kill, default 40; the node dies half-way)
#            --clients N (concurrent writers, default 4)  --batch N (statements per POST, default 50)
#            --check-wait N (how long crediting may take to catch up after the restart, default 900 s:
#            on a busy 2-core machine it credits a few hundred statements a second)
#            --keep (leave the work directory with the logs)
#
# Needs: Java 17, python3, openssl; mariadb-server, galera-4 and rsync (Debian packages,
# installed with apt-get when missing, which needs root). See docs/operations.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=""
SECONDS_LOAD=40
CLIENTS=4
BATCH=50
CHECK_WAIT=900
KEEP=0
while [ $# -gt 0 ]; do
	case "$1" in
	--jar) JAR=$2; shift 2 ;;
	--seconds) SECONDS_LOAD=$2; shift 2 ;;
	--clients) CLIENTS=$2; shift 2 ;;
	--batch) BATCH=$2; shift 2 ;;
	--check-wait) CHECK_WAIT=$2; shift 2 ;;
	--keep) KEEP=1; shift ;;
	*) echo "unknown option $1" >&2; exit 2 ;;
	esac
done

say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
FAILED=0
result() { # passed(0/1) text
	if [ "$1" = 0 ]; then echo "PASS $2"; else echo "FAIL $2"; FAILED=1; fi
}

# ---------------------------------------------------------------- packages
PATH=$PATH:/usr/sbin
need_apt=()
command -v mariadbd >/dev/null 2>&1 || need_apt+=(mariadb-server)
[ -f /usr/lib/galera/libgalera_smm.so ] || need_apt+=(galera-4)
command -v rsync >/dev/null 2>&1 || need_apt+=(rsync)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
if [ ${#need_apt[@]} -gt 0 ]; then
	say "installing ${need_apt[*]} (apt-get)"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
GALERA=/usr/lib/galera/libgalera_smm.so
[ -f "$GALERA" ] || { echo "no Galera provider at $GALERA" >&2; exit 2; }

# ---------------------------------------------------------------- jar
if [ -z "$JAR" ]; then
	say "building the jar"
	(cd "$ROOT" && ./mvnw -q -DskipTests package)
	JAR=$(ls "$ROOT"/target/capability-tracker-*.jar | grep -v original | head -1)
fi
[ -f "$JAR" ] || { echo "no jar at $JAR" >&2; exit 2; }

# ---------------------------------------------------------------- work directory, ports, clean-up
WORK=$(mktemp -d /tmp/galera.XXXXXX)
chmod 755 "$WORK"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
declare -A SQL_PORT GCOMM_PORT IST_PORT SST_PORT DB_PID
NODES="1 2 3"
for n in $NODES; do
	SQL_PORT[$n]=$(free_port); GCOMM_PORT[$n]=$(free_port); IST_PORT[$n]=$(free_port); SST_PORT[$n]=$(free_port)
done
APP_PORT=$(free_port)
APP_PID=""
LOAD_PID=""
cleanup() {
	set +e
	[ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null
	if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null; sleep 2; kill -9 "$APP_PID" 2>/dev/null; fi
	for n in $NODES; do
		pid=${DB_PID[$n]:-}
		[ -n "$pid" ] && kill "$pid" 2>/dev/null
	done
	for n in $NODES; do
		pid=${DB_PID[$n]:-}
		[ -z "$pid" ] && continue
		for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
		kill -9 "$pid" 2>/dev/null
	done
	if [ "$KEEP" = 1 ]; then say "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT INT TERM

# ---------------------------------------------------------------- the cluster
CLUSTER="gcomm://127.0.0.1:${GCOMM_PORT[1]},127.0.0.1:${GCOMM_PORT[2]},127.0.0.1:${GCOMM_PORT[3]}"
write_config() { # node
	local n=$1
	cat >"$WORK/n$n.cnf" <<CNF
[mysqld]
# not root: the rsync daemon of a state transfer would run as "nobody" and fail
user=mysql
datadir=$WORK/n$n
socket=$WORK/n$n.sock
pid-file=$WORK/n$n.pid
port=${SQL_PORT[$n]}
bind-address=127.0.0.1
log-error=$WORK/n$n.err
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
innodb-buffer-pool-size=128M
max-connections=200
# what Galera requires
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=$GALERA
wsrep_cluster_name=tracker
wsrep_cluster_address=$CLUSTER
wsrep_node_name=n$n
wsrep_node_address=127.0.0.1
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:${GCOMM_PORT[$n]};ist.recv_addr=127.0.0.1:${IST_PORT[$n]};gcache.size=256M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:${SST_PORT[$n]}
CNF
}
sql() { # node, then mariadb client arguments
	local n=$1; shift
	mariadb --no-defaults --socket="$WORK/n$n.sock" -u root "$@"
}
start_node() { # node [--wsrep-new-cluster]
	local n=$1; shift
	mariadbd --defaults-file="$WORK/n$n.cnf" "$@" >"$WORK/n$n.out" 2>&1 &
	DB_PID[$n]=$!
}
wait_synced() { # node
	local n=$1
	for _ in $(seq 1 180); do
		state=$(sql "$n" -N -B -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2 || true)
		[ "$state" = "Synced" ] && return 0
		if ! kill -0 "${DB_PID[$n]}" 2>/dev/null; then
			echo "Galera node $n died; its log:" >&2; tail -30 "$WORK/n$n.err" >&2; exit 1
		fi
		sleep 1
	done
	echo "Galera node $n not synced after 180 s" >&2; tail -30 "$WORK/n$n.err" >&2; exit 1
}
for n in $NODES; do
	write_config "$n"
	mariadb-install-db --no-defaults --user=mysql --datadir="$WORK/n$n" --auth-root-authentication-method=socket \
		--skip-test-db >"$WORK/n$n-install.log" 2>&1
done
chown -R mysql:mysql "$WORK"
say "Galera node 1 bootstraps the cluster (SQL port ${SQL_PORT[1]})"
start_node 1 --wsrep-new-cluster
wait_synced 1
for n in 2 3; do
	say "Galera node $n joins (SQL port ${SQL_PORT[$n]}; full state transfer by rsync)"
	start_node "$n"
	wait_synced "$n"
done
size=$(sql 1 -N -B -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2)
result $([ "$size" = 3 ] && echo 0 || echo 1) "cluster: $size nodes synced"

DB_PASSWORD=$(openssl rand -hex 16)
sql 1 <<SQL
CREATE DATABASE tracker CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'tracker'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON tracker.* TO 'tracker'@'127.0.0.1';
SQL

# ---------------------------------------------------------------- the service
ADMIN_PASSWORD=$(openssl rand -hex 12)
LTI_KEY=$(openssl rand -base64 32)
# sequential: every connection goes to the first node that answers, so all writes meet on one
# node (no certification conflicts between the service's own transactions); wsrep_sync_wait=1:
# a read waits until the node applied every write the cluster committed before it, so after a
# failover the next node sees what the dead one acknowledged
JDBC_URL="jdbc:mariadb:sequential://127.0.0.1:${SQL_PORT[1]},127.0.0.1:${SQL_PORT[2]},127.0.0.1:${SQL_PORT[3]}/tracker?sessionVariables=wsrep_sync_wait=1"
start_app() { # log name
	mkdir -p "$WORK/app"
	(cd "$WORK/app" && exec env \
		SPRING_DATASOURCE_URL="$JDBC_URL" \
		SPRING_DATASOURCE_USERNAME=tracker SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD" \
		PORT="$APP_PORT" APP_ADMIN_PASSWORD="$ADMIN_PASSWORD" APP_LTI_KEY_ENCRYPTION_KEY="$LTI_KEY" \
		java -Xmx768m -jar "$JAR" >"$WORK/$1.log" 2>&1) &
	APP_PID=$!
	for _ in $(seq 1 300); do
		curl -fsS "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null 2>&1 && return 0
		if ! kill -0 "$APP_PID" 2>/dev/null; then
			echo "the service died; its log:" >&2; tail -40 "$WORK/$1.log" >&2; exit 1
		fi
		sleep 1
	done
	echo "the service is not ready after 300 s" >&2; tail -40 "$WORK/$1.log" >&2; exit 1
}
say "service on 127.0.0.1:$APP_PORT with $JDBC_URL (first start: migrations)"
t0=$(date +%s)
start_app app
say "service ready after $(($(date +%s) - t0)) s"

# ---------------------------------------------------------------- 1. what Galera needs of the schema
keyless=$(sql 2 -N -B tracker -e "SELECT t.table_name FROM information_schema.tables t
	WHERE t.table_schema = 'tracker' AND t.table_type = 'BASE TABLE' AND NOT EXISTS (
	SELECT 1 FROM information_schema.table_constraints c WHERE c.table_schema = t.table_schema
	AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY')" | tr '\n' ' ')
tables=$(sql 2 -N -B tracker -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'tracker'
	AND table_type = 'BASE TABLE'")
nonInnodb=$(sql 2 -N -B tracker -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'tracker'
	AND table_type = 'BASE TABLE' AND engine <> 'InnoDB'")
result $([ -z "$keyless" ] && [ "$nonInnodb" = 0 ] && echo 0 || echo 1) \
	"schema: $tables tables, all InnoDB with a primary key (replicated to node 2)${keyless:+; without: $keyless}"
locks=$(grep -rIl -E 'LOCK TABLES|GET_LOCK\(' "$ROOT/src/main" 2>/dev/null | tr '\n' ' ' || true)
result $([ -z "$locks" ] && echo 0 || echo 1) "no table locks or named locks in the service's SQL${locks:+: $locks}"

# ---------------------------------------------------------------- 2. load, and node 1 killed -9 half-way
LOAD="$ROOT/ops/lib/lrs_load.py"
python3 "$LOAD" setup --url "http://127.0.0.1:$APP_PORT" --admin-password "$ADMIN_PASSWORD" \
	--out "$WORK/client.json" >/dev/null
: >"$WORK/acked.txt"
say "load: $CLIENTS writers, $BATCH statements per POST, $SECONDS_LOAD s; node 1 (the service's) killed -9 half-way"
python3 "$LOAD" post --client "$WORK/client.json" --seconds "$SECONDS_LOAD" --clients "$CLIENTS" --batch "$BATCH" \
	--timeout 60 --acked "$WORK/acked.txt" >"$WORK/load1.json" &
LOAD_PID=$!
sleep $((SECONDS_LOAD / 2))
before_kill=$(wc -l <"$WORK/acked.txt")
kill -9 "${DB_PID[1]}"
say "node 1 killed -9 (pid ${DB_PID[1]}) with $before_kill statements acknowledged"
DB_PID[1]=""
wait "$LOAD_PID" || true
LOAD_PID=""
say "load 1: $(cat "$WORK/load1.json")"
size=$(sql 2 -N -B -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2)
status=$(sql 2 -N -B -e "SHOW STATUS LIKE 'wsrep_cluster_status'" | cut -f2)
after_kill=$(($(wc -l <"$WORK/acked.txt") - before_kill))
result $([ "$status" = Primary ] && [ "$after_kill" -gt 0 ] && echo 0 || echo 1) \
	"failover: nodes 2 and 3 form the primary component ($size nodes, $status); $after_kill statements acknowledged after the kill"

# ---------------------------------------------------------------- 3. SIGTERM under load, timed
say "SIGTERM to the service with $CLIENTS writers still posting"
acked_before_term=$(wc -l <"$WORK/acked.txt")
python3 "$LOAD" post --client "$WORK/client.json" --seconds 20 --clients "$CLIENTS" --batch "$BATCH" \
	--timeout 60 --acked "$WORK/acked.txt" >"$WORK/load2.json" &
LOAD_PID=$!
sleep 8
in_flight=$(($(wc -l <"$WORK/acked.txt") - acked_before_term))
term_at=$(date +%s.%N)
kill -TERM "$APP_PID"
while kill -0 "$APP_PID" 2>/dev/null; do sleep 0.2; done
took=$(python3 -c "import time; print(round(time.time() - $term_at, 1))")
APP_PID=""
wait "$LOAD_PID" || true
LOAD_PID=""
say "load 2: $(cat "$WORK/load2.json")"
result $(python3 -c "print(0 if $took <= 30 and $in_flight > 0 else 1)") \
	"shutdown: exit $took s after SIGTERM under load ($in_flight statements acknowledged in the 8 s before it; documented: 30 s)"

# ---------------------------------------------------------------- 4. restart; nothing acknowledged lost, all credited
say "service started again (outstanding crediting is redelivered at start)"
start_app app2
python3 "$LOAD" check --client "$WORK/client.json" --acked "$WORK/acked.txt" --wait "$CHECK_WAIT" \
	--sql "mariadb --no-defaults --socket=$WORK/n2.sock -u root tracker" || FAILED=1

# ---------------------------------------------------------------- 5. the killed node rejoins
say "node 1 restarted: it rejoins and catches up (IST or SST)"
start_node 1
wait_synced 1
count() { sql "$1" -N -B tracker -e "SELECT COUNT(*) FROM xapi_statement"; }
c1=$(count 1); c2=$(count 2); c3=$(count 3)
size=$(sql 1 -N -B -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2)
result $([ "$c1" = "$c2" ] && [ "$c2" = "$c3" ] && [ "$size" = 3 ] && echo 0 || echo 1) \
	"rejoin: $size nodes; statements on nodes 1/2/3: $c1/$c2/$c3"

if [ "$FAILED" = 0 ]; then echo "ALL CHECKS PASSED"; else echo "SOME CHECKS FAILED"; fi
exit "$FAILED"
