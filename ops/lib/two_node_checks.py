#!/usr/bin/env python3
"""The checks of ops/two-nodes.sh that are not statement load (that is lrs_load.py).

  two_node_checks.py platform --port P --dir D
      a stand-in LTI platform on 127.0.0.1:P: its signing key (made with openssl in D), JWKS,
      an OAuth2 token endpoint, an AGS line item that records every score POSTed to it
      (D/scores.log) and an NRPS membership service that records every roster fetch
      (D/roster.log). Runs until killed.
  two_node_checks.py session --lb URL --admin-password PW [--pages 20]
      signs in through the balancer, then reads an administrator's page --pages times:
      every one must be answered signed in, and both nodes must have answered.
  two_node_checks.py lti --a URL --b URL --platform URL --dir D --admin-password PW
      registers the platform, starts the OIDC login on node a and posts the launch to node b
      (the state and nonce are in the database), then reads the launched page on node a with
      the session cookie the launch set on b.
  two_node_checks.py scores --dir D --expected N [--wait 120]
      waits until N scores arrived and checks that none arrived twice.
  two_node_checks.py periodic --log NAME=FILE ... --job NAME=SECONDS ... [--roster D]
      from the nodes' logs (PeriodicJobs at DEBUG), each job's runs: on which node, and the
      shortest gap between two runs, which must not be below nine tenths of its interval;
      with --roster, the roster fetches the platform saw must be as many as the refresh runs.

Standard library and the openssl command only. Exit status 1 when a check fails.
"""

import argparse
import base64
import hashlib
import http.client
import http.cookies
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
CLIENT_ID = "two-nodes-tool"
DEPLOYMENT = "two-nodes-deployment"


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def report(passed, text):
    print(("PASS " if passed else "FAIL ") + text, flush=True)
    return passed


# ---------------------------------------------------------------- HTTP without redirects

class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def cookies(self):
        found = {}
        for k, v in self.headers:
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                found[name] = rest.split(";")[0]
        return found


def request(base, method, path, body=None, headers=None, timeout=30):
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return Response(r.status, r.getheaders(), r.read().decode("utf-8", "replace"))
    finally:
        conn.close()


def form(fields):
    return urllib.parse.urlencode(fields)


# ---------------------------------------------------------------- platform

class Platform:
    def __init__(self, directory):
        self.dir = directory
        self.key = os.path.join(directory, "platform-key.pem")
        if not os.path.exists(self.key):
            subprocess.run(["openssl", "genrsa", "-out", self.key, "2048"], check=True, capture_output=True)
        modulus = subprocess.run(["openssl", "rsa", "-in", self.key, "-noout", "-modulus"], check=True,
                                 capture_output=True, text=True).stdout.strip().split("=", 1)[1]
        self.n = b64url(bytes.fromhex(modulus))
        self.kid = hashlib.sha256(self.n.encode()).hexdigest()[:16]

    def jwks(self):
        return {"keys": [{"kty": "RSA", "alg": "RS256", "use": "sig", "kid": self.kid, "n": self.n, "e": "AQAB"}]}

    def sign(self, claims):
        header = b64url(json.dumps({"alg": "RS256", "typ": "JWT", "kid": self.kid}).encode())
        payload = b64url(json.dumps(claims).encode())
        signing_input = (header + "." + payload).encode()
        signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", self.key], input=signing_input,
                                   check=True, capture_output=True).stdout
        return header + "." + payload + "." + b64url(signature)


