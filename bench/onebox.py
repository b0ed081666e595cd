#!/usr/bin/env python3
"""bench/onebox.py - inetty as users run it: ONE long-lived `./inetty serve` (default services, TCP and UDP),
every cell against it in sequence (UDP cells first, the TCP sink before and after them), each repetition
interleaved with a fresh limit-echo pinned the same way. Ratios inetty / limit-echo of throughput and of server
CPU per unit of work (ticks from /proc/PID/stat). Stdlib only; called by bench/run.

  onebox.py YARD_DIR INETTY_LAUNCHER OUT_PREFIX   (env: CELLS, REPS, SECS, WARMUP, THREADS, NOISE_MAX, ...)
"""
import json
import os
import statistics
import subprocess
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")
YARD, LAUNCHER, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
SERVER_CPU, CLIENT_CPU = os.environ.get("SERVER_CPU", "0"), os.environ.get("CLIENT_CPU", "1")
REPS, SECS = int(os.environ.get("REPS", 2)), float(os.environ.get("SECS", 5))
WARMUP, NOISE_MAX = float(os.environ.get("WARMUP", 2)), float(os.environ.get("NOISE_MAX", 0.15))
OFFSET, LIMIT_PORT = int(os.environ.get("PORT_OFFSET", 20000)), int(os.environ.get("LIMIT_PORT", 29900))
THREADS = os.environ.get("THREADS", "1")
# cell: (label, inetty port (default port + offset), loadgen args, limit-echo args, unit, work key)
CELLS = {
    "gsink1": ("discard sink 1 conn, before UDP traffic", 9, "tcp-sink --conns 1 --size 65536", "--tcp-only --discard", "MB/s", "bytes"),
    "e1": ("UDP ping-pong 1 × 64 B", 7, "udp-pingpong --conns 1 --size 64", "--udp-only", "pps", "msgs"),
    "e32": ("UDP ping-pong 32 × 64 B", 7, "udp-pingpong --conns 32 --size 64", "--udp-only", "pps", "msgs"),
    "a": ("TCP ping-pong 1 × 64 B", 7, "tcp-pingpong --conns 1 --size 64", "--tcp-only", "msg/s", "msgs"),
    "b": ("TCP ping-pong 100 × 64 B", 7, "tcp-pingpong --conns 100 --size 64", "--tcp-only", "msg/s", "msgs"),
    "c": ("TCP stream 1 × 16 KiB", 7, "tcp-stream --conns 1 --size 16384", "--tcp-only", "MB/s", "bytes"),
    "d": ("TCP churn 8 workers, 16 srcs", 7, "tcp-churn --conns 8 --size 64 --srcs 16", "--tcp-only", "conn/s", "conns"),
    "gsink2": ("discard sink 1 conn, after UDP traffic", 9, "tcp-sink --conns 1 --size 65536", "--tcp-only --discard", "MB/s", "bytes"),
    "gsrc": ("chargen source 1 conn", 19, "tcp-source --conns 1", "--tcp-only --chargen", "MB/s", "bytes"),
}
ORDER = os.environ.get("CELLS", "gsink1 e1 e32 a b c d gsink2 gsrc").split()
PER = {"msgs": (1e6, "CPU-s / M msg"), "bytes": (1e9, "CPU-s / GB"), "conns": (1e3, "CPU-s / k conn")}


def ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            s = f.read()
        return sum(int(x) for x in s[s.rindex(")") + 2:].split()[11:13])
    except OSError:
        return 0


def busy():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return v[0] + v[1] + v[2]


def loadgen(args, port):
    cmd = ["taskset", "-c", CLIENT_CPU, f"{YARD}/loadgen"] + args.split()[:1] + ["127.0.0.1", str(port)] \
        + args.split()[1:] + ["--secs", str(SECS), "--warmup", str(WARMUP)]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=SECS + WARMUP + 120)
    return json.loads(r.stdout.strip().splitlines()[-1]) if r.stdout.strip() else {"errors": -1}


def rep(server_pid, args, port):
    t0, s0, b0 = time.time(), ticks(server_pid), busy()
    lg = loadgen(args, port)
    wall, srv, allb = time.time() - t0, (ticks(server_pid) - s0) / HZ, (busy() - b0) / HZ
    foreign = max(0.0, allb - srv - lg.get("cpu_s", 0)) / wall
    return {"lg": lg, "server_cpu_s": srv, "wall_s": wall, "foreign_cores": foreign, "noisy": foreign > NOISE_MAX}


