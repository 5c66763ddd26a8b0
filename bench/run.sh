#!/usr/bin/env bash
# End-to-end load comparison of Portcullis against direct nginx, nginx as a reverse proxy and
# HAProxy 2.6 with jwt_verify, all on this machine over loopback. Not part of mvn verify or CI.
#
#   bench/run.sh            # everything: build, tools, pre-checks, load runs, connection scale
#
# Settings (environment): DURATION (s per run, 10), ROUNDS (interleaved repeats, 2), CONNS (64),
# DISTINCT (distinct tokens minted per algorithm, 120000), DISTINCT_DURATION (s per distinct-token run,
# 3: each run needs a fresh token per request; a row's token_uses above 1 says its slice of DISTINCT / (ROUNDS + 1)
# ran out, and the summary then says TOKENS RAN OUT and the DISTINCT that would be enough), WARMUP
# (s per algorithm of distinct-token warm-up for the JIT, 15), IDLE_CONNS (10000), READY_WAIT (s a Portcullis may take
# to answer /readyz, 180), BENCH_JAR (the benchmarks jar whose TokenMinter writes tokens and config), PROFILE (1: record a
# JFR of Portcullis; async: an async-profiler CPU profile, native frames included, as collapsed stacks), SKIP_BUILD (1: reuse the built jars), OUT (results directory, bench/results),
# PC_JAVA_OPTS (extra JVM flags for Portcullis), PC_JAR_B (a second Portcullis build, e.g. main's, started beside the
# first and measured right after it in every round as portcullis-b-*: the fair way to compare two builds on a noisy
# machine; the summary prints B / A per round), PC_JAVA_OPTS_B (B's extra JVM flags instead of PC_JAVA_OPTS; with
# PC_JAR_B=PC_JAR it compares two settings of one build, e.g. heap sizing, in one run), MODES (which runs: baseline repeat rs256 es256 half idle state rss
# warmstart dpop; "half" needs "repeat"; see below for the last four), KEEP_WORK (1: keep
# the temporary directory with tokens, configs and logs), ARRIVALS (the latency runs' waits between a
# connection's requests: poisson, drawn at random around the mean, the default; constant, the mean every time,
# which keeps connections in step and measures wrk's bursts - see bench/wrk/bench.lua), LOADGEN (the latency
# runs' generator: wrk, the default, paced in whole milliseconds; openloop: benchmarks' OpenLoopLoad, Poisson
# arrivals to the microsecond and latency counted from when each request was due, as wrk2 does - its
# sent_p99_us field counts from when it was written instead), SYSCALLS (1: count each measured run's system calls
# and context switches per request with `perf stat` on the server process, all its threads, and add them to the row
# as syscalls= and cs= with a breakdown by call, calls=; the tracepoints cost the server a little CPU, so compare
# cpu_us_per_req only between rows of such a run).
#
# state: a second Portcullis with `state: redis` (a redis-server this script starts on loopback) measured right
#   after the first (`state: memory`) in every round, repeat token, and both on a rate-limited route (`/limited`,
#   per-subject bucket far above the offered rate, so it costs a bucket per request and refuses nothing);
#   redis-server's own CPU per request is reported beside Portcullis's.
# rss: RSS of nginx (both its processes), HAProxy and Portcullis at idle, at the end of a DURATION s repeat-token
#   run, and with IDLE_CONNS idle keep-alive connections open to each in turn.
# forwardauth: nginx + auth_request asking Portcullis's decision API (bench/conf/nginx-auth.conf.in, a second nginx
#   on core 1 with the upstream's and the decision API's connections kept alive; the caller is trusted by a shared
#   secret, so the data listener's config is the one every mode measures) against nginx alone as the proxy and
#   Portcullis as the proxy, all three with the repeated token and the same wrk settings: peak req/s in every round,
#   then p50/p99 at one offered rate, half of nginx + auth_request's measured peak (FA_RATE to choose it).
# warmstart: for each of WARMSTART_VARIANTS (plain nowarm cds, and aot-25 plain-25 when $JAVA25 exists), a fresh Portcullis
#   is started, loaded by wrk the moment /readyz answers 200 and measured in 1 s slices for WARMSTART_SECONDS (20);
#   reported: the seconds from ready to the first slice at 80 % of the steady state (the mean of the last 5 slices).
#   cds: a Java 17 AppCDS archive (-XX:ArchiveClassesAtExit) written by a training start loaded for 10 s, then used
#   (-XX:SharedArchiveFile); aot-25: JDK 25's AOT cache (-XX:AOTCacheOutput, then -XX:AOTCache) the same way.
#   WARMSTART_LOAD: repeat (the default) or distinct (cycling through a slice of distinct RS256 tokens).
#   Every variant runs with the config's default warm-up of the request path before ready, except those
#   whose name contains "nowarm" (e.g. nowarm, cds-nowarm), whose config turns it off, those whose name contains
#   "nosettle", whose warm-up stops after its iterations (warmup.settle: 0s), and those whose name
#   contains warm<N>k (e.g. warm20k, cds-warm20k), whose warm-up runs N thousand iterations.
# haproxylog (with rs256): a second HAProxy-jwt, the same config writing one log line per request (option httplog,
#   log stdout, to a file), measured right after the first in every round as haproxy-jwt-log-distinct-rs256: the
#   price of a line per request for HAProxy, since Portcullis writes a decision line for every request and the
#   HAProxy-jwt peer logs only errors. Not in the default MODES: the issue's goals are against the peer as it is.
# dpop: the cost of a DPoP proof (RFC 9449, ES256) per request, with state: memory and state: redis (the state
#   mode's redis-server and second Portcullis, started for this mode too). In every round, on each instance: the
#   unbound twin of a DPoP-bound token as Bearer, then the bound token with DPOP_PROOFS single-use proofs minted
#   right before the run (fresh jti, iat = then; the default dpop_max_age of 60 s must cover minting plus
#   DPOP_DURATION, 5 s); the summary prints the CPU per request the proof adds and the req/s ratio.
#
# wrk runs pinned to core 0 (LOAD_CPU); every server (nginx, HAProxy, Portcullis) to core 1
# (SERVER_CPU). Everything started here is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-2}
CONNS=${CONNS:-64}
DISTINCT=${DISTINCT:-120000}
DISTINCT_DURATION=${DISTINCT_DURATION:-3}
WARMUP=${WARMUP:-15}
IDLE_CONNS=${IDLE_CONNS:-10000}
PROFILE=${PROFILE:-0}
SYSCALLS=${SYSCALLS:-0}
SKIP_BUILD=${SKIP_BUILD:-0}
LOAD_CPU=${LOAD_CPU:-0}
SERVER_CPU=${SERVER_CPU:-1}
OUT=${OUT:-$ROOT/bench/results}
PC_HEAP=${PC_HEAP:-256m}
MODES=${MODES:-baseline repeat rs256 es256 half idle state rss warmstart dpop}
DPOP_PROOFS=${DPOP_PROOFS:-60000}
DPOP_DURATION=${DPOP_DURATION:-5}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
WARMSTART_SECONDS=${WARMSTART_SECONDS:-20}
# Seconds a Portcullis may take to say ready (a start on a loaded machine took over a minute).
READY_WAIT=${READY_WAIT:-180}
WARMSTART_LOAD=${WARMSTART_LOAD:-repeat}
if [[ -z ${WARMSTART_VARIANTS:-} ]]; then
  WARMSTART_VARIANTS="plain nowarm cds"
  [[ -x $JAVA25 ]] && WARMSTART_VARIANTS+=" plain-25 aot-25"
fi
want() { [[ " $MODES " == *" $1 "* ]]; }
want_redis() { want state || want dpop; }

# PORT_BASE (18080): the first of the 16 loopback ports used, so that a second run can go beside one in progress.
P=${PORT_BASE:-18080}
UPSTREAM_PORT=$P NGINX_PROXY_PORT=$((P + 1)) HAPROXY_PORT=$((P + 2)) PC_PORT=$((P + 3)) PC_ADMIN_PORT=$((P + 4))
ISSUER_PORT=$((P + 5)) PC_PORT_B=$((P + 6)) PC_ADMIN_PORT_B=$((P + 7))
REDIS_PORT=$((P + 8)) PC_PORT_R=$((P + 9)) PC_ADMIN_PORT_R=$((P + 10)) PC_PORT_W=$((P + 11)) PC_ADMIN_PORT_W=$((P + 12))
NGINX_AUTH_PORT=$((P + 13)) PC_DECISION_PORT=$((P + 14)) HAPROXY_LOG_PORT=$((P + 15))
PC_JAR_B=${PC_JAR_B:-}

