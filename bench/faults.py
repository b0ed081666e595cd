#!/usr/bin/env python3
"""bench/faults.py - the measurements of bench/faults (see there): fault accuracy, the relay against haproxy and
socat, memory of a relay one side of which never reads, and the cost of an unused fault engine. Stdlib and
../shared/bench's benchlib only. Every step is bounded (timeouts on every wait; daemons stopped in `finally`).

  faults.py YARD INETTY_LAUNCHER BASE_LAUNCHER|'' OUT_PREFIX   (env: PARTS, REPS, SECS, SERVER_CPU, CLIENT_CPU)
"""
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

YARD, LAUNCHER, BASE, OUT = sys.argv[1:5]
sys.path.insert(0, YARD)
import benchlib  # noqa: E402  (../shared/bench: process-tree memory and CPU from /proc)

SERVER_CPU, CLIENT_CPU = os.environ.get("SERVER_CPU", "0"), os.environ.get("CLIENT_CPU", "1")
REPS, SECS = int(os.environ.get("REPS", 2)), float(os.environ.get("SECS", 5))
PARTS = os.environ.get("PARTS", "accuracy relay memory nofault").split()


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def record(kind, **fields):
    with open(OUT + ".jsonl", "a") as f:
        f.write(json.dumps(dict(kind=kind, **fields)) + "\n")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Proc:
    """A server pinned to SERVER_CPU; for inetty, waits for 'ready' and reads the 'listening' lines."""

    def __init__(self, cmd, inetty=True):
        self.cmd, self.inetty, self.ports = cmd, inetty, {}

    def __enter__(self):
        self.err = open(f"{OUT}.{os.path.basename(self.cmd[0])}.log", "a")
        self.p = subprocess.Popen(["taskset", "-c", SERVER_CPU] + self.cmd, stdout=subprocess.PIPE,
                                  stderr=self.err, text=True, start_new_session=True)
        try:
            if self.inetty:
                # A watchdog ends a daemon that prints nothing: the loop below then sees the end of its output.
                watchdog = threading.Timer(60, self.p.kill)
                watchdog.start()
                try:
                    for line in self.p.stdout:
                        parts = line.split()
                        if parts[:1] == ["listening"]:
                            self.ports[(parts[1], parts[2])] = int(parts[3].rsplit(":", 1)[1])
                        if line.strip() == "ready":
                            break
                finally:
                    watchdog.cancel()
                if not self.ports or self.p.poll() is not None:
                    raise SystemExit(f"bench/faults: {' '.join(self.cmd)} did not start")
            else:
                time.sleep(0.5)
        except BaseException:
            self.__exit__()  # the with-block never runs, so its exit would not either
            raise
        return self

    def __exit__(self, *exc):
        self.p.terminate()
        try:
            self.p.wait(30)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait(10)
        self.err.close()


def inetty(*args, launcher=None):
    return Proc([launcher or LAUNCHER, "serve", "--bind", "127.0.0.1", "--threads", "1"] + list(args))


def loadgen(args, port, secs=None, warmup=1.0):
    a = args.split()
    cmd = ["taskset", "-c", CLIENT_CPU, f"{YARD}/loadgen", a[0], "127.0.0.1", str(port)] + a[1:] \
        + ["--secs", str(secs or SECS), "--warmup", str(warmup)]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=(secs or SECS) + warmup + 120)
    return json.loads(r.stdout.strip().splitlines()[-1]) if r.stdout.strip() else {"errors": -1}


def binomial99(n, p):
    half = 2.576 * math.sqrt(n * p * (1 - p))
    return math.floor(n * p - half), math.ceil(n * p + half)


# ------------------------------------------------------------------------------------------------ accuracy

def udp_pattern(port, n=2000, window=50):
    """Sends datagrams 0..n-1 in windows of `window` (each awaits its replies, or 150 ms of quiet), so that the
    transport loses nothing; returns the reply payloads (numbers) in arrival order."""
    got = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        s.connect(("127.0.0.1", port))
        s.settimeout(0.15)
        for first in range(0, n, window):
            for i in range(first, min(n, first + window)):
                s.send(str(i).encode())
            while True:
                try:
                    got.append(int(s.recv(64)))
                except socket.timeout:
                    break
        s.settimeout(1.0)  # stragglers of the last window
        while True:
            try:
                got.append(int(s.recv(64)))
            except socket.timeout:
                break
    return got