def serve_platform(args):
    platform = Platform(args.dir)
    lock = threading.Lock()
    scores = open(os.path.join(args.dir, "scores.log"), "a", buffering=1)
    roster = open(os.path.join(args.dir, "roster.log"), "a", buffering=1)
    base = f"http://127.0.0.1:{args.port}"

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def answer(self, status, body, content_type="application/json"):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path == "/jwks":
                return self.answer(200, platform.jwks())
            if self.path.startswith("/memberships/"):
                with lock:
                    roster.write(f"{time.time():.3f} {self.path}\n")
                context = self.path.rsplit("/", 1)[1]
                return self.answer(200, {"id": base + self.path, "context": {"id": context, "title": "Two nodes"},
                                         "members": [{"user_id": f"member-{i}", "roles": [LEARNER], "status": "Active",
                                                      "name": f"Member {i}"} for i in range(3)]},
                                   "application/vnd.ims.lti-nrps.v2.membershipcontainer+json")
            return self.answer(404, {"error": "not found"})

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode()
            if self.path == "/token":
                return self.answer(200, {"access_token": uuid.uuid4().hex, "token_type": "Bearer",
                                         "expires_in": 3600, "scope": SCORE_SCOPE})
            if self.path.endswith("/scores"):
                score = json.loads(body)
                with lock:
                    # each node fetches and caches its own access token: the token tells the nodes apart
                    scores.write(json.dumps({"at": time.time(), "userId": score.get("userId"),
                                             "timestamp": score.get("timestamp"),
                                             "token": (self.headers.get("Authorization") or "")[-8:]}) + "\n")
                return self.answer(200, {})
            return self.answer(404, {"error": "not found"})

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"platform on {base}", flush=True)
    server.serve_forever()


# ---------------------------------------------------------------- session

def sign_in(base, username, password):
    page = request(base, "GET", "/login")
    cookie = page.cookies().get("JSESSIONID")
    token = re.search(r'name="_csrf"\s+value="([^"]+)"', page.body) or re.search(r'value="([^"]+)"\s+name="_csrf"',
                                                                                page.body)
    if cookie is None or token is None:
        raise SystemExit("the login page set no session cookie or CSRF token")
    answer = request(base, "POST", "/login", form({"username": username, "password": password,
                                                  "_csrf": token.group(1)}),
                     {"Content-Type": "application/x-www-form-urlencoded", "Cookie": "JSESSIONID=" + cookie})
    # the session id changes at sign-in (session fixation)
    cookie = answer.cookies().get("JSESSIONID", cookie)
    if answer.status != 302 or "error" in (answer.header("Location") or ""):
        raise SystemExit(f"sign-in answered {answer.status} {answer.header('Location')}")
    return cookie, page.header("X-Served-By"), answer.header("X-Served-By")


def session(args):
    cookie, login_node, signin_node = sign_in(args.lb, "admin", args.admin_password)
    served = {}
    signed_in = 0
    for _ in range(args.pages):
        page = request(args.lb, "GET", "/admin/lrs-clients", headers={"Cookie": "JSESSIONID=" + cookie})
        node = page.header("X-Served-By") or "?"
        served[node] = served.get(node, 0) + 1
        if page.status == 200 and "/login" not in (page.header("Location") or ""):
            signed_in += 1
    nodes = ", ".join(f"{k}: {v}" for k, v in sorted(served.items()))
    ok = report(signed_in == args.pages and len(served) >= 2,
                f"signed-in session: login page from {login_node}, sign-in on {signin_node}; "
                f"{signed_in} of {args.pages} pages through the balancer answered signed in ({nodes})")
    sys.exit(0 if ok else 1)


# ---------------------------------------------------------------- LTI launch across nodes

