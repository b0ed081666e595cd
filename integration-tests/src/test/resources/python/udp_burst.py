# Sends datagrams 0..ARGV2-1 to 127.0.0.1:ARGV1 in one burst, prints the numbers of the replies.
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.connect(('127.0.0.1', int(sys.argv[1])))
for i in range(int(sys.argv[2])): s.send(str(i).encode())
s.settimeout(5); got = []  # a daemon just started may take a while for its first answer
try:
    while True: got.append(s.recv(2048).decode()); s.settimeout(1)
except socket.timeout: pass
print(' '.join(got))
