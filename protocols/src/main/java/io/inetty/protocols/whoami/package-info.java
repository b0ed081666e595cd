/**
 * whoami (port 4242, TCP, UDP and TLS): one line of JSON saying which instance answered and whom it saw (the
 * real client behind a PROXY header, the proxy as {@code via}, the TLS session), then close (TCP) or one datagram
 * per request (UDP).
 */
package io.inetty.protocols.whoami;