def lti(args):
    platform = Platform(args.dir)
    auth = {"Authorization": "Basic " + base64.b64encode(f"admin:{args.admin_password}".encode()).decode(),
            "Content-Type": "application/json"}
    issuer = args.platform
    registered = request(args.a, "POST", "/api/lti/platforms", json.dumps({
        "name": "Two-node platform", "issuer": issuer, "clientId": CLIENT_ID, "deploymentIds": [DEPLOYMENT],
        "authUrl": issuer + "/auth", "tokenUrl": issuer + "/token", "jwksUrl": issuer + "/jwks"}), auth)
    if registered.status not in (200, 201):
        sys.exit(f"registering the platform answered {registered.status}: {registered.body[:300]}")
    platform_id = json.loads(registered.body)["id"]
    with open(os.path.join(args.dir, "platform-id"), "w") as f:
        f.write(str(platform_id))

    login = request(args.a, "POST", "/lti/login", form({
        "iss": issuer, "login_hint": "student-1", "target_link_uri": args.a + "/lti/launch",
        "lti_message_hint": "hint", "client_id": CLIENT_ID, "lti_deployment_id": DEPLOYMENT}),
        {"Content-Type": "application/x-www-form-urlencoded"})
    location = login.header("Location") or ""
    params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
    state_cookie = next((f"{k}={v}" for k, v in login.cookies().items() if k.startswith("lti_state_")), None)
    if login.status != 302 or "state" not in params or state_cookie is None:
        sys.exit(f"the login on node a answered {login.status} {location[:200]}")
    now = int(time.time())
    claims = {
        "iss": issuer, "aud": CLIENT_ID, "sub": "student-1", "iat": now, "exp": now + 60,
        "nonce": params["nonce"], "name": "Two Nodes", "email": "two.nodes@example.org",
        LTI + "message_type": "LtiResourceLinkRequest", LTI + "version": "1.3.0",
        LTI + "deployment_id": DEPLOYMENT, LTI + "target_link_uri": args.a + "/lti/launch",
        LTI + "resource_link": {"id": "two-nodes-link", "title": "Two nodes"},
        LTI + "roles": [LEARNER],
        LTI + "context": {"id": "two-nodes-course", "title": "Two nodes", "label": "TN", "type": ["CourseSection"]},
        "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
            "scope": [SCORE_SCOPE], "lineitem": issuer + "/lineitems/1"},
        "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
            "context_memberships_url": issuer + "/memberships/two-nodes-course", "service_versions": ["2.0"]},
    }
    launch = request(args.b, "POST", "/lti/launch", form({"id_token": platform.sign(claims),
                                                         "state": params["state"]}),
                     {"Content-Type": "application/x-www-form-urlencoded", "Cookie": state_cookie,
                      "X-Forwarded-Proto": "https"})
    session_cookie = launch.cookies().get("JSESSIONID")
    set_cookie = next((v for k, v in launch.headers if k.lower() == "set-cookie" and v.startswith("JSESSIONID")), "")
    ok = report(launch.status == 200 and session_cookie is not None,
                f"LTI launch: login on node a (302 to the platform), launch on node b answered {launch.status}"
                + (", session cookie " + "; ".join(a.strip() for a in set_cookie.split(";")[1:]) if set_cookie else ""))
    if not ok:
        print("  " + re.sub(r"\s+", " ", launch.body)[:400])
        sys.exit(1)
    home = request(args.a, "GET", "/lti/home", headers={"Cookie": "JSESSIONID=" + session_cookie,
                                                         "X-Forwarded-Proto": "https"})
    ok = report(home.status == 200 and "Two Nodes" in home.body,
                f"LTI session on the other node: /lti/home on node a with the cookie node b set answered {home.status}"
                + (" as the launched user" if "Two Nodes" in home.body else " without the launched user"))
    replay = request(args.a, "POST", "/lti/launch", form({"id_token": platform.sign(claims),
                                                         "state": params["state"]}),
                     {"Content-Type": "application/x-www-form-urlencoded", "Cookie": state_cookie,
                      "X-Forwarded-Proto": "https"})
    ok = report(replay.status == 400, f"the same state replayed on node a is refused ({replay.status})") and ok
    sys.exit(0 if ok else 1)


# ---------------------------------------------------------------- scores

def scores(args):
    path = os.path.join(args.dir, "scores.log")
    began = time.monotonic()
    received = []
    while True:
        received = [json.loads(line) for line in open(path) if line.strip()] if os.path.exists(path) else []
        if len(received) >= args.expected or time.monotonic() - began > args.wait:
            break
        time.sleep(1)
    time.sleep(3)  # anything sent twice arrives late
    received = [json.loads(line) for line in open(path) if line.strip()]
    per_user = {}
    for score in received:
        per_user[score["userId"]] = per_user.get(score["userId"], 0) + 1
    twice = sum(1 for c in per_user.values() if c > 1)
    per_token = {}
    for score in received:
        per_token[score.get("token")] = per_token.get(score.get("token"), 0) + 1
    senders = ", ".join(str(c) for c in sorted(per_token.values(), reverse=True))
    ok = report(len(per_user) == args.expected and twice == 0,
                f"AGS scores sent exactly once: {args.expected} queued, {len(received)} POSTs received for "
                f"{len(per_user)} users, {twice} sent more than once; sent under {len(per_token)} access tokens "
                f"(one per node): {senders}")
    sys.exit(0 if ok else 1)