WORK=$(mktemp -d /tmp/portcullis-bench.XXXXXX)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
REPORT="$OUT/run-$STAMP.txt"
PIDS=()

log() { printf '%s\n' "$*" | tee -a "$REPORT" >&2; }
die() { log "FAILED: $*"; exit 1; }

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  # The minted tokens are large and only valid for this run's issuer keys.
  [[ ${KEEP_WORK:-0} == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# Ports must be free: a leftover server from an earlier run would be measured instead.
for port in $UPSTREAM_PORT $NGINX_PROXY_PORT $HAPROXY_PORT $PC_PORT $PC_ADMIN_PORT $ISSUER_PORT $PC_PORT_B $PC_ADMIN_PORT_B \
  $REDIS_PORT $PC_PORT_R $PC_ADMIN_PORT_R $PC_PORT_W $PC_ADMIN_PORT_W $NGINX_AUTH_PORT $PC_DECISION_PORT $HAPROXY_LOG_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is in use"; fi
done

# --- tools -------------------------------------------------------------------------------------
need=()
command -v nginx >/dev/null || need+=(nginx-light)
command -v haproxy >/dev/null || need+=(haproxy)
command -v wrk >/dev/null || need+=(wrk)
command -v python3 >/dev/null || need+=(python3)
command -v curl >/dev/null || need+=(curl)
want_redis && ! command -v redis-server >/dev/null && need+=(redis-server)
if ((${#need[@]})); then
  log "installing ${need[*]} with apt-get"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi
ulimit -n "$(ulimit -Hn)"

if [[ $SKIP_BUILD != 1 ]]; then
  log "building (mvn -pl benchmarks -am package -DskipTests)"
  (cd "$ROOT" && mvn -B -q -ntp -pl benchmarks -am package -DskipTests)
fi
BENCH_JAR=${BENCH_JAR:-$ROOT/benchmarks/target/benchmarks.jar}
PC_JAR=${PC_JAR:-$ROOT/proxy-core/target/portcullis.jar}
[[ -f $BENCH_JAR && -f $PC_JAR ]] || die "jars missing; run without SKIP_BUILD=1"
[[ -z $PC_JAR_B || -f $PC_JAR_B ]] || die "PC_JAR_B $PC_JAR_B not found"

# --- machine -----------------------------------------------------------------------------------
{
  echo "# Portcullis load comparison, $STAMP"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "kernel: $(uname -r)"
  echo "java: $(java -version 2>&1 | sed -n 2p)"
  echo "nginx: $(nginx -v 2>&1 | cut -d/ -f2)  haproxy: $(haproxy -v | head -1 | cut -d' ' -f3)  wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f2)"
  [[ -z $PC_JAR_B ]] || echo "portcullis: $PC_JAR (A) beside $PC_JAR_B (B, rows portcullis-b-*)"
  [[ -z $PC_JAR_B ]] || echo "extra JVM flags: A ${PC_JAVA_OPTS:-(none)}; B ${PC_JAVA_OPTS_B-${PC_JAVA_OPTS:-(none)}}"
  echo "settings: duration ${DURATION}s, rounds $ROUNDS, $CONNS keep-alive connections, wrk -t1 on cpu $LOAD_CPU, servers on cpu $SERVER_CPU, Portcullis heap $PC_HEAP, fd limit $(ulimit -n)"
} | tee -a "$REPORT" >&2

# --- issuer, tokens, configs -------------------------------------------------------------------
log "minting tokens ($DISTINCT distinct per algorithm)"
java -Xmx1g -cp "$BENCH_JAR" io.portcullis.benchmarks.TokenMinter "$WORK" "$ISSUER_PORT" \
  "$PC_PORT" "$PC_ADMIN_PORT" "http://127.0.0.1:$UPSTREAM_PORT" "$DISTINCT" >"$WORK/minter.log" 2>&1 &
PIDS+=($!)
MINTER_PID=$!
wait_for() { # wait_for SECONDS DESCRIPTION PID COMMAND...: until COMMAND succeeds, while PID lives
  local limit=$1 what=$2 pid=$3; shift 3
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || die "$what exited; see $WORK"
    ((SECONDS < deadline)) || die "$what not ready within ${limit}s"
    sleep 0.2
  done
}
wait_for 900 "token minter" "$MINTER_PID" test -f "$WORK/ready"
grep minted "$WORK/minter.log" | tee -a "$REPORT" >&2
ISSUER=$(cat "$WORK/issuer.txt")

render() { sed -e "s#@DIR@#$WORK#g" -e "s#@UPSTREAM_PORT@#$UPSTREAM_PORT#g" -e "s#@NGINX_PROXY_PORT@#$NGINX_PROXY_PORT#g" \
  -e "s#@HAPROXY_PORT@#$HAPROXY_PORT#g" -e "s#@ISSUER@#$ISSUER#g" "$1"; }
render "$ROOT/bench/conf/nginx.conf.in" >"$WORK/nginx.conf"
render "$ROOT/bench/conf/haproxy.cfg.in" >"$WORK/haproxy.cfg"
if want forwardauth; then
  # The decision API beside the data listener; its caller (nginx) proves itself with a shared secret. Kept out of
  # the config's directory (the config watcher wakes on every change there).
  mkdir -p "$WORK/secrets"
  CALLER_SECRET=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  printf '%s\n' "$CALLER_SECRET" >"$WORK/secrets/caller-secret"
  printf 'decision_api:\n  listen: 127.0.0.1:%s\n  secret_file: %s\n' "$PC_DECISION_PORT" "$WORK/secrets/caller-secret" \
    >>"$WORK/portcullis.yaml"
  render "$ROOT/bench/conf/nginx-auth.conf.in" | sed -e "s#@NGINX_AUTH_PORT@#$NGINX_AUTH_PORT#g" \
    -e "s#@PC_DECISION_PORT@#$PC_DECISION_PORT#g" -e "s#@CALLER_SECRET@#$CALLER_SECRET#g" >"$WORK/nginx-auth.conf"
fi

# --- servers -----------------------------------------------------------------------------------
taskset -c "$SERVER_CPU" nginx -c "$WORK/nginx.conf" >"$WORK/nginx.out" 2>&1 &
PIDS+=($!)
NGINX_PID=$!
taskset -c "$SERVER_CPU" haproxy -f "$WORK/haproxy.cfg" >"$WORK/haproxy.out" 2>&1 &
PIDS+=($!)
HAPROXY_PID=$!
HAPROXY_LOG_PID=none
if want haproxylog; then
  # The same HAProxy-jwt writing one line per request (option httplog) to its stdout, a file: the price of a
  # line per request for HAProxy, beside Portcullis's decision line, which HAProxy-jwt's own runs do not pay.
  mkdir -p "$WORK/haproxy-log"
  sed -e "s#log stderr format short local0 err#log stdout format raw local0 info#" \
    -e "s#^    mode http#    mode http\n    option httplog#" -e "s#:$HAPROXY_PORT #:$HAPROXY_LOG_PORT #" \
    -e "s#pidfile .*#pidfile $WORK/haproxy-log/haproxy.pid#" "$WORK/haproxy.cfg" >"$WORK/haproxy-log/haproxy.cfg"
  taskset -c "$SERVER_CPU" haproxy -f "$WORK/haproxy-log/haproxy.cfg" >"$WORK/haproxy-log/access.log" 2>"$WORK/haproxy-log/haproxy.err" &
  PIDS+=($!)
  HAPROXY_LOG_PID=$!
fi
# Logs live apart from the config: the config watcher wakes on every change in the config's directory.
mkdir -p "$WORK/logs" "$WORK/slices"
PROF=("-Xlog:gc:file=$WORK/logs/gc.log")
if [[ $PROFILE == 1 ]]; then
  PROF+=("-XX:StartFlightRecording=filename=$OUT/portcullis-$STAMP.jfr,settings=profile,dumponexit=true")
elif [[ $PROFILE == async ]]; then
  # async-profiler samples native frames too (the crypto provider, the kernel's side of syscalls), which JFR
  # cannot; its jar comes from Maven Central like everything else.
  AP_VERSION=4.1
  AP_JAR=$HOME/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION.jar
  [[ -f $AP_JAR ]] || mvn -B -q -ntp dependency:get -Dartifact="tools.profiler:async-profiler:$AP_VERSION"
  (cd "$WORK" && unzip -q -o "$AP_JAR" linux-x64/libasyncProfiler.so)
  AP_LIB=$WORK/linux-x64/libasyncProfiler.so
fi
# shellcheck disable=SC2206 # PC_JAVA_OPTS is a list of JVM flags, split on spaces on purpose
EXTRA_OPTS=(${PC_JAVA_OPTS:-})
# shellcheck disable=SC2206 # the same for B
EXTRA_OPTS_B=(${PC_JAVA_OPTS_B-${PC_JAVA_OPTS:-}})
taskset -c "$SERVER_CPU" java "-Xms$PC_HEAP" "-Xmx$PC_HEAP" "${PROF[@]}" "${EXTRA_OPTS[@]}" -jar "$PC_JAR" serve -c "$WORK/portcullis.yaml" \
  >"$WORK/logs/decisions.log" 2>"$WORK/logs/portcullis.err" &
PIDS+=($!)
PC_PID=$!
PC_PID_B=none
NGINX_AUTH_PID=none
if want forwardauth; then
  taskset -c "$SERVER_CPU" nginx -c "$WORK/nginx-auth.conf" >"$WORK/nginx-auth.out" 2>&1 &
  PIDS+=($!)
  NGINX_AUTH_PID=$!
fi
moved_config() { # moved_config DIR PORT ADMIN_PORT: the bench config on other ports, in DIR with DIR/logs
  # Each instance has a directory of its own: each watches its config's directory.
  mkdir -p "$1/logs"
  # A decision API (forwardauth) moves to a free port of its own.
  sed -e "s#127.0.0.1:$PC_PORT\$#127.0.0.1:$2#" -e "s#127.0.0.1:$PC_ADMIN_PORT\$#127.0.0.1:$3#" \
    -e "s#127.0.0.1:$PC_DECISION_PORT\$#127.0.0.1:0#" "$WORK/portcullis.yaml" >"$1/portcullis.yaml"
  grep -q "^listen: 127.0.0.1:$2\$" "$1/portcullis.yaml" || die "could not move a Portcullis to port $2"
}
if [[ -n $PC_JAR_B ]]; then
  moved_config "$WORK/b" "$PC_PORT_B" "$PC_ADMIN_PORT_B"
  taskset -c "$SERVER_CPU" java "-Xms$PC_HEAP" "-Xmx$PC_HEAP" "-Xlog:gc:file=$WORK/b/logs/gc.log" "${EXTRA_OPTS_B[@]}" \
    -jar "$PC_JAR_B" serve -c "$WORK/b/portcullis.yaml" >"$WORK/b/logs/decisions.log" 2>"$WORK/b/logs/portcullis.err" &
  PIDS+=($!)
  PC_PID_B=$!
fi
PC_PID_R=none
REDIS_PID=none
if want_redis; then
  # A real redis-server on loopback, nothing persisted; the same config with `state: redis` on its own ports.
  taskset -c "$SERVER_CPU" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    >"$WORK/redis.out" 2>&1 &
  PIDS+=($!)
  REDIS_PID=$!
  moved_config "$WORK/r" "$PC_PORT_R" "$PC_ADMIN_PORT_R"
  printf 'state:\n  type: redis\n  url: redis://127.0.0.1:%s\n  key_prefix: "bench:"\n  connect_timeout: 10s\n' "$REDIS_PORT" >>"$WORK/r/portcullis.yaml"
  wait_for 30 "redis-server" "$REDIS_PID" redis-cli -p "$REDIS_PORT" ping
  taskset -c "$SERVER_CPU" java "-Xms$PC_HEAP" "-Xmx$PC_HEAP" "-Xlog:gc:file=$WORK/r/logs/gc.log" "${EXTRA_OPTS[@]}" \
    -jar "$PC_JAR" serve -c "$WORK/r/portcullis.yaml" >"$WORK/r/logs/decisions.log" 2>"$WORK/r/logs/portcullis.err" &
  PIDS+=($!)
  PC_PID_R=$!
fi
wait_for 30 "nginx" "$NGINX_PID" curl -sf "http://127.0.0.1:$UPSTREAM_PORT/"
wait_for 30 "haproxy" "$HAPROXY_PID" curl -s -o /dev/null "http://127.0.0.1:$HAPROXY_PORT/"
want haproxylog && wait_for 30 "haproxy with a log line per request" "$HAPROXY_LOG_PID" curl -s -o /dev/null "http://127.0.0.1:$HAPROXY_LOG_PORT/"
want forwardauth && wait_for 30 "nginx with auth_request" "$NGINX_AUTH_PID" curl -s -o /dev/null "http://127.0.0.1:$NGINX_AUTH_PORT/"
wait_for "$READY_WAIT" "portcullis" "$PC_PID" curl -sf "http://127.0.0.1:$PC_ADMIN_PORT/readyz"
[[ -z $PC_JAR_B ]] || wait_for "$READY_WAIT" "portcullis B" "$PC_PID_B" curl -sf "http://127.0.0.1:$PC_ADMIN_PORT_B/readyz"
if want_redis; then
  wait_for "$READY_WAIT" "portcullis with state: redis" "$PC_PID_R" curl -sf "http://127.0.0.1:$PC_ADMIN_PORT_R/readyz"
  # Ready but degraded would mean it runs on its local fallback: then the run would measure memory twice.
  store_up() { curl -s "http://127.0.0.1:$PC_ADMIN_PORT_R/metrics" | awk '/^portcullis_state_store_up/ && $NF == 1 {up = 1} END {exit !up}'; }
  wait_for "$READY_WAIT" "the state: redis Portcullis's link to redis-server" "$PC_PID_R" store_up
fi
NGINX_WORKER=$(pgrep -P "$NGINX_PID" | head -1)
# Before any request: the rss mode's "idle" is read after the load rounds, with the heap's pages touched.
RSS_FRESH="nginx-proxy $(awk '/VmRSS/{s += $2} END {print s}' "/proc/$NGINX_PID/status" "/proc/$NGINX_WORKER/status") kB, haproxy-jwt $(awk '/VmRSS/{print $2}' "/proc/$HAPROXY_PID/status") kB, portcullis $(awk '/VmRSS/{print $2}' "/proc/$PC_PID/status") kB"
log "nginx worker $NGINX_WORKER, haproxy $HAPROXY_PID, portcullis $PC_PID ($(java -version 2>&1 | head -1))"

# --- pre-checks: valid tokens pass, every negative token is refused, by both JWT proxies ---------
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
bearer() { echo "Authorization: Bearer $(head -1 "$1")"; }
PRECHECK=("haproxy-jwt $HAPROXY_PORT" "portcullis $PC_PORT")
[[ -z $PC_JAR_B ]] || PRECHECK+=("portcullis-b $PC_PORT_B")
want_redis && PRECHECK+=("portcullis-redis $PC_PORT_R")
want forwardauth && PRECHECK+=("nginx-auth-request $NGINX_AUTH_PORT")
for target in "${PRECHECK[@]}"; do
  set -- $target
  for t in token-rs256 token-es256; do
    s=$(status -H "$(bearer "$WORK/$t.txt")" "http://127.0.0.1:$2/app")
    [[ $s == 200 ]] || die "$1 answered $s to the valid $t"
  done
  s=$(status "http://127.0.0.1:$2/app")
  [[ $s == 401 ]] || die "$1 answered $s to a request without a token"
  if [[ $1 == portcullis* || $1 == nginx-auth-request ]]; then
    s=$(status -H "$(bearer "$WORK/token-rs256.txt")" "http://127.0.0.1:$2/limited")
    [[ $s == 200 ]] || die "$1 answered $s on the rate-limited route"
  fi
  for f in "$WORK"/negative/*.txt; do
    s=$(status -H "$(bearer "$f")" "http://127.0.0.1:$2/app")
    [[ $s == 401 || $s == 403 ]] || die "$1 answered $s to the negative token $(basename "$f" .txt)"
    log "pre-check $1: $(basename "$f" .txt) -> $s"
  done
done

# --- measurement -------------------------------------------------------------------------------
cpu_ticks() { # cpu_ticks PID...: user + system ticks of those processes, summed
  local pid total=0
  for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$total"
}
cache_hits() { # cache_hits PID: the verified-token cache hits of that Portcullis (0 for other servers)
  local admin
  case $1 in "$PC_PID") admin=$PC_ADMIN_PORT ;; "$PC_PID_B") admin=$PC_ADMIN_PORT_B ;; "$PC_PID_R") admin=$PC_ADMIN_PORT_R ;;
    *) echo 0; return ;; esac
  curl -s "http://127.0.0.1:$admin/metrics" | awk '/^portcullis_token_cache_total\{.*result="hit"/{print int($2)}'
}
thread_ticks() { # thread_ticks PID PREFIX...: CPU ticks of that process's threads whose names start with a PREFIX
  local pid=$1 total=0 t name prefix; shift
  for t in /proc/"$pid"/task/*; do
    name=$(cat "$t/comm" 2>/dev/null) || continue
    for prefix in "$@"; do
      # A thread's name may hold spaces ("C2 CompilerThre"): fields are counted after its closing parenthesis.
      [[ $name == "$prefix"* ]] && { total=$((total + $(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}'))); break; }
    done
  done
  echo "$total"
}
JIT_THREADS=("C1 CompilerThre" "C2 CompilerThre")
# The Serial collector (the JVM's choice on one core) collects on the VM thread, with other safepoint work.
GC_THREADS=("VM Thread" "GC Thread" "G1 ")
# The event loops (the data listener's: "portcullis-io-*") and the decision log's writer thread, apart: where the
# request path's CPU is spent, against the JIT's and the collector's above.
LOOP_THREADS=("portcullis-io")
WRITER_THREADS=("decision-log-wr")
CLK_TCK=$(getconf CLK_TCK)
# SYSCALLS=1: every call counted, the usual ones of a proxy apart, and context switches (the writer thread's wake-ups).
SYSCALL_EVENTS=raw_syscalls:sys_enter,context-switches
for call in read write readv writev recvfrom sendto recvmsg sendmsg epoll_wait epoll_pwait epoll_ctl futex accept4 splice; do
  SYSCALL_EVENTS+=",syscalls:sys_enter_$call"
done
syscall_fields() { # syscall_fields PERF_CSV REQUESTS: " syscalls=N cs=N calls=name:N,..." per request
  awk -F, -v r="$2" '
    $3 == "raw_syscalls:sys_enter" {all = $1} $3 == "context-switches" {cs = $1}
    $3 ~ /^syscalls:sys_enter_/ && $1 + 0 > 0 {n = $3; sub(/.*sys_enter_/, "", n); calls = calls sep n ":" sprintf("%.2f", $1 / r); sep = ","}
    END {if (r) printf " syscalls=%.2f cs=%.2f calls=%s", all / r, cs / r, calls}' "$1"
}
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# run NAME ROUND URL PID-for-CPU [ENV=VALUE...]: one wrk run; appends a row to results.tsv
run() {
  local name=$1 round=$2 url=$3 pid=$4; shift 4
  local t0 h0 line
  # Each measured Portcullis run is profiled on its own (attached for the run, not for start-up or warm-up).
  local profiled=0
  if [[ $PROFILE == async && $pid == "$PC_PID" && $round != 0 ]]; then
    taskset -c "$LOAD_CPU" java "$ROOT/bench/AgentLoad.java" "$PC_PID" "$AP_LIB" "start,event=${AP_EVENT:-itimer},interval=${AP_INTERVAL:-1ms},threads" \
      && profiled=1
  fi
  # perf stat counts in the kernel, from core 0, every thread the server has when it attaches.
  local perf_pid="" perf_out="$WORK/slices/syscalls-$name-$round.csv"
  if [[ $SYSCALLS == 1 ]]; then
    taskset -c "$LOAD_CPU" perf stat -x, -o "$perf_out" -e "$SYSCALL_EVENTS" -p "$pid" & perf_pid=$!
    sleep 0.2
  fi
  t0=$(cpu_ticks "$pid"); h0=$(cache_hits "$pid")
  # Portcullis's JIT compiler threads and its collector, apart: a run whose JIT is busy measured compilation.
  local jvm=0 j0=0 g0=0
  [[ $pid == "$PC_PID" || $pid == "$PC_PID_B" || $pid == "$PC_PID_R" ]] && jvm=1
  local l0=0 w0=0
  if ((jvm)); then
    j0=$(thread_ticks "$pid" "${JIT_THREADS[@]}"); g0=$(thread_ticks "$pid" "${GC_THREADS[@]}")
    l0=$(thread_ticks "$pid" "${LOOP_THREADS[@]}"); w0=$(thread_ticks "$pid" "${WRITER_THREADS[@]}")
  fi
  # ALSO_PID (set by the caller for one run): other processes whose CPU per request is reported too, summed
  # (redis-server; the nginx workers of the forwardauth runs).
  # shellcheck disable=SC2086 # ALSO_PID is a list of pids, split on spaces on purpose
  local a0=0; [[ -z ${ALSO_PID:-} ]] || a0=$(cpu_ticks $ALSO_PID)
  local seconds=$DURATION
  [[ " $* " == *" TOKENS_FILE="* ]] && seconds=$DISTINCT_DURATION
  if [[ ${LOADGEN:-wrk} == openloop && " $* " == *" RATE="* ]]; then
    local kv rate="" token=""
    for kv in "$@"; do
      case $kv in RATE=*) rate=${kv#RATE=} ;; TOKEN_FILE=*) token=${kv#TOKEN_FILE=} ;; esac
    done
    line=$(taskset -c "$LOAD_CPU" java -Xms64m -Xmx64m -XX:+UseSerialGC -cp "$BENCH_JAR" \
      io.portcullis.benchmarks.OpenLoopLoad "$url" "$rate" "$seconds" "$CONNS" "$token" | grep WRK_RESULT) \
      || die "open-loop load failed for $name"
  else
    # WRK_SCRIPT (set by the caller for one run): another script than bench.lua (the dpop mode's).
    line=$(env "$@" CONNS="$CONNS" taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNS" -d"${seconds}s" --timeout 10s \
      -s "${WRK_SCRIPT:-$ROOT/bench/wrk/bench.lua}" "$url" | grep WRK_RESULT) || die "wrk failed for $name"
  fi
  local t1 h1 rss
  t1=$(cpu_ticks "$pid"); h1=$(cache_hits "$pid")
  if [[ -n $perf_pid ]]; then kill -INT "$perf_pid"; wait "$perf_pid" || true; fi
  local jvm_cpu=""
  if ((jvm)); then
    jvm_cpu=" jit_ms=$(( ($(thread_ticks "$pid" "${JIT_THREADS[@]}") - j0) * 1000 / CLK_TCK ))"
    jvm_cpu+=" gc_ms=$(( ($(thread_ticks "$pid" "${GC_THREADS[@]}") - g0) * 1000 / CLK_TCK ))"
    jvm_cpu+=" loop_ms=$(( ($(thread_ticks "$pid" "${LOOP_THREADS[@]}") - l0) * 1000 / CLK_TCK ))"
    jvm_cpu+=" writer_ms=$(( ($(thread_ticks "$pid" "${WRITER_THREADS[@]}") - w0) * 1000 / CLK_TCK ))"
  fi
  local also=""
  # shellcheck disable=SC2086 # as above
  [[ -z ${ALSO_PID:-} ]] || also=" also_cpu_us=$(( ($(cpu_ticks $ALSO_PID) - a0) * 1000000 / CLK_TCK ))"
  if ((profiled)); then
    taskset -c "$LOAD_CPU" java "$ROOT/bench/AgentLoad.java" "$PC_PID" "$AP_LIB" \
      "stop,file=$OUT/profile-$STAMP-$name-$round.collapsed,collapsed"
  fi
  rss=$(awk '/VmRSS/{print $2}' "/proc/$([[ $pid == "$PC_PID_B" || $pid == "$PC_PID_R" ]] && echo "$pid" || echo "$PC_PID")/status")
  local req; req=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")
  # OpenLoopLoad also sends its warm-up inside the CPU window: divide by everything it sent.
  [[ $line == *" all_requests="* ]] && req=$(sed -E 's/.* all_requests=([0-9]+).*/\1/' <<<"$line")
  local cpu_us=$(( (t1 - t0) * 1000000 / CLK_TCK ))
  # A run given more requests than its slice has tokens sends each token again: then it measures a cycle of
  # reused tokens (Portcullis keeps a token the second time it verifies it), not new ones. Said per row.
  local kv tokens=0
  for kv in "$@"; do [[ $kv == TOKENS_FILE=* ]] && tokens=$(wc -l <"${kv#TOKENS_FILE=}"); done
  [[ -z $also ]] || also=" also_cpu_us_per_req=$(awk -v c="${also#*=}" -v r="$req" 'BEGIN{printf "%.1f", r ? c / r : 0}')"
  printf '%s\t%s\t%s cpu_us_per_req=%s cache_hits=%s pc_rss_kb=%s token_uses=%s%s\n' "$name" "$round" "$line" \
    "$(awk -v c="$cpu_us" -v r="$req" 'BEGIN{printf "%.1f", r ? c / r : 0}')" "$((h1 - h0))" "$rss" \
    "$(awk -v t="$tokens" -v r="$req" 'BEGIN{printf "%.2f", t ? r / t : 0}')" \
    "$also$jvm_cpu$([[ -z $perf_pid ]] || syscall_fields "$perf_out" "$req")" >>"$RESULTS"
  tail -1 "$RESULTS" | tee -a "$REPORT" >&2
}

# Portcullis takes fresh distinct tokens in every run (its verified-token cache must never help);
# HAProxy has no such cache and gets the same slice in the same round.
slice() { # slice ALG INDEX: the INDEX-th block of distinct tokens
  local per=$((DISTINCT / (ROUNDS + 1)))
  # Not in $WORK itself: that is the config's directory, and Portcullis's config watcher re-checks the
  # config on every change there (while a measured run goes on). The directory is made before it starts.
  sed -n "$(($2 * per + 1)),$((($2 + 1) * per))p" "$WORK/tokens-$1.txt" >"$WORK/slices/$1-$2.txt"
  echo "$WORK/slices/$1-$2.txt"
}

U="http://127.0.0.1"

# --- dpop: a DPoP-bound token with single-use ES256 proofs, beside its unbound twin as Bearer --------------
dpop_proofs() { # dpop_proofs PORT NAME [COUNT]: mints COUNT (DPOP_PROOFS) fresh proofs for GET on PORT's /app; prints the file
  # Not pinned: nothing is measured while it mints, and it needs both cores to stay well inside dpop_max_age.
  local file="$WORK/slices/proofs-$2.txt"
  java -Xmx512m -cp "$BENCH_JAR" io.portcullis.benchmarks.DPoPProofMinter "$WORK" "$U:$1/app" "${3:-$DPOP_PROOFS}" \
    "$file" 2>>"$WORK/dpop-minter.log" || die "minting DPoP proofs failed; see $WORK/dpop-minter.log"
  echo "$file"
}
dpop_run() { # dpop_run NAME ROUND PORT PID: the bound token, one fresh proof per request, for DPOP_DURATION s
  local proofs; proofs=$(dpop_proofs "$3" "$1-$2")
  DURATION=$DPOP_DURATION WRK_SCRIPT="$ROOT/bench/wrk/dpop.lua" run "$1" "$2" "$U:$3/app" "$4" \
    DPOP_TOKEN_FILE="$WORK/token-dpop.txt" PROOFS_FILE="$proofs" BENCH_LUA="$ROOT/bench/wrk/bench.lua"
  rm -f "$proofs"
}
dpop_precheck() { # dpop_precheck NAME PORT: a proof passes once, its replay and the bound token as Bearer do not
  local file token proof s
  file=$(dpop_proofs "$2" "precheck-$1" 1)
  token=$(head -1 "$WORK/token-dpop.txt"); proof=$(head -1 "$file")
  s=$(status -H "Authorization: DPoP $token" -H "DPoP: $proof" "$U:$2/app")
  [[ $s == 200 ]] || die "$1 answered $s to a valid DPoP proof"
  s=$(status -H "Authorization: DPoP $token" -H "DPoP: $proof" "$U:$2/app")
  [[ $s == 401 ]] || die "$1 answered $s to a replayed DPoP proof"
  s=$(status -H "Authorization: Bearer $token" "$U:$2/app")
  [[ $s == 401 ]] || die "$1 answered $s to a DPoP-bound token sent as Bearer"
  s=$(status -H "$(bearer "$WORK/token-dpop-unbound.txt")" "$U:$2/app")
  [[ $s == 200 ]] || die "$1 answered $s to the unbound twin as Bearer"
  log "pre-check $1: DPoP proof -> 200, replayed -> 401, bound token as Bearer -> 401, unbound twin -> 200"
  rm -f "$file"
}
dpop_warmup() { # the proof path's JIT on both instances; proofs running out only warms the refusal too
  local target
  for target in "memory $PC_PORT $PC_PID" "redis $PC_PORT_R $PC_PID_R"; do
    set -- $target
    DPOP_DURATION=$((WARMUP > 5 ? WARMUP : 5)) dpop_run "warmup-dpop-$1" 0 "$2" "$3" >/dev/null 2>&1
    DURATION=5 run "warmup-bearer-$1" 0 "$U:$2/app" "$3" TOKEN_FILE="$WORK/token-dpop-unbound.txt" >/dev/null 2>&1
  done
}
dpop_round() { # dpop_round ROUND: per store, the unbound twin as Bearer, then the bound token with proofs
  DURATION=$DPOP_DURATION run portcullis-bearer-memory "$1" "$U:$PC_PORT/app" "$PC_PID" \
    TOKEN_FILE="$WORK/token-dpop-unbound.txt"
  dpop_run portcullis-dpop-memory "$1" "$PC_PORT" "$PC_PID"
  DURATION=$DPOP_DURATION ALSO_PID=$REDIS_PID run portcullis-bearer-redis "$1" "$U:$PC_PORT_R/app" "$PC_PID_R" \
    TOKEN_FILE="$WORK/token-dpop-unbound.txt"
  ALSO_PID=$REDIS_PID dpop_run portcullis-dpop-redis "$1" "$PC_PORT_R" "$PC_PID_R"
}
if want dpop; then
  dpop_precheck portcullis "$PC_PORT"
  dpop_precheck portcullis-redis "$PC_PORT_R"
fi

log "warm-up (not reported)"
DURATION_SAVED=$DURATION; DURATION=$((DURATION > 5 ? DURATION : 5))
run warmup-portcullis 0 "$U:$PC_PORT/app" "$PC_PID" TOKEN_FILE="$WORK/token-rs256.txt" >/dev/null 2>&1
# The JIT needs tens of thousands of cache misses before a distinct-token run measures steady state
# (profiles: the C2 thread took three quarters of the pinned core for the first ~20,000, and a third
# after a 3 s warm-up), more than minting allows. So the warm-up cycles through its own slice of valid
# tokens for WARMUP s per algorithm: once the slice outgrows the cache most requests still miss and take
# the whole path, verified and forwarded; the measured runs get slices never seen before. A token with a
# bad signature, repeated, warms the refusal path (never cached).
DURATION=5
run warmup-portcullis-refused-rs 0 "$U:$PC_PORT/app" "$PC_PID" TOKEN_FILE="$WORK/negative/bad-signature.txt" >/dev/null 2>&1
run warmup-portcullis-refused-es 0 "$U:$PC_PORT/app" "$PC_PID" TOKEN_FILE="$WORK/negative/bad-signature-es256.txt" >/dev/null 2>&1
DISTINCT_DURATION_SAVED=$DISTINCT_DURATION; DISTINCT_DURATION=$WARMUP
run warmup-portcullis-rs 0 "$U:$PC_PORT/app" "$PC_PID" TOKENS_FILE="$(slice rs256 0)" >/dev/null 2>&1
run warmup-portcullis-es 0 "$U:$PC_PORT/app" "$PC_PID" TOKENS_FILE="$(slice es256 0)" >/dev/null 2>&1
DISTINCT_DURATION=$DISTINCT_DURATION_SAVED
DURATION=$((DURATION_SAVED > 5 ? DURATION_SAVED : 5))
if [[ -n $PC_JAR_B ]]; then
  DURATION=5
  run warmup-portcullis-b 0 "$U:$PC_PORT_B/app" "$PC_PID_B" TOKEN_FILE="$WORK/token-rs256.txt" >/dev/null 2>&1
  run warmup-portcullis-b-refused-rs 0 "$U:$PC_PORT_B/app" "$PC_PID_B" TOKEN_FILE="$WORK/negative/bad-signature.txt" >/dev/null 2>&1
  run warmup-portcullis-b-refused-es 0 "$U:$PC_PORT_B/app" "$PC_PID_B" TOKEN_FILE="$WORK/negative/bad-signature-es256.txt" >/dev/null 2>&1
  DISTINCT_DURATION=$WARMUP
  run warmup-portcullis-b-rs 0 "$U:$PC_PORT_B/app" "$PC_PID_B" TOKENS_FILE="$(slice rs256 0)" >/dev/null 2>&1
  run warmup-portcullis-b-es 0 "$U:$PC_PORT_B/app" "$PC_PID_B" TOKENS_FILE="$(slice es256 0)" >/dev/null 2>&1
  DISTINCT_DURATION=$DISTINCT_DURATION_SAVED
  DURATION=$((DURATION_SAVED > 5 ? DURATION_SAVED : 5))
fi
if want state; then
  # As long as the first instance's own warm-up (the JIT of the Redis client's path included): with 5 s
  # on a loaded machine the state: redis instance was still compiling in the measured rounds.
  DURATION=$((WARMUP > 5 ? WARMUP : 5))
  run warmup-portcullis-redis-refused 0 "$U:$PC_PORT_R/app" "$PC_PID_R" TOKEN_FILE="$WORK/negative/bad-signature.txt" >/dev/null 2>&1
  run warmup-portcullis-redis 0 "$U:$PC_PORT_R/app" "$PC_PID_R" TOKEN_FILE="$WORK/token-rs256.txt" >/dev/null 2>&1
  run warmup-portcullis-redis-limited 0 "$U:$PC_PORT_R/limited" "$PC_PID_R" TOKEN_FILE="$WORK/token-rs256.txt" >/dev/null 2>&1
  run warmup-portcullis-limited 0 "$U:$PC_PORT/limited" "$PC_PID" TOKEN_FILE="$WORK/token-rs256.txt" >/dev/null 2>&1
  DURATION=$((DURATION_SAVED > 5 ? DURATION_SAVED : 5))
fi
if want dpop; then dpop_warmup; fi
run warmup-haproxy 0 "$U:$HAPROXY_PORT/app" "$HAPROXY_PID" TOKEN_FILE="$WORK/token-rs256.txt" >/dev/null 2>&1
if want forwardauth; then
  # The decision API's path is JIT-compiled on its own (the forward-auth parsing, the answer's headers).
  DURATION=$((WARMUP > 5 ? WARMUP : 5))
  run warmup-fa-nginx-auth-request 0 "$U:$NGINX_AUTH_PORT/app" "$PC_PID" TOKEN_FILE="$WORK/token-rs256.txt" >/dev/null 2>&1
  DURATION=$DURATION_SAVED
fi
DURATION=$DURATION_SAVED
: >"$RESULTS"

run_b() { # run_b NAME ROUND ENV...: the same run against Portcullis B, right after A's
  [[ -n $PC_JAR_B ]] || return 0
  local name=$1 round=$2; shift 2
  run "${name/portcullis/portcullis-b}" "$round" "$U:$PC_PORT_B/app" "$PC_PID_B" "$@"
}
for round in $(seq 1 "$ROUNDS"); do
  rs=$(slice rs256 "$round"); es=$(slice es256 "$round")
  if want baseline; then
    run direct "$round" "$U:$UPSTREAM_PORT/app" "$NGINX_WORKER"
    run nginx-proxy "$round" "$U:$NGINX_PROXY_PORT/app" "$NGINX_WORKER"
  fi
  if want repeat; then
    run haproxy-jwt-repeat "$round" "$U:$HAPROXY_PORT/app" "$HAPROXY_PID" TOKEN_FILE="$WORK/token-rs256.txt"
    run portcullis-repeat "$round" "$U:$PC_PORT/app" "$PC_PID" TOKEN_FILE="$WORK/token-rs256.txt"
    run_b portcullis-repeat "$round" TOKEN_FILE="$WORK/token-rs256.txt"
  fi
  if want rs256; then
    run haproxy-jwt-distinct-rs256 "$round" "$U:$HAPROXY_PORT/app" "$HAPROXY_PID" TOKENS_FILE="$rs"
    if want haproxylog; then
      run haproxy-jwt-log-distinct-rs256 "$round" "$U:$HAPROXY_LOG_PORT/app" "$HAPROXY_LOG_PID" TOKENS_FILE="$rs"
    fi
    run portcullis-distinct-rs256 "$round" "$U:$PC_PORT/app" "$PC_PID" TOKENS_FILE="$rs"
    run_b portcullis-distinct-rs256 "$round" TOKENS_FILE="$rs"
  fi
  if want es256; then
    run haproxy-jwt-distinct-es256 "$round" "$U:$HAPROXY_PORT/app" "$HAPROXY_PID" TOKENS_FILE="$es"
    run portcullis-distinct-es256 "$round" "$U:$PC_PORT/app" "$PC_PID" TOKENS_FILE="$es"
    run_b portcullis-distinct-es256 "$round" TOKENS_FILE="$es"
  fi
  if want state; then
    # Memory and Redis one right after the other; the rate-limited route costs one bucket per request.
    run portcullis-memory-repeat "$round" "$U:$PC_PORT/app" "$PC_PID" TOKEN_FILE="$WORK/token-rs256.txt"
    ALSO_PID=$REDIS_PID run portcullis-redis-repeat "$round" "$U:$PC_PORT_R/app" "$PC_PID_R" TOKEN_FILE="$WORK/token-rs256.txt"
    run portcullis-memory-limited "$round" "$U:$PC_PORT/limited" "$PC_PID" TOKEN_FILE="$WORK/token-rs256.txt"
    ALSO_PID=$REDIS_PID run portcullis-redis-limited "$round" "$U:$PC_PORT_R/limited" "$PC_PID_R" TOKEN_FILE="$WORK/token-rs256.txt"
  fi
  if want dpop; then dpop_round "$round"; fi
done

field() { sed -E "s/.*[ \t]$1=([0-9.]+).*/\1/"; }
mean_rps() { awk -F'\t' -v n="$1" '$1 == n' "$RESULTS" | field rps | awk '{s += $1} END {printf "%.0f", s / NR}'; }

# --- forward-auth: nginx alone, nginx + auth_request + Portcullis, Portcullis as the proxy -----------
decided() { # decided: the decision API's decisions so far (all flavours, routes and outcomes)
  curl -s "http://127.0.0.1:$PC_ADMIN_PORT/metrics" | awk '/^portcullis_decision_api_decisions_total/{s += $NF} END {printf "%.0f", s}'
}
if want forwardauth; then
  # The same token and wrk settings for all three. CPU per request is Portcullis's (deciding for nginx, or
  # proxying), and beside it (also_cpu_us_per_req) both nginx workers' (the upstream, nginx as the proxy,
  # nginx with auth_request): their sum is every server's CPU per request, the figure a loaded machine
  # distorts least.
  FA_TOKEN=TOKEN_FILE="$WORK/token-rs256.txt"
  NGINX_AUTH_WORKER=$(pgrep -P "$NGINX_AUTH_PID" | head -1)
  export ALSO_PID="$NGINX_WORKER $NGINX_AUTH_WORKER"
  d0=$(decided)
  for round in $(seq 1 "$ROUNDS"); do
    run fa-nginx "$round" "$U:$NGINX_PROXY_PORT/app" "$PC_PID" "$FA_TOKEN"
    run fa-nginx-auth-request "$round" "$U:$NGINX_AUTH_PORT/app" "$PC_PID" "$FA_TOKEN"
    run fa-portcullis "$round" "$U:$PC_PORT/app" "$PC_PID" "$FA_TOKEN"
  done
  asked=$(awk -F'\t' '$1 == "fa-nginx-auth-request"' "$RESULTS" | field requests | awk '{s += $1} END {print s + 0}')
  log "forward-auth: the decision API counted $(( $(decided) - d0 )) decisions for $asked requests wrk counted through nginx + auth_request"
  FA_RATE=${FA_RATE:-$(( $(mean_rps fa-nginx-auth-request) / 2 ))}
  log "forward-auth latency at one offered rate for all three, half of nginx + auth_request's peak: ${FA_RATE} req/s, ${ARRIVALS:-poisson} arrivals"
  for round in $(seq 1 "$ROUNDS"); do
    run fa-nginx-rate "$round" "$U:$NGINX_PROXY_PORT/app" "$PC_PID" RATE="$FA_RATE" "$FA_TOKEN"
    run fa-nginx-auth-request-rate "$round" "$U:$NGINX_AUTH_PORT/app" "$PC_PID" RATE="$FA_RATE" "$FA_TOKEN"
    run fa-portcullis-rate "$round" "$U:$PC_PORT/app" "$PC_PID" RATE="$FA_RATE" "$FA_TOKEN"
  done
  unset ALSO_PID
fi
HALF=${HALF:-1000}
want repeat && HALF=$(( $(mean_rps haproxy-jwt-repeat) / 2 ))
want half && log "latency at half of HAProxy-jwt's peak: offered ${HALF} req/s, ${ARRIVALS:-poisson} arrivals"
want half && for round in $(seq 1 "$ROUNDS"); do
  run direct-half "$round" "$U:$UPSTREAM_PORT/app" "$NGINX_WORKER" RATE="$HALF"
  # The issue's own baseline for this target: nginx as a plain proxy (no auth) at the same rate.
  run nginx-proxy-half "$round" "$U:$NGINX_PROXY_PORT/app" "$NGINX_WORKER" RATE="$HALF"
  run haproxy-jwt-half "$round" "$U:$HAPROXY_PORT/app" "$HAPROXY_PID" RATE="$HALF" TOKEN_FILE="$WORK/token-rs256.txt"
  run portcullis-half "$round" "$U:$PC_PORT/app" "$PC_PID" RATE="$HALF" TOKEN_FILE="$WORK/token-rs256.txt"
  run_b portcullis-half "$round" RATE="$HALF" TOKEN_FILE="$WORK/token-rs256.txt"
done
# The issue's last latency target: at half of Portcullis's own peak, with direct at the same rate beside it.
if want half && want repeat; then
  HALF_OWN=$(( $(mean_rps portcullis-repeat) / 2 ))
  log "latency at half of Portcullis's own peak: offered ${HALF_OWN} req/s"
  for round in $(seq 1 "$ROUNDS"); do
    run direct-half-own "$round" "$U:$UPSTREAM_PORT/app" "$NGINX_WORKER" RATE="$HALF_OWN"
    run portcullis-half-own "$round" "$U:$PC_PORT/app" "$PC_PID" RATE="$HALF_OWN" TOKEN_FILE="$WORK/token-rs256.txt"
  done
fi

# --- connection scale: IDLE_CONNS idle keep-alive connections, a trickle over them, load beside ---
if ((IDLE_CONNS > 0)) && want idle; then
  log "connection scale: opening $IDLE_CONNS keep-alive connections to Portcullis"
  HOLD=$((DURATION * 3 + 60))
  IDLE_READY_FILE="$WORK/idle.ready" taskset -c "$LOAD_CPU" python3 "$ROOT/bench/idle_connections.py" 127.0.0.1 "$PC_PORT" \
    "$IDLE_CONNS" "$HOLD" 50 "$WORK/token-rs256.txt" >"$WORK/idle.out" 2>&1 &
  PIDS+=($!)
  IDLE_PID=$!
  wait_for 600 "idle connections" "$IDLE_PID" test -f "$WORK/idle.ready"
  grep IDLE_OPENED "$WORK/idle.out" | tee -a "$REPORT" >&2
  run portcullis-half-with-idle 1 "$U:$PC_PORT/app" "$PC_PID" RATE="$HALF" TOKEN_FILE="$WORK/token-rs256.txt"
  log "with $IDLE_CONNS idle connections: $(curl -s "http://127.0.0.1:$PC_ADMIN_PORT/metrics" | grep '^portcullis_connections_open')"
  log "heap: $(jcmd "$PC_PID" GC.heap_info 2>/dev/null | grep -E 'generation +total|Metaspace' | sed -E 's/ \[.*//' | xargs)"
  log "rss: $(awk '/VmRSS|VmHWM/{printf "%s %s kB  ", $1, $2}' "/proc/$PC_PID/status")"
  kill "$IDLE_PID" 2>/dev/null || true
fi

# --- memory: RSS at idle, under load and with IDLE_CONNS idle connections, nginx, HAProxy and Portcullis ---
rss_kb() { # rss_kb PID...: the processes' VmRSS summed, in kB
  local pid total=0
  for pid in "$@"; do total=$((total + $(awk '/VmRSS/{print $2}' "/proc/$pid/status"))); done
  echo "$total"
}
if want rss; then
  log "memory: RSS right after start, before any request: $RSS_FRESH"
  log "memory: RSS (kB) idle after the load rounds, after ${DURATION}s more of repeat-token load, and with $IDLE_CONNS idle connections"
  for target in "nginx-proxy $NGINX_PROXY_PORT $NGINX_PID $NGINX_WORKER" "haproxy-jwt $HAPROXY_PORT $HAPROXY_PID" \
    "portcullis $PC_PORT $PC_PID"; do
    set -- $target
    name=$1 port=$2; shift 2
    idle=$(rss_kb "$@")
    run "rss-load-$name" 1 "$U:$port/app" "$1" TOKEN_FILE="$WORK/token-rs256.txt" >/dev/null 2>&1
    loaded=$(rss_kb "$@")
    conns=na
    n=$IDLE_CONNS
    # HAProxy counts two descriptors per connection against its maxconn (9,900 under this sandbox's hard
    # limit of 20,000 descriptors), so it gets at most 9,800 idle connections.
    [[ $name != haproxy-jwt ]] || n=$((n > 9800 ? 9800 : n))
    if ((n > 0)); then
      rm -f "$WORK/idle-$name.ready"
      IDLE_READY_FILE="$WORK/idle-$name.ready" taskset -c "$LOAD_CPU" python3 "$ROOT/bench/idle_connections.py" 127.0.0.1 \
        "$port" "$n" 600 0 "$WORK/token-rs256.txt" >"$WORK/idle-$name.out" 2>&1 &
      IDLE_PID=$!
      wait_for 600 "idle connections to $name" "$IDLE_PID" test -f "$WORK/idle-$name.ready"
      sleep 2
      conns=$(rss_kb "$@")
      kill "$IDLE_PID" 2>/dev/null || true
      wait "$IDLE_PID" 2>/dev/null || true
      log "  $name: $(grep -h IDLE_OPENED "$WORK/idle-$name.out" | head -1)"
    fi
    log "RSS $name: idle $idle, loaded $loaded, with $n idle connections $conns"
    printf 'rss-%s\t1\trss_idle_kb=%s rss_loaded_kb=%s idle_conns=%s rss_idle_conns_kb=%s\n' "$name" "$idle" "$loaded" "$n" "$conns" \
      >>"$WORK/rss.tsv"
    sleep 2
  done
  [[ $PC_HEAP == 256m ]] && log "Portcullis heap: $(jcmd "$PC_PID" GC.heap_info 2>/dev/null | grep -E 'generation +total|Metaspace' | sed -E 's/ \[.*//' | xargs)"
  log "Portcullis native memory: $(jcmd "$PC_PID" VM.native_memory summary 2>/dev/null | grep -E '^Total' || echo 'start it with PC_JAVA_OPTS=-XX:NativeMemoryTracking=summary for a breakdown')"
fi

# --- warm start: from /readyz to 80 % of steady-state throughput, per JVM set-up ------------------
warm_java() { # warm_java VARIANT: the java binary of a variant
  [[ $1 == *-25 ]] && echo "$JAVA25" || echo java
}
warm_flags() { # warm_flags VARIANT PHASE(train|run): the JVM flags of a variant
  case $1:$2 in
    cds*:train) echo "-XX:ArchiveClassesAtExit=$WORK/w/$1.jsa" ;;
    cds*:run) echo "-XX:SharedArchiveFile=$WORK/w/$1.jsa" ;;
    aot-25:train) echo "-XX:AOTCacheOutput=$WORK/w/aot-25.aot" ;;
    aot-25:run) echo "-XX:AOTCache=$WORK/w/aot-25.aot" ;;
    *) echo "" ;;
  esac
}
warm_start() { # warm_start VARIANT PHASE: starts a fresh Portcullis on the warm-start ports; sets WARM_PID, WARM_T0
  # shellcheck disable=SC2046 # the flags are a list split on spaces on purpose
  local config=$WORK/w/portcullis.yaml
  if [[ $1 == *nowarm* ]]; then
    # The same config without the start's warm-up of the request path (on by default since issue 20).
    config=$WORK/w/portcullis-nowarm.yaml
    { cat "$WORK/w/portcullis.yaml"; printf '\nwarmup: { enabled: false }\n'; } >"$config"
  elif [[ $1 == *nosettle* ]]; then
    # The warm-up without its settling (warmup.settle: 0s): iterations only, then ready.
    config=$WORK/w/portcullis-nosettle.yaml
    { cat "$WORK/w/portcullis.yaml"; printf '\nwarmup: { settle: 0s }\n'; } >"$config"
  elif [[ $1 =~ warm([0-9]+)k ]]; then
    # warm<N>k (e.g. warm20k, cds-warm20k): the warm-up with N thousand iterations instead of the default.
    config=$WORK/w/portcullis-$1.yaml
    { cat "$WORK/w/portcullis.yaml"; printf '\nwarmup: { enabled: true, iterations: %d }\n' "$((BASH_REMATCH[1] * 1000))"; } >"$config"
  fi
  taskset -c "$SERVER_CPU" "$(warm_java "$1")" "-Xms$PC_HEAP" "-Xmx$PC_HEAP" $(warm_flags "$1" "$2") "${EXTRA_OPTS[@]}" \
    -jar "$PC_JAR" serve -c "$config" >>"$WORK/w/logs/decisions.log" 2>>"$WORK/w/logs/portcullis-$1-$2.err" &
  WARM_PID=$!
  PIDS+=($WARM_PID)
  WARM_T0=$(date +%s.%N)
}
thread_ms() { # thread_ms PID: CPU ms so far of the JIT compilers, the event loops, GC and the rest ("jit io gc other")
  local t
  for t in /proc/"$1"/task/*; do
    # comm may hold spaces: the fields after "(comm) " start with the state; utime and stime are 12 and 13 there.
    printf '%s\t%s\n' "$(cat "$t/comm" 2>/dev/null)" "$(sed -E 's/.*\) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}')"
  done | awk -F'\t' -v hz="$(getconf CLK_TCK)" '{g = "other"
      if ($1 ~ /^C[12] Compiler/) g = "jit"; else if ($1 ~ /^portcullis-io/) g = "io"; else if ($1 ~ /GC|G1|VM Thread/) g = "gc"
      s[g] += $2} END {printf "%d %d %d %d", s["jit"] * 1000 / hz, s["io"] * 1000 / hz, s["gc"] * 1000 / hz, s["other"] * 1000 / hz}'
}
warm_stop() { # warm_stop: SIGTERM and wait (an archive is written at exit)
  kill "$WARM_PID" 2>/dev/null || true
  wait "$WARM_PID" 2>/dev/null || true
}
if want warmstart; then
  moved_config "$WORK/w" "$PC_PORT_W" "$PC_ADMIN_PORT_W"
  if [[ $WARMSTART_LOAD == distinct ]]; then
    WARM_LOAD=(TOKENS_FILE="$(slice rs256 0)")
  else
    WARM_LOAD=(TOKEN_FILE="$WORK/token-rs256.txt")
  fi
  log "warm start: $WARMSTART_LOAD token(s), ${WARMSTART_SECONDS} one-second wrk runs from the moment /readyz answers 200; variants: $WARMSTART_VARIANTS"
  for variant in $WARMSTART_VARIANTS; do
    if [[ -n $(warm_flags "$variant" train) ]]; then
      # Training: start, load for 10 s, stop; the JVM writes its archive on the way out.
      warm_start "$variant" train
      wait_for "$READY_WAIT" "portcullis ($variant training)" "$WARM_PID" curl -sf "http://127.0.0.1:$PC_ADMIN_PORT_W/readyz"
      DURATION_SAVED=$DURATION; DISTINCT_DURATION_SAVED=$DISTINCT_DURATION; DURATION=10; DISTINCT_DURATION=10
      run "warm-train-$variant" 0 "$U:$PC_PORT_W/app" "$WARM_PID" "${WARM_LOAD[@]}" >/dev/null 2>&1
      DURATION=$DURATION_SAVED; DISTINCT_DURATION=$DISTINCT_DURATION_SAVED
      warm_stop
      ls "$WORK/w/$variant".* >/dev/null 2>&1 || die "the $variant training run wrote no archive; see $WORK/w/logs"
      log "  $variant archive: $(du -h "$WORK/w/$variant".* | cut -f1)"
    fi
    warm_start "$variant" run
    until curl -sf -o /dev/null "http://127.0.0.1:$PC_ADMIN_PORT_W/readyz"; do
      kill -0 "$WARM_PID" 2>/dev/null || die "portcullis ($variant) exited; see $WORK/w/logs"
      sleep 0.05
    done
    ready=$(awk -v a="$WARM_T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b - a}')
    rates=()
    # Where the core goes in each second: the JIT compilers compete with the event loops on it.
    jit_ms=(); io_ms=()
    read -r jit0 io0 _ _ <<<"$(thread_ms "$WARM_PID")"
    DURATION_SAVED=$DURATION; DISTINCT_DURATION_SAVED=$DISTINCT_DURATION; DURATION=1; DISTINCT_DURATION=1
    for second in $(seq 1 "$WARMSTART_SECONDS"); do
      run "warm-$variant" "$second" "$U:$PC_PORT_W/app" "$WARM_PID" "${WARM_LOAD[@]}" >/dev/null 2>&1
      rates+=("$(tail -1 "$RESULTS" | sed -E 's/.* rps=([0-9.]+).*/\1/')")
      read -r jit1 io1 _ _ <<<"$(thread_ms "$WARM_PID")"
      jit_ms+=($((jit1 - jit0))); io_ms+=($((io1 - io0))); jit0=$jit1; io0=$io1
    done
    DURATION=$DURATION_SAVED; DISTINCT_DURATION=$DISTINCT_DURATION_SAVED
    rss_end=$(rss_kb "$WARM_PID")
    warm_stop
    summary=$(printf '%s\n' "${rates[@]}" | awk '{r[NR] = $1} END {
      for (i = NR - 4; i <= NR; i++) s += r[i]; steady = s / 5
      for (i = 1; i <= NR; i++) if (r[i] >= 0.8 * steady) { at = i; break }
      first = r[1]; printf "steady %.0f req/s, first second %.0f (%.2f of steady), 80%% reached after %d s", steady, first, first / steady, at }')
    log "warm start $variant: ready ${ready}s after exec; $summary; RSS at the end $rss_end kB; per second: ${rates[*]}"
    log "  $variant CPU ms per second: JIT compiler threads ${jit_ms[*]}; event loops ${io_ms[*]}"
    printf 'warm-%s\t0\tready_s=%s %s\n' "$variant" "$ready" "$(sed -E 's/[^0-9. ]//g; s/ +/ /g' <<<"$summary" | awk '{printf "steady_rps=%s first_rps=%s first_share=%s reached_80_s=%s", $1, $2, $3, $4}')" >>"$WORK/warm.tsv"
  done
  # The warm-start seconds are not part of the main table.
  grep -v -P '^warm-' "$RESULTS" >"$RESULTS.tmp" || true
  mv "$RESULTS.tmp" "$RESULTS"
fi

# --- decision log completeness: at least one line per answered request, none dropped -------------
answered=$(awk -F'\t' '$1 ~ /^portcullis/' "$RESULTS" | field requests | awk '{s += $1} END {print s + 0}')
lines=$(wc -l <"$WORK/logs/decisions.log")
[[ ! -f $WORK/b/logs/decisions.log ]] || lines=$((lines + $(wc -l <"$WORK/b/logs/decisions.log")))
[[ ! -f $WORK/r/logs/decisions.log ]] || lines=$((lines + $(wc -l <"$WORK/r/logs/decisions.log")))
log "decision log: $lines lines for $answered requests wrk counted on measured Portcullis runs (plus warm-up, pre-checks, idle)"
[[ $lines -ge $answered ]] || die "decision lines were dropped"

# Pause count and total from the unified GC log: a full collection per few thousand requests shows here.
gc_summary() { awk '/Pause/{n++; for (i = 1; i <= NF; i++) if ($i ~ /ms$/) {sub(/ms/, "", $i); t += $i}; if (/Full/) f++} END {printf "%d pauses (%d full), %.0f ms in total", n, f, t}' "$1"; }
[[ -z $PC_JAR_B ]] || log "gc B: $(gc_summary "$WORK/b/logs/gc.log")"
log "gc: $(gc_summary "$WORK/logs/gc.log")"

# --- summary -----------------------------------------------------------------------------------
python3 "$ROOT/bench/summarize.py" "$RESULTS" | tee -a "$REPORT"
log "raw results: $OUT/results-$STAMP.tsv; report: $REPORT"
cat "$WORK"/rss.tsv "$WORK"/warm.tsv 2>/dev/null >>"$RESULTS" || true
cp "$RESULTS" "$OUT/results-$STAMP.tsv"
