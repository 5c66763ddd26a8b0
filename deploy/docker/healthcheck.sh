#!/usr/bin/env bash
# Container health probe: GET http://127.0.0.1:PORT/PATH on the admin listener, healthy on a 200.
# Plain bash (/dev/tcp) because the JRE base image is not guaranteed to ship curl or wget, and a
# second JVM every few seconds would cost more than the proxy itself at idle.
# Usage: healthcheck.sh PORT [PATH]   (PATH defaults to /healthz)
set -u
port="${1:?usage: healthcheck.sh PORT [PATH]}"
path="${2:-/healthz}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r status_line <&3 || exit 1
exec 3<&-
case "$status_line" in
  "HTTP/1.1 200 "*|"HTTP/1.0 200 "*) exit 0 ;;
  *) exit 1 ;;
esac
