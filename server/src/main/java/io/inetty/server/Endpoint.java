package io.inetty.server;

import static java.util.Objects.requireNonNull;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/** A bound socket: its binding (service, transport, options) and the address read back from the channel. */
public final class Endpoint {
    private final ServiceBinding binding;
    private final InetSocketAddress address;

    Endpoint(ServiceBinding binding, InetSocketAddress address) {
        this.binding = requireNonNull(binding, "binding");
        this.address = requireNonNull(address, "address");
    }

    /** The binding this socket serves. */
    public ServiceBinding binding() {
        return binding;
    }

    /** The service's name. */
    public String service() {
        return binding.service().name();
    }

    /** TCP or UDP. */
    public Transport transport() {
        return binding.transport();
    }

    /** The name shown in output: {@code tcp}, {@code udp}, or a binding's label such as {@code tls}. */
    public String label() {
        return binding.label();
    }

    /** The binding's options. */
    public BindingOptions options() {
        return binding.options();
    }

    /** The bound address, read back from the channel. */
    public InetSocketAddress address() {
        return address;
    }

    /** The bound port. */
    public int port() {
        return address.getPort();
    }

    /** {@code 127.0.0.1:7} or {@code [::1]:7} (RFC 5952 text, IPv6 in brackets, scope kept, never a name). */
    public String hostAndPort() {
        return format(address);
    }

    /** Formats a socket address as a literal {@code host:port}, IPv6 in brackets; never resolves a name. */
    public static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            return address.getHostString() + ":" + address.getPort();
        }
        if (ip instanceof Inet6Address) {
            Inet6Address v6 = (Inet6Address) ip;
            String scope = v6.getScopeId() == 0 ? "" : "%" + scopeName(v6);
            return "[" + NetUtil.toAddressString(ip) + scope + "]:" + address.getPort();
        }
        return NetUtil.toAddressString(ip) + ":" + address.getPort();
    }

    private static String scopeName(Inet6Address address) {
        if (address.getScopedInterface() != null) {
            return address.getScopedInterface().getName();
        }
        try {
            NetworkInterface nif = NetworkInterface.getByIndex(address.getScopeId());
            return nif == null ? String.valueOf(address.getScopeId()) : nif.getName();
        } catch (SocketException e) {
            return String.valueOf(address.getScopeId());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint && ((Endpoint) o).binding == binding && ((Endpoint) o).address.equals(address);
    }

    @Override
    public int hashCode() {
        return binding.hashCode() * 31 + address.hashCode();
    }

    /** {@code echo/tcp 127.0.0.1:7}. */
    @Override
    public String toString() {
        return service() + "/" + label() + " " + hostAndPort();
    }
}
