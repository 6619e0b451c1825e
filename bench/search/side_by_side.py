#!/usr/bin/env python3
"""Interleaved side-by-side timing of crossread search against grep -rFc.

    bench/search/side_by_side.py CROSSREAD CORPUS [ROUNDS] [PATTERN...]

For each pattern, one round runs, one after the other: grep -rFc, then
crossread search -c and crossread search (lines) with the cache filled,
then both with --no-cache; ROUNDS rounds (default 7), after one warm-up
round that also fills the cache. Every run's wall time and CPU time (user +
system of the child, all threads, from wait4) are kept; the table gives
medians and the ratio to grep's median of the same pattern. Interleaving
makes load from other jobs hit every command alike. Output goes to
/dev/null. XDG_CACHE_HOME should point at a directory of the benchmark's
own (run.sh sets it).
"""
import os
import statistics
import subprocess
import sys
import time


def run(argv):
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(argv, stdout=null, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(argv)}: exit {code}")
    return wall * 1000, (ru.ru_utime + ru.ru_stime) * 1000


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    bin_, corpus = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    patterns = sys.argv[4:] or ["经济", "經濟", "微软", "微軟"]
    print(f"load {open('/proc/loadavg').read().split()[:3]}, {rounds} rounds, medians",
          file=sys.stderr)
    print("| pattern | command | wall ms | CPU ms | wall / grep | CPU / grep |")
    print("|---|---|---|---|---|---|")
    for pat in patterns:
        cmds = [
            ("grep -rFc", ["grep", "-rFc", pat, corpus]),
            ("search -c", [bin_, "search", "-c", pat, corpus]),
            ("search", [bin_, "search", pat, corpus]),
            ("search -c --no-cache", [bin_, "search", "--no-cache", "-c", pat, corpus]),
            ("search --no-cache", [bin_, "search", "--no-cache", pat, corpus]),
        ]
        for _, argv in cmds:   # warm-up: page cache and crossread's cache
            run(argv)
        res = {name: ([], []) for name, _ in cmds}
        for _ in range(rounds):
            for name, argv in cmds:
                w, c = run(argv)
                res[name][0].append(w)
                res[name][1].append(c)
        gw = statistics.median(res["grep -rFc"][0])
        gc = statistics.median(res["grep -rFc"][1])
        for name, _ in cmds:
            w = statistics.median(res[name][0])
            c = statistics.median(res[name][1])
            print(f"| {pat} | `{name}` | {w:.0f} | {c:.0f} | {w / gw:.2f} | {c / gc:.2f} |")
        sys.stdout.flush()
    print(f"load after: {open('/proc/loadavg').read().split()[:3]}", file=sys.stderr)


if __name__ == "__main__":
    main()