def accuracy():
    print("### Accuracy\n")
    print("| fault | set | measured | expected | within |")
    print("|---|---|---|---|---|")
    with inetty("--service", "echo/tcp:0") as base, \
            inetty("--service", "echo/tcp:0", "--fault", "echo/tcp=latency,latency=50ms") as lat, \
            inetty("--service", "echo/tcp:0", "--fault", "echo/tcp=latency,latency=50ms,jitter=10ms,seed=1") as jit:
        b = loadgen("tcp-pingpong --conns 1 --size 64", base.ports[("echo", "tcp")], secs=3)
        l = loadgen("tcp-pingpong --conns 1 --size 64", lat.ports[("echo", "tcp")], secs=3)
        j = loadgen("tcp-pingpong --conns 1 --size 64", jit.ports[("echo", "tcp")], secs=3)
    added = (l["p50_us"] - b["p50_us"]) / 1000
    print(f"| latency (TCP echo, loadgen tcp-pingpong p50 − no-fault p50) | 50 ms | +{added:.2f} ms | 50 to 60 ms |"
          f" {'yes' if 50 <= added <= 60 else '**no**'} |")
    spread = (j["p99_us"] - j["p50_us"]) / 1000
    print(f"| latency ± jitter: p50 / p99 − p50 | 50 ± 10 ms | {(j['p50_us'] - b['p50_us']) / 1000:.2f} ms /"
          f" {spread:.2f} ms | 50 ms / 9.8 ms (uniform) | {'yes' if 8.8 <= spread <= 10.8 else '**no**'} |")
    record("latency", base=b, latency=l, jitter=j)

    with inetty("--service", "chargen/tcp:0", "--fault", "chargen/tcp=bandwidth,rate=2000") as bw:
        r = loadgen("tcp-source --conns 1", bw.ports[("chargen", "tcp")], secs=3)
    rate = r.get("mb_per_s", 0)
    print(f"| bandwidth (chargen, loadgen tcp-source, 3 s) | 2000 KB/s | {rate * 1000:.0f} KB/s | ±10 % |"
          f" {'yes' if 1.8 <= rate <= 2.2 else '**no**'} |")
    record("bandwidth", result=r)

    for kind, p, spec in (("loss", 0.3, "loss,probability=0.3,seed=42"), ("duplicate", 0.1, "duplicate,probability=0.1,seed=42")):
        runs = []
        for _ in range(2):
            with inetty("--service", "echo/udp:0", "--fault", "echo/udp=" + spec) as d:
                runs.append(udp_pattern(d.ports[("echo", "udp")]))
        n = 2000
        hits = n - len(set(runs[0])) if kind == "loss" else len(runs[0]) - len(set(runs[0]))
        lo, hi = binomial99(n, p)
        same = sorted(runs[0]) == sorted(runs[1])
        differ = sorted(set(runs[0]) ^ set(runs[1]))
        print(f"| {kind} (UDP echo, 2000 datagrams) | p = {p}, seed 42 | {hits} | {lo} to {hi} (binomial 99 %) |"
              f" {'yes' if lo <= hits <= hi else '**no**'}; same seed, same datagrams: {'yes' if same else '**no**'} |")
        record(kind, hits=hits, interval=[lo, hi], same=same, differ=differ,
               counts=[len(r) for r in runs])

    with inetty("--service", "chargen/tcp:0", "--fault", "chargen/tcp=limit_data,bytes=1000000") as d:
        with socket.create_connection(("127.0.0.1", d.ports[("chargen", "tcp")]), timeout=10) as s:
            total = 0
            while chunk := s.recv(65536):
                total += len(chunk)
    print(f"| limit_data (chargen, read to EOF) | 1,000,000 B | {total:,} B | exact | {'yes' if total == 1000000 else '**no**'} |")
    with inetty("--service", "echo/tcp:0", "--fault", "echo/tcp=reset_peer,timeout=200ms") as d:
        runs = []  # the first connection of a fresh JVM also pays for loading and compiling the fault's code
        for _ in range(2):
            with socket.create_connection(("127.0.0.1", d.ports[("echo", "tcp")]), timeout=10) as s:
                t = time.monotonic()
                s.sendall(b"x")
                try:
                    seen = "EOF" if s.recv(10) == b"" else "data"
                except ConnectionResetError:
                    seen = "ECONNRESET"
                runs.append((seen, (time.monotonic() - t) * 1000))
    seen, ms = runs[-1]
    seen = seen if runs[0][0] == seen else f"{runs[0][0]}, then {seen}"
    print(f"| reset_peer (echo) | 200 ms | {seen} after {ms:.0f} ms (a fresh daemon's first connection: {runs[0][1]:.0f} ms)"
          f" | ECONNRESET | {'yes' if seen == 'ECONNRESET' else '**no**'} |")
    print()


# ------------------------------------------------------------------------------------------------ relay

