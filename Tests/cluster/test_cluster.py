"""Cluster tests (issue 17): three uplyft nodes sharing PostgreSQL behind HAProxy, as
`scripts/cluster.sh up` starts them. Run by scripts/cluster-tests.sh, which brings the cluster
up on its own ports and passes, through the environment:
  UPLYFT_CLUSTER_URL     the balancer's base URL
  UPLYFT_CLUSTER_PORT    the balancer's port (node N is on that port + N)
  UPLYFT_CLUSTER_SCRIPT  scripts/cluster.sh, for restarting nodes
  UPLYFT_PG_SCRIPT       scripts/postgres.sh; UPLYFT_PG_STATE its state directory

Failures under load are counted by a load generator of our own (threads with keep-alive
connections) that records when each request started and how it ended, so a failure can be
placed before or after the balancer's health check dropped a node.
"""

import http.client
import json
import os
import signal
import subprocess
import threading
import time
import uuid

import pytest

BASE = os.environ.get("UPLYFT_CLUSTER_URL", "http://127.0.0.1:8800")
PORT = int(os.environ.get("UPLYFT_CLUSTER_PORT", "8800"))
CLUSTER = os.environ.get("UPLYFT_CLUSTER_SCRIPT", "scripts/cluster.sh")
PG = os.environ.get("UPLYFT_PG_SCRIPT", "scripts/postgres.sh")
STATE = os.environ.get("UPLYFT_CLUSTER_STATE", "")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UPLYFT = os.environ.get("UPLYFT", os.path.join(ROOT, ".build", "release", "uplyft"))
# deploy/haproxy.cfg: a node leaves the rotation after 2 failed checks 500 ms apart.
CHECK_DROP_SECONDS = 2 * 0.5 + 0.5
REUSE_SECONDS = float(os.environ.get("UPLYFT_REFRESH_REUSE_SECONDS", "5"))


