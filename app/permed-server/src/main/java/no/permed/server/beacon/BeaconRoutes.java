package no.permed.server.beacon;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import no.permed.frequency.FrequencyErrorCode;
import no.permed.frequency.beacon.BeaconCaller;
import no.permed.frequency.beacon.BeaconErrorCode;
import no.permed.frequency.beacon.BeaconInfo;
import no.permed.frequency.beacon.BeaconQuery;
import no.permed.frequency.beacon.BeaconService;
import no.permed.kernel.Purpose;
import no.permed.server.route.ApiRequest;
import no.permed.server.route.ApiResponse;
import no.permed.server.route.RouteDoc;
import no.permed.server.route.RouteModule;
import no.permed.server.route.RoutePolicy;
import no.permed.server.route.Routes;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.spi.AuditSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GA4GH Beacon v2 at {@code /beacon} (docs/beacon.md). Every route is open to anonymous callers: the tier comes from the
 * caller (anonymous: PUBLIC; a valid token: REGISTERED; a permit for a dataset: CONTROLLED for it), and the
 * {@link BeaconService} decides what each tier is shown.
 *
 * <p>Errors: a Beacon client expects every failure as a {@code beaconErrorResponse}, with the HTTP status also as
 * {@code error.errorCode}. Handlers throw {@link no.permed.kernel.PermedException}s as everywhere in permed; one
 * after-handler on {@code /beacon} paths (registered through {@link Routes#unsafeJavalinConfig()}, it serves no route)
 * turns the server's error body into the Beacon shape, keeping its status and message. It does so also for failures the
 * handlers never see: an invalid or expired token (401), an unknown path under {@code /beacon} (404), a body too large
 * (413) or not JSON (415). A spent query budget (429) gets a {@code Retry-After} header.
 */
public final class BeaconRoutes implements RouteModule {
    private static final Logger LOG = LoggerFactory.getLogger(BeaconRoutes.class);
    private static final String TAG = "beacon";
    private static final List<String> DATASET_PARAMETERS = List.of("datasetIds");

    private final Supplier<BeaconService> service;
    private final String beaconId;
    private final AuditSink audit;
    private final boolean behindProxy;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param service the Beacon, which may still be opening when the server starts (a request waits for it)
     * @param beaconId the Beacon's id ({@link BeaconInfo#id()}): for error answers, also before the service is open
     * @param audit where record answers of individuals and biosamples (sample-level data) are recorded before they are sent
     * @param behindProxy whether the server runs behind a reverse proxy that appends the client's address to
     *     {@code X-Forwarded-For}: then the last address of that header is the client charged for anonymous queries;
     *     otherwise the header is ignored (a client could forge it) and the socket's peer address is used
     */
    public BeaconRoutes(Supplier<BeaconService> service, String beaconId, AuditSink audit, boolean behindProxy) {
        this.service = requireNonNull(service, "service is null");
        this.beaconId = requireNonNull(beaconId, "beaconId is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.behindProxy = behindProxy;
    }

    @Override
    public String name() {
        return "beacon";
    }

    @Override
    public void register(Routes routes) {
        RoutePolicy anybody = RoutePolicy.anonymous();
        routes.get("/beacon", anybody, doc("Beacon v2 information (beaconInfoResponse)"), request -> ok(service.get().info()));
        routes.get("/beacon/info", anybody, doc("Beacon v2 information (beaconInfoResponse)"), request -> ok(service.get().info()));
        routes.get("/beacon/service-info", anybody, doc("GA4GH service-info 1.0.0 of the Beacon"),
                request -> ok(service.get().serviceInfo()));
        routes.get("/beacon/configuration", anybody, doc("Beacon configuration: entry types, security levels, maturity"),
                request -> ok(service.get().configuration()));
        routes.get("/beacon/map", anybody, doc("Beacon map: the endpoint of each entry type"), request -> ok(service.get().map()));
        routes.get("/beacon/entry_types", anybody, doc("The entry types this Beacon serves"), request -> ok(service.get().entryTypes()));
        routes.get("/beacon/filtering_terms", anybody, doc("The filtering terms the caller may use: datasets, populations, sex"),
                request -> ok(service.get().filteringTerms(caller(request))));

        String datasets = "requestedGranularity (boolean, count, record), skip, limit, filters; POST: a beaconRequestBody.";
        query(routes, "/beacon/datasets", doc("The datasets shown to the caller (beaconCollectionsResponse)").withDescription(datasets),
                DATASET_PARAMETERS, (beacon, caller, query, request) -> beacon.datasets(caller, query));
        query(routes, "/beacon/datasets/{id}", doc("One dataset shown to the caller").withDescription(datasets)
                        .withErrors(FrequencyErrorCode.UNKNOWN_DATASET),
                DATASET_PARAMETERS, (beacon, caller, query, request) -> beacon.dataset(caller, request.pathParameter("id"), query));
        query(routes, "/beacon/g_variants", doc("Genomic variants: sequence, range and bracket queries")
                        .withDescription("assemblyId (GRCh37, GRCh38, hg19, hg38, ...), referenceName (1-22, X, Y, MT, with or"
                                + " without chr, or a RefSeq accession), start (0-based; two values for a bracket), end (0-based,"
                                + " exclusive; two values for a bracket), referenceBases, alternateBases, variantType, datasetIds,"
                                + " filters (dataset:NAME, population:LABEL), requestedGranularity, skip, limit. The public tier"
                                + " gets boolean and count answers. See docs/beacon.md.")
                        .withErrors(FrequencyErrorCode.INVALID_QUERY, FrequencyErrorCode.UNKNOWN_ASSEMBLY,
                                FrequencyErrorCode.UNKNOWN_DATASET, FrequencyErrorCode.QUERY_BUDGET_SPENT, FrequencyErrorCode.NOT_READY),
                BeaconService.variantParameters(), (beacon, caller, query, request) -> beacon.genomicVariants(caller, query));
        query(routes, "/beacon/individuals", doc("Individuals whose samples count (tiers with sample-level data only)")
                        .withDescription("filters (dataset:NAME, population:LABEL, NCIT:C16576 female, NCIT:C20197 male),"
                                + " datasetIds, requestedGranularity, skip, limit; with the g_variants parameters, only the"
                                + " carriers of the matching variants. Record answers are audited.")
                        .withErrors(BeaconErrorCode.SIGN_IN_REQUIRED, BeaconErrorCode.RECORDS_NOT_ALLOWED,
                                FrequencyErrorCode.INVALID_QUERY, FrequencyErrorCode.QUERY_BUDGET_SPENT),
                BeaconService.variantParameters(), (beacon, caller, query, request) -> audited(request, "beacon.individuals.read",
                        beacon.individuals(caller, query)));
        query(routes, "/beacon/biosamples", doc("Biosamples that count (tiers with sample-level data only)")
                        .withDescription("filters (dataset:NAME, population:LABEL, NCIT:C16576 female, NCIT:C20197 male),"
                                + " datasetIds, requestedGranularity, skip, limit; with the g_variants parameters, only the"
                                + " carriers of the matching variants. Record answers are audited.")
                        .withErrors(BeaconErrorCode.SIGN_IN_REQUIRED, BeaconErrorCode.RECORDS_NOT_ALLOWED,
                                FrequencyErrorCode.INVALID_QUERY, FrequencyErrorCode.QUERY_BUDGET_SPENT),
                BeaconService.variantParameters(), (beacon, caller, query, request) -> audited(request, "beacon.biosamples.read",
                        beacon.biosamples(caller, query)));

        routes.unsafeJavalinConfig().routes.after("/beacon", this::beaconErrors);
        routes.unsafeJavalinConfig().routes.after("/beacon/*", this::beaconErrors);
    }

    /** A query endpoint, as GET (query parameters) and POST (a beaconRequestBody). */
    private void query(Routes routes, String path, RouteDoc doc, List<String> parameters, Endpoint endpoint) {
        routes.get(path, RoutePolicy.anonymous(), doc, request -> {
            BeaconQuery query = BeaconQuery.fromQueryParameters(request::queryParameters, parameters);
            BeaconService beacon = service.get();
            return ok(endpoint.answer(beacon, beacon.caller(request.principal(), client(request)), query, request));
        });
        routes.post(path, RoutePolicy.anonymous(), doc, request -> {
            BeaconQuery query = BeaconQuery.fromBody(request.bodyAs(JsonNode.class));
            BeaconService beacon = service.get();
            return ok(endpoint.answer(beacon, beacon.caller(request.principal(), client(request)), query, request));
        });
    }

    @FunctionalInterface
    private interface Endpoint {
        JsonNode answer(BeaconService beacon, BeaconCaller caller, BeaconQuery query, ApiRequest request);
    }

    /**
     * Records a record answer of individuals or biosamples (who read how many samples of which datasets) before it is
     * sent: if the audit log cannot take the entry, the answer is not given.
     */
    private JsonNode audited(ApiRequest request, String action, JsonNode answer) {
        if (!"record".equals(answer.at("/meta/returnedGranularity").asText())) {
            return answer;
        }
        int records = 0;
        StringBuilder datasets = new StringBuilder();
        for (JsonNode set : answer.at("/response/resultSets")) {
            records += set.path("results").size();
            if (set.path("results").size() > 0) {
                datasets.append(datasets.length() == 0 ? "" : ",").append(set.path("id").asText());
            }
        }
        audit.append(new AuditEvent(request.requestContext(), action, Optional.empty(), Purpose.RESEARCH, AuditOutcome.PERMITTED,
                Map.of("records", Integer.toString(records), "datasets", datasets.toString(), "route", request.route().display(),
                        "byVariant", Boolean.toString(answer.at("/meta/receivedRequestSummary/requestParameters/g_variant").isObject()))));
        return answer;
    }

    private BeaconCaller caller(ApiRequest request) {
        return service.get().caller(request.principal(), client(request));
    }

    /** The address anonymous queries are charged to (authenticated ones are charged to the user). */
    private String client(ApiRequest request) {
        return "address:" + request.clientAddress(behindProxy);
    }

    private static ApiResponse ok(JsonNode body) {
        return ApiResponse.ok(body);
    }

    private static RouteDoc doc(String summary) {
        return RouteDoc.of(TAG, summary);
    }

    /** Rewrites an error answer under /beacon into a beaconErrorResponse with the same status and message. */
    private void beaconErrors(Context context) {
        int status = context.statusCode();
        if (status < 400) {
            return;
        }
        String message = "the request failed with HTTP status " + status;
        JsonNode details = null;
        try {
            String body = context.result();
            if (body != null && !body.isBlank()) {
                JsonNode error = json.readTree(body);
                if (error.has("error") && error.has("meta")) {
                    context.result(body); // already a Beacon error: keep it (reading may have used up the result)
                    return;
                }
                if (error.hasNonNull("message")) {
                    message = error.get("message").asText();
                }
                details = error.get("details");
            }
        } catch (IOException | RuntimeException unreadable) {
            LOG.debug("the error body under /beacon is not JSON; answering with a generic Beacon error", unreadable);
        }
        if (status == 429 && details != null && details.hasNonNull("retryAfterSeconds")) {
            context.header("Retry-After", Long.toString(Math.max(1, details.get("retryAfterSeconds").asLong())));
        }
        try {
            context.contentType("application/json");
            context.result(json.writeValueAsBytes(BeaconService.error(beaconId, status, message)));
        } catch (IOException failure) {
            LOG.warn("could not write a Beacon error body ({}); the server's error body stays", failure.getClass().getSimpleName());
        }
    }
}
