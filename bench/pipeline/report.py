#!/usr/bin/env python3
"""Turn bench/run.sh's raw measurements into the markdown tables of
docs/performance.md ("Pipeline benchmarks").

usage: report.py OUT_DIR      (bench/out/pipeline)
"""
import csv
import os
import statistics as st
import sys


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def med(xs):
    return st.median(xs) if xs else float("nan")


def fmt_s(x):
    return f"{x:.2f}" if x < 10 else f"{x:.1f}"


def main():
    out = sys.argv[1]
    machine = dict(l.rstrip("\n").split(" ", 1) for l in open(os.path.join(out, "machine.txt")))
    nbytes = int(machine["corpus"].split()[2])
    mb = nbytes / 1e6
    print(f"Corpus: {machine['corpus']} ({mb:.1f} MB); commit {machine['commit']}; "
          f"{machine['cpus']}; ICU {machine['icu']}; {machine['date']}.\n")

    # ---- side by side
    rows = read_tsv(os.path.join(out, "side.tsv"))
    groups = {}
    for r in rows:
        groups.setdefault((r["name"], r["threads"]), []).append(r)
    loads = [float(r["load"]) for r in rows]
    print(f"### Side by side ({max(int(r['round']) for r in rows)} rounds, medians; "
          f"load average {min(loads):.1f}-{max(loads):.1f} during the runs)\n")
    print("| tool | threads | wall s | CPU s | MB/s (CPU) | peak RSS MB | RSS / input |")
    print("|---|---|---|---|---|---|---|")
    res = {}
    for (name, th), rs in groups.items():
        wall = med([float(r["wall_s"]) for r in rs])
        cpu = med([float(r["user_s"]) + float(r["sys_s"]) for r in rs])
        rss = med([int(r["maxrss_kb"]) for r in rs]) / 1024
        extra = [float(r["extra"]) for r in rs if r["extra"] not in ("", "-")]
        res[(name, th)] = (wall, cpu, rss, med(extra) if extra else None)
        label = name
        if extra:
            label += f" (cutting alone: {med(extra):.1f} s)"
        print(f"| {label} | {th} | {fmt_s(wall)} | {fmt_s(cpu)} | {mb / cpu:.1f} | "
              f"{rss:.0f} | {rss * 1024 * 1024 / nbytes:.1f}x |")
    print()

    def ratio(a, b, i=0):
        if a in res and b in res and res[b][i]:
            return res[a][i] / res[b][i]
        return None

    print("| ratio | wall | CPU | target |")
    print("|---|---|---|---|")
    for name in ("entities", "entities, no tagger"):
        for th in ("1", "2"):
            r_w, r_c = ratio((name, th), ("icu_wb", th)), ratio((name, th), ("icu_wb", th), 1)
            if r_w:
                print(f"| {name} / ICU word break, {th} thread{'s' if th != '1' else ''} | "
                      f"{r_w:.2f} | {r_c:.2f} | ≤ 2 |")
    for th in ("1", "2"):
        r_w, r_c = ratio(("tokens", th), ("icu_wb", th)), ratio(("tokens", th), ("icu_wb", th), 1)
        if r_w:
            print(f"| tokens / ICU word break, {th} thread{'s' if th != '1' else ''} | "
                  f"{r_w:.2f} | {r_c:.2f} | |")
    if ("jieba cut", "1") in res:
        j = res[("jieba cut", "1")]
        for th in ("1", "2"):
            if ("entities", th) in res:
                e = res[("entities", th)]
                cut = j[3] if j[3] else j[0]
                print(f"| jieba cutting alone / entities ({th} thread{'s' if th != '1' else ''}) | "
                      f"{cut / e[0]:.1f} | {j[1] / e[1]:.1f} (whole jieba run) | ≥ 10 |")
    r_w, r_c = ratio(("search -c", "2"), ("grep -rFc", "1")), ratio(("search -c", "2"), ("grep -rFc", "1"), 1)
    if r_w:
        print(f"| search -c / grep -rFc | {r_w:.2f} | {r_c:.2f} | ≤ 2 |")
    for name in ("icu_wb", "tokens", "entities", "entities, no tagger", "xref"):
        r = ratio((name, "1"), (name, "2"))
        if r:
            print(f"| {name}: 1 thread / 2 threads (speed-up) | {r:.2f} | | |")
    print()

    # ---- stages
    srows = read_tsv(os.path.join(out, "stages.tsv"))
    order = ["load", "clean", "segment", "extract", "claims", "xref"]
    def stage_table(size, threads_list):
        data = {}
        for r in srows:
            if r["size"] == size:
                data.setdefault((r["threads"], r["stage"]), []).append(r)
        return data
    data = stage_table("corpus", ("1", "2"))
    if data:
        print("### Stage by stage (pipe_bench, the whole corpus in memory; medians)\n")
        print("| stage | 1 thread: wall ms | CPU ms | 2 threads: wall ms | CPU ms | speed-up | MB/s (2 threads) | RSS after, MB |")
        print("|---|---|---|---|---|---|---|---|")
        tot = {"1": [0, 0], "2": [0, 0]}
        for s in order:
            cells = []
            for th in ("1", "2"):
                rs = data.get((th, s), [])
                w = med([float(r["wall_ms"]) for r in rs])
                c = med([float(r["cpu_ms"]) for r in rs])
                tot[th][0] += w
                tot[th][1] += c
                cells.append((w, c, med([int(r["rss_kb"]) for r in rs]) / 1024))
            (w1, c1, _), (w2, c2, rss2) = cells
            print(f"| {s} | {w1:.0f} | {c1:.0f} | {w2:.0f} | {c2:.0f} | {w1 / w2:.2f} | "
                  f"{mb / (w2 / 1000):.1f} | {rss2:.0f} |")
        print(f"| **total** | {tot['1'][0]:.0f} | {tot['1'][1]:.0f} | {tot['2'][0]:.0f} | "
              f"{tot['2'][1]:.0f} | {tot['1'][0] / tot['2'][0]:.2f} | {mb / (tot['2'][0] / 1000):.1f} | |")
        print()

    # ---- scaling
    sizes = sorted({r["size"] for r in srows if r["size"] != "corpus"},
                   key=lambda s: float(s[:-2]))
    mem = {}
    cur = None
    for line in open(os.path.join(out, "memory.txt"), encoding="utf-8"):
        w = line.split()
        if line.startswith("=="):
            cur = (w[2], w[4])
            mem[cur] = {}
        elif w and cur:
            mem[cur][w[0]] = w[1:]
    if sizes:
        print("### Scaling (2 threads, one run each)\n")
        print("| size | docs | claims | links | " + " | ".join(f"{s} ms" for s in order[1:]) +
              " | CPU s | CPU ms per MB | peak RSS MB | RSS / input |")
        print("|---|---|---|---|" + "---|" * (len(order) - 1) + "---|---|---|---|")
        for size in sizes:
            m = mem.get((size, "2"), {})
            docs, b = int(m["input"][0]), int(m["input"][2])
            cnt = dict(zip(m["count"][0::2], m["count"][1::2]))
            cells, cpu = [], 0
            for s in order[1:]:
                rs = [r for r in srows if r["size"] == size and r["stage"] == s]
                cells.append(f"{med([float(r['wall_ms']) for r in rs]):.0f}")
            cpu = sum(float(r["cpu_ms"]) for r in srows if r["size"] == size)
            peak = int(m["peak_rss_kb"][0]) / 1024
            print(f"| {b / 1e6:.1f} MB | {docs} | {cnt['claims']} | {cnt['links']} | " +
                  " | ".join(cells) +
                  f" | {cpu / 1000:.1f} | {cpu / (b / 1e6):.0f} | {peak:.0f} | {peak * 1048576 / b:.1f}x |")
        print()
        sc = os.path.join(out, "scale.tsv")
        if os.path.exists(sc):
            print("The `xref` command as a user runs it (2 threads, tokens released "
                  "as they stop being needed):\n")
            print("| size | wall s | CPU s | CPU s per MB | peak RSS MB | RSS / input | load |")
            print("|---|---|---|---|---|---|---|")
            for r in read_tsv(sc):
                b = int(r["bytes"])
                cpu = float(r["user_s"]) + float(r["sys_s"])
                rss = int(r["maxrss_kb"]) / 1024
                print(f"| {b / 1e6:.1f} MB | {float(r['wall_s']):.1f} | {cpu:.1f} | "
                      f"{cpu / (b / 1e6):.2f} | {rss:.0f} | {rss * 1048576 / b:.1f}x | {r['load']} |")
            print()
        # per-stage CPU per MB, to show which stage grows faster than the input
        print("CPU ms per MB of input, by stage:\n")
        print("| size | " + " | ".join(order) + " |")
        print("|---|" + "---|" * len(order))
        for size in sizes:
            b = int(mem[(size, "2")]["input"][2]) / 1e6
            cells = []
            for s in order:
                rs = [r for r in srows if r["size"] == size and r["stage"] == s]
                cells.append(f"{med([float(r['cpu_ms']) for r in rs]) / b:.0f}")
            print(f"| {b:.1f} MB | " + " | ".join(cells) + " |")
        print()

    m = mem.get(("corpus", "2"))
    if m:
        by = dict(zip(m["bytes"][0::2], (int(x) for x in m["bytes"][1::2])))
        print("### Memory of the whole corpus after xref (2 threads)\n")
        print("| what | MB | per input byte |")
        print("|---|---|---|")
        for k, v in by.items():
            print(f"| {k} | {v / 1048576:.1f} | {v / nbytes:.2f} |")
        peak = int(m["peak_rss_kb"][0]) * 1024
        print(f"| peak RSS | {peak / 1048576:.1f} | {peak / nbytes:.2f} |")
        print()


main()
