#!/usr/bin/env python3
"""Turns bench/run.sh's results.tsv into the comparison table: per target the mean over rounds (and the
spread between rounds, as the measure of noise), latency percentiles, Portcullis CPU per request,
and ratios to direct and to the matching HAProxy-jwt run, computed round by round (the two were
measured minutes apart in the same round) and then averaged."""
import re
import sys
from collections import defaultdict

ORDER = ["direct", "nginx-proxy", "haproxy-jwt-repeat", "portcullis-repeat", "portcullis-b-repeat",
         "haproxy-jwt-distinct-rs256", "haproxy-jwt-log-distinct-rs256", "portcullis-distinct-rs256", "portcullis-b-distinct-rs256",
         "haproxy-jwt-distinct-es256", "portcullis-distinct-es256", "portcullis-b-distinct-es256",
         "direct-half", "nginx-proxy-half", "haproxy-jwt-half", "portcullis-half", "portcullis-b-half", "portcullis-half-with-idle",
         "direct-half-own", "portcullis-half-own",
         "portcullis-memory-repeat", "portcullis-redis-repeat", "portcullis-memory-limited", "portcullis-redis-limited",
         "fa-nginx", "fa-nginx-auth-request", "fa-portcullis", "fa-nginx-rate", "fa-nginx-auth-request-rate",
         "fa-portcullis-rate",
         "portcullis-bearer-memory", "portcullis-dpop-memory", "portcullis-bearer-redis", "portcullis-dpop-redis"]
HAPROXY_OF = {"portcullis-repeat": "haproxy-jwt-repeat", "portcullis-distinct-rs256": "haproxy-jwt-distinct-rs256",
              "portcullis-distinct-es256": "haproxy-jwt-distinct-es256", "portcullis-half": "haproxy-jwt-half"}
# Build B (PC_JAR_B in bench/run.sh), measured right after A in each round.
HAPROXY_OF.update({name.replace("portcullis", "portcullis-b"): hap for name, hap in list(HAPROXY_OF.items())})
# Issue 20's goals for the repeated token and new RS256 tokens (the ES256 one is the older issue's).
TARGETS = {"portcullis-repeat": 1.5, "portcullis-distinct-rs256": 1.0, "portcullis-distinct-es256": 0.5}


