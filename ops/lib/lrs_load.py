#!/usr/bin/env python3
"""Statement load against one or more Capability Tracker nodes, and the checks after it.

Used by ops/two-nodes.sh (and meant for any multi-node set-up, e.g. a Galera cluster):

  lrs_load.py setup --url URL --admin-password PW --out client.json
      creates an LRS client and a prefix mapping (activity prefix unique to this run, sample
      capability D2.1 at T1) and writes {url, key, secret, prefix, mappingId} to --out.
  lrs_load.py post --client client.json [--url URL] --seconds 30 --clients 4 --batch 10 --acked acked.txt
      posts statements with ids chosen here, for --seconds (or --statements N in all), and
      appends each acknowledged id (HTTP 200 with the ids) to --acked as the answer arrives.
      A request that fails or times out is counted, not retried: its statements were never
      acknowledged. Prints one JSON line of figures.
  lrs_load.py check --client client.json --acked acked.txt --sql "mariadb -h 127.0.0.1 -P 3307 -u root tracker"
      waits (up to --wait seconds) until no event publication is incomplete, then checks
      that every acknowledged statement is stored and that every stored statement of the run
      was credited exactly once (one evidence row for its statement and mapping). Prints
      PASS/FAIL lines with figures; exit status 1 on any FAIL.
  lrs_load.py recompute --client client.json --sql "…" --job 7 --mapping 3 --processed-at-kill 1200 --log a.log
      after the node running recompute job 7 was killed: waits (up to --wait seconds) for the
      job to finish elsewhere, then checks it re-credited every statement once, that one
      surviving node's log says it took the job up, that its working set is gone, and that
      every stored statement of the run has exactly one row of mapping 3.

Only the Python standard library and the mariadb command-line client are needed.
"""

import argparse
import base64
import http.client
import json
import shlex
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

VERB = "http://adlnet.gov/expapi/verbs/completed"


def _request(url, method, path, body=None, headers=None, timeout=30):
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    try:
        data = None if body is None else json.dumps(body).encode()
        all_headers = {"Content-Type": "application/json"}
        all_headers.update(headers or {})
        conn.request(method, path, body=data, headers=all_headers)
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


def _basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def setup(args):
    auth = {"Authorization": _basic(args.admin_user, args.admin_password)}
    run = uuid.uuid4().hex[:12]
    status, body = _request(args.url, "POST", "/api/lrs-clients",
                            {"name": f"load {run}", "scopes": ["statements/write", "statements/read"]}, auth)
    if status not in (200, 201):
        sys.exit(f"creating the LRS client answered {status}: {body}")
    client = json.loads(body)
    prefix = f"https://load.example.org/{run}/"
    status, body = _request(args.url, "POST", "/api/mappings",
                            {"activityId": prefix, "match": "prefix", "capability": args.capability,
                             "tier": args.tier, "requireSuccess": False}, auth)
    if status not in (200, 201):
        sys.exit(f"creating the mapping answered {status}: {body}")
    mapping = json.loads(body)
    mapping_id = mapping.get("id") or mapping.get("mapping", {}).get("id")
    out = {"url": args.url, "key": client["key"], "secret": client["secret"], "prefix": prefix,
           "mappingId": mapping_id}
    with open(args.out, "w") as f:
        json.dump(out, f)
    print(json.dumps(out))


def _statement(prefix, learners, n):
    learner = n % learners
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "account": {"homePage": "https://load.example.org", "name": f"learner-{learner}"}},
        "verb": {"id": VERB, "display": {"en": "completed"}},
        "object": {"objectType": "Activity", "id": f"{prefix}activity-{n % 20}"},
        "result": {"completion": True, "success": True},
    }


