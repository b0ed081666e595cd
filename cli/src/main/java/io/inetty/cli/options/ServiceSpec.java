package io.inetty.cli.options;

import io.inetty.server.Ports;
import io.inetty.server.Transport;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code --service} value: {@code NAME[/tcp|/udp|/tls][:PORT]}, e.g. {@code echo}, {@code time/udp:10037},
 * {@code echo:0}, {@code echo/tls:10443}. A null transport means every transport the service speaks (never TLS);
 * {@code tls} is TCP with TLS in front. A null port means the default port plus the port offset (for TLS:
 * {@value #TLS_PORT_SHIFT} more, e.g. echo/tls on 10007).
 */
record ServiceSpec(String name, Transport transport, Integer port, boolean tls) {
    /** Added to a service's default port for its TLS binding when none is given. */
    static final int TLS_PORT_SHIFT = 10_000;

    private static final Pattern SYNTAX = Pattern.compile("([a-z][a-z0-9-]*)(?:/([a-z]+))?(?::([0-9]+))?");

    /** Parses a spec; the message of a failure says what was expected. */
    static ServiceSpec parse(String text) {
        String spec = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SYNTAX.matcher(spec);
        if (!m.matches()) {
            throw new TypeConversionException("'" + text + "' (expected: NAME[/tcp|/udp|/tls][:PORT], e.g. echo/udp:10007)");
        }
        Transport transport = null;
        boolean tls = false;
        if (m.group(2) != null) {
            switch (m.group(2)) {
                case "tcp":
                    transport = Transport.TCP;
                    break;
                case "udp":
                    transport = Transport.UDP;
                    break;
                case "tls":
                    transport = Transport.TCP;
                    tls = true;
                    break;
                default:
                    throw new TypeConversionException("'" + text + "': transport " + m.group(2) + " (expected: tcp, udp or tls)");
            }
        }
        Integer port = null;
        if (m.group(3) != null) {
            try {
                port = Ports.check(Integer.parseInt(m.group(3)));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "': port: " + m.group(3) + " (expected: 0-" + Ports.MAX + ")");
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "': " + e.getMessage());
            }
        }
        return new ServiceSpec(m.group(1), transport, port, tls);
    }

    /** The picocli converter. */
    static final class Converter implements ITypeConverter<ServiceSpec> {
        @Override
        public ServiceSpec convert(String value) {
            return parse(value);
        }
    }
}
