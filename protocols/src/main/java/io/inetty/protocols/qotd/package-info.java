/**
 * Quote of the day (RFC 865, port 17): one quote per connection or datagram, built-in or from a fortune-format file (read bounded, 1 MiB at most).
 */
package io.inetty.protocols.qotd;
