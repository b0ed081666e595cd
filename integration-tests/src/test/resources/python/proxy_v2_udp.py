# Datagrams to whoami at 127.0.0.1:ARGV1 with good, truncated, bad and missing PROXY v2 headers, from a trusted and an untrusted source; a line each.
import socket, struct, sys
port = int(sys.argv[1])
def header(src, cmd=0x21, fam=0x12):
    addrs = socket.inet_aton(src) + socket.inet_aton('10.0.0.5') + struct.pack('!HH', 5353, 4242)
    return b'\r\n\r\n\x00\r\nQUIT\n' + bytes([cmd, fam]) + struct.pack('!H', len(addrs)) + addrs
def ask(src_ip, payload):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((src_ip, 0)); s.settimeout(1.0)
    s.sendto(payload, ('127.0.0.1', port))
    try:
        data, addr = s.recvfrom(4096); print(src_ip, 'reply', data.decode('utf-8').strip())
    except socket.timeout:
        print(src_ip, 'none')
ask('127.0.0.1', header('203.0.113.7') + b'x')
ask('127.0.0.1', header('203.0.113.7')[:20])
ask('127.0.0.1', header('203.0.113.7', cmd=0x31) + b'x')
ask('127.0.0.1', b'no header')
ask('127.0.0.2', header('203.0.113.7') + b'x')
ask('127.0.0.2', b'plain')
