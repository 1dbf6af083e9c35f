package no.permed.server.route;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import no.permed.kernel.ErrorCode;

/**
 * What the OpenAPI document ({@code GET /api/openapi.json}) says about a route.
 *
 * @param tag the capability the route belongs to, in lower-case words with hyphens (e.g. {@code pgx}, {@code system})
 * @param summary one short line, e.g. "Read a patient's pharmacogenomic profile"
 * @param description longer text, if any
 * @param requestBody the record the route reads with {@link ApiRequest#bodyAs(Class)}; a route with
 *     one only takes {@code application/json} (other content types get 415 before the handler runs)
 * @param responseBody the record the route answers with, if any
 * @param successStatus the HTTP status of a successful answer (200 to 299)
 * @param errors the route's own error codes (beyond the server's), documented with their status
 */
public record RouteDoc(
        String tag,
        String summary,
        Optional<String> description,
        Optional<Class<?>> requestBody,
        Optional<Class<?>> responseBody,
        int successStatus,
        List<ErrorCode> errors) {

    private static final Pattern TAG = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final int MAX_SUMMARY_LENGTH = 120;

    public RouteDoc {
        requireNonNull(tag, "tag is null");
        if (!TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("tag must be lower-case words joined by hyphens (e.g. pgx, access-applications), but was '" + tag + "'");
        }
        requireNonNull(summary, "summary is null");
        if (summary.isBlank() || summary.length() > MAX_SUMMARY_LENGTH || summary.contains("\n")) {
            throw new IllegalArgumentException("summary must be one non-blank line of at most " + MAX_SUMMARY_LENGTH + " characters, but was '" + summary + "'");
        }
        requireNonNull(description, "description is null");
        requireNonNull(requestBody, "requestBody is null");
        requireNonNull(responseBody, "responseBody is null");
        if (successStatus < 200 || successStatus > 299) {
            throw new IllegalArgumentException("successStatus must be 200 to 299, but was " + successStatus);
        }
        if (successStatus == 204 && responseBody.isPresent()) {
            throw new IllegalArgumentException("a route answering 204 No Content cannot have a response body");
        }
        errors = List.copyOf(requireNonNull(errors, "errors is null"));
    }

    /** A route in {@code tag} doing {@code summary}, answering 200, with no bodies documented. */
    public static RouteDoc of(String tag, String summary) {
        return new RouteDoc(tag, summary, Optional.empty(), Optional.empty(), Optional.empty(), 200, List.of());
    }

    public RouteDoc withDescription(String text) {
        return new RouteDoc(tag, summary, Optional.of(text), requestBody, responseBody, successStatus, errors);
    }

    public RouteDoc withRequestBody(Class<?> type) {
        return new RouteDoc(tag, summary, description, Optional.of(type), responseBody, successStatus, errors);
    }

    public RouteDoc withResponseBody(Class<?> type) {
        return new RouteDoc(tag, summary, description, requestBody, Optional.of(type), successStatus, errors);
    }

    public RouteDoc withSuccessStatus(int status) {
        return new RouteDoc(tag, summary, description, requestBody, responseBody, status, errors);
    }

    /** Documents error codes of the route's capability that its handler may raise. */
    public RouteDoc withErrors(ErrorCode... codes) {
        return new RouteDoc(tag, summary, description, requestBody, responseBody, successStatus, List.of(codes));
    }
}
