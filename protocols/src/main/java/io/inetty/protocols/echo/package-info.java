/**
 * Echo (RFC 862, port 7): every byte back over TCP (with backpressure), each datagram back over UDP.
 */
package io.inetty.protocols.echo;
