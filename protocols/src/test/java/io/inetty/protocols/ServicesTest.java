package io.inetty.protocols;

import static io.inetty.protocols.TestChannels.tcpHandler;
import static io.inetty.protocols.TestChannels.tcpStages;
import static io.inetty.protocols.TestChannels.udpHandler;
import static io.inetty.protocols.TestChannels.udpStages;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.inetty.protocols.daytime.Daytime;
import io.inetty.protocols.qotd.Qotd;
import io.inetty.protocols.time.Time;
import io.inetty.protocols.whoami.Identity;
import io.inetty.protocols.whoami.Whoami;
import io.inetty.server.Service;
import io.inetty.server.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServicesTest {

    @Test
    void sevenServicesInPortOrder() {
        List<Service> all = Services.all();
        assertThat(all).extracting(Service::name)
                .containsExactly("echo", "discard", "daytime", "qotd", "chargen", "time", "whoami")
                .doesNotHaveDuplicates();
        assertThat(all).extracting(Service::defaultPort).containsExactly(7, 9, 13, 17, 19, 37, 4242).isSorted();
    }

    /** Each one-shot service built with its defaults (Daytime, Qotd and Time tests keep only their protocol). */
    @ParameterizedTest(name = "{1} on port {2}")
    @MethodSource("builtWithDefaults")
    void serviceDescription(Service service, String name, int port) {
        assertThat(service.name()).isEqualTo(name);
        assertThat(service.defaultPort()).isEqualTo(port);
    }

    static Stream<Arguments> builtWithDefaults() {
        return Stream.of(arguments(new Daytime(), "daytime", 13), arguments(new Qotd(), "qotd", 17),
                arguments(new Time(), "time", 37));
    }

    @Test
    void everyServiceSpeaksTcpAndUdpAndHasHandlers() {
        for (Service service : Services.all()) {
            assertThat(service.transports()).as(service.name()).isEqualTo(EnumSet.allOf(Transport.class));
            assertThat(tcpHandler(service)).as(service.name()).isNotNull();
            assertThat(udpHandler(service)).as(service.name()).isNotNull();
            assertThat(service.name()).isLowerCase();
        }
    }

    @Test
    void aServiceWithNeitherSharedStagesNorItsOwnSaysSo() {
        BaseService bare = new BaseService("bare", 1) {
        };
        assertThatThrownBy(() -> tcpHandler(bare)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("bare: no shared stages");
        assertThatThrownBy(() -> udpHandler(bare)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sharedStagesAreSetOnce() {
        class Twice extends BaseService {
            Twice() {
                super("twice", 1);
                sharedStages(new ChannelInboundHandlerAdapter());
                sharedStages(new ChannelInboundHandlerAdapter());
            }
        }
        assertThatThrownBy(Twice::new).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("twice: shared stages already set");
    }

    @Test
    void constantsAreTheSameServices() {
        List<Service> constants = List.of(Services.ECHO, Services.DISCARD, Services.DAYTIME, Services.QOTD,
                Services.CHARGEN, Services.TIME, Services.WHOAMI);
        List<Service> all = Services.all();
        assertThat(constants).hasSameSizeAs(all);
        for (int i = 0; i < all.size(); i++) {
            Service constant = constants.get(i);
            Service built = all.get(i);
            assertThat(constant).as(built.name()).isExactlyInstanceOf(built.getClass());
            assertThat(constant.name()).isEqualTo(built.name());
            assertThat(constant.defaultPort()).as(built.name()).isEqualTo(built.defaultPort());
            assertThat(constant.transports()).as(built.name()).isEqualTo(built.transports());
            assertThat(tcpHandler(constant).getClass()).as(built.name()).isEqualTo(tcpHandler(built).getClass());
            assertThat(udpHandler(constant).getClass()).as(built.name()).isEqualTo(udpHandler(built).getClass());
        }
    }

    @Test
    void findByName() {
        List<Service> all = Services.all();
        assertThat(Services.find(all, "qotd")).get().isInstanceOf(Qotd.class);
        assertThat(Services.find(all, "chargen")).get().extracting(Service::defaultPort).isEqualTo(19);
        assertThat(Services.find(all, "gopher")).isEmpty();
        assertThat(Services.find(all, "ECHO")).as("names are exact").isEmpty();
    }

    @Test
    void optionsReachTheServices() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T21:50:25Z"), ZoneOffset.UTC);
        Random random = new Random(0);
        ProtocolOptions options = new ProtocolOptions(clock, ZoneId.of("Europe/Paris"), List.of("Only quote."),
                () -> random);
        List<Service> all = Services.all(options);

        Daytime daytime = (Daytime) Services.find(all, "daytime").orElseThrow();
        assertThat(daytime.line()).isEqualTo("Tuesday, November 24, 2026 22:50:25-CET\r\n");
        Time time = (Time) Services.find(all, "time").orElseThrow();
        assertThat(time.value()).isEqualTo(4_004_545_825L);
        ByteBuf quote = ((Qotd) Services.find(all, "qotd").orElseThrow()).respond(ByteBufAllocator.DEFAULT);
        assertThat(quote.toString(US_ASCII)).isEqualTo("Only quote.\r\n");
        quote.release();
        Whoami whoami = (Whoami) Services.find(all, "whoami").orElseThrow();
        assertThat(whoami.instance()).isEqualTo(Identity.defaultInstance());
        assertThat(Services.find(Services.all(options.withInstance("blue-7")), "whoami").orElseThrow())
                .extracting(s -> ((Whoami) s).instance()).isEqualTo("blue-7");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> ProtocolOptions.DEFAULTS.withQuotes(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtocolOptions.DEFAULTS.withZone(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Services.all(null)).isInstanceOf(NullPointerException.class);
        assertThat(ProtocolOptions.DEFAULTS.withZone(ZoneId.of("Asia/Tokyo")).zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(ProtocolOptions.DEFAULTS.zone()).isEqualTo(Daytime.UTC);
        assertThatThrownBy(() -> ProtocolOptions.DEFAULTS.withInstance(" ")).hasMessage("instance: ' ' (expected: a non-empty id)");
        assertThat(ProtocolOptions.DEFAULTS.instance()).isEqualTo(Identity.hostName() + "-" + ProcessHandle.current().pid());
    }
}
