package io.inetty.cli;

/** The {@code --log-format} values: names of the appenders in {@code logback.xml}. */
enum LogFormat {
    TEXT, JSON
}
