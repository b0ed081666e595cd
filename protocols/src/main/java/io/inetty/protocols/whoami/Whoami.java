package io.inetty.protocols.whoami;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.inetty.protocols.BaseService;
import io.inetty.server.Endpoint;
import io.inetty.tls.Tls;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.net.ssl.SSLSession;

/**
 * whoami (port {@value #DEFAULT_PORT}): answers one UTF-8 line of JSON, then closes (TCP, TLS) or one datagram
 * per request (UDP):
 * <pre>{"service":"whoami","transport":"tcp","peer":"203.0.113.7:51234","local":"10.0.0.5:4242","via":null,
 * "host":"node-1","instance":"node-1-8342","time":"2026-11-30T12:00:00Z"}</pre>
 * {@code peer} is the client (behind a PROXY header: the one it names, and {@code via} the proxy); over TLS a
 * {@code "tls":{"version":…,"cipher":…,"client":…}} member follows ({@code client}: the subject of the client's
 * certificate, or null).
 */
public final class Whoami extends BaseService {
    /** The registered name. */
    public static final String NAME = "whoami";
    /** The default port: outside the simple services' range, as in Kubernetes' own examples. */
    public static final int DEFAULT_PORT = 4242;

    private final Clock clock;
    private final String host;
    private final String instance;

    /** whoami with the system clock, this host's name and the default instance id. */
    public Whoami() {
        this(Clock.systemUTC(), Identity.hostName(), Identity.defaultInstance());
    }

    /** whoami that tells {@code host} and {@code instance}, with times from {@code clock}. */
    public Whoami(Clock clock, String host, String instance) {
        super(NAME, DEFAULT_PORT);
        this.clock = requireNonNull(clock, "clock");
        this.host = requireNonNull(host, "host");
        this.instance = requireNonNull(instance, "instance");
        sharedStages(new WhoamiTcp(this), new WhoamiUdp(this));
    }

    /** The instance id it tells. */
    public String instance() {
        return instance;
    }

    /** The answer, a new UTF-8 buffer; {@code via} and {@code tls} may be null. */
    ByteBuf answer(ByteBufAllocator alloc, String transport, InetSocketAddress peer, InetSocketAddress local,
                   InetSocketAddress via, SSLSession tls) {
        JsonLine json = new JsonLine().member("service", NAME).member("transport", transport)
                .member("peer", format(peer)).member("local", format(local)).member("via", format(via))
                .member("host", host).member("instance", instance)
                .member("time", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        if (tls != null) {
            json.object("tls").member("version", tls.getProtocol()).member("cipher", tls.getCipherSuite())
                    .member("client", Tls.clientSubject(tls)).end();
        }
        byte[] bytes = json.line().getBytes(UTF_8);
        return alloc.buffer(bytes.length).writeBytes(bytes);
    }

    private static String format(InetSocketAddress address) {
        return address == null ? null : Endpoint.format(address);
    }

}
