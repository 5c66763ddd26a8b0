#!/usr/bin/env python3
"""Connection-scale client of bench/run.sh: opens COUNT keep-alive connections to HOST:PORT, sends one
authenticated GET on each (so each is a real, established proxy connection), then holds them all open
for HOLD seconds while a trickle of requests (TRICKLE per second) goes over randomly chosen held
connections. Prints one IDLE_RESULT line. Loopback only; bounded in count and time."""
import os
import random
import socket
import sys
import time


def request(host, port, token):
    return (f"GET /idle HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {token}\r\n\r\n").encode()


def read_response(sock):
    """Reads one response with a Content-Length body; returns its status code."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed by server")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed by server")
        body += chunk
    return status


def main():
    host, port, count, hold, trickle, token_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
        float(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
    token = open(token_file).read().strip()
    req = request(host, port, token)
    socks, failures = [], 0
    start = time.time()
    for _ in range(count):
        s = socket.create_connection((host, port), timeout=10)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        s.sendall(req)
        if read_response(s) != 200:
            failures += 1
        socks.append(s)
    opened = time.time() - start
    print(f"IDLE_OPENED connections={len(socks)} seconds={opened:.1f} non200={failures}", flush=True)
    open(os.environ.get("IDLE_READY_FILE", "/dev/null"), "w").write("ready\n")
    sent, closed = 0, 0
    deadline = time.time() + hold
    interval = 1.0 / trickle if trickle > 0 else hold
    while time.time() < deadline:
        s = random.choice(socks)
        try:
            s.sendall(req)
            if read_response(s) != 200:
                failures += 1
            sent += 1
        except (OSError, ConnectionError):
            closed += 1
        time.sleep(interval)
    for s in socks:
        s.close()
    print(f"IDLE_RESULT connections={len(socks)} trickled={sent} closed_by_server={closed} non200={failures}",
          flush=True)


if __name__ == "__main__":
    main()
