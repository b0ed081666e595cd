# Connects to 127.0.0.1:ARGV1, sends a byte, prints how the connection ends: ECONNRESET, EOF or DATA.
import socket, sys
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=5)
try:
    s.sendall(b'x')
    print('EOF' if s.recv(10) == b'' else 'DATA')
except ConnectionResetError:
    print('ECONNRESET')
