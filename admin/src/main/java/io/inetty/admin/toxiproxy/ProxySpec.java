package io.inetty.admin.toxiproxy;

import io.inetty.server.HostPort;
import io.inetty.server.Transport;

/**
 * A proxy as a request describes it.
 *
 * @param name     its name (the relay's, the fault target)
 * @param listen   where it listens
 * @param upstream {@code HOST:PORT} it forwards to
 * @param enabled  whether it listens
 * @param protocol TCP (Toxiproxy's only one) or UDP
 */
record ProxySpec(String name, HostPort listen, String upstream, boolean enabled, Transport protocol) {
}
