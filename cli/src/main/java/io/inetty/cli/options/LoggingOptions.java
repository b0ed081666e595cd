package io.inetty.cli.options;

import io.inetty.server.Inetty;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The logs of {@code serve} (standard error): level, format and the access log. */
public final class LoggingOptions implements ServeFeature {
    /** The {@code --log-level} values. */
    public enum Level { ERROR, WARN, INFO, DEBUG, TRACE }

    /** The {@code --log-format} values: text lines or JSON objects (see {@code LogSetup}). */
    public enum Format { TEXT, JSON }

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info") Level level;
    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text") Format format;
    @Option(names = "--access-log", negatable = true, fallbackValue = "true") boolean accessLog;

    /** Sets the properties {@code LogSetup} reads; call it before the first logger is made. */
    public void apply() {
        System.setProperty("inetty.log.level", level.name().toLowerCase(Locale.ROOT));
        System.setProperty("inetty.log.format", format.name());
        System.setProperty("inetty.access.level", accessLog ? "INFO" : "OFF");
    }

    @Override
    public void configure(Inetty.Builder builder, Sources sources) {
        builder.accessLog(accessLog);
    }
}
