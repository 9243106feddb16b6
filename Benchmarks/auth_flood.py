#!/usr/bin/env python3
"""One phase of the sign-in flood benchmark (auth_flood.sh runs the phases and the server).

    auth_flood.py --base http://127.0.0.1:PORT --phase NAME --addresses none|one|many
                  --seconds S --clients N --queries FILE --accounts FILE >> OUT.jsonl

While N clients hammer /api/register/ and /api/login/ in a loop (asyncio, one connection per
request, as fast as answers come), two probes run in processes of their own so the flood's
event loop cannot delay them:
- search: GET /api/search/?q=... from 127.0.0.251, one every 20 ms, each timed end to end;
- sign-in: every 2 s (first after 2 s) a legitimate shopper signs in from 127.0.0.250 with
  the right password and no device cookie (a new browser, the hardest case), honouring
  Retry-After on 429/503 like a browser would; timed from the first attempt to the 200.

The flood's mix per request: 30% sign-ups with fresh names, 20% sign-ins with a wrong
password for a made-up name, 20% with a wrong password for a flood account, 30% with the
right password for a flood account. --addresses one sends everything from 127.0.0.1; many
picks a source address per request among 127.0.0.10-209 (Linux routes all of 127/8 to
loopback, no set-up), so per-address limits do not make the flood easy; none runs no flood
(the quiet baseline). Prints one JSON line (kind "auth-flood").
"""
import argparse
import asyncio
import http.client
import json
import multiprocessing
import os
import random
import time
import urllib.parse

SEARCH_SOURCE = "127.0.0.251"
SIGNIN_SOURCE = "127.0.0.250"


def percentile(values, fraction):
    """Nearest rank, as report.py."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, int(-(-fraction * len(ordered) // 1)))
    return ordered[min(rank, len(ordered)) - 1]


def search_probe(host, port, queries, seconds, results):
    latencies, failures = [], 0
    deadline = time.monotonic() + seconds
    rng = random.Random(7)
    while time.monotonic() < deadline:
        started = time.monotonic()
        query = urllib.parse.quote(rng.choice(queries), safe="")
        try:
            connection = http.client.HTTPConnection(host, port, timeout=60, source_address=(SEARCH_SOURCE, 0))
            connection.request("GET", f"/api/search/?q={query}&page_size=10")
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status != 200:
                failures += 1
        except OSError:
            failures += 1
        elapsed = time.monotonic() - started
        latencies.append(elapsed * 1000)
        time.sleep(max(0.0, 0.02 - elapsed))
    results.put(("search", latencies, failures))


def signin_probe(host, port, account, seconds, results):
    durations, attempts_total, refusals = [], 0, {}
    deadline = time.monotonic() + seconds
    body = json.dumps({"username": account["username"], "password": account["password"]})
    time.sleep(2)
    while time.monotonic() < deadline:
        started = time.monotonic()
        while True:
            attempts_total += 1
            try:
                connection = http.client.HTTPConnection(host, port, timeout=60, source_address=(SIGNIN_SOURCE, 0))
                connection.request("POST", "/api/login/", body=body, headers={"Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                retry_after = response.getheader("Retry-After")
                status = response.status
                connection.close()
            except OSError:
                status, retry_after = "error", "1"
            if status == 200:
                durations.append(time.monotonic() - started)
                break
            refusals[str(status)] = refusals.get(str(status), 0) + 1
            if time.monotonic() - started > 30 or status not in (429, 503, "error"):
                durations.append(None)
                break
            time.sleep(float(retry_after or 1))
        time.sleep(max(0.0, 2 - (time.monotonic() - started)))
    results.put(("signin", durations, attempts_total, refusals))


async def flood_client(number, host, port, addresses, accounts, deadline, counts):
    rng = random.Random(number)
    sequence = 0
    while time.monotonic() < deadline:
        sequence += 1
        draw = rng.random()
        if draw < 0.3:
            path = "/api/register/"
            body = {"username": f"f{os.getpid() % 1000}-{number}-{sequence}", "password": "flood sign-up password"}
        elif draw < 0.5:
            path, body = "/api/login/", {"username": f"made-up-{rng.randrange(10 ** 6)}", "password": "Summer2024!"}
        elif draw < 0.7:
            account = rng.choice(accounts)
            path, body = "/api/login/", {"username": account["username"], "password": "a wrong guess"}
        else:
            account = rng.choice(accounts)
            path, body = "/api/login/", {"username": account["username"], "password": account["password"]}
        source = "127.0.0.1" if addresses == "one" else f"127.0.0.{rng.randrange(10, 210)}"
        payload = json.dumps(body).encode()
        request = (f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                   f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n").encode() + payload
        try:
            reader, writer = await asyncio.open_connection(host, port, local_addr=(source, 0))
            writer.write(request)
            await writer.drain()
            head = await reader.readline()
            await reader.read()
            writer.close()
            status = head.split()[1].decode() if len(head.split()) > 1 else "other"
        except (OSError, asyncio.IncompleteReadError):
            status = "errors"
        key = status if status in ("200", "201", "401", "409", "429", "503", "errors") else "other"
        counts[key] = counts.get(key, 0) + 1


async def flood(host, port, clients, addresses, accounts, seconds):
    counts = {}
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(flood_client(number, host, port, addresses, accounts, deadline, counts) for number in range(clients)))
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--phase", required=True)
    parser.add_argument("--addresses", choices=("none", "one", "many"), required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--accounts", required=True)
    args = parser.parse_args()
    parsed = urllib.parse.urlparse(args.base)
    host, port = parsed.hostname, parsed.port
    queries = [line.strip() for line in open(args.queries, encoding="utf-8") if line.strip()]
    accounts = json.load(open(args.accounts, encoding="utf-8"))
    load_before = os.getloadavg()

    results = multiprocessing.Queue()
    probes = [multiprocessing.Process(target=search_probe, args=(host, port, queries, args.seconds, results)),
              multiprocessing.Process(target=signin_probe, args=(host, port, accounts["legit"], args.seconds, results))]
    for probe in probes:
        probe.start()
    counts = {}
    if args.addresses != "none":
        counts = asyncio.run(flood(host, port, args.clients, args.addresses, accounts["flood"], args.seconds))
    gathered = [results.get(timeout=args.seconds + 120) for _ in probes]
    for probe in probes:
        probe.join()

    record = {"kind": "auth-flood", "phase": args.phase, "addresses": args.addresses,
              "clients": args.clients if args.addresses != "none" else 0, "seconds": args.seconds,
              "load_before": [round(value, 2) for value in load_before], "load_after": [round(value, 2) for value in os.getloadavg()],
              "cores": os.cpu_count()}
    for item in gathered:
        if item[0] == "search":
            latencies, failures = item[1], item[2]
            record.update(search_requests=len(latencies), search_failures=failures,
                          search_p50_ms=round(percentile(latencies, 0.5) or 0, 2), search_p99_ms=round(percentile(latencies, 0.99) or 0, 2),
                          search_max_ms=round(max(latencies, default=0), 2))
        else:
            durations, attempts, refusals = item[1], item[2], item[3]
            done = [value for value in durations if value is not None]
            record.update(signins=len(durations), signins_failed=len(durations) - len(done), signin_attempts=attempts,
                          signin_refusals=refusals, signin_median_s=round(percentile(done, 0.5) or 0, 3),
                          signin_max_s=round(max(done, default=0), 3), signins_under_2s=sum(1 for value in done if value < 2))
    record["flood_statuses"] = counts
    record["flood_requests"] = sum(counts.values())
    print(json.dumps(record, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
