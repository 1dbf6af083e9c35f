package no.permed.server.route;

/** The HTTP methods a permed route can answer. HEAD, OPTIONS and TRACE are not served. */
public enum HttpMethod {
    GET,
    POST,
    PUT,
    PATCH,
    DELETE;

    /** Whether requests with this method usually carry a body. */
    public boolean carriesBody() {
        return switch (this) {
            case GET, DELETE -> false;
            case POST, PUT, PATCH -> true;
        };
    }
}
