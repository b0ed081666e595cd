package io.inetty.cli;

import io.inetty.protocols.Services;
import io.inetty.server.Service;
import io.inetty.server.Transport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code inetty services}: the table of services, default ports and transports. */
@Command(name = "services", mixinStandardHelpOptions = true,
        description = "List the services with their default ports and transports.")
final class ServicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-8s %5s  %s%n", "SERVICE", "PORT", "TRANSPORTS");
        for (Service s : Services.all()) {
            String transports = s.transports().stream().map(Transport::label).collect(Collectors.joining(","));
            out.printf("%-8s %5d  %s%n", s.name(), s.defaultPort(), transports);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
