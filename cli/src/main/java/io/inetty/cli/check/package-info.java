/**
 * {@code inetty check}'s client side: plain JDK sockets with one deadline ({@link io.inetty.cli.check.Probe}), and
 * the registry of how to check each service ({@link io.inetty.cli.check.Checks}); a new service adds its check there.
 */
package io.inetty.cli.check;
