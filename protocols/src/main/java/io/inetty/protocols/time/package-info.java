/**
 * Time (RFC 868, port 37): the seconds since 1900 as 32 bits, per connection or datagram.
 */
package io.inetty.protocols.time;
