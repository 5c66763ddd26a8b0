#!/usr/bin/env python3
"""Summarise an async-profiler collapsed-stack file (bench/run.sh PROFILE=async).

Prints the share of samples per thread, the hottest frames by self time, and the hottest frames by
inclusive time (a frame counted once per stack), optionally restricted to stacks containing a substring.

    bench/profile_top.py FILE [--only SUBSTRING] [--top N]
"""
import argparse
import collections


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--only", help="keep only stacks containing this substring")
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args()
    total = 0
    threads, self_time, inclusive = collections.Counter(), collections.Counter(), collections.Counter()
    for line in open(args.file):
        stack, _, count = line.rstrip().rpartition(" ")
        if not stack or (args.only and args.only not in stack):
            continue
        n = int(count)
        frames = stack.split(";")
        total += n
        threads[frames[0]] += n
        self_time[frames[-1]] += n
        for frame in set(frames):
            inclusive[frame] += n
    if not total:
        print("no samples")
        return
    print(f"{total} samples")
    for title, counter in (("threads", threads), ("self", self_time), ("inclusive", inclusive)):
        print(f"-- {title}")
        for frame, n in counter.most_common(args.top):
            print(f"{n * 100 / total:5.1f}%  {frame[:150]}")


if __name__ == "__main__":
    main()
