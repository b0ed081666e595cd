/**
 * Character generator (RFC 864, port 19): the 72-column rotating pattern, streamed over TCP (fair: a bounded amount per loop turn) or 1-512 characters per datagram; {@link io.inetty.protocols.chargen.ChargenPattern} checks it on the client side.
 */
package io.inetty.protocols.chargen;
