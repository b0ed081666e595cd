package io.inetty.cli.options;

import io.inetty.server.AddressFamily;
import io.inetty.server.Inetty;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where {@code serve} listens: {@code --bind HOST}, {@code -4}, {@code -6}. */
public final class NetworkOptions implements ServeFeature {
    @Option(names = "--bind", paramLabel = "HOST", split = ",") List<String> hosts = new ArrayList<>();
    @Option(names = {"-4", "--ipv4"}) boolean ipv4;
    @Option(names = {"-6", "--ipv6"}) boolean ipv6;

    @Override
    public void configure(Inetty.Builder builder, Sources sources) {
        if (ipv4 && ipv6) {
            throw sources.usage(sources.of("-4") + " and " + sources.of("-6")
                    + " exclude each other (expected: one of them, or neither to serve both families)");
        }
        builder.family(ipv4 ? AddressFamily.IPV4 : ipv6 ? AddressFamily.IPV6 : AddressFamily.ANY);
        if (hosts.isEmpty()) {
            builder.bindWildcard(); // the daemon's default; an embedded server's is loopback
        }
        hosts.forEach(builder::bind);
    }
}
