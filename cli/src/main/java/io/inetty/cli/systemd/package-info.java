/**
 * systemd's protocols for {@code serve}: socket activation ({@code sd_listen_fds}: {@code LISTEN_PID},
 * {@code LISTEN_FDS}, {@code LISTEN_FDNAMES}; the passed sockets become bindings through the engine's
 * {@link io.inetty.server.BindingOptions#SOCKETS}) and readiness notification ({@code sd_notify}:
 * {@code NOTIFY_SOCKET}, {@code READY=1}, {@code STOPPING=1}). Nothing here runs unless those variables are set.
 */
package io.inetty.cli.systemd;
