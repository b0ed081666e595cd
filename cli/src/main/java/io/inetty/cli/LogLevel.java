package io.inetty.cli;

import java.util.Locale;

/** The {@code --log-level} values; applied before the first logger is created (logback.xml reads properties). */
enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE;

    /** Sets the properties {@code logback.xml} reads: level, format (appender name) and access-log level. */
    static void configure(LogLevel level, LogFormat format, boolean accessLog) {
        System.setProperty("inetty.log.level", level.name().toLowerCase(Locale.ROOT));
        System.setProperty("inetty.log.format", format.name());
        System.setProperty("inetty.access.level", accessLog ? "INFO" : "OFF");
    }
}
