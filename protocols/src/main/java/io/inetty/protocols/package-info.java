/**
 * The simple services (RFC 862-868), one package each, and their registry {@link io.inetty.protocols.Services}: each service appends its protocol stages to the pipelines the engine builds ({@code configureTcp}, {@code configureUdp}).
 */
package io.inetty.protocols;
