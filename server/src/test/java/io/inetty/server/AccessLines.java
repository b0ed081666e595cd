package io.inetty.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** Collects the TCP access-log lines written while it is open (tests; logback). */
public final class AccessLines implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.TCP);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    /** Starts collecting. */
    public AccessLines() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
    }

    /** The lines so far. */
    public List<String> lines() {
        synchronized (lines.list) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** Waits up to 5 s for {@code n} lines, returns them all. */
    public List<String> await(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (lines().size() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return lines();
    }

    @Override
    public void close() {
        logger.detachAppender(lines);
        logger.setLevel(null);
        logger.setAdditive(true);
    }
}
