package no.permed.server.internal;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.Optional;
import no.permed.spi.RequestContext;

/** What the before-stage learns about a request and later stages read: typed access to context attributes. */
final class RequestAttributes {
    private static final String REQUEST_ID = "permed.requestId";
    private static final String ROUTE_TEMPLATE = "permed.routeTemplate";
    private static final String REQUEST_CONTEXT = "permed.requestContext";
    private static final String AUTHORISED_ENDPOINT = "permed.authorisedEndpoint";

    private RequestAttributes() {}

    static void setRequestId(Context context, String requestId) {
        context.attribute(REQUEST_ID, requestId);
    }

    /** The request id; present once the before-stage ran, which it does first for every request. */
    static Optional<String> requestId(Context context) {
        return Optional.ofNullable(context.attribute(REQUEST_ID));
    }

    static void setRouteTemplate(Context context, String template) {
        context.attribute(ROUTE_TEMPLATE, template);
    }

    /** The path template of the matched route (never the concrete path, which may carry identifiers). */
    static Optional<String> routeTemplate(Context context) {
        return Optional.ofNullable(context.attribute(ROUTE_TEMPLATE));
    }

    static void setRequestContext(Context context, RequestContext requestContext) {
        context.attribute(REQUEST_CONTEXT, requestContext);
    }

    /** The authenticated caller and request id; absent when authentication failed or did not run. */
    static Optional<RequestContext> requestContext(Context context) {
        return Optional.ofNullable(context.attribute(REQUEST_CONTEXT));
    }

    static void setAuthorisedEndpoint(Context context, Endpoint endpoint) {
        context.attribute(AUTHORISED_ENDPOINT, endpoint);
    }

    /** The endpoint whose policy let this request through, if any. */
    static Optional<Endpoint> authorisedEndpoint(Context context) {
        return Optional.ofNullable(context.attribute(AUTHORISED_ENDPOINT));
    }
}
