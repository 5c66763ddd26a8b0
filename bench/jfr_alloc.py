#!/usr/bin/env python3
"""Groups a JFR recording's allocation samples (jdk.ObjectAllocationSample, weighted by bytes) taken
under one method (by default the JMH benchmark's decision()) by the innermost Portcullis stage on the
stack, as shares of all bytes sampled there. Usage: bench/jfr_alloc.py RECORDING.jfr [UNDER]"""
import json
import subprocess
import sys
path = sys.argv[1]
under = sys.argv[2] if len(sys.argv) > 2 else "Benchmark.decision"
out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "60", "--events", "jdk.ObjectAllocationSample", path], check=True, capture_output=True, text=True).stdout
ev = json.loads(out)["recording"]["events"]
CATS = [
 ("token text (PresentedToken.text substring)", "PresentedToken.text"),
 ("token as bytes (CompactJws.parse getBytes)", "CompactJws.parse>String.getBytes"),
 ("key selection (KeySelector)", "KeySelector.candidates"),
 ("signature check (SignatureCheck, provider)", "SignatureCheck.verify"),
 ("claims: JSON reading", "TokenClaims.parse>JsonObjectReader"),
 ("claims: immutable map (Map.copyOf)", "TokenClaims.parse"),
 ("claims: payload base64 + UTF-8 string", "CompactJws.claims"),
 ("header: JSON reading", "CompactJws.parse>JsonObjectReader"),
 ("header: JWSHeader, base64, signature decode", "CompactJws.parse"),
 ("claims rules", "ClaimsRules.check"),
 ("identity + claim posture (toAuthResult)", "DefaultIdentityService.toAuthResult"),
 ("bearer extraction + digest", "BearerToken.|VerifiedTokenKey"),
 ("posture stage", "VerifiedPosture.posture|PostureOutcome"),
 ("policy", "PolicyStage|RoutePolicy|CompiledPolicy|io.portcullis.policy"),
 ("pipeline objects (Authentication, Verdict, decision)", "AccessPipeline|Authentication"),
 ("identity headers and header rewrite", "RequestRewrite|DefaultHeaders.copy"),
 ("decision line (record + JSON)", "DecisionRecord"),
 ("request object (benchmark, as the server)", "DistinctTokenDecisionBenchmark.decision"),
]
from collections import Counter
tot = 0; c = Counter()
for e in ev:
    st = e["values"].get("stackTrace")
    if not st: continue
    fs = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in st["frames"]]
    joined = " ".join(fs)
    if under not in joined: continue
    w = e["values"]["weight"]; tot += w
    for name, pat in CATS:
        if ">" in pat:
            a, b = pat.split(">")
            if a in joined and b in joined: c[name] += w; break
            continue
        if any(p in joined for p in pat.split("|")):
            c[name] += w; break
    else:
        c["other: " + fs[0]] += w
print("total sampled weight", tot)
for k, w in c.most_common(30): print(f"{100*w/tot:5.1f}%  {k}")
