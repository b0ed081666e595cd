#!/usr/bin/env python3
"""TLS echo stream client for bench/tls: one connection writes CHUNK-byte blocks while it reads the echo back
(at most WINDOW bytes in flight), for SECS seconds after WARMUP; prints one JSON line with the echoed MB/s
(MB = 10^6 bytes). Every echoed byte is checked against what was sent. Loopback only; stops by itself."""
import json, os, select, socket, ssl, sys, time

host, port = sys.argv[1], int(sys.argv[2])
secs = float(os.environ.get("SECS", "5"))
warmup = float(os.environ.get("WARMUP", "1"))
chunk = int(os.environ.get("CHUNK", "16384"))
window = int(os.environ.get("WINDOW", str(1 << 20)))
if host not in ("127.0.0.1", "::1"):
    sys.exit("stream.py: loopback only (127.0.0.1 or ::1)")

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE  # a benchmark of throughput, not of trust
sock = ctx.wrap_socket(socket.create_connection((host, port), timeout=5))
if chunk % 256:
    sys.exit("stream.py: CHUNK must be a multiple of 256")
block = bytes(range(256)) * (chunk // 256)  # the stream's byte at offset p is p % 256
sent = 0
received = 0
# One thread, non-blocking: an SSL connection must not be read and written from two threads at once (OpenSSL's
# SSL objects are not thread-safe, and Python releases its lock around SSL_read and SSL_write).
sock.setblocking(False)
out = memoryview(block)
mismatches = 0
start_at = time.monotonic() + warmup
mark = None
ended = "?"
buf = bytearray(1 << 18)
ref = memoryview(bytes(range(256)) * (len(buf) // 256 + 2))
while True:
    now = time.monotonic()
    if mark is None and now >= start_at:
        mark = (now, received)
    if now >= start_at + secs:
        ended = "time"
        break
    progressed = False
    try:
        n = sock.recv_into(buf)
        if n == 0:
            ended = "eof"
            break
        off = received % 256
        if memoryview(buf)[:n] != ref[off:off + n]:
            mismatches += 1
        received += n
        progressed = True
    except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
        pass
    if sent - received < window:
        try:
            n = sock.send(out[sent % len(block):])  # the stream's byte at offset p is p % 256
            sent += n
            progressed = True
        except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
            pass
    if not progressed and not sock.pending():
        select.select([sock], [sock] if sent - received < window else [], [], 0.1)
end = time.monotonic()
elapsed = end - mark[0] if mark else 0.0
echoed = received - mark[1] if mark else 0
print(json.dumps({"mb_per_s": round(echoed / elapsed / 1e6, 1) if elapsed > 0 else 0.0,
                  "bytes": echoed, "secs": round(elapsed, 2), "mismatches": mismatches, "ended": ended,
                  "protocol": sock.version(), "cipher": sock.cipher()[0]}))
sock.close()
sys.exit(1 if mismatches or echoed == 0 or ended != "time" else 0)
