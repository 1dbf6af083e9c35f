package no.permed.server.testing;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Role;
import no.permed.server.route.ApiResponse;
import no.permed.server.route.RouteDoc;
import no.permed.server.route.RouteModule;
import no.permed.server.route.RoutePolicy;
import no.permed.server.route.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes of every kind, for the server's tests; also one sneaked in through the raw Javalin escape hatch. */
public final class TestRoutes implements RouteModule {
    public static final String SNEAKY_PATH = "/api/sneaky";

    private static final Logger log = LoggerFactory.getLogger(TestRoutes.class);

    /** The kind of a sample. */
    public enum SampleKind {
        BLOOD,
        SALIVA
    }

    /** One part of a sample. */
    public record Part(String label, double fraction) {}

    /** A sample submission, the request body of POST /api/samples. */
    public record SampleSubmission(
            String name,
            int count,
            LocalDate collected,
            SampleKind kind,
            List<Part> parts,
            Optional<String> note,
            Optional<Pseudonym> patient) {
        public SampleSubmission {
            if (count < 0) {
                throw new IllegalArgumentException("count must be 0 or more, but was " + count);
            }
        }
    }

    /** The answer to a submission. */
    public record SampleReceipt(String name, int parts, String submittedBy, String requestId, Optional<String> note) {}

    /** Who is calling, as a route sees it. */
    public record Caller(String user, List<String> roles, boolean authenticated, String requestId) {}

    /** Errors of this test capability. */
    public enum TestErrorCode implements ErrorCode {
        SAMPLE_EXISTS(ErrorKind.CONFLICT),
        DATABASE_BROKEN(ErrorKind.INTERNAL);

        private final ErrorKind kind;

        TestErrorCode(ErrorKind kind) {
            this.kind = kind;
        }

        @Override
        public String code() {
            return "TEST_" + name();
        }

        @Override
        public ErrorKind kind() {
            return kind;
        }
    }

    @Override
    public String name() {
        return "test-routes";
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/open", RoutePolicy.anonymous(), RouteDoc.of("test", "Anybody").withResponseBody(Caller.class),
                request -> ApiResponse.ok(caller(request.principal(), request.requestId())));
        routes.get("/api/me", RoutePolicy.authenticated(), RouteDoc.of("test", "Any authenticated caller").withResponseBody(Caller.class),
                request -> ApiResponse.ok(caller(request.principal(), request.requestId())));
        routes.get("/api/patients/{pseudonym}", RoutePolicy.roles(Role.CLINICIAN, Role.LAB),
                RouteDoc.of("test", "Clinicians and labs read a patient"),
                request -> ApiResponse.ok(Map.of("pseudonym", request.pathParameter("pseudonym", Pseudonym::of).value())));
        routes.post("/api/samples", RoutePolicy.roles(Role.LAB),
                RouteDoc.of("test", "Labs submit a sample")
                        .withRequestBody(SampleSubmission.class)
                        .withResponseBody(SampleReceipt.class)
                        .withSuccessStatus(201)
                        .withErrors(TestErrorCode.SAMPLE_EXISTS),
                request -> {
                    SampleSubmission submission = request.bodyAs(SampleSubmission.class);
                    return ApiResponse.created(new SampleReceipt(submission.name(), submission.parts().size(),
                                    request.principal().user().value(), request.requestId(), submission.note()))
                            .withHeader("Location", "/api/samples/" + submission.name());
                });
        routes.delete("/api/samples/{id}", RoutePolicy.roles(Role.LAB), RouteDoc.of("test", "Labs withdraw a sample").withSuccessStatus(204),
                request -> ApiResponse.noContent());
        routes.get("/api/boom", RoutePolicy.anonymous(), RouteDoc.of("test", "Fails inside"),
                request -> {
                    throw new IllegalStateException("SELECT * FROM secret_table WHERE password = 'hunter2' failed");
                });
        routes.get("/api/fatal", RoutePolicy.anonymous(), RouteDoc.of("test", "Fails with an Error"),
                request -> {
                    throw new AssertionError("invariant of table secret_table broken");
                });
        routes.get("/api/broken-database", RoutePolicy.anonymous(), RouteDoc.of("test", "Fails with an internal code"),
                request -> {
                    throw new PermedException(TestErrorCode.DATABASE_BROKEN, "connection to db.internal:5432 refused for user permed");
                });
        routes.get("/api/conflict", RoutePolicy.anonymous(), RouteDoc.of("test", "Conflicts").withErrors(TestErrorCode.SAMPLE_EXISTS),
                request -> {
                    throw new PermedException(TestErrorCode.SAMPLE_EXISTS, "Sample S1 exists already; choose another name.", Map.of("sample", "S1"));
                });
        routes.get("/api/search", RoutePolicy.anonymous(), RouteDoc.of("test", "Searches"),
                request -> ApiResponse.ok(Map.of(
                        "limit", request.queryParameter("limit", Integer::parseInt).orElse(10),
                        "tags", request.queryParameters("tag"))));
        routes.get("/api/slow", RoutePolicy.anonymous(), RouteDoc.of("test", "Takes its time"),
                request -> {
                    long milliseconds = request.queryParameter("ms", Long::parseLong).orElse(1000L);
                    Thread.sleep(milliseconds);
                    return ApiResponse.ok(Map.of("slept", milliseconds));
                });
        routes.get("/api/items/{id}/log", RoutePolicy.anonymous(), RouteDoc.of("test", "Logs a line"),
                request -> {
                    log.info("handler log line for item {}", request.pathParameter("id"));
                    return ApiResponse.ok(Map.of("logged", true));
                });
        routes.unsafeJavalinConfig().routes.get(SNEAKY_PATH, context -> context.result("the secret"));
    }

    private static Caller caller(no.permed.spi.Principal principal, String requestId) {
        return new Caller(principal.user().value(),
                principal.roles().stream().map(Role::wireName).sorted().toList(), principal.authenticated(), requestId);
    }
}
