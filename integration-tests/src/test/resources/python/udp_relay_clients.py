# 40 connected UDP clients of 127.0.0.1:ARGV1 send 3 rounds each; prints how many replies were their own.
import socket, sys
ok = 0
socks = []
for i in range(40):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(3)
    s.connect(('127.0.0.1', int(sys.argv[1]))); socks.append(s)
for rnd in range(3):
    for i, s in enumerate(socks): s.send(f'{i}/{rnd}'.encode())
    for i, s in enumerate(socks): ok += s.recv(100).decode() == f'{i}/{rnd}'
print(ok)
