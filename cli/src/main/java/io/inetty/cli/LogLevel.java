package io.inetty.cli;

import java.util.Locale;

/** The {@code --log-level} values; applied before the first logger is created (logback reads a property). */
enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE;

    /** System property read by {@code logback.xml}. */
    static final String PROPERTY = "inetty.log.level";

    void apply() {
        System.setProperty(PROPERTY, name().toLowerCase(Locale.ROOT));
    }
}
