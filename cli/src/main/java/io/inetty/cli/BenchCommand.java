package io.inetty.cli;

import io.inetty.bench.Bench;
import io.inetty.bench.BenchConfig;
import io.inetty.bench.Mode;
import io.inetty.bench.Result;
import io.inetty.cli.options.PortOffsetOption;
import io.inetty.cli.options.SizeConverter;
import io.inetty.cli.options.Sources;
import io.inetty.cli.options.Target;
import io.inetty.cli.options.TargetOptions;
import io.inetty.cli.options.ThreadsOption;
import io.inetty.cli.options.TransportOption;
import io.inetty.server.InettyException;
import io.inetty.server.Service;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inetty bench SERVICE HOST[:PORT]}: the load generator of the {@code bench} module on the command line.
 * Progress goes to standard error once a second; the summary (or one JSON object) to standard output.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, resourceBundle = "io.inetty.cli.Help",
        description = {"Load-test an echo, discard or chargen server, checking every byte.",
            "Modes: echo: pingpong (default), stream, churn, or pingpong over --udp; discard: sink; chargen: source."
                + " Runs --warmup then --duration and stops by itself. Progress goes to standard error each second,"
                + " the summary (or with --json one JSON object) to standard output.",
            "Exit status: 0 no error, 1 errors counted (no reply at all is one), 2 bad command line, 3 could not"
                + " start (a name that does not resolve, connection refused, transport unavailable)."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin TargetOptions target = new TargetOptions();
    @Option(names = "--udp", descriptionKey = "bench.udp") boolean udp;
    @Option(names = "--mode", paramLabel = "pingpong|stream|churn|sink|source") Mode mode;
    @Option(names = {"-c", "--connections"}, paramLabel = "N", defaultValue = "1") int connections;
    @Option(names = "--size", paramLabel = "BYTES", converter = SizeConverter.class) Long size;
    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", defaultValue = "10s") Duration duration;
    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "1s") Duration warmup;
    @Option(names = "--rate", paramLabel = "N", defaultValue = "0") long rate;
    @Mixin ThreadsOption threads = new ThreadsOption();
    @Mixin TransportOption transport = new TransportOption();
    @Mixin PortOffsetOption portOffset = new PortOffsetOption();
    @Option(names = "--json", descriptionKey = "bench.json") boolean json;
    @Option(names = {"-q", "--quiet"}) boolean quiet;

    @Override
    public Integer call() {
        Sources sources = new Sources(spec);
        Service service = target.service(sources);
        if (Mode.defaultFor(service.name()) == null) {
            throw sources.usage("unknown service '" + service.name() + "' (expected: echo, discard or chargen)");
        }
        Target where = target.target(sources);
        int port = target.port(service, portOffset, sources);
        BenchConfig config;
        try {
            config = BenchConfig.builder(service.name(), where.host(), resolve(where, port)).mode(mode, udp)
                    .load(connections, size).duration(duration, warmup).rate(rate)
                    .threads(threads.resolve(Integer.MAX_VALUE, sources), transport.value()).build();
        } catch (IllegalArgumentException e) {
            throw sources.usage(e);
        }
        PrintWriter err = spec.commandLine().getErr();
        sources.environmentWarnings().forEach(w -> err.println("inetty bench: warning: " + w));
        transport.fallbackWarning().ifPresent(w -> err.println("inetty bench: warning: " + w));
        Result result = new Bench(config).run(quiet ? null : err);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? result.json() + System.lineSeparator() : result.text());
        out.flush();
        return result.errors() == 0 ? ExitCodes.OK : ExitCodes.BENCH_ERRORS;
    }

    /** The target's address: a name that does not resolve means the run cannot start (exit 3, as for serve). */
    private static InetSocketAddress resolve(Target where, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(where.host()), port);
        } catch (UnknownHostException e) {
            throw new InettyException("cannot resolve '" + where.host() + "': no such host name", e);
        }
    }
}
