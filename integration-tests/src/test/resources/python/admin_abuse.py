# Hostile clients of the admin endpoint at ARGV1:ARGV2: garbage, slowloris, too many connections, pipelining never read.
import random, select, socket, sys, time
host, port = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
def conn():
    return socket.create_connection((host, port), timeout=5)
def conns(n):
    """n connections at once (those refused or reset are left out)"""
    out = []
    for _ in range(n):
        try:
            out.append(conn())
        except OSError:
            pass
    return out
# 1. garbage: 300 connections of random bytes, some ending with a reset
for i in range(300):
    try:
        s = conn()
        s.sendall(bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 3000))))
        if i % 3 == 0:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\x01\x00\x00\x00\x00\x00\x00\x00')
        s.close()
    except OSError:
        pass
# 2. slowloris: 40 connections each sending a request one byte every 0.2 s, for 3 s
slow = conns(40)
req = b'GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ' + b'a' * 100
for step in range(15):
    for s in list(slow):
        try:
            s.send(req[step:step + 1])
        except OSError:
            slow.remove(s)
            s.close()
    time.sleep(0.2)
for s in slow:
    s.close()
# 3. far more connections than the bound (64), all held at once
many = conns(300)
time.sleep(1)
readable, _, _ = select.select(many, [], [], 2)
ended = 0
for s in readable:
    try:
        if s.recv(1) == b'':
            ended += 1
    except OSError:
        ended += 1
for s in many:
    s.close()
# 4. pipelining without reading
for i in range(20):
    try:
        s = conn()
        s.sendall(b'GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n' * 2000)
        s.close()
    except OSError:
        pass
print('ended-beyond-bound', ended)
print('done')