def post(args):
    client = json.load(open(args.client))
    url = args.url or client["url"]
    parts = urllib.parse.urlsplit(url)
    headers = {"Authorization": _basic(client["key"], client["secret"]), "X-Experience-API-Version": "1.0.3",
               "Content-Type": "application/json"}
    lock = threading.Lock()
    counters = {"requests": 0, "acked": 0, "failedRequests": 0, "unackedStatements": 0, "sent": 0}
    statuses = {}
    served_by = {}
    latencies = []
    deadline = time.monotonic() + args.seconds if args.seconds else None
    acked_file = open(args.acked, "a", buffering=1)

    def take_batch():
        with lock:
            if args.statements and counters["sent"] >= args.statements:
                return None
            size = args.batch if not args.statements else min(args.batch, args.statements - counters["sent"])
            start = counters["sent"]
            counters["sent"] += size
        return [_statement(client["prefix"], args.learners, start + i) for i in range(size)]

    def worker():
        conn = None
        while deadline is None or time.monotonic() < deadline:
            batch = take_batch()
            if batch is None:
                return
            began = time.monotonic()
            status = None
            node = None
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=args.timeout)
                conn.request("POST", "/xapi/statements", body=json.dumps(batch).encode(), headers=headers)
                response = conn.getresponse()
                status = response.status
                node = response.getheader("X-Served-By")
                text = response.read().decode()
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as ex:
                status = type(ex).__name__
                if conn is not None:
                    conn.close()
                conn = None
            elapsed = time.monotonic() - began
            with lock:
                counters["requests"] += 1
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                if status == 200:
                    ids = json.loads(text)
                    sent = [s["id"] for s in batch]
                    if ids != sent:
                        counters["failedRequests"] += 1
                        counters["unackedStatements"] += len(batch)
                        continue
                    acked_file.write("".join(i + "\n" for i in ids))
                    counters["acked"] += len(ids)
                    if node:
                        served_by[node] = served_by.get(node, 0) + len(ids)
                    latencies.append(elapsed)
                else:
                    counters["failedRequests"] += 1
                    counters["unackedStatements"] += len(batch)
        if conn is not None:
            conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    acked_file.close()
    latencies.sort()

    def pct(p):
        return round(latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000, 1) if latencies else None

    figures = dict(counters, seconds=round(wall, 1), ackedPerSecond=round(counters["acked"] / wall, 1) if wall else 0,
                   p50ms=pct(0.5), p99ms=pct(0.99), statuses=statuses)
    if served_by:
        # acknowledged statements per node, when a balancer names it (HAProxy: X-Served-By)
        figures["ackedBy"] = served_by
    figures.pop("sent")
    print(json.dumps(figures))


