/**
 * Discard (RFC 863, port 9): reads and drops everything, over TCP and UDP.
 */
package io.inetty.protocols.discard;
