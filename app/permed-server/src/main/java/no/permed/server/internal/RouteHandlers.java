package no.permed.server.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Set;
import no.permed.server.internal.json.JsonBodyReader;
import no.permed.server.route.ApiResponse;
import no.permed.server.route.RegisteredRoute;
import no.permed.server.route.RouteHandler;
import no.permed.spi.RequestContext;

/** Turns a {@link RouteHandler} into a Javalin handler: wraps the request, calls it, writes its answer. */
public final class RouteHandlers {
    private final ObjectMapper mapper;
    private final JsonBodyReader bodyReader;
    private final long maxRequestBytes;

    public RouteHandlers(ObjectMapper mapper, long maxRequestBytes) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.bodyReader = new JsonBodyReader(mapper);
        this.maxRequestBytes = maxRequestBytes;
    }

    Handler adapt(RegisteredRoute route, Set<String> pathParameters, RouteHandler handler) {
        return context -> {
            RequestContext requestContext = RequestAttributes.requestContext(context)
                    .orElseThrow(() -> new IllegalStateException("route " + route.display() + " was reached without the before-stage"));
            ApiResponse response = handler.handle(
                    new JavalinApiRequest(context, route, requestContext, pathParameters, bodyReader, maxRequestBytes));
            if (response == null) {
                throw new IllegalStateException("the handler of route " + route.display() + " returned null instead of an ApiResponse");
            }
            write(context, response);
        };
    }

    private void write(Context context, ApiResponse response) throws Exception {
        context.status(response.status());
        response.headers().forEach(context::header);
        if (response.json().isPresent()) {
            byte[] body = mapper.writeValueAsBytes(response.json().get());
            context.contentType(MediaTypes.JSON);
            context.result(body);
        } else if (response.stream().isPresent()) {
            context.contentType(response.contentType());
            response.stream().get().writeTo(context.outputStream());
        }
    }
}
