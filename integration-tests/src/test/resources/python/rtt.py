# Prints the milliseconds of one TCP round trip of 'ping' to 127.0.0.1:ARGV1.
import socket, sys, time
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=5)
t = time.monotonic(); s.sendall(b'ping'); got = b''
while len(got) < 4: got += s.recv(4 - len(got))
print(round((time.monotonic() - t) * 1000))
