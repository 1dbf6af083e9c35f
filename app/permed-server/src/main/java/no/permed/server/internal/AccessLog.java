package no.permed.server.internal;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line per request on the logger {@code no.permed.server.access}: method, route template (never
 * the concrete path, which may carry identifiers), status, duration and user id. Query strings,
 * headers and bodies are never logged. Clears the request id from the logging context afterwards.
 */
public final class AccessLog implements RequestLogger {
    private static final Logger log = LoggerFactory.getLogger("no.permed.server.access");

    @Override
    public void handle(Context context, Float executionMilliseconds) {
        try {
            String route = RequestAttributes.routeTemplate(context).orElse("(no route)");
            String user = RequestAttributes.requestContext(context)
                    .map(requestContext -> requestContext.principal().user().value())
                    .orElse("-");
            long milliseconds = executionMilliseconds == null ? -1 : Math.round(executionMilliseconds.doubleValue());
            log.info("{} {} {} {}ms user={}", context.method().name(), route, context.statusCode(), milliseconds, user);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
