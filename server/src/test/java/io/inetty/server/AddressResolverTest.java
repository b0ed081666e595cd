package io.inetty.server;

import static io.inetty.server.Net.V4_ANY;
import static io.inetty.server.Net.V4_LOOPBACK;
import static io.inetty.server.Net.V6_ANY;
import static io.inetty.server.Net.V6_LOOPBACK;
import static io.inetty.server.Net.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link AddressResolver} with the system resolver: literals (which never reach a name service),
 * wildcards and local addresses. Names are tested with a fixed hosts file in {@link AddressResolverHostsFileTest}.
 */
@Timeout(30)
class AddressResolverTest {

    @Test
    void ipv4Literal() {
        assertThat(AddressResolver.resolve(List.of("127.0.0.1"), AddressFamily.ANY)).containsExactly(V4_LOOPBACK);
        assertThat(AddressResolver.resolve(List.of(" 127.0.0.2 "), AddressFamily.IPV4)).containsExactly(ip("127.0.0.2"));
    }

    @Test
    void ipv6LiteralWithAndWithoutBrackets() {
        List<InetAddress> bare = AddressResolver.resolve(List.of("::1"), AddressFamily.ANY);
        List<InetAddress> bracketed = AddressResolver.resolve(List.of("[::1]"), AddressFamily.ANY);
        assertThat(bare).containsExactly(V6_LOOPBACK);
        assertThat(bracketed).containsExactly(V6_LOOPBACK);
        assertThat(bracketed.get(0)).isInstanceOf(Inet6Address.class);
        assertThat(AddressResolver.resolve(List.of("[0:0:0:0:0:0:0:1]"), AddressFamily.IPV6)).containsExactly(V6_LOOPBACK);
    }

