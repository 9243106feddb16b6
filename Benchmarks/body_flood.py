#!/usr/bin/env python3
"""Slow request bodies from one address against everyone else's sign-in (issue 11, section 5).

    body_flood.py [--uplyft BIN] [--connections 70] [--attacker-addresses 1]
                  [--content-length 1048575] [--no-top-up] [--trusted-proxy LIST]

Starts `uplyft serve` (default .build/release/uplyft) on a small generated catalog and a
kernel-chosen port, then:
1. the attacker opens CONNECTIONS connections, spread round-robin over ATTACKER-ADDRESSES
   loopback addresses from 127.0.0.1 up (Linux routes all of 127/8 to loopback), each a
   `POST /api/login/` declaring CONTENT-LENGTH bytes and sending one (none for a 1-byte
   body, which that would finish). Each head carries
   `Expect: 100-continue`, so the server says at once whether it holds the body (100) or
   refuses it (503): the server reserves a declared length when the head arrives, with or
   without Expect, and the interim answer lets this script know each connection's fate
   before opening the next, without sleeping or racing the server's two event loops. Then,
   unless --no-top-up, it fills what is left to the byte, as a patient attacker would: bodies
   of half the length, then a quarter, and so on down to 1 byte, each length until one is
   refused (64 bodies of 1 MiB - 1 byte leave 64 bytes, room for a short sign-in);
2. with all of them held, a shopper signs in as `demo` (password from the server's first
   start line) from 127.0.0.200, and a second shopper from 127.0.0.201 starts a slow body
   of its own (Expect again): both are other peers, whose bodies the server should accept;
3. the server's resident memory is read from /proc before and after.
Prints one JSON line; the connections are closed and the server stopped (SIGTERM) at the end.
Everything finishes within the server's 30 s body timeout, so no hold lapses mid-run.
"""
import argparse
import json
import os
import signal
import socket
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHOPPER_SOURCE = "127.0.0.200"
SECOND_PEER_SOURCE = "127.0.0.201"


def resident_kib(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS line")


def read_status_line(sock):
    """The status code of the next response (or interim response) on a blocking socket."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            return "closed"
        data += chunk
    return int(data.split(b" ", 2)[1])


def slow_body(port, source, content_length):
    """Opens a connection from `source` announcing a body; returns (socket, status of the head)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=20, source_address=(source, 0))
    sock.sendall((f"POST /api/login/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
                  f"Expect: 100-continue\r\nContent-Length: {content_length}\r\n\r\n").encode())
    status = read_status_line(sock)
    if status == 100 and content_length > 1:
        # One byte, never the last: a finished body would be handled and its bytes given back.
        sock.sendall(b"{")
    return sock, status


def sign_in(port, password):
    body = json.dumps({"username": "demo", "password": password}).encode()
    sock = socket.create_connection(("127.0.0.1", port), timeout=20, source_address=(SHOPPER_SOURCE, 0))
    sock.sendall((f"POST /api/login/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
                  f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body)
    status = read_status_line(sock)
    sock.close()
    return status


def start_server(uplyft, directory, trusted_proxy):
    subprocess.run([uplyft, "gen", "--seed", "5", "--count", "200", "-o", "catalog.jsonl"], cwd=directory, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([uplyft, "index", "catalog.jsonl", "-o", "catalog.uplyft"], cwd=directory, check=True,
                   stdout=subprocess.DEVNULL)
    arguments = [uplyft, "serve", "--index", "catalog.uplyft", "--data-dir", "data", "--port", "0",
                 "--web-root", os.path.join(ROOT, "web")]
    if trusted_proxy:
        arguments += ["--trusted-proxy", trusted_proxy]
    environment = {"PATH": "/usr/bin:/bin", "UPLYFT_PASSWORD_ITERATIONS": "1000"}
    server = subprocess.Popen(arguments, cwd=directory, env=environment, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    password, port = None, None
    # Lines arrive in order: the demo account's, then the serving line (blocking reads, no polling).
    for line in server.stdout:
        if line.startswith("created account demo with password "):
            password = line.split()[5]
        if line.startswith("serving http://"):
            port = int(line.split()[1].rstrip("/").rsplit(":", 1)[1])
            break
    if port is None or password is None:
        server.kill()
        raise RuntimeError("the server printed no serving line or no demo password")
    return server, port, password


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uplyft", default=os.path.join(ROOT, ".build/release/uplyft"))
    parser.add_argument("--connections", type=int, default=70)
    parser.add_argument("--attacker-addresses", type=int, default=1, choices=range(1, 100))
    parser.add_argument("--content-length", type=int, default=1048575)
    parser.add_argument("--no-top-up", action="store_true")
    parser.add_argument("--trusted-proxy", default="")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="uplyft-body-flood.") as directory:
        server, port, password = start_server(args.uplyft, directory, args.trusted_proxy)
        held, statuses = [], {}
        try:
            rss_before = resident_kib(server.pid)
            started = time.monotonic()
            def attack(number, length):
                source = f"127.0.0.{1 + number % args.attacker_addresses}"
                sock, status = slow_body(port, source, length)
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                if status == 100:
                    held.append(sock)
                    held_bytes[0] += length
                else:
                    sock.close()
                return status

            held_bytes = [0]
            for number in range(args.connections):
                attack(number, args.content_length)
            number, length = args.connections, args.content_length // 2
            while not args.no_top_up and length >= 1:
                if attack(number, length) != 100:
                    length //= 2
                number += 1
            attacker_connections = number
            flood_seconds = time.monotonic() - started
            rss_flooded = resident_kib(server.pid)
            shopper_status = sign_in(port, password)
            second_peer, second_peer_status = slow_body(port, SECOND_PEER_SOURCE, 1000)
            held.append(second_peer)
            elapsed = time.monotonic() - started
        finally:
            for sock in held:
                sock.close()
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    record = {"kind": "body-flood", "uplyft": args.uplyft, "connections": args.connections,
              "attacker_addresses": args.attacker_addresses, "content_length": args.content_length,
              "trusted_proxy": args.trusted_proxy, "attacker_statuses": statuses,
              "attacker_connections": attacker_connections, "attacker_bodies_held": statuses.get("100", 0),
              "attacker_bytes_held": held_bytes[0], "top_up": not args.no_top_up,
              "flood_seconds": round(flood_seconds, 3), "rss_before_kib": rss_before, "rss_flooded_kib": rss_flooded,
              "shopper_sign_in_status": shopper_status, "second_peer_slow_body_status": second_peer_status,
              "all_within_body_timeout": elapsed < 30}
    print(json.dumps(record, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