# ---------------------------------------------------------------- periodic jobs

def gaps(times):
    times = sorted(times)
    return [b - a for a, b in zip(times, times[1:])]


def periodic(args):
    runs = {}
    skips = {}
    for item in args.log:
        node, path = item.split("=", 1)
        for line in open(path, errors="replace"):
            skipped = re.search(r"Periodic job (\S+) skipped here", line)
            if skipped:
                skips.setdefault(skipped.group(1), {}).setdefault(node, 0)
                skips[skipped.group(1)][node] += 1
                continue
            m = re.search(r"Periodic job (\S+) ran here", line)
            if not m:
                continue
            stamp = line.split()[0]
            try:
                at = time.mktime(time.strptime(stamp[:19], "%Y-%m-%dT%H:%M:%S")) + float("0" + stamp[19:23])
            except ValueError:
                continue
            runs.setdefault(m.group(1), []).append((at, node))
    ok = True
    for item in args.job:
        name, seconds = item.split("=", 1)
        interval = float(seconds)
        done = runs.get(name, [])
        per_node = {}
        for _, node in done:
            per_node[node] = per_node.get(node, 0) + 1
        shortest = min(gaps([t for t, _ in done]), default=None)
        passed = len(done) >= 2 and shortest is not None and shortest >= 0.9 * interval - 0.5
        for node in skips.get(name, {}):
            per_node.setdefault(node, 0)
        nodes = ", ".join(f"{k}: {v} run, {skips.get(name, {}).get(k, 0)} skipped" for k, v in sorted(per_node.items()))
        gap = f"{shortest:.1f} s" if shortest is not None else "-"
        ok = report(passed, f"{name} (ticking every {interval:g} s on each node): {len(done)} runs ({nodes}), "
                    f"shortest gap between runs {gap}") and ok
    if args.roster:
        # each run that found the course fetches its roster once: the platform must have seen
        # exactly as many fetches as the nodes logged such runs (how far apart the fetches are
        # varies with each run's own work, e.g. a node's first access token)
        runs_with_course = 0
        for item in args.log:
            path = item.split("=", 1)[1]
            runs_with_course += sum(1 for line in open(path, errors="replace")
                                    if re.search(r"NRPS roster refresh: [1-9][0-9]* courses", line))
        fetches = [float(line.split()[0]) for line in open(os.path.join(args.roster, "roster.log")) if line.strip()]
        shortest = min(gaps(fetches), default=None)
        gap = f"{shortest:.1f} s" if shortest is not None else "-"
        ok = report(len(fetches) >= 2 and len(fetches) == runs_with_course,
                    f"roster refresh as the platform saw it: {len(fetches)} fetches for {runs_with_course} "
                    f"refresh runs logged by the nodes, shortest gap between fetches {gap}") and ok
    sys.exit(0 if ok else 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("platform")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    s = sub.add_parser("session")
    s.add_argument("--lb", required=True)
    s.add_argument("--admin-password", required=True)
    s.add_argument("--pages", type=int, default=20)
    l = sub.add_parser("lti")
    l.add_argument("--a", required=True)
    l.add_argument("--b", required=True)
    l.add_argument("--platform", required=True)
    l.add_argument("--dir", required=True)
    l.add_argument("--admin-password", required=True)
    c = sub.add_parser("scores")
    c.add_argument("--dir", required=True)
    c.add_argument("--expected", type=int, required=True)
    c.add_argument("--wait", type=float, default=120)
    j = sub.add_parser("periodic")
    j.add_argument("--log", action="append", default=[])
    j.add_argument("--job", action="append", default=[])
    j.add_argument("--roster", help="the platform's directory (roster.log)")
    args = parser.parse_args()
    {"platform": serve_platform, "session": session, "lti": lti, "scores": scores, "periodic": periodic}[
        args.command](args)


if __name__ == "__main__":
    main()
