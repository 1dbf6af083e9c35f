package no.permed.server.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;
import no.permed.kernel.PermedException;
import no.permed.server.ServerErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one place where failures become HTTP error responses in the format of {@link ErrorBody}, with
 * the status from {@link ErrorKind#httpStatus()}. Internal faults are logged with their stack trace
 * under the request id and answered with a generic message naming that id; their text never reaches
 * the client.
 */
public final class ErrorResponder {
    private static final Logger log = LoggerFactory.getLogger(ErrorResponder.class);

    private final ObjectMapper mapper;
    private final long maxRequestBytes;

    public ErrorResponder(ObjectMapper mapper, long maxRequestBytes) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Answers the request with the error; registered as Javalin's exception handler for every exception. */
    public void respond(Exception error, Context context) {
        String requestId = RequestAttributes.requestId(context).orElse("-");
        HttpError answer = translate(error, requestId, context.header("Authorization") != null);
        if (context.res().isCommitted()) {
            log.warn("Request failed after its response was committed; the client gets a truncated answer ({})",
                    answer.body().code());
            return;
        }
        context.status(answer.status());
        answer.headers().forEach(context::header);
        context.contentType(MediaTypes.JSON);
        context.result(serialise(answer.body()));
    }

    /**
     * Answers a request whose handler threw a {@link java.lang.Error} (out of memory, stack
     * overflow): logged, and a generic 500 if the response can still be written.
     */
    public void respondToError(HttpServletResponse response, Error error) {
        String requestId = Objects.requireNonNullElse(MDC.get(RequestIds.MDC_KEY), "-");
        log.error("Fatal error while handling request {}", requestId, error);
        if (response.isCommitted()) {
            return;
        }
        HttpError answer = internalAnswer(requestId, ServerErrorCode.INTERNAL);
        try {
            response.setStatus(answer.status());
            response.setContentType(MediaTypes.JSON);
            response.getOutputStream().write(serialise(answer.body()));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not answer request {} after a fatal error", requestId, e);
        }
    }

    HttpError translate(Exception error, String requestId, boolean sentCredentials) {
        if (error instanceof PermedException permed) {
            return fromPermed(permed, requestId, sentCredentials);
        }
        if (error instanceof HttpResponseException javalin) {
            return fromJavalin(javalin, requestId);
        }
        if (error instanceof ValidationException validation) {
            return fromValidation(validation);
        }
        return internal(error, requestId);
    }

    private HttpError fromPermed(PermedException error, String requestId, boolean sentCredentials) {
        ErrorCode code = error.errorCode();
        ErrorKind kind = code.kind();
        return switch (kind) {
            case INTERNAL -> internal(error, requestId, code);
            case UNAUTHENTICATED -> answer(error, Map.of("WWW-Authenticate", sentCredentials
                    ? "Bearer realm=\"permed\", error=\"invalid_token\""
                    : "Bearer realm=\"permed\""));
            case METHOD_NOT_ALLOWED -> answer(error, allowHeader(error.details().get("allowedMethods")));
            case UNAVAILABLE -> {
                log.warn("Answering 503 {}: {}", code.code(), error.getMessage());
                yield answer(error, Map.of());
            }
            case BAD_INPUT, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, TOO_MANY_REQUESTS -> {
                log.debug("Answering {} {}", kind.httpStatus(), code.code());
                yield answer(error, Map.of());
            }
        };
    }

    private static HttpError answer(PermedException error, Map<String, String> headers) {
        return new HttpError(error.errorCode().kind().httpStatus(),
                new ErrorBody(error.errorCode().code(), error.getMessage(), error.details()), headers);
    }

    private HttpError fromJavalin(HttpResponseException error, String requestId) {
        ErrorKind kind = kindForStatus(error.getStatus());
        ServerErrorCode code = ServerErrorCode.genericFor(kind);
        return switch (kind) {
            case NOT_FOUND -> new HttpError(kind.httpStatus(), new ErrorBody(code.code(),
                    "No route matches this path. GET /api/openapi.json lists every route.", Map.of()), Map.of());
            case METHOD_NOT_ALLOWED -> {
                List<String> allowed = splitMethods(error.getDetails().get("availableMethods"));
                yield new HttpError(kind.httpStatus(), new ErrorBody(code.code(),
                        "This path does not take this HTTP method. Allowed: " + String.join(", ", allowed) + ".",
                        Map.of("allowedMethods", allowed)), allowHeader(allowed));
            }
            case TOO_LARGE -> new HttpError(kind.httpStatus(), tooLarge(), Map.of());
            case INTERNAL, UNAVAILABLE -> internal(error, requestId, code);
            case BAD_INPUT, UNAUTHENTICATED, FORBIDDEN, CONFLICT, UNSUPPORTED_MEDIA_TYPE, TOO_MANY_REQUESTS ->
                    new HttpError(kind.httpStatus(), new ErrorBody(code.code(), sentence(error.getMessage(), kind), Map.of()), Map.of());
        };
    }

    private HttpError fromValidation(ValidationException error) {
        List<String> parameters = error.getErrors().keySet().stream().sorted().toList();
        return new HttpError(ErrorKind.BAD_INPUT.httpStatus(), new ErrorBody(
                ServerErrorCode.INVALID_PARAMETER.code(),
                "These parameters are missing or invalid: " + String.join(", ", parameters) + ".",
                Map.of("parameters", parameters)), Map.of());
    }

    ErrorBody tooLarge() {
        return new ErrorBody(ServerErrorCode.BODY_TOO_LARGE.code(),
                "The request body is larger than this server accepts (" + maxRequestBytes + " bytes). Send a smaller body.",
                Map.of("maxBytes", maxRequestBytes));
    }

    private HttpError internal(Exception error, String requestId) {
        return internal(error, requestId, ServerErrorCode.INTERNAL);
    }

    private HttpError internal(Exception error, String requestId, ErrorCode code) {
        log.error("Internal error while handling request {}", requestId, error);
        return internalAnswer(requestId, code);
    }

    private static HttpError internalAnswer(String requestId, ErrorCode code) {
        return new HttpError(code.kind().httpStatus(), new ErrorBody(code.code(),
                "An internal error occurred while handling request " + requestId
                        + ". Try again later; if it persists, give the request id to the operator.",
                Map.of("requestId", requestId)), Map.of());
    }

    private byte[] serialise(ErrorBody body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            log.error("Could not write an error body as JSON", e);
            return ("{\"code\":\"" + ServerErrorCode.INTERNAL.code() + "\",\"message\":\"internal error\",\"details\":{}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    static ErrorKind kindForStatus(int status) {
        return Arrays.stream(ErrorKind.values())
                .filter(kind -> kind.httpStatus() == status)
                .findFirst()
                .orElse(status >= 500 ? ErrorKind.INTERNAL : ErrorKind.BAD_INPUT);
    }

    private static String sentence(String message, ErrorKind kind) {
        if (message == null || message.isBlank()) {
            return "The request failed with status " + kind.httpStatus() + ".";
        }
        return message;
    }

    private static List<String> splitMethods(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(method -> !method.isEmpty()).toList();
    }

    /** RFC 9110 wants an Allow header on every 405; it lists the methods the path takes. */
    private static Map<String, String> allowHeader(Object methods) {
        if (methods instanceof List<?> list && !list.isEmpty()) {
            return Map.of("Allow", String.join(", ", list.stream().map(String::valueOf).toList()));
        }
        return Map.of();
    }
}