def parse(path):
    runs = defaultdict(dict)
    for line in open(path):
        name, rnd, rest = line.rstrip("\n").split("\t", 2)
        runs[name][int(rnd)] = {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", rest)}
    return runs


def mean(xs):
    return sum(xs) / len(xs) if xs else float("nan")


def reused_token_lines(runs):
    """Says when a distinct-token run sent its tokens more than once: it then measured reuse, not new tokens."""
    wrapped = {name: max(r.get("token_uses", 0) for r in rounds.values())
               for name, rounds in runs.items() if any(r.get("token_uses", 0) > 1 for r in rounds.values())}
    if not wrapped:
        return
    most = max(r["requests"] for name in wrapped for r in runs[name].values())
    slices = max(k for rounds in runs.values() for k in rounds) + 1
    print("TOKENS RAN OUT: " + ", ".join(f"{name} sent each token up to {uses:.1f} times" for name, uses
                                         in sorted(wrapped.items()))
          + ". Those runs measured a cycle of reused tokens (Portcullis keeps a token the second time it verifies"
          f" it), not new ones: for new tokens only, DISTINCT >= {int(most * slices * 1.1)} or a shorter"
          " DISTINCT_DURATION.")


def jvm_thread_lines(runs):
    """The JIT compilers' and the collector's CPU in each Portcullis run: busy compilers mean it measured the JIT."""
    for name in ORDER:
        rounds = runs.get(name, {})
        if name.startswith("portcullis") and rounds and all("jit_ms" in r for r in rounds.values()):
            line = (f"{name}: JIT {', '.join(str(int(r['jit_ms'])) for r in rounds.values())} ms, "
                    f"VM thread and GC {', '.join(str(int(r['gc_ms'])) for r in rounds.values())} ms per round")
            if all("writer_ms" in r and r.get("requests") for r in rounds.values()):
                def per_request(field):
                    return ", ".join(f"{r[field] * 1000 / r['requests']:.1f}" for r in rounds.values())
                line += (f"; CPU per request (µs) event loop {per_request('loop_ms')},"
                         f" decision-log writer {per_request('writer_ms')}")
            print(line)


def state_lines(runs):
    """state: redis beside state: memory, and what a rate-limited route adds per request, round by round."""
    def per_round(a, b, field):
        return [runs[a][k][field] / runs[b][k][field] for k in runs[a] if k in runs.get(b, {})]
    if "portcullis-redis-repeat" in runs and "portcullis-memory-repeat" in runs:
        rps = per_round("portcullis-redis-repeat", "portcullis-memory-repeat", "rps")
        verdict = "met" if all(abs(x - 1) <= 0.10 for x in rps) else "NOT met"
        print(f"state redis / memory, repeat token: req/s {', '.join(f'{x:.2f}' for x in rps)} per round "
              f"(target: within 10%): {verdict}")
    for store in ("memory", "redis"):
        limited, plain = f"portcullis-{store}-limited", f"portcullis-{store}-repeat"
        if limited in runs and plain in runs:
            rounds = [k for k in runs[limited] if k in runs[plain]]
            added = [runs[limited][k]["cpu_us_per_req"] - runs[plain][k]["cpu_us_per_req"] for k in rounds]
            store_cpu = [runs[limited][k].get("also_cpu_us_per_req", 0) for k in rounds]
            rps = [runs[limited][k]["rps"] / runs[plain][k]["rps"] for k in rounds]
            print(f"rate-limited route, state {store}: Portcullis CPU per request "
                  f"{', '.join(f'{x:+.1f}' for x in added)} us over the same route without a limit"
                  + (f", redis-server {', '.join(f'{x:.1f}' for x in store_cpu)} us per request" if store == "redis" else "")
                  + f"; req/s x {', '.join(f'{x:.2f}' for x in rps)} per round")
    if "portcullis-redis-repeat" in runs:
        cpu = [r.get("also_cpu_us_per_req", 0) for r in runs["portcullis-redis-repeat"].values()]
        print(f"redis-server CPU per request on the repeat-token route (state redis, no limit): "
              f"{', '.join(f'{x:.1f}' for x in cpu)} us per round")


def forwardauth_lines(runs):
    """forwardauth: nginx + auth_request + Portcullis against nginx alone and against Portcullis as the proxy,
    as ratios and differences taken round by round (the three ran one right after the other)."""
    def per_round(a, b, f):
        return [f(runs[a][k], runs[b][k]) for k in runs.get(a, {}) if k in runs.get(b, {})]

    def show(xs, fmt):
        return ", ".join(fmt(x) for x in xs) + f" per round (mean {fmt(mean(xs))})"
    peak = "fa-nginx-auth-request"
    if peak in runs:
        print(f"forward-auth: nginx + auth_request + Portcullis decides {mean([r['rps'] for r in runs[peak].values()]):.0f} "
              f"requests/s at peak, one decision each")
        for other, label in (("fa-nginx", "nginx alone"), ("fa-portcullis", "Portcullis as the proxy")):
            if other in runs:
                print(f"  req/s x {label}: " + show(per_round(peak, other, lambda a, b: a["rps"] / b["rps"]), lambda x: f"{x:.2f}"))
        def cpu(r):
            return r["cpu_us_per_req"] + r.get("also_cpu_us_per_req", 0)
        print("  every server's CPU per request (Portcullis + both nginx workers, upstream included): "
              + "; ".join(f"{label} {mean([cpu(r) for r in runs[name].values()]):.0f} us"
                          for name, label in (("fa-nginx", "nginx alone"), (peak, "nginx + auth_request"),
                                              ("fa-portcullis", "Portcullis as the proxy")) if name in runs))
    rate = "fa-nginx-auth-request-rate"
    if rate in runs:
        print(f"forward-auth at one offered rate ({mean([r['rps'] for r in runs['fa-nginx-rate'].values()]):.0f} req/s "
              f"achieved by nginx alone, {mean([r['rps'] for r in runs[rate].values()]):.0f} by nginx + auth_request):")
        for other, label in (("fa-nginx-rate", "nginx alone"), ("fa-portcullis-rate", "Portcullis as the proxy")):
            if other in runs:
                for q in ("p50", "p99"):
                    print(f"  {q} added over {label}: " + show(per_round(rate, other, lambda a, b: (a[f"{q}_us"] - b[f"{q}_us"]) / 1000),
                                                            lambda x: f"{x:+.2f} ms"))


def dpop_lines(runs):
    """A DPoP proof per request (ES256, replay check included) beside the unbound twin as Bearer, per store."""
    for store in ("memory", "redis"):
        dpop, bearer = f"portcullis-dpop-{store}", f"portcullis-bearer-{store}"
        if dpop not in runs or bearer not in runs:
            continue
        rounds = [k for k in runs[dpop] if k in runs[bearer]]
        added = [runs[dpop][k]["cpu_us_per_req"] - runs[bearer][k]["cpu_us_per_req"] for k in rounds]
        cpu = [runs[dpop][k]["cpu_us_per_req"] / runs[bearer][k]["cpu_us_per_req"] for k in rounds]
        rps = [runs[dpop][k]["rps"] / runs[bearer][k]["rps"] for k in rounds]
        store_cpu = [runs[dpop][k].get("also_cpu_us_per_req", 0) for k in rounds]
        print(f"DPoP proof, state {store}: Portcullis CPU per request {', '.join(f'{x:+.1f}' for x in added)} us "
              f"(x {', '.join(f'{x:.2f}' for x in cpu)}) over the same token unbound as Bearer; "
              f"req/s x {', '.join(f'{x:.2f}' for x in rps)} per round"
              + (f"; redis-server {', '.join(f'{x:.1f}' for x in store_cpu)} us per request" if store == "redis" else ""))
    if "portcullis-dpop-redis" in runs and "portcullis-dpop-memory" in runs:
        rounds = [k for k in runs["portcullis-dpop-redis"] if k in runs["portcullis-dpop-memory"]]
        rps = [runs["portcullis-dpop-redis"][k]["rps"] / runs["portcullis-dpop-memory"][k]["rps"] for k in rounds]
        print(f"DPoP replay check in redis / in memory: req/s {', '.join(f'{x:.2f}' for x in rps)} per round")


def main():
    runs = parse(sys.argv[1])
    print()
    print(f"{'target':30} {'req/s':>9} {'spread':>7} {'p50 ms':>7} {'p99 ms':>7} {'p99.9 ms':>8} "
          f"{'cpu us/req':>10} {'x direct':>8} {'x haproxy':>9} {'non2xx':>7} {'cache hits':>10}")
    for name in ORDER:
        if name not in runs:
            continue
        rounds = runs[name]
        rps = [r["rps"] for r in rounds.values()]
        spread = (max(rps) - min(rps)) / mean(rps) * 100 if len(rps) > 1 else 0
        direct_name = ("direct-half-own" if name.endswith("-half-own")
                       else "direct-half" if "half" in name else "direct")
        x_direct = mean([r["rps"] / runs[direct_name][k]["rps"] for k, r in rounds.items()
                         if k in runs.get(direct_name, {})])
        hap = HAPROXY_OF.get(name)
        x_hap = mean([r["rps"] / runs[hap][k]["rps"] for k, r in rounds.items() if k in runs.get(hap, {})]) \
            if hap else float("nan")
        print(f"{name:30} {mean(rps):9.0f} {spread:6.0f}% {mean([r['p50_us'] for r in rounds.values()]) / 1000:7.2f} "
              f"{mean([r['p99_us'] for r in rounds.values()]) / 1000:7.2f} "
              f"{mean([r['p999_us'] for r in rounds.values()]) / 1000:8.2f} "
              f"{mean([r['cpu_us_per_req'] for r in rounds.values()]):10.1f} {x_direct:8.2f} "
              f"{x_hap:9.2f} {int(sum(r['non2xx'] for r in rounds.values())):7d} "
              f"{int(sum(r['cache_hits'] for r in rounds.values())) if name.startswith('portcullis') else '':>10}")
    print()
    for name, target in TARGETS.items():
        hap = HAPROXY_OF[name]
        if name in runs and hap in runs:
            per_round = [runs[name][k]["rps"] / runs[hap][k]["rps"] for k in runs[name] if k in runs[hap]]
            verdict = "met" if mean(per_round) >= target else "NOT met"
            print(f"{name} / {hap}: {', '.join(f'{x:.2f}' for x in per_round)} per round "
                  f"(target >= {target}): {verdict}")
    logged = "haproxy-jwt-log-distinct-rs256"
    if logged in runs and "portcullis-distinct-rs256" in runs:
        pc, hl = runs["portcullis-distinct-rs256"], runs[logged]
        rounds = [k for k in pc if k in hl]
        rps = ", ".join(f"{pc[k]['rps'] / hl[k]['rps']:.2f}" for k in rounds)
        cpu = ", ".join(f"{pc[k]['cpu_us_per_req'] / hl[k]['cpu_us_per_req']:.2f}" for k in rounds)
        print(f"portcullis-distinct-rs256 / {logged} (HAProxy-jwt writing a log line per request, as Portcullis"
              f" writes a decision line): req/s {rps}; cpu/req {cpu} per round")
    for name in ["portcullis-repeat", "portcullis-distinct-rs256", "portcullis-distinct-es256", "portcullis-half"]:
        other = name.replace("portcullis", "portcullis-b")
        if name in runs and other in runs:
            rounds = [k for k in runs[name] if k in runs[other]]
            rps = [runs[other][k]["rps"] / runs[name][k]["rps"] for k in rounds]
            cpu = [runs[other][k]["cpu_us_per_req"] / runs[name][k]["cpu_us_per_req"] for k in rounds]
            p99 = [runs[other][k]["p99_us"] / runs[name][k]["p99_us"] for k in rounds]
            print(f"B / A {name}: req/s {', '.join(f'{x:.2f}' for x in rps)}; "
                  f"cpu/req {', '.join(f'{x:.2f}' for x in cpu)}; p99 {', '.join(f'{x:.2f}' for x in p99)} per round")
    reused_token_lines(runs)
    jvm_thread_lines(runs)
    state_lines(runs)
    forwardauth_lines(runs)
    dpop_lines(runs)
    if "portcullis-half" in runs and "direct-half" in runs:
        added = [runs["portcullis-half"][k]["p99_us"] - runs["direct-half"][k]["p99_us"]
                 for k in runs["portcullis-half"] if k in runs["direct-half"]]
        verdict = "met" if mean(added) <= 1000 else "NOT met"
        print(f"added p99 over direct at half of HAProxy-jwt's peak: "
              f"{', '.join(f'{x / 1000:.2f} ms' for x in added)} per round (target <= 1 ms): {verdict}")
        if "haproxy-jwt-half" in runs:
            # The 1 ms is "half of HAProxy-jwt's" on its machines: the same ratio, on this one.
            hap = [runs["haproxy-jwt-half"][k]["p99_us"] - runs["direct-half"][k]["p99_us"]
                   for k in runs["portcullis-half"] if k in runs["direct-half"] and k in runs["haproxy-jwt-half"]]
            ratio = [a / h if h > 0 else float("nan") for a, h in zip(added, hap)]
            verdict = "met" if mean(ratio) <= 0.5 else "NOT met"
            print(f"  HAProxy-jwt adds {', '.join(f'{x / 1000:.2f} ms' for x in hap)} in the same rounds; "
                  f"Portcullis's added p99 / HAProxy-jwt's: {', '.join(f'{x:.2f}' for x in ratio)} "
                  f"(target <= 0.5): {verdict}")
        if "nginx-proxy-half" in runs:
            # The baseline for the latency target: nginx as a plain proxy adds ~0.7 ms there.
            ngx = [runs["nginx-proxy-half"][k]["p99_us"] - runs["direct-half"][k]["p99_us"]
                   for k in runs["portcullis-half"] if k in runs["direct-half"] and k in runs["nginx-proxy-half"]]
            print(f"  nginx as a plain proxy adds {', '.join(f'{x / 1000:.2f} ms' for x in ngx)} in the same rounds")
        if all("sent_p99_us" in r for r in runs["portcullis-half"].values()):
            # LOADGEN=openloop: the same added p99 counted from when each request was written, not when due.
            for other in ["nginx-proxy-half", "haproxy-jwt-half", "portcullis-half"]:
                if other in runs:
                    sent = [runs[other][k]["sent_p99_us"] - runs["direct-half"][k]["sent_p99_us"]
                            for k in runs[other] if k in runs["direct-half"]]
                    print(f"  {other} adds {', '.join(f'{x / 1000:.2f} ms' for x in sent)} to p99 counted from "
                          f"when each request was written")
        if "portcullis-half-own" in runs and "direct-half-own" in runs:
            own = [runs["portcullis-half-own"][k]["p99_us"] - runs["direct-half-own"][k]["p99_us"]
                   for k in runs["portcullis-half-own"] if k in runs["direct-half-own"]]
            print(f"added p99 over direct at half of Portcullis's own peak: "
                  f"{', '.join(f'{x / 1000:.2f} ms' for x in own)} per round (target <= 1 ms): "
                  f"{'met' if mean(own) <= 1000 else 'NOT met'}")
        offered = [r["rps"] for r in runs["portcullis-half"].values()]
        print(f"  achieved rate in those runs: portcullis {mean(offered):.0f} req/s, "
              f"direct {mean([r['rps'] for r in runs['direct-half'].values()]):.0f} req/s")


if __name__ == "__main__":
    main()
