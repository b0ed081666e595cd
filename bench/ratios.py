#!/usr/bin/env python3
"""Reads a run-peers.sh .jsonl with peers 'limit' and 'inetty' and prints the ratio table (Markdown)."""
import json
import statistics
import sys

CELLS = [
    ("a", "TCP ping-pong 1 × 64 B", "msg/s", "msgs"),
    ("b", "TCP ping-pong 100 × 64 B", "msg/s", "msgs"),
    ("c", "TCP stream 1 conn, 16 KiB", "MB/s", "bytes"),
    ("d", "TCP churn 8 workers, 16 srcs", "conn/s", "conns"),
    ("e1", "UDP ping-pong 1 × 64 B", "pps", "msgs"),
    ("e32", "UDP ping-pong 32 × 64 B", "pps", "msgs"),
    ("gsink", "discard sink, 1 conn", "MB/s", "bytes"),
    ("gsrc", "chargen source, 1 conn", "MB/s", "bytes"),
]
# CPU-seconds per this many units of work
PER = {"msgs": (1e6, "CPU-s / M msg"), "bytes": (1e9, "CPU-s / GB"), "conns": (1e3, "CPU-s / k conn")}


def load(path):
    cells, idle, meta = {}, {}, {}
    for line in open(path):
        r = json.loads(line)
        if r.get("kind") == "meta":
            meta = r
        if r.get("kind") != "cell" or r.get("status") not in ("ok", "noisy"):
            continue
        key = (r["peer"], r["cell"])
        if r["cell"].startswith("f"):
            idle.setdefault(key, []).append(r)
        else:
            cells.setdefault(key, []).append(r)
    return meta, cells, idle


def pick(reps):
    clean = [r for r in reps if not r.get("noisy")]
    return clean or reps


def figure(reps, unit):
    lg = [r["lg"] for r in reps]
    if unit in ("MB/s",):
        value = statistics.median(x.get("mb_per_s", 0) for x in lg)
    else:
        value = statistics.median(x.get("rate", 0) for x in lg)
    p99 = statistics.median(x.get("p99_us", 0) or 0 for x in lg)
    loss = statistics.median(x.get("loss_pct", 0) or 0 for x in lg)
    secs = statistics.median(x.get("secs", 0) for x in lg)
    work = value * secs * (1e6 if unit == "MB/s" else 1)
    cpu = statistics.median(r.get("server_cpu_s", 0) for r in reps)
    lgcpu = statistics.median(r["lg"].get("cpu_s", 0) / max(r.get("wall_s", 1), 1e-9) for r in reps)
    srvcores = statistics.median(r.get("server_cores", 0) or 0 for r in reps)
    errors = sum(x.get("errors", 0) for x in lg)
    return value, p99, loss, cpu, work, (srvcores, lgcpu), errors


def main(path):
    """⚑ = the load generator's core was saturated (> 0.9 cores): that figure is the referee's ceiling."""
    meta, cells, idle = load(path)
    print(f"## inetty / limit-echo, {meta.get('stamp', '?')}\n")
    print(f"{meta.get('host_info', '')}  \n{meta.get('settings', '')}\n")
    print("| cell | limit-echo | inetty | ratio | p99 µs limit / inetty | server CPU per work, limit / inetty (ratio) | cores server/loadgen: limit; inetty | errors |")
    print("|---|---|---|---|---|---|---|---|")
    for cell, label, unit, kind in CELLS:
        a, b = cells.get(("limit", cell)), cells.get(("inetty", cell))
        if not a or not b:
            continue
        va, pa, la, ca, wa, ga, ea = figure(pick(a), unit)
        vb, pb, lb, cb, wb, gb, eb = figure(pick(b), unit)
        scale, per = PER[kind]
        cpa = ca / wa * scale if wa else float("nan")
        cpb = cb / wb * scale if wb else float("nan")
        loss = f" (loss {la:.2f}% / {lb:.2f}%)" if cell.startswith("e") else ""
        print(f"| {label} ({unit}) | {va:,.0f} | {vb:,.0f} | **{vb / va:.2f}**{loss} | {pa:,.0f} / {pb:,.0f} |"
              f" {cpa:.3g} / {cpb:.3g} {per} (**{cpb / cpa:.2f}**) | {ga[0]:.2f}/{ga[1]:.2f}{' ⚑' if ga[1] > 0.9 else ''};"
              f" {gb[0]:.2f}/{gb[1]:.2f}{' ⚑' if gb[1] > 0.9 else ''} | {ea} / {eb} |")
    for cell in ("f1k", "f10k"):
        a, b = idle.get(("limit", cell)), idle.get(("inetty", cell))
        if not a or not b:
            continue
        def per_conn(reps, k):
            return statistics.median((r.get("mem") or {}).get(k, 0) or 0 for r in reps)
        print(f"| idle {cell[1:]} conns, process RSS growth per conn (no GC; bench/idle has the post-GC figures)"
              f" | {per_conn(a, 'rss_per_conn'):,.0f} B | {per_conn(b, 'rss_per_conn'):,.0f} B | | | | | |")


if __name__ == "__main__":
    main(sys.argv[1])
