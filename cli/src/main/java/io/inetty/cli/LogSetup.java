package io.inetty.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The daemon's logging, configured in code through logback's {@link Configurator} service (no XML to parse at
 * start): everything to standard error (standard output carries only the {@code listening}/{@code ready} lines),
 * as text or JSON lines. Reads the properties {@code serve}'s logging options set before the first logger is
 * made: {@code inetty.log.level}, {@code inetty.log.format} ({@code TEXT} or {@code JSON}),
 * {@code inetty.access.level} and {@code inetty.netty.log.level}. A user's own {@code -Dlogback.configurationFile}
 * wins.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName("STDERR");
        out.setTarget("System.err");
        out.setEncoder(encoder(context, "JSON".equals(System.getProperty("inetty.log.format"))));
        out.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty("inetty.log.level"), Level.INFO));
        root.addAppender(out);
        context.getLogger("io.netty").setLevel(Level.toLevel(System.getProperty("inetty.netty.log.level"), Level.WARN));
        context.getLogger("inetty.access").setLevel(Level.toLevel(System.getProperty("inetty.access.level"), Level.INFO));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, boolean json) {
        if (json) {
            JsonEncoder e = new JsonEncoder();
            e.setContext(context);
            e.setWithFormattedMessage(true);
            e.setWithMessage(false);
            e.setWithArguments(false);
            e.setWithContext(false);
            e.setWithSequenceNumber(false);
            e.setWithNanoseconds(false);
            e.start();
            return e;
        }
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(context);
        e.setPattern(PATTERN);
        e.start();
        return e;
    }
}
