/**
 * Faults over HTTP, in Toxiproxy's JSON: {@link io.inetty.admin.faults.ToxicJson} reads and writes one fault as a
 * toxic ({@code {"attributes": {...}, "name", "type", "stream", "toxicity"}}, plus inetty's targeting fields
 * {@code from}, {@code first}, {@code every}, {@code seed}, written only when set);
 * {@link io.inetty.admin.faults.FaultResource} lists, adds, shows, updates and removes the faults of one binding
 * with Toxiproxy's status codes; {@link io.inetty.admin.faults.ServiceFaultRoutes} puts them under
 * {@code /services/{service}/{tcp|udp}/faults}.
 */
package io.inetty.admin.faults;
