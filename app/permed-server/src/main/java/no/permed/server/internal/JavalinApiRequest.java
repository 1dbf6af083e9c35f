package no.permed.server.internal;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import no.permed.kernel.PermedException;
import no.permed.server.ServerErrorCode;
import no.permed.server.internal.json.JsonBodyReader;
import no.permed.server.route.ApiRequest;
import no.permed.server.route.RegisteredRoute;
import no.permed.spi.RequestContext;

/** {@link ApiRequest} over a Javalin context. One per request; not shared between threads. */
final class JavalinApiRequest implements ApiRequest {
    private final Context context;
    private final RegisteredRoute route;
    private final RequestContext requestContext;
    private final Set<String> pathParameters;
    private final JsonBodyReader bodyReader;
    private final long maxRequestBytes;
    private byte[] body;

    JavalinApiRequest(
            Context context,
            RegisteredRoute route,
            RequestContext requestContext,
            Set<String> pathParameters,
            JsonBodyReader bodyReader,
            long maxRequestBytes) {
        this.context = requireNonNull(context, "context is null");
        this.route = requireNonNull(route, "route is null");
        this.requestContext = requireNonNull(requestContext, "requestContext is null");
        this.pathParameters = Set.copyOf(pathParameters);
        this.bodyReader = requireNonNull(bodyReader, "bodyReader is null");
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public RequestContext requestContext() {
        return requestContext;
    }

    @Override
    public RegisteredRoute route() {
        return route;
    }

    @Override
    public <T> T bodyAs(Class<T> type) {
        MediaTypes.requireJson(context.contentType());
        return bodyReader.read(bodyBytes(), type);
    }

    /** Reads the body once, refusing it as soon as it grows past the limit (also when it is streamed without a length). */
    private byte[] bodyBytes() {
        if (body == null) {
            int limit = (int) Math.min(maxRequestBytes, Integer.MAX_VALUE - 8L);
            try (InputStream input = context.bodyInputStream()) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                long total = 0;
                for (int read = input.read(chunk); read >= 0; read = input.read(chunk)) {
                    total += read;
                    if (total > limit) {
                        throw new PermedException(ServerErrorCode.BODY_TOO_LARGE,
                                "The request body is larger than this server accepts (" + maxRequestBytes + " bytes). Send a smaller body.",
                                Map.of("maxBytes", maxRequestBytes));
                    }
                    buffer.write(chunk, 0, read);
                }
                body = buffer.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException("reading the request body failed", e);
            }
        }
        return body;
    }

    @Override
    public String pathParameter(String name) {
        if (!pathParameters.contains(name)) {
            throw new IllegalArgumentException("route " + route.display() + " has no path parameter {" + name + "}");
        }
        return context.pathParam(name);
    }

    @Override
    public <T> T pathParameter(String name, Function<String, T> parser) {
        return parse("path parameter", name, pathParameter(name), parser);
    }

    @Override
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters(name);
        if (values.size() > 1) {
            throw new PermedException(ServerErrorCode.INVALID_PARAMETER,
                    "Query parameter '" + name + "' may be given once, but was given " + values.size() + " times.",
                    Map.of("parameter", name));
        }
        return values.stream().findFirst();
    }

    @Override
    public <T> Optional<T> queryParameter(String name, Function<String, T> parser) {
        return queryParameter(name).map(value -> parse("query parameter", name, value, parser));
    }

    @Override
    public List<String> queryParameters(String name) {
        requireNonNull(name, "name is null");
        return List.copyOf(context.queryParams(name));
    }

    @Override
    public Optional<String> header(String name) {
        requireNonNull(name, "name is null");
        if (name.equalsIgnoreCase("Authorization")) {
            throw new IllegalArgumentException("handlers do not read the Authorization header; use principal()");
        }
        return Optional.ofNullable(context.header(name));
    }

    private static <T> T parse(String kind, String name, String value, Function<String, T> parser) {
        try {
            T parsed = parser.apply(value);
            if (parsed == null) {
                throw new IllegalArgumentException("it has no value");
            }
            return parsed;
        } catch (PermedException e) {
            Map<String, Object> details = new LinkedHashMap<>(e.details());
            details.put("parameter", name);
            throw new PermedException(e.errorCode(), capitalised(kind) + " '" + name + "': " + e.getMessage(), details, e);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? "it is not valid" : e.getMessage();
            throw new PermedException(ServerErrorCode.INVALID_PARAMETER,
                    capitalised(kind) + " '" + name + "' is not valid: " + reason + ".",
                    Map.of("parameter", name), e);
        }
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