def request(port, method, path, body=None, headers=None, timeout=10):
    """One request on a fresh connection: (status, headers dict, parsed JSON or None)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = None if body is None else json.dumps(body).encode()
        all_headers = {"Content-Type": "application/json"} if data is not None else {}
        all_headers.update(headers or {})
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        raw = response.read()
        cookies = response.headers.get_all("Set-Cookie") or []
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return response.status, cookies, parsed
    finally:
        connection.close()


def node_port(n):
    return PORT + n


def sign_up(port=PORT):
    """A new account, signed in: (username, access token, refresh cookie, csrf token)."""
    username = "c" + uuid.uuid4().hex[:10]
    password = "correct horse battery staple"
    status, _, _ = request(port, "POST", "/api/register/", {"username": username, "password": password})
    assert status == 201, status
    status, cookies, body = request(port, "POST", "/api/login/", {"username": username, "password": password})
    assert status == 200, (status, body)
    jar = dict(c.split(";", 1)[0].split("=", 1) for c in cookies)
    return username, body["access"], jar["uplyft_refresh"], jar["csrftoken"]


def refresh(port, cookie, csrf):
    return request(port, "POST", "/api/token/refresh/", {},
                   {"Cookie": f"uplyft_refresh={cookie}; csrftoken={csrf}", "X-CSRF-Token": csrf})


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


class Load:
    """Threads sending GET searches through the balancer on keep-alive connections until
    stopped; each outcome is (start time, ok). A connection that fails is replaced."""

    def __init__(self, threads=6, path="/api/search/?q=headphones"):
        self.path = path
        self.outcomes = []
        self.lock = threading.Lock()
        self.running = True
        self.threads = [threading.Thread(target=self.run, daemon=True) for _ in range(threads)]

    def run(self):
        connection = None
        while self.running:
            started = time.monotonic()
            ok = False
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
                connection.request("GET", self.path)
                response = connection.getresponse()
                response.read()
                ok = 200 <= response.status < 300
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException):
                if connection is not None:
                    connection.close()
                connection = None
            with self.lock:
                self.outcomes.append((started, ok))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        for thread in self.threads:
            thread.join(timeout=15)

    def failures(self, after=None):
        with self.lock:
            return [t for t, ok in self.outcomes if not ok and (after is None or t >= after)]

    def count(self):
        with self.lock:
            return len(self.outcomes)


def node_pid(n):
    with open(os.path.join(STATE, f"node{n}.pid")) as handle:
        return int(handle.read().strip())


def wait_until(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def test_sign_in_through_the_balancer_and_refresh_on_another_node():
    username, access, cookie, csrf = sign_up(PORT)
    status, _, me = request(PORT, "GET", "/api/me/", headers=bearer(access))
    assert status == 200 and me["user"]["username"] == username
    # The refresh token issued through the balancer is rotated by node 2, then by node 3.
    status, cookies, _ = refresh(node_port(2), cookie, csrf)
    assert status == 200
    rotated = dict(c.split(";", 1)[0].split("=", 1) for c in cookies)["uplyft_refresh"]
    assert rotated != cookie
    status, _, body = refresh(node_port(3), rotated, csrf)
    assert status == 200, body


def test_an_old_refresh_token_is_detected_whichever_node_sees_it():
    _, _, first, csrf = sign_up(node_port(1))
    status, cookies, _ = refresh(node_port(1), first, csrf)
    assert status == 200
    second = dict(c.split(";", 1)[0].split("=", 1) for c in cookies)["uplyft_refresh"]
    # Past the reuse interval (scripts/cluster-tests.sh sets 1 s) the first token is stale everywhere.
    time.sleep(REUSE_SECONDS + 0.5)
    status, _, _ = refresh(node_port(3), first, csrf)
    assert status == 401
    # Reuse ends the login: the token that was current is refused too, on any node.
    status, _, _ = refresh(node_port(2), second, csrf)
    assert status == 401


def test_chat_history_and_cart_agree_whichever_node_answers():
    _, access, _, _ = sign_up(node_port(1))
    status, _, answer = request(node_port(1), "POST", "/api/chat/", {"message": "show me headphones"}, bearer(access))
    assert status == 200 and answer["products"]
    status, _, answer = request(node_port(2), "POST", "/api/chat/", {"message": "add the first one to my cart"}, bearer(access))
    assert status == 200, answer
    status, _, history = request(node_port(3), "GET", "/api/chat/history/", headers=bearer(access))
    assert status == 200
    texts = [m.get("text", "") for m in history["results"]]
    assert "show me headphones" in texts and "add the first one to my cart" in texts
    status, _, answer = request(node_port(3), "POST", "/api/chat/", {"message": "show my cart"}, bearer(access))
    assert status == 200 and len(answer["products"]) == 1


def test_sign_in_failures_spread_over_the_nodes_lock_the_account_out_on_all():
    username, _, _, _ = sign_up(PORT)
    # Round robin spreads the guesses over the three nodes; the throttle counts them once.
    for i in range(5):
        status, _, _ = request(PORT, "POST", "/api/login/", {"username": username, "password": f"wrong guess {i}"})
        assert status == 401, status
    for n in (1, 2, 3):
        status, _, body = request(node_port(n), "POST", "/api/login/",
                                  {"username": username, "password": "correct horse battery staple"})
        assert status == 429, (n, status, body)


def served_generation(n):
    status, _, body = request(node_port(n), "GET", "/api/health/")
    return body.get("index_generation") if body else None


def test_an_index_rollout_under_load_fails_no_request_and_every_node_serves_it(tmp_path):
    # Another catalog (one product fewer), so another generation.
    with open(os.path.join(ROOT, "corpus", "catalog.jsonl")) as handle:
        lines = handle.read().splitlines()[:-1]
    catalog = tmp_path / "catalog.jsonl"
    catalog.write_text("\n".join(lines) + "\n")
    new_index = tmp_path / "next.uplyft"
    subprocess.run([UPLYFT, "index", str(catalog), "-o", str(new_index)], check=True, stdout=subprocess.DEVNULL, timeout=120)
    before = {served_generation(n) for n in (1, 2, 3)}
    with Load() as load:
        time.sleep(1)
        rollout = subprocess.run(["bash", CLUSTER, "rollout", str(new_index)], check=True, timeout=120,
                                 stdout=subprocess.PIPE, text=True)
        time.sleep(0.5)
    generation = rollout.stdout.strip().splitlines()[-1]
    print(f"index rollout under load: {load.count()} requests, {len(load.failures())} failed; generation {before} -> {generation}")
    assert generation not in before
    assert [served_generation(n) for n in (1, 2, 3)] == [generation] * 3
    assert load.count() > 50
    assert load.failures() == []


def test_a_killed_node_fails_no_request_after_the_check_drops_it():
    with Load() as load:
        time.sleep(1.5)
        killed_at = time.monotonic()
        os.kill(node_pid(2), signal.SIGKILL)
        time.sleep(4)
    late = load.failures(after=killed_at + CHECK_DROP_SECONDS)
    early = load.failures()
    print(f"kill -9 under load: {load.count()} requests, {len(early)} failed in all, {len(late)} after the check dropped the node")
    assert load.count() > 100
    assert late == []
    subprocess.run(["bash", CLUSTER, "restart-node", "2"], check=True, timeout=120)


def test_a_rolling_restart_under_load_fails_no_request():
    with Load() as load:
        time.sleep(1)
        for n in (1, 2, 3):
            subprocess.run(["bash", CLUSTER, "restart-node", str(n)], check=True, timeout=120)
            # The balancer takes the node back after 2 good checks.
            time.sleep(1.5)
    print(f"rolling restart under load: {load.count()} requests, {len(load.failures())} failed")
    assert load.count() > 100
    assert load.failures() == []


def test_postgresql_down_means_503_then_recovery_without_losing_acknowledged_messages():
    _, access, _, _ = sign_up(PORT)
    acknowledged = []
    for i in range(3):
        status, _, _ = request(PORT, "POST", "/api/chat/", {"message": f"show me lamps {i}"}, bearer(access))
        assert status == 200
        acknowledged.append(f"show me lamps {i}")
    subprocess.run(["bash", PG, "pause"], check=True, timeout=120)
    try:
        status, _, body = request(node_port(1), "POST", "/api/chat/", {"message": "while down"}, bearer(access))
        assert status == 503, (status, body)
        status, _, _ = request(node_port(1), "GET", "/api/ready/")
        assert status == 503
        # Search needs no database.
        status, _, _ = request(node_port(1), "GET", "/api/search/?q=lamp")
        assert status == 200
    finally:
        subprocess.run(["bash", PG, "start"], check=True, timeout=120, stdout=subprocess.DEVNULL)
    wait_until(lambda: request(PORT, "GET", "/api/ready/")[0] == 200, 30, "the cluster to be ready again")
    status, _, _ = request(PORT, "POST", "/api/chat/", {"message": "show me lamps again"}, bearer(access))
    assert status == 200
    acknowledged.append("show me lamps again")
    status, _, history = request(PORT, "GET", "/api/chat/history/?page_size=100", headers=bearer(access))
    assert status == 200
    texts = [m.get("text", "") for m in history["results"]]
    for message in acknowledged:
        assert message in texts
