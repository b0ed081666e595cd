package io.inetty.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void noRuleAllowsEveryone() throws Exception {
        AccessPolicy p = AccessPolicy.of(List.of(), List.of());
        assertThat(p.isOpen()).isTrue();
        assertThat(p.allows(ip("192.0.2.1"))).isTrue();
        assertThat(p.allows(ip("2001:db8::1"))).isTrue();
    }

    @Test
    void anyAllowRuleRefusesTheUnmatched() throws Exception {
        AccessPolicy p = AccessPolicy.of(List.of("127.0.0.0/8"), List.of());
        assertThat(p.allows(ip("127.0.0.2"))).isTrue();
        assertThat(p.allows(ip("10.0.0.1"))).isFalse();
        // An IPv4 rule says nothing of IPv6 peers: unmatched, so refused (Netty's filters would accept).
        assertThat(p.allows(ip("::1"))).isFalse();
    }

    @Test
    void denyWinsOverAllow() throws Exception {
        AccessPolicy p = AccessPolicy.of(List.of("127.0.0.0/8", "::1"), List.of("127.0.0.2/32"));
        assertThat(p.allows(ip("127.0.0.1"))).isTrue();
        assertThat(p.allows(ip("127.0.0.2"))).isFalse();
        assertThat(p.allows(ip("::1"))).isTrue();
    }

    @Test
    void denyOnlyAllowsTheRest() throws Exception {
        AccessPolicy p = AccessPolicy.of(List.of(), List.of("2001:db8::/32"));
        assertThat(p.allows(ip("2001:db8:1::5"))).isFalse();
        assertThat(p.allows(ip("2001:db9::1"))).isTrue();
        assertThat(p.allows(ip("192.0.2.1"))).isTrue();
    }

    @Test
    void mappedIpv6PeersMatchIpv4Rules() throws Exception {
        InetAddress mapped = java.net.Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) 192, 0, 2, 7}, -1);
        assertThat(AccessPolicy.unmapped(mapped)).isEqualTo(ip("192.0.2.7"));
        AccessPolicy p = AccessPolicy.of(List.of(), List.of("192.0.2.0/24"));
        assertThat(p.allows(mapped)).isFalse();
        assertThat(AccessPolicy.of(List.of("192.0.2.0/24"), List.of()).allows(mapped)).isTrue();
    }

    @Test
    void bracketsAndBareAddresses() throws Exception {
        AccessPolicy p = AccessPolicy.of(List.of("[::1]/128", "192.0.2.9"), List.of());
        assertThat(p.allows(ip("::1"))).isTrue();
        assertThat(p.allows(ip("192.0.2.9"))).isTrue();
        assertThat(p.allows(ip("192.0.2.10"))).isFalse();
    }

    @Test
    void badRulesAreNamed() {
        assertThatThrownBy(() -> AccessPolicy.of(List.of("example.com"), List.of()))
                .hasMessageContaining("rule: 'example.com' (expected: an IP literal or CIDR");
        assertThatThrownBy(() -> AccessPolicy.of(List.of(), List.of("10.0.0.0/33")))
                .hasMessageContaining("prefix (expected: 0-32)");
        assertThatThrownBy(() -> AccessPolicy.of(List.of("::/129"), List.of())).hasMessageContaining("0-128");
        assertThatThrownBy(() -> AccessPolicy.of(List.of("10.0.0.0/x"), List.of())).hasMessageContaining("prefix");
    }
}