    @Test
    void ipv6LiteralWithScope() throws Exception {
        // The JDK accepts a scope only on an interface that has a link-local address (resolving sends nothing).
        NetworkInterface nif = null;
        for (NetworkInterface n : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (n.inetAddresses().anyMatch(InetAddress::isLinkLocalAddress)) {
                nif = n;
                break;
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(nif != null, "no interface with an IPv6 link-local address");
        List<InetAddress> out = AddressResolver.resolve(List.of("[fe80::1%" + nif.getName() + "]"), AddressFamily.ANY);
        assertThat(out).hasSize(1);
        Inet6Address v6 = (Inet6Address) out.get(0);
        assertThat(v6.getScopeId()).isEqualTo(nif.getIndex());
        assertThat(Endpoint.format(new InetSocketAddress(v6, 7))).isEqualTo("[fe80::1%" + nif.getName() + "]:7");
    }

    @Test
    void duplicatesAcrossHostsAreRemovedKeepingOrder() {
        List<InetAddress> out = AddressResolver.resolve(
                List.of("::1", "127.0.0.1", "[::1]", "127.0.0.1", "0:0:0:0:0:0:0:1"), AddressFamily.ANY);
        assertThat(out).containsExactly(V6_LOOPBACK, V4_LOOPBACK);
    }

    @Test
    void familyFilters() {
        List<String> both = List.of("127.0.0.1", "::1");
        assertThat(AddressResolver.resolve(both, AddressFamily.ANY)).containsExactly(V4_LOOPBACK, V6_LOOPBACK);
        assertThat(AddressResolver.resolve(List.of("127.0.0.1", "127.0.0.2"), AddressFamily.IPV4))
                .containsExactly(V4_LOOPBACK, ip("127.0.0.2"));
        assertThat(AddressResolver.resolve(List.of("::1"), AddressFamily.IPV6)).containsExactly(V6_LOOPBACK);
        // Every host must have an address of the family: a literal of the other family is an error, not skipped.
        // A configuration error (IllegalArgumentException), not a start failure.
        assertThatThrownBy(() -> AddressResolver.resolve(both, AddressFamily.IPV4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bind: '::1' has no IPv4 address, and only IPv4 is served (its address is ::1)");
        assertThatThrownBy(() -> AddressResolver.resolve(both, AddressFamily.IPV6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bind: '127.0.0.1' has no IPv6 address, and only IPv6 is served (its address is 127.0.0.1)");
    }

    @Test
    void ipv4OnlyWithOnlyAnIpv6LiteralFails() {
        assertThatThrownBy(() -> AddressResolver.resolve(List.of("::1"), AddressFamily.IPV4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("::1")
                .hasMessageContaining("IPv4");
        assertThatThrownBy(() -> AddressResolver.resolve(List.of("127.0.0.1"), AddressFamily.IPV6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("IPv6");
    }

    @Test
    void malformedHostsAreConfigurationErrors() {
        for (String bad : List.of(" ", "[]", "[::1]:7", "127.0.0.1:7", "localhost:7", "[::1")) {
            assertThatThrownBy(() -> AddressResolver.resolve(List.of(bad), AddressFamily.ANY)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bind: '" + bad + "' (expected: a host name or an IP literal, without a port)");
        }
    }

    @Test
    void loopbackIsTheEmbeddedDefault() {
        assertThat(AddressResolver.loopback(AddressFamily.ANY)).containsExactly(V4_LOOPBACK, V6_LOOPBACK);
        assertThat(AddressResolver.loopback(AddressFamily.IPV4)).containsExactly(V4_LOOPBACK);
        assertThat(AddressResolver.loopback(AddressFamily.IPV6)).containsExactly(V6_LOOPBACK);
    }

    /** With the system resolver: whatever {@code localhost} maps to here, de-duplicated, 127.0.0.1 included. */
    @Test
    void localhostWithTheSystemResolver() throws Exception {
        List<InetAddress> expected = Arrays.stream(InetAddress.getAllByName("localhost")).distinct().toList();
        List<InetAddress> out = AddressResolver.resolve(List.of("localhost", "localhost"), AddressFamily.ANY);
        assertThat(out).containsExactlyElementsOf(expected).contains(V4_LOOPBACK).doesNotHaveDuplicates();
    }

    @Test
    void wildcards() {
        assertThat(AddressResolver.wildcards(AddressFamily.ANY)).containsExactly(V4_ANY, V6_ANY);
        assertThat(AddressResolver.wildcards(AddressFamily.IPV4)).containsExactly(V4_ANY);
        assertThat(AddressResolver.wildcards(AddressFamily.IPV6)).containsExactly(V6_ANY);
        assertThat(AddressResolver.wildcards(AddressFamily.ANY).get(0)).isInstanceOf(Inet4Address.class);
        assertThat(AddressResolver.wildcards(AddressFamily.ANY).get(1)).isInstanceOf(Inet6Address.class);
        assertThat(AddressResolver.hasIpv6()).isTrue();
    }

    @Test
    void localUnicast() {
        List<InetAddress> any = AddressResolver.localUnicast(AddressFamily.ANY);
        assertThat(any).contains(V4_LOOPBACK, V6_LOOPBACK).doesNotHaveDuplicates()
                .noneMatch(InetAddress::isAnyLocalAddress).noneMatch(InetAddress::isMulticastAddress);
        // IPv4 first, loopback first within each family.
        assertThat(any.get(0)).isEqualTo(V4_LOOPBACK);
        int firstV6 = any.indexOf(any.stream().filter(a -> a instanceof Inet6Address).findFirst().orElseThrow());
        assertThat(any.subList(0, firstV6)).allMatch(a -> a instanceof Inet4Address);
        assertThat(any.subList(firstV6, any.size())).allMatch(a -> a instanceof Inet6Address);
        assertThat(any.get(firstV6)).isEqualTo(V6_LOOPBACK);

        assertThat(AddressResolver.localUnicast(AddressFamily.IPV4)).contains(V4_LOOPBACK)
                .allMatch(a -> a instanceof Inet4Address);
        assertThat(AddressResolver.localUnicast(AddressFamily.IPV6)).contains(V6_LOOPBACK)
                .allMatch(a -> a instanceof Inet6Address);
    }
}
