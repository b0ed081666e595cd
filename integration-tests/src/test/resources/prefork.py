#!/usr/bin/env python3
"""A minimal socket activator that starts N processes on the same sockets (systemd's template units do this):
binds TCP and UDP on 127.0.0.1:PORT, forks N children that each get them as fd 3 and 4 (LISTEN_FDS, their own
LISTEN_PID, instance id pN), and forwards SIGTERM to them. Usage: prefork.py N PORT COMMAND..."""
import os
import signal
import socket
import sys

n, port, command = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
tcp.bind(("127.0.0.1", port))
tcp.listen(128)
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp.bind(("127.0.0.1", port))
# fd 3 and 4, as sd_listen_fds expects (dup2 moves them out of the way first, whatever numbers they got)
high_tcp, high_udp = os.dup(tcp.fileno()), os.dup(udp.fileno())
tcp.close()
udp.close()
os.dup2(high_tcp, 3)
os.dup2(high_udp, 4)
os.close(high_tcp)
os.close(high_udp)
children = []
for i in range(n):
    pid = os.fork()
    if pid == 0:
        os.set_inheritable(3, True)
        os.set_inheritable(4, True)
        env = dict(os.environ, LISTEN_PID=str(os.getpid()), LISTEN_FDS="2", LISTEN_FDNAMES="whoami:whoami",
                   INETTY_INSTANCE_ID="p%d" % i)
        os.execvpe(command[0], command, env)
    children.append(pid)
    print("child p%d pid %d" % (i, pid), file=sys.stderr, flush=True)
os.close(3)
os.close(4)
signal.signal(signal.SIGTERM, lambda signum, frame: [os.kill(c, signal.SIGTERM) for c in children])
status = 0
for c in children:
    while True:
        try:
            _, code = os.waitpid(c, 0)
            break
        except InterruptedError:
            continue
    status = status or os.waitstatus_to_exitcode(code)
sys.exit(status)