def wait_port(port, udp):
    flag = "-uln" if udp else "-tln"
    for _ in range(200):
        if f":{port} " in subprocess.run(["ss", flag], capture_output=True, text=True).stdout:
            return
        time.sleep(0.05)
    raise SystemExit(f"onebox: nothing listens on {port}")


def limit_rep(cell):
    label, _, args, largs, _, _ = CELLS[cell]
    p = subprocess.Popen(["taskset", "-c", SERVER_CPU, f"{YARD}/limit-echo", "--addr", "127.0.0.1", "--port",
                          str(LIMIT_PORT), "--threads", THREADS, "--max-secs", "600"] + largs.split(),
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(LIMIT_PORT, "udp" in args)
        return rep(p.pid, args, LIMIT_PORT)
    finally:
        p.terminate()
        p.wait(10)


def measure(server_pid, cell):
    """REPS clean repetitions (noisy ones retried, at most REPS + 2 attempts), limit-echo interleaved."""
    out = {"inetty": [], "limit": []}
    for attempt in range(REPS + 2):
        if min(sum(not r["noisy"] for r in v) for v in out.values()) >= REPS:
            break
        _, port, args, _, _, _ = CELLS[cell]
        pair = [("inetty", lambda: rep(server_pid, args, OFFSET + port)), ("limit", lambda: limit_rep(cell))]
        for name, run in (pair if attempt % 2 == 0 else pair[::-1]):
            r = run()
            r.update(cell=cell, peer=name, attempt=attempt)
            out[name].append(r)
            with open(OUT + ".jsonl", "a") as f:
                f.write(json.dumps(r) + "\n")
            lg = r["lg"]
            print(f"  {cell:6} {name:6} #{attempt}: {lg.get('rate', 0):>10,.0f}/s {lg.get('mb_per_s', 0):>8,.0f} MB/s"
                  f" cpu {r['server_cpu_s']:.2f}s errors {lg.get('errors')}{'  [noisy]' if r['noisy'] else ''}",
                  file=sys.stderr)
    return out


def figure(reps, unit, kind):
    clean = [r for r in reps if not r["noisy"]] or reps
    value = statistics.median(r["lg"].get("mb_per_s" if unit == "MB/s" else "rate", 0) for r in clean)
    work = statistics.median(r["lg"].get("mb_per_s" if unit == "MB/s" else "rate", 0) * r["lg"].get("secs", SECS)
                             * (1e6 if unit == "MB/s" else 1) for r in clean)
    cpu = statistics.median(r["server_cpu_s"] for r in clean)
    p99 = statistics.median(r["lg"].get("p99_us", 0) or 0 for r in clean)
    errors = sum(max(0, r["lg"].get("errors", 0)) for r in reps)
    return value, cpu / work * PER[kind][0] if work else float("nan"), p99, errors, len(clean) < len(reps)


def main():
    env = dict(os.environ, INETTY_JAVA_OPTS=os.environ.get("INETTY_JAVA_OPTS", ""))
    srv = subprocess.Popen(["taskset", "-c", SERVER_CPU, LAUNCHER, "serve", "--bind", "127.0.0.1", "--threads",
                            THREADS, "--port-offset", str(OFFSET)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           text=True, env=env)
    for line in srv.stdout:
        if line.strip() == "ready":
            break
    rows, results = [], {}
    try:
        for cell in ORDER:
            results[cell] = measure(srv.pid, cell)
    finally:
        srv.terminate()
        srv.wait(30)
    print(f"| cell | limit-echo | inetty | ratio | server CPU per work, limit / inetty (ratio) | p99 µs limit / inetty | errors |")
    print("|---|---|---|---|---|---|---|")
    for cell in ORDER:
        label, _, _, _, unit, kind = CELLS[cell]
        va, ca, pa, ea, na = figure(results[cell]["limit"], unit, kind)
        vb, cb, pb, eb, nb = figure(results[cell]["inetty"], unit, kind)
        noisy = " (noisy reps retried)" if na or nb else ""
        print(f"| {label} ({unit}) | {va:,.0f} | {vb:,.0f} | **{vb / va:.2f}** | {ca:.3g} / {cb:.3g} {PER[kind][1]}"
              f" (**{cb / ca:.2f}**) | {pa:,.0f} / {pb:,.0f} | {ea} / {eb}{noisy} |")
        rows.append((cell, vb / va, cb / ca))
    if "gsink1" in results and "gsink2" in results:
        before = figure(results["gsink1"]["inetty"], "MB/s", "bytes")[0]
        after = figure(results["gsink2"]["inetty"], "MB/s", "bytes")[0]
        print(f"\nTCP sink after the UDP cells / before them (inetty): **{after / before:.2f}**")


if __name__ == "__main__":
    main()
