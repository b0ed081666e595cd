package io.inetty.server;

import static io.inetty.server.Net.V4_LOOPBACK;
import static io.inetty.server.Net.V6_LOOPBACK;
import static io.inetty.server.Net.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link AddressResolver} on names, with a fixed hosts file ({@code src/test/resources/hosts}, given to a
 * dedicated surefire JVM as {@code -Djdk.net.hosts.file}): deterministic, no DNS traffic, and {@code localhost}
 * maps to 127.0.0.1 and ::1 (this machine's /etc/hosts maps it to 127.0.0.1 only).
 */
@Timeout(30)
class AddressResolverHostsFileTest {

    @BeforeAll
    static void needsTheHostsFile() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("jdk.net.hosts.file") != null,
                "runs in the surefire execution 'hosts-file' (-Djdk.net.hosts.file)");
        // The JDK reads the property once: check it is in effect.
        assertThat(InetAddress.getAllByName("localhost")).contains(V4_LOOPBACK, V6_LOOPBACK);
    }

    @Test
    void localhostResolvesToAllItsAddressesDeduplicated() throws Exception {
        // The hosts file lists 127.0.0.1 twice for localhost: the JDK returns it twice, the resolver once.
        assertThat(InetAddress.getAllByName("localhost")).hasSizeGreaterThan(2);
        List<InetAddress> out = AddressResolver.resolve(List.of("localhost"), AddressFamily.ANY);
        assertThat(out).containsExactlyInAnyOrder(V4_LOOPBACK, V6_LOOPBACK);
    }

    @Test
    void duplicatesAcrossHostsAreRemoved() {
        List<InetAddress> out = AddressResolver.resolve(
                List.of("localhost", "127.0.0.1", "ip6-localhost", "[::1]", "v4only.inetty.test", "second.inetty.test"),
                AddressFamily.ANY);
        assertThat(out).containsExactlyInAnyOrder(V4_LOOPBACK, V6_LOOPBACK, ip("127.0.0.2"));
        assertThat(out.get(2)).isEqualTo(ip("127.0.0.2"));
    }

    @Test
    void familyFiltersOnNames() {
        assertThat(AddressResolver.resolve(List.of("localhost"), AddressFamily.IPV4)).containsExactly(V4_LOOPBACK);
        assertThat(AddressResolver.resolve(List.of("localhost"), AddressFamily.IPV6)).containsExactly(V6_LOOPBACK);
    }

    @Test
    void ipv4OnlyWithANameThatHasOnlyIpv6Fails() {
        assertThatThrownBy(() -> AddressResolver.resolve(List.of("v6only.inetty.test"), AddressFamily.IPV4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v6only.inetty.test")
                .hasMessageContaining("no IPv4 address");
        assertThatThrownBy(() -> AddressResolver.resolve(List.of("localhost", "v4only.inetty.test"), AddressFamily.IPV6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v4only.inetty.test")
                .hasMessageContaining("no IPv6 address");
    }

    @Test
    void aNameThatDoesNotResolveFailsNamingTheHost() {
        assertThatThrownBy(() -> AddressResolver.resolve(List.of("localhost", "no-such-host.invalid"), AddressFamily.ANY))
                .isInstanceOf(BindFailureException.class)
                .hasMessageContaining("no-such-host.invalid")
                .hasMessageContaining("cannot resolve")
                .extracting(e -> ((BindFailureException) e).kind()).isEqualTo(BindFailureException.Kind.UNRESOLVABLE);
    }

    /** A name that does not resolve fails the start before any socket is bound (defect: the test used "[]"). */
    @Test
    void unresolvableHostFailsBeforeBinding() throws Exception {
        int before = AllOrNothingBindTest.openChannelsOfThisProcess();
        assertThatThrownBy(() -> Inetty.builder().bind("127.0.0.1").bind("nowhere.inetty.test")
                .service(TestServices.echo("alpha"), 0).threads(1).start().close())
                .isInstanceOf(BindFailureException.class).hasMessageContaining("'nowhere.inetty.test'")
                .extracting(e -> ((BindFailureException) e).kind()).isEqualTo(BindFailureException.Kind.UNRESOLVABLE);
        assertThat(AllOrNothingBindTest.openChannelsOfThisProcess()).isLessThanOrEqualTo(before);
    }
}
