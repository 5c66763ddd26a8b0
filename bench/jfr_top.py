#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples (jdk.ExecutionSample): the methods most often on top of
the stack (self time) and most often anywhere on it (inclusive), as shares of all samples.
Usage: bench/jfr_top.py RECORDING.jfr [N]"""
import json
import subprocess
import sys
from collections import Counter


def frames(event):
    for f in event["values"]["stackTrace"]["frames"]:
        m = f["method"]
        yield m["type"]["name"] + "." + m["name"]


def main():
    path, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 25
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    top, inclusive = Counter(), Counter()
    for e in events:
        fs = list(frames(e))
        if not fs:
            continue
        top[fs[0]] += 1
        for m in set(fs):
            inclusive[m] += 1
    total = len(events)
    print(f"{total} samples")
    print("-- self --")
    for m, c in top.most_common(n):
        print(f"{100 * c / total:5.1f}%  {m}")
    print("-- inclusive --")
    for m, c in inclusive.most_common(n * 2):
        print(f"{100 * c / total:5.1f}%  {m}")


if __name__ == "__main__":
    main()