HAPROXY = """global
    nbthread 1
    maxconn 5000
defaults
    mode tcp
    timeout connect 5s
    timeout client 60s
    timeout server 60s
frontend f
    bind 127.0.0.1:{port}
    default_backend b
backend b
    server s 127.0.0.1:{upstream}
"""
RELAY_CELLS = [("a", "TCP ping-pong 1 × 64 B", "tcp-pingpong --conns 1 --size 64", "haproxy"),
               ("b", "TCP ping-pong 100 × 64 B", "tcp-pingpong --conns 100 --size 64", "haproxy"),
               ("c", "TCP stream 1 × 16 KiB", "tcp-stream --conns 1 --size 16384", "haproxy"),
               ("e1", "UDP ping-pong 1 × 64 B", "udp-pingpong --conns 1 --size 64", "socat"),
               ("e32", "UDP ping-pong 32 × 64 B", "udp-pingpong --conns 32 --size 64", "socat")]


def value(r):
    return r.get("mb_per_s") if "stream" in r.get("mode", "") else r.get("rate", 0)


def rep(proc, args, port):
    c0 = benchlib.tree(proc.p.pid)["cpu_s"]
    r = loadgen(args, port)
    r["server_cpu_s"] = benchlib.tree(proc.p.pid)["cpu_s"] - c0
    if proc.p.poll() is not None:
        raise SystemExit(f"bench/faults: {' '.join(proc.cmd)} ended (exit {proc.p.returncode}) during {args};"
                         f" see {OUT}.*.log")
    return r


