package io.inetty.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CIDR networks, as access rules and the faults' {@code from} use them. */
class IpNetworkTest {

    @Test
    void cidrsMatchIpv4AndIpv6ByPrefix() throws Exception {
        IpNetwork v4 = IpNetwork.parse("192.0.2.0/24");
        assertThat(v4.contains(InetAddress.getByName("192.0.2.200"))).isTrue();
        assertThat(v4.contains(InetAddress.getByName("192.0.3.1"))).isFalse();
        assertThat(v4.contains(InetAddress.getByName("::ffff:192.0.2.1"))).as("IPv4-mapped").isTrue();
        assertThat(v4.contains(InetAddress.getByName("2001:db8::1"))).isFalse();
        IpNetwork v6 = IpNetwork.parse("2001:db8::/32");
        assertThat(v6.contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
        assertThat(v6.contains(InetAddress.getByName("2001:db9::1"))).isFalse();
        assertThat(IpNetwork.parse("[::1]").contains(InetAddress.getByName("::1"))).isTrue();
        assertThat(IpNetwork.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(IpNetwork.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9"))).isTrue();
        assertThat(v4.contains(null)).isFalse();
    }

    @Test
    void anIpv4MappedAddressAsASocketGivesItMatchesIpv4Rules() throws Exception {
        // InetAddress.getByName unmaps ::ffff:a.b.c.d itself; a dual-stack socket's peer can be a real Inet6Address
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) 192, 0, 2, 7};
        InetAddress peer = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(peer).isInstanceOf(Inet6Address.class);
        assertThat(IpNetwork.parse("192.0.2.0/24").contains(peer)).isTrue();
        assertThat(IpNetwork.parse("::ffff:192.0.2.7").contains(peer)).as("a mapped rule is an IPv4 rule").isTrue();
        assertThat(IpNetwork.parse("::/0").contains(peer)).isFalse();
        assertThat(AccessPolicy.of(List.of(), List.of("192.0.2.7")).allows(peer)).isFalse();
        assertThat(AccessPolicy.unmapped(peer)).isEqualTo(InetAddress.getByName("192.0.2.7"));
        InetAddress v6 = InetAddress.getByName("2001:db8::1");
        assertThat(AccessPolicy.unmapped(v6)).isSameAs(v6);
    }

    @Test
    void theSameNetworkWrittenTwoWaysIsEqualAndReadsBackAsGiven() {
        assertThat(IpNetwork.parse(" 10.0.0.1/8 ")).isEqualTo(IpNetwork.parse("10.0.0.0/8")).hasToString("10.0.0.1/8");
        assertThat(IpNetwork.parse("10.0.0.0/8")).isNotEqualTo(IpNetwork.parse("10.0.0.0/16"));
    }

    @Test
    void badTextIsQuotedWithWhatIsExpected() {
        assertThatThrownBy(() -> IpNetwork.parse("example.com"))
                .hasMessage("'example.com' (expected: an IP literal or CIDR, e.g. 10.0.0.0/8 or ::1/128)");
        assertThatThrownBy(() -> IpNetwork.parse("10.0.0.0/33")).hasMessage("'10.0.0.0/33': prefix (expected: 0-32)");
        assertThatThrownBy(() -> IpNetwork.parse("::/x")).hasMessage("'::/x': prefix (expected: 0-128)");
    }
}
