/**
 * The {@code inetty} command (picocli): {@code serve} (the daemon: stdout protocol, signals, SIGHUP reload),
 * {@code services}, {@code check} and {@code bench}. {@code Failures} maps every command's failures to the documented
 * exit codes (2 configuration, 3 could not start, 1 a bug or a failed check); option groups live in
 * {@link io.inetty.cli.options}, the client-side checks in {@link io.inetty.cli.check}, the load generator in the
 * {@code bench} module.
 */
package io.inetty.cli;
