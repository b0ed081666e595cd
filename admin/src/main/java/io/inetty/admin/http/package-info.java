/**
 * The admin endpoint's small HTTP toolkit, shared by its route packages: {@link io.inetty.admin.http.Request} (a
 * complete request, body copied), {@link io.inetty.admin.http.Response} (status, type, body),
 * {@link io.inetty.admin.http.Router} (path templates such as {@code /proxies/{proxy}}, 404 and 405 with
 * {@code Allow}), {@link io.inetty.admin.http.ApiException} (a 4xx with Toxiproxy's error body
 * {@code {"error": ..., "status": ...}}) and {@link io.inetty.admin.http.Json} (strict parsing: duplicate keys,
 * trailing tokens and deep nesting are refused).
 */
package io.inetty.admin.http;
