package no.permed.server.route;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;

/**
 * What a {@link RouteHandler} may read from a request whose caller already passed the route's
 * policy. Every failure to read typed input is a {@link no.permed.kernel.PermedException} that the
 * server turns into a 400 (or 413, 415) naming the field or parameter; handlers need not catch it.
 */
public interface ApiRequest {
    /** Who is calling and the request id: pass it to every service call. */
    RequestContext requestContext();

    default Principal principal() {
        return requestContext().principal();
    }

    default String requestId() {
        return requestContext().requestId();
    }

    /** The route being served. */
    RegisteredRoute route();

    /**
     * The JSON body as a {@code type} (usually a record). Strict: unknown fields, missing required
     * fields (all but {@code Optional} ones), wrong types, trailing data and duplicate fields are
     * refused with 400 naming the field; a content type other than {@code application/json} gets
     * 415; a body over the server's limit gets 413. Dates are ISO 8601 strings.
     */
    <T> T bodyAs(Class<T> type);

    /**
     * The {@code multipart/form-data} body: text fields and files (saved to temporary files that
     * closing the result deletes). Another content type gets 415; a body over the server's upload
     * limit gets 413; a repeated text field gets 400 naming it.
     */
    MultipartBody multipart();

    /**
     * The body's media type from its Content-Type header, lower case and without parameters (e.g. {@code text/csv}),
     * empty when the request has none: for a route that takes more than one kind of body.
     */
    Optional<String> mediaType();

    /**
     * The body as UTF-8 text, for a route that takes a document such as CSV as its whole body. At most
     * {@code server.max-request-bytes}; refused with 415 unless the media type is {@code mediaType} and the charset, if
     * given, UTF-8, and with 400 when the bytes are not UTF-8.
     */
    String bodyText(String mediaType);

    /** The value of a path parameter of the route's template, e.g. {@code id} in {@code /things/{id}}. */
    String pathParameter(String name);

    /**
     * A path parameter turned into a typed value, e.g. {@code pathParameter("pseudonym", Pseudonym::of)}.
     * A {@link no.permed.kernel.PermedException} or {@link IllegalArgumentException} from the parser
     * becomes a 400 naming the parameter.
     */
    <T> T pathParameter(String name, Function<String, T> parser);

    /** A query parameter given at most once; a repeated one is refused with 400. */
    Optional<String> queryParameter(String name);

    /** A query parameter given at most once, turned into a typed value as for path parameters. */
    <T> Optional<T> queryParameter(String name, Function<String, T> parser);

    /** All values of a repeatable query parameter, in order; empty when it is absent. */
    List<String> queryParameters(String name);

    /**
     * The address of the peer that opened the connection (the socket's remote address), e.g. {@code 192.0.2.7}: for
     * per-client limits on anonymous callers. Behind a reverse proxy this is the proxy's address; a route that wants the
     * client's own reads the proxy's header itself, and only when a setting says a proxy is in front (without one the
     * header is the client's to forge).
     */
    String clientAddress();

    /**
     * The client an anonymous caller's budget is charged to: behind a reverse proxy that appends the caller's address to
     * {@code X-Forwarded-For} ({@code server.behind-proxy}), the last address of that header; otherwise the socket's peer
     * address (the header is ignored: a client could forge it).
     */
    default String clientAddress(boolean behindProxy) {
        if (behindProxy) {
            String forwarded = header("X-Forwarded-For").orElse("");
            int comma = forwarded.lastIndexOf(',');
            String last = (comma < 0 ? forwarded : forwarded.substring(comma + 1)).strip();
            if (!last.isEmpty()) {
                return last;
            }
        }
        return clientAddress();
    }

    /** A request header. The Authorization header is not available here: use {@link #principal()}. */
    Optional<String> header(String name);
}
