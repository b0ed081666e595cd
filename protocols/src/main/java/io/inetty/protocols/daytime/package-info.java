/**
 * Daytime (RFC 867, port 13): one US-ASCII line with the date and time, per connection or datagram.
 */
package io.inetty.protocols.daytime;
