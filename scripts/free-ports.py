#!/usr/bin/env python3
"""Prints the first of COUNT consecutive loopback ports that are free now (usage: free-ports.py COUNT).

A cluster needs a run of ports (the balancer, then one per node) that no other test holds; the
ports are probed by binding each one, starting from a random base so parallel runs rarely meet.
"""
import random
import socket
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1
if not 1 <= count <= 64:
    sys.exit("free-ports.py: COUNT must be 1-64")
for _ in range(200):
    base = random.randint(20000, 60000)
    held = []
    try:
        for offset in range(count):
            probe = socket.socket()
            held.append(probe)
            probe.bind(("127.0.0.1", base + offset))
        print(base)
        sys.exit(0)
    except OSError:
        pass
    finally:
        for probe in held:
            probe.close()
sys.exit(f"free-ports.py: no run of {count} free ports found")
