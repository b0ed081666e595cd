package io.inetty.server;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Which IP families to serve: both (the default), IPv4 only or IPv6 only. */
public enum AddressFamily {
    ANY,
    IPV4,
    IPV6;

    /** Whether an address of this family passes the filter. */
    public boolean accepts(InetAddress address) {
        switch (this) {
            case IPV4:
                return address instanceof Inet4Address;
            case IPV6:
                return address instanceof Inet6Address;
            default:
                return true;
        }
    }
}
