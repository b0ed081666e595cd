package io.inetty.admin.faults;

import io.inetty.admin.http.ApiException;
import io.inetty.admin.http.Request;
import io.inetty.admin.http.Response;
import io.inetty.faults.BindingFaults;
import io.inetty.faults.Fault;
import io.inetty.faults.FaultHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults of one binding over HTTP, with Toxiproxy's status codes: list 200, add 200 (409 if the name is taken),
 * show 200, update 200, remove 204, and 404 {@code toxic not found}.
 */
public final class FaultResource {
    private static final Logger log = LoggerFactory.getLogger("inetty.admin");

    private FaultResource() {
    }

    /** The faults, in stacking order. */
    public static Response list(BindingFaults faults) {
        return Response.ok(ToxicJson.write(faults.list()));
    }

    /** Adds the fault of the body on top of the others. */
    public static Response create(BindingFaults faults, Request request) {
        Fault fault = ToxicJson.parse(request.json());
        if (faults.get(fault.name()).isPresent()) {
            throw ApiException.conflict("toxic already exists: " + fault.name());
        }
        FaultHandle added;
        try {
            added = faults.add(fault);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        log.info("fault added on {}: {}", faults, added.fault());
        return Response.ok(ToxicJson.write(added.fault()));
    }

    /** One fault. */
    public static Response show(BindingFaults faults, String name) {
        return Response.ok(ToxicJson.write(find(faults, name)));
    }

    /** Changes one fault's attributes, toxicity or targeting. */
    public static Response update(BindingFaults faults, String name, Request request) {
        Fault merged = ToxicJson.merge(find(faults, name), request.json());
        try {
            Fault now = faults.update(name, merged);
            log.info("fault updated on {}: {}", faults, now);
            return Response.ok(ToxicJson.write(now));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** Removes one fault. */
    public static Response delete(BindingFaults faults, String name) {
        if (!faults.remove(name)) {
            throw notFound(name);
        }
        log.info("fault {} removed from {}", name, faults);
        return Response.noContent();
    }

    /** Removes every fault of the binding. */
    public static Response clear(BindingFaults faults) {
        faults.clear();
        log.info("faults of {} removed", faults);
        return Response.noContent();
    }

    private static Fault find(BindingFaults faults, String name) {
        return faults.get(name).orElseThrow(() -> notFound(name));
    }

    private static ApiException notFound(String name) {
        return ApiException.notFound("toxic not found: " + name);
    }
}
