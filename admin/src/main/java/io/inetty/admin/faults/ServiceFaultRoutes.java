package io.inetty.admin.faults;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.PATCH;
import static io.netty.handler.codec.http.HttpMethod.POST;

import io.inetty.admin.http.ApiException;
import io.inetty.admin.http.Request;
import io.inetty.admin.http.Router;
import io.inetty.faults.BindingFaults;
import io.inetty.faults.Faults;
import io.inetty.server.Transport;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.BiPredicate;

/**
 * {@code /services/{service}/{tcp|udp}/faults} (GET the list, POST a fault, DELETE them all) and
 * {@code /services/{service}/{tcp|udp}/faults/{fault}} (GET, POST or PATCH to update, DELETE), for every service and
 * relay the server serves, in the same JSON as toxics.
 */
public final class ServiceFaultRoutes {
    private static final String LIST = "/services/{service}/{transport}/faults";
    private static final String ONE = LIST + "/{fault}";

    private final Faults faults;
    private final BiPredicate<String, Transport> served;

    private ServiceFaultRoutes(Faults faults, BiPredicate<String, Transport> served) {
        this.faults = faults;
        this.served = served;
    }

    /**
     * Adds the routes to {@code router}; {@code served} tells which service and transport exist. Without a fault
     * engine ({@code faults} null) they answer 501.
     */
    public static void register(Router router, Faults faults, BiPredicate<String, Transport> served) {
        ServiceFaultRoutes r = new ServiceFaultRoutes(faults, served);
        router.add(GET, LIST, q -> FaultResource.list(r.binding(q)))
                .add(POST, LIST, q -> FaultResource.create(r.binding(q), q))
                .add(DELETE, LIST, q -> FaultResource.clear(r.binding(q)))
                .add(GET, ONE, q -> FaultResource.show(r.binding(q), q.param("fault")))
                .add(POST, ONE, q -> FaultResource.update(r.binding(q), q.param("fault"), q))
                .add(PATCH, ONE, q -> FaultResource.update(r.binding(q), q.param("fault"), q))
                .add(DELETE, ONE, q -> FaultResource.delete(r.binding(q), q.param("fault")));
    }

    private BindingFaults binding(Request q) {
        if (faults == null) {
            throw noEngine();
        }
        String service = q.param("service");
        String label = q.param("transport");
        Transport transport = label.equals("tcp") ? Transport.TCP : label.equals("udp") ? Transport.UDP : null;
        if (transport == null) {
            throw ApiException.notFound("transport: '" + label + "' (expected: tcp or udp)");
        }
        if (!served.test(service, transport)) {
            throw ApiException.notFound("service not found: " + service + "/" + label);
        }
        return faults.faults(service, transport);
    }

    /** 501: the server was started without a fault engine ({@code Faults.create()} among its contributors). */
    public static ApiException noEngine() {
        return new ApiException(HttpResponseStatus.NOT_IMPLEMENTED,
                "faults: this server has no fault engine (expected: Inetty.builder().pipeline(Faults.create()))");
    }
}
