package io.inetty.cli;

import io.inetty.protocols.Services;
import io.inetty.server.Service;
import io.inetty.server.Transport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inetty services}: the services, default ports and transports, as a table or as JSON. */
@Command(name = "services", mixinStandardHelpOptions = true, resourceBundle = "io.inetty.cli.Help",
        description = "List the services with their default ports and transports.")
final class ServicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", descriptionKey = "services.json") boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Services.all().stream().map(s -> "{\"name\":\"" + s.name() + "\",\"port\":" + s.defaultPort()
                    + ",\"transports\":[" + transports(s, "\"", "\",\"") + "\"]}").collect(Collectors.joining(",", "[", "]")));
        } else {
            out.printf("%-8s %5s  %s%n", "SERVICE", "PORT", "TRANSPORTS");
            Services.all().forEach(s -> out.printf("%-8s %5d  %s%n", s.name(), s.defaultPort(), transports(s, "", ",")));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String transports(Service s, String prefix, String separator) {
        return prefix + s.transports().stream().sorted().map(Transport::label).collect(Collectors.joining(separator));
    }
}
