package no.permed.server.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import no.permed.kernel.ErrorKind;
import no.permed.server.ServerErrorCode;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors that Jetty answers itself, before a request reaches Javalin (a malformed request line or
 * URI, headers too large): the same JSON error format and headers as every other error, instead of
 * Jetty's HTML page. The status follows the error kind, so for example 431 becomes 400.
 */
public final class JettyErrorHandler extends ErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(JettyErrorHandler.class);

    private final ObjectMapper mapper;

    public JettyErrorHandler(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = RequestIds.acceptOrGenerate(null);
        Answer answer = answer(response.getStatus(), requestId);
        log.info("Jetty refused a request before routing with status {}; answering {} {} (request id {})",
                response.getStatus(), answer.status(), answer.code(), requestId);
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        putHeaders(headers, requestId);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }

    private static void putHeaders(HttpFields.Mutable headers, String requestId) {
        headers.put(HttpHeader.CONTENT_TYPE, MediaTypes.JSON);
        headers.put(RequestIds.HEADER, requestId);
        SecurityHeaders.HEADERS.forEach(headers::put);
    }

    private Answer answer(int jettyStatus, String requestId) {
        ErrorKind kind = ErrorResponder.kindForStatus(jettyStatus);
        ServerErrorCode code = ServerErrorCode.genericFor(kind);
        String message = switch (kind) {
            case INTERNAL, UNAVAILABLE -> "An internal error occurred while handling request " + requestId
                    + ". Try again later; if it persists, give the request id to the operator.";
            case BAD_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, CONFLICT, TOO_LARGE,
                    UNSUPPORTED_MEDIA_TYPE, TOO_MANY_REQUESTS ->
                    "The HTTP request could not be read (status " + jettyStatus + "): check the request line, the URL encoding "
                            + "of the path and the size of the headers.";
        };
        ErrorBody body = new ErrorBody(code.code(), message, Map.of());
        return new Answer(kind.httpStatus(), code.code(), serialise(body));
    }

    private byte[] serialise(ErrorBody body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return ("{\"code\":\"" + body.code() + "\",\"message\":\"bad request\",\"details\":{}}").getBytes(StandardCharsets.UTF_8);
        }
    }

    private record Answer(int status, String code, byte[] body) {}
}
