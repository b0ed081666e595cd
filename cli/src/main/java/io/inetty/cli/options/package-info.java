/**
 * The options of the commands as picocli mixins: those {@code serve}, {@code check} and {@code bench} share
 * ({@code --port-offset}, {@code --transport}, {@code --threads}, {@code SERVICE HOST[:PORT]}), and {@code serve}'s
 * groups, each a {@link io.inetty.cli.options.ServeFeature}. Values may come from {@code INETTY_*} variables
 * ({@link io.inetty.cli.options.EnvironmentDefaults}); {@link io.inetty.cli.options.Sources} names in messages what the
 * user typed, an option or a variable.
 */
package io.inetty.cli.options;
