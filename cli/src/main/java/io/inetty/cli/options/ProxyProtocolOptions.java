package io.inetty.cli.options;

import io.inetty.proxy.ProxyProtocol;
import io.inetty.server.Inetty;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --proxy-protocol CIDR}: the proxies whose connections and datagrams carry a PROXY header. */
public final class ProxyProtocolOptions implements ServeFeature {
    @Option(names = "--proxy-protocol", paramLabel = "CIDR", split = ",") List<String> trusted = new ArrayList<>();

    @Override
    public void configure(Inetty.Builder builder, Sources sources) {
        if (trusted.isEmpty()) {
            return;
        }
        ProxyProtocol.Builder proxy = ProxyProtocol.builder();
        try {
            trusted.forEach(proxy::trust);
        } catch (IllegalArgumentException e) {
            throw sources.usage("--proxy-protocol", e);
        }
        builder.pipeline(proxy.build());
    }
}