def relay():
    up = free_port()
    upstream = subprocess.Popen(["taskset", "-c", CLIENT_CPU, f"{YARD}/limit-echo", "--addr", "127.0.0.1", "--port",
                                 str(up), "--threads", "1", "--max-secs", "1800"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    hp, sp = free_port(), free_port()
    cfg = tempfile.NamedTemporaryFile("w", suffix=".cfg", delete=False)
    cfg.write(HAPROXY.format(port=hp, upstream=up))
    cfg.close()
    results = {}
    try:
        time.sleep(0.5)
        with inetty("--service", "echo/tcp:0", "--relay", f"r:0=127.0.0.1:{up}") as ine, \
                Proc(["haproxy", "-f", cfg.name, "-db"], inetty=False) as hap, \
                Proc(["socat", "-T", "30", f"UDP4-LISTEN:{sp},bind=127.0.0.1,fork,reuseaddr", f"UDP4:127.0.0.1:{up}"],
                     inetty=False) as soc:
            for args in ("tcp-pingpong --conns 10 --size 64", "tcp-stream --conns 1 --size 16384",
                         "udp-pingpong --conns 8 --size 64"):  # the JIT's warm-up, not measured
                loadgen(args, ine.ports[("r", "udp" if args.startswith("udp") else "tcp")], secs=3)
            for cell, label, args, peer in RELAY_CELLS:
                transport = "udp" if args.startswith("udp") else "tcp"
                pairs = [("inetty", ine, ine.ports[("r", transport)]), (peer, hap if peer == "haproxy" else soc,
                                                                         hp if peer == "haproxy" else sp)]
                for i in range(REPS):
                    for name, proc, port in (pairs if i % 2 == 0 else pairs[::-1]):
                        r = rep(proc, args, port)
                        results.setdefault((cell, name), []).append(r)
                        record("relay", cell=cell, peer=name, result=r)
                        log(f"  relay {cell:4} {name:8} {value(r):>12,.1f} errors {r.get('errors')}")
    finally:
        upstream.terminate()
        upstream.wait(10)
        os.unlink(cfg.name)
    print("### Relay without faults (upstream limit-echo on CPU 1 with loadgen; relays on CPU 0)\n")
    print("| cell | peer | peer | inetty | inetty / peer | server CPU-s, peer / inetty | p99 µs, peer / inetty |")
    print("|---|---|---|---|---|---|---|")
    for cell, label, args, peer in RELAY_CELLS:
        a, b = results[(cell, peer)], results[(cell, "inetty")]
        va, vb = statistics.median(map(value, a)), statistics.median(map(value, b))
        ca, cb = (statistics.median(r["server_cpu_s"] for r in x) for x in (a, b))
        pa, pb = (statistics.median(r.get("p99_us", 0) or 0 for r in x) for x in (a, b))
        unit = "MB/s" if "stream" in args else "msg/s"
        print(f"| {label} ({unit}) | {peer} | {va:,.0f} | {vb:,.0f} | **{vb / va:.2f}** | {ca:.2f} / {cb:.2f} |"
              f" {pa:,.0f} / {pb:,.0f} |")
    print()


# ------------------------------------------------------------------------------------------------ memory

def rss_kb(proc):
    return benchlib.tree(proc.p.pid)["rss_kb"]


def watch(proc, seconds, progress):
    """RSS samples every 0.5 s for `seconds`; returns (first, max)."""
    samples = []
    end = time.time() + seconds
    while time.time() < end:
        samples.append(rss_kb(proc))
        time.sleep(0.5)
    return samples[0], max(samples), progress()


def memory():
    print("### Memory of a relay one side of which never reads (10 s)\n")
    print("| case | daemon RSS at start | max | growth | bytes the writer got through |")
    print("|---|---|---|---|---|")
    chargen = free_port()
    with inetty("--service", f"chargen/tcp:{chargen}", "--relay", f"hose/tcp:0=127.0.0.1:{chargen}") as d:
        c = socket.socket()
        c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 << 10)
        c.connect(("127.0.0.1", d.ports[("hose", "tcp")]))
        time.sleep(1)
        first, top, _ = watch(d, 10, lambda: 0)
        c.close()
    print(f"| client never reads, upstream (chargen) streams | {first / 1024:.1f} MiB | {top / 1024:.1f} MiB |"
          f" {(top - first) / 1024:.1f} MiB | (chargen paused) |")
    record("memory", case="client never reads", first_kb=first, max_kb=top)

    lsock = socket.socket()
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(1)
    held = []
    threading.Thread(target=lambda: held.append(lsock.accept()), daemon=True).start()
    with inetty("--service", "echo/tcp:0", "--relay", f"sink/tcp:0=127.0.0.1:{lsock.getsockname()[1]}") as d:
        c = socket.create_connection(("127.0.0.1", d.ports[("sink", "tcp")]))
        c.setblocking(False)
        sent = [0]
        stop = threading.Event()

        def write():
            chunk = b"x" * 65536
            while not stop.is_set():
                try:
                    sent[0] += c.send(chunk)
                except BlockingIOError:
                    time.sleep(0.01)

        t = threading.Thread(target=write)
        t.start()
        time.sleep(1)
        first, top, got = watch(d, 10, lambda: sent[0])
        stop.set()
        t.join(5)
        c.close()
    lsock.close()
    print(f"| upstream never reads, client streams | {first / 1024:.1f} MiB | {top / 1024:.1f} MiB |"
          f" {(top - first) / 1024:.1f} MiB | {got / 1048576:.1f} MiB |")
    record("memory", case="upstream never reads", first_kb=first, max_kb=top, sent=got)
    print()


# ------------------------------------------------------------------------------------------------ no fault

NOFAULT_CELLS = [("e32", "UDP ping-pong 32 × 64 B", "udp-pingpong --conns 32 --size 64", "udp"),
                 ("b", "TCP ping-pong 100 × 64 B", "tcp-pingpong --conns 100 --size 64", "tcp"),
                 ("c", "TCP stream 1 × 16 KiB", "tcp-stream --conns 1 --size 16384", "tcp")]


def nofault():
    if not BASE:
        return
    results = {}
    with inetty("--service", "echo:0", launcher=BASE) as base, inetty("--service", "echo:0") as cur:
        for proc in (base, cur):  # the JIT's warm-up, not measured
            for cell, label, args, transport in NOFAULT_CELLS:
                loadgen(args, proc.ports[("echo", transport)], secs=2)
        for cell, label, args, transport in NOFAULT_CELLS:
            pairs = [("base", base), ("faults", cur)]
            for i in range(REPS):
                for name, proc in (pairs if i % 2 == 0 else pairs[::-1]):
                    r = rep(proc, args, proc.ports[("echo", transport)])
                    results.setdefault((cell, name), []).append(r)
                    record("nofault", cell=cell, peer=name, result=r)
                    log(f"  nofault {cell:4} {name:7} {value(r):>12,.1f} errors {r.get('errors')}")
    print(f"### A service with no fault: this build against {os.environ.get('BASE', 'seams')} (fault engine"
          f" absent)\n")
    print("| cell | base | this build | ratio | server CPU-s, base / this |")
    print("|---|---|---|---|---|")
    for cell, label, args, _ in NOFAULT_CELLS:
        a, b = results[(cell, "base")], results[(cell, "faults")]
        va, vb = statistics.median(map(value, a)), statistics.median(map(value, b))
        ca, cb = (statistics.median(r["server_cpu_s"] for r in x) for x in (a, b))
        print(f"| {label} | {va:,.0f} | {vb:,.0f} | **{vb / va:.2f}** | {ca:.2f} / {cb:.2f} |")
    print()


if __name__ == "__main__":
    for part in PARTS:
        {"accuracy": accuracy, "relay": relay, "memory": memory, "nofault": nofault}[part]()
