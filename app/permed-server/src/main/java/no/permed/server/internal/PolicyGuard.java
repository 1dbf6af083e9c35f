package no.permed.server.internal;

import io.javalin.http.Handler;
import io.javalin.router.Endpoint;
import io.javalin.router.HandlerWrapper;
import no.permed.kernel.PermedException;
import no.permed.server.ServerErrorCode;

/**
 * The second lock: wraps every HTTP handler Javalin runs, however it was registered, and refuses to
 * run it unless the before-stage let this very request through to this very endpoint. A route that
 * somehow escaped the before-stage is therefore still never served.
 */
public final class PolicyGuard implements HandlerWrapper {
    @Override
    public Handler wrap(Endpoint endpoint) {
        if (!endpoint.method.isHttpMethod()) {
            return endpoint.handler;
        }
        return context -> {
            if (RequestAttributes.authorisedEndpoint(context).orElse(null) != endpoint) {
                throw new PermedException(ServerErrorCode.ROUTE_WITHOUT_POLICY,
                        "This route was not cleared by an access policy, so it is not served. Report this to the operator.");
            }
            endpoint.handler.handle(context);
        };
    }
}