def _sql(command, query):
    result = subprocess.run(shlex.split(command) + ["-N", "-B", "-e", query], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{query}: {result.stderr.strip()}")
    return [line.split("\t") for line in result.stdout.splitlines() if line]


def _stored(sql, prefix):
    """The ids of the run's stored statements (their activity starts with the prefix)."""
    prefix = prefix.replace("'", "''")
    return {row[0] for row in _sql(sql, "SELECT s.statement_id FROM xapi_statement s "
                                   "WHERE JSON_VALUE(s.statement, '$.object.id') LIKE '" + prefix + "%'")}


def _credited_once(sql, stored, mapping, report):
    """Reports whether each stored statement has exactly one evidence row of the mapping, ever."""
    counts = {row[0]: int(row[1]) for row in _sql(sql,
              f"SELECT e.statement_id, COUNT(*) FROM cred_evidence e WHERE e.mapping_id = {mapping} "
              "AND e.statement_id IS NOT NULL AND e.retracts_id IS NULL GROUP BY e.statement_id")}
    missing = [i for i in stored if counts.get(i, 0) == 0]
    twice = [i for i, c in counts.items() if c > 1]
    report(not missing and not twice,
           f"credited exactly once by mapping {mapping}: {sum(1 for i in stored if counts.get(i) == 1)} of "
           f"{len(stored)} stored ({len(missing)} not credited, {len(twice)} credited more than once)")
    return missing, twice


def recompute(args):
    """A recompute job whose node was killed: another node takes it up and finishes it."""
    client = json.load(open(args.client))
    ok = True

    def report(passed, text):
        nonlocal ok
        ok = ok and passed
        print(("PASS " if passed else "FAIL ") + text, flush=True)

    began = time.monotonic()
    while True:
        status, total, processed = _sql(args.sql, f"SELECT status, total, processed FROM cred_recompute_job "
                                        f"WHERE id = {args.job}")[0]
        if status in ("DONE", "FAILED") or time.monotonic() - began > args.wait:
            break
        time.sleep(1)
    waited = time.monotonic() - began
    report(status == "DONE" and int(processed) == int(total) and 0 < args.processed_at_kill < int(total),
           f"recompute job {args.job}: killed with {args.processed_at_kill} of {total} statements re-credited, "
           f"{status} {waited:.0f} s later with {processed} re-credited in all (each once)")
    taken = [line.strip() for name in args.log for line in open(name)
             if f"Recompute job {args.job} was left unfinished" in line]
    report(len(taken) == 1, f"taken up by the surviving node: {len(taken)} time(s)")
    left = int(_sql(args.sql, f"SELECT (SELECT COUNT(*) FROM cred_recompute_wanted WHERE job_id = {args.job}) + "
                    f"(SELECT COUNT(*) FROM cred_recompute_affected WHERE job_id = {args.job})")[0][0])
    report(left == 0, f"working set deleted: {left} rows left")
    _credited_once(args.sql, _stored(args.sql, client["prefix"]), args.mapping, report)
    sys.exit(0 if ok else 1)


def check(args):
    client = json.load(open(args.client))
    acked = [line.strip() for line in open(args.acked) if line.strip()]
    ok = True

    def report(passed, text):
        nonlocal ok
        ok = ok and passed
        print(("PASS " if passed else "FAIL ") + text, flush=True)

    waited = 0.0
    began = time.monotonic()
    while True:
        # crediting's queue of stored statements, and other modules' event publications
        incomplete = int(_sql(args.sql, "SELECT (SELECT COUNT(*) FROM cred_pending_statement) + (SELECT COUNT(*) "
                              "FROM EVENT_PUBLICATION WHERE completion_date IS NULL)")[0][0])
        waited = time.monotonic() - began
        if incomplete == 0 or waited > args.wait:
            break
        time.sleep(1)
    report(incomplete == 0, f"crediting queue and event publications: {incomplete} outstanding (waited {waited:.0f} s for crediting)")

    prefix = client["prefix"].replace("'", "''")
    stored = _stored(args.sql, client["prefix"])
    lost = [i for i in acked if i not in stored]
    duplicates_acked = len(acked) - len(set(acked))
    report(not lost and duplicates_acked == 0,
           f"acknowledged statements stored: {len(acked) - len(lost)} of {len(acked)} "
           f"({len(lost)} lost; {len(stored)} stored in all, {len(stored) - len(set(acked))} stored but never acknowledged)")

    missing, twice = _credited_once(args.sql, stored, int(client["mappingId"]), report)
    if lost[:3] or missing[:3] or twice[:3]:
        print("  e.g. lost " + str(lost[:3]) + " not credited " + str(missing[:3]) + " twice " + str(twice[:3]))
    if missing:
        # where in the run they were stored (first, around a failover, at the end) says which
        # step skipped them
        order = [row[0] for row in _sql(args.sql, "SELECT s.statement_id FROM xapi_statement s WHERE "
                 "JSON_VALUE(s.statement, '$.object.id') LIKE '" + prefix + "%' ORDER BY s.seq")]
        rank = {i: n for n, i in enumerate(order)}
        places = sorted(rank[i] for i in missing if i in rank)
        print(f"  not credited: stored {places[0]}th to {places[-1]}th of the run's {len(order)} statements")
    sys.exit(0 if ok else 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup")
    s.add_argument("--url", required=True)
    s.add_argument("--admin-user", default="admin")
    s.add_argument("--admin-password", required=True)
    s.add_argument("--capability", default="D2.1")
    s.add_argument("--tier", default="T1")
    s.add_argument("--out", required=True)
    p = sub.add_parser("post")
    p.add_argument("--client", required=True)
    p.add_argument("--url", help="defaults to the url given to setup")
    p.add_argument("--seconds", type=float, default=0)
    p.add_argument("--statements", type=int, default=0)
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--batch", type=int, default=10)
    p.add_argument("--learners", type=int, default=200)
    p.add_argument("--timeout", type=float, default=30)
    p.add_argument("--acked", required=True)
    c = sub.add_parser("check")
    c.add_argument("--client", required=True)
    c.add_argument("--acked", required=True)
    c.add_argument("--sql", required=True, help="mariadb client command line, database included")
    c.add_argument("--wait", type=float, default=180)
    r = sub.add_parser("recompute")
    r.add_argument("--client", required=True)
    r.add_argument("--sql", required=True, help="mariadb client command line, database included")
    r.add_argument("--job", type=int, required=True)
    r.add_argument("--mapping", type=int, required=True)
    r.add_argument("--processed-at-kill", type=int, required=True)
    r.add_argument("--log", action="append", default=[], help="a surviving node's log (repeatable)")
    r.add_argument("--wait", type=float, default=300)
    args = parser.parse_args()
    if args.command == "post" and not args.seconds and not args.statements:
        parser.error("post needs --seconds or --statements")
    {"setup": setup, "post": post, "check": check, "recompute": recompute}[args.command](args)


if __name__ == "__main__":
    main()
