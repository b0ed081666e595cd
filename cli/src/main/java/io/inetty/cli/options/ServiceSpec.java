package io.inetty.cli.options;

import io.inetty.server.Ports;
import io.inetty.server.Transport;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code --service} value: {@code NAME[/tcp|/udp][:PORT]}, e.g. {@code echo}, {@code time/udp:10037},
 * {@code echo:0}. A null transport means every transport the service speaks; a null port means its
 * default port plus the port offset.
 */
record ServiceSpec(String name, Transport transport, Integer port) {
    private static final Pattern SYNTAX = Pattern.compile("([a-z][a-z0-9-]*)(?:/([a-z]+))?(?::([0-9]+))?");

    /** Parses a spec; the message of a failure says what was expected. */
    static ServiceSpec parse(String text) {
        String spec = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SYNTAX.matcher(spec);
        if (!m.matches()) {
            throw new TypeConversionException("'" + text + "' (expected: NAME[/tcp|/udp][:PORT], e.g. echo/udp:10007)");
        }
        Transport transport = null;
        if (m.group(2) != null) {
            switch (m.group(2)) {
                case "tcp":
                    transport = Transport.TCP;
                    break;
                case "udp":
                    transport = Transport.UDP;
                    break;
                default:
                    throw new TypeConversionException("'" + text + "': transport " + m.group(2) + " (expected: tcp or udp)");
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
        return new ServiceSpec(m.group(1), transport, port);
    }

    /** The picocli converter. */
    static final class Converter implements ITypeConverter<ServiceSpec> {
        @Override
        public ServiceSpec convert(String value) {
            return parse(value);
        }
    }
}
