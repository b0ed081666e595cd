# bench/sinklib.sh - sourced by bench/aftereffect and bench/sinkpairs: start `./inetty serve --threads 1` on CPU 0
# and wait for it, read a process's CPU ticks, run one TCP discard sink and print its MB/s and server CPU ms per GB.
# The caller sets root, yard (the yardstick's directory), N (the port offset) and secs (seconds a sink run measures).

# Starts `./inetty serve --bind 127.0.0.1 --threads 1 --port-offset N` (default services) on CPU 0 in the
# background, its standard output to OUT; sets srv to its pid (taskset and ./inetty exec: the JVM's).
start_inetty() { # OUT
  taskset -c 0 "$root/inetty" serve --bind 127.0.0.1 --threads 1 --port-offset "$N" > "$1" 2>/dev/null &
  srv=$!
}

# Waits up to 30 s for 'ready' in OUT; exits 3 naming SCRIPT if it does not come.
await_inetty() { # OUT SCRIPT
  for _ in $(seq 300); do grep -q ready "$1" && break; sleep 0.1; done
  grep -q ready "$1" || { echo "$2: inetty did not start" >&2; exit 3; }
}

# User + system CPU ticks (1/100 s) of PID so far.
cpu_ticks() { # PID
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# One loadgen tcp-sink run (CPU 1, 1 connection, secs s after 1 s of warm-up, more loadgen options after PORT)
# against the server PID on PORT; prints FORMAT (python %-format) of its MB/s and the server's CPU ms per GB. The
# CPU of the whole run (warm-up included) is divided by MB/s x (secs + 1): warm-up CPU and warm-up bytes alike.
sink_run() { # PID PORT FORMAT [LOADGEN OPTIONS...]
  local pid=$1 port=$2 format=$3 c0 c1 mbs
  shift 3
  c0=$(cpu_ticks "$pid")
  mbs=$(taskset -c 1 "$yard/loadgen" tcp-sink 127.0.0.1 "$port" --conns 1 "$@" --secs "$secs" --warmup 1 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["mb_per_s"])')
  c1=$(cpu_ticks "$pid")
  python3 -c 'import sys; f, m, c0, c1, s = sys.argv[1], float(sys.argv[2]), *map(float, sys.argv[3:])
print(f % (m, (c1 - c0) * 10 / (m * (s + 1) / 1000)))' "$format" "$mbs" "$c0" "$c1" "$secs"
}
