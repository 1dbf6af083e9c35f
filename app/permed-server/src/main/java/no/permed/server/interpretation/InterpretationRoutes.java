package no.permed.server.interpretation;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.interpretation.acmg.AppliedCriterion;
import no.permed.interpretation.acmg.Classification;
import no.permed.interpretation.aggregate.Aggregate;
import no.permed.interpretation.register.Condition;
import no.permed.interpretation.register.Discordance;
import no.permed.interpretation.register.Notification;
import no.permed.interpretation.register.Reclassification;
import no.permed.interpretation.register.Submission;
import no.permed.interpretation.register.SubmissionCsv;
import no.permed.interpretation.register.SubmissionVcf;
import no.permed.vcf.genome.Assembly;
import no.permed.interpretation.register.SubmissionFields;
import no.permed.interpretation.register.SubmissionResult;
import no.permed.interpretation.register.VariantAggregate;
import no.permed.interpretation.register.VariantRegister;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Role;
import no.permed.server.ServerErrorCode;
import no.permed.server.route.ApiRequest;
import no.permed.server.route.ApiResponse;
import no.permed.server.route.MultipartBody;
import no.permed.server.route.RouteDoc;
import no.permed.server.route.RouteModule;
import no.permed.server.route.RoutePolicy;
import no.permed.server.route.Routes;
import no.permed.vcf.normalise.VariantKey;

/**
 * The register of interpreted variants over HTTP: laboratories submit classifications (one as JSON, many as a CSV
 * file), read a variant's aggregate and submissions (clinicians too), work on the discordances that involve them, and
 * laboratories and clinicians read and acknowledge reclassification notifications. The laboratory is always the
 * organisation of the caller's token. Auditing is the {@link VariantRegister}'s.
 */
public final class InterpretationRoutes implements RouteModule {
    /** The media type of a CSV sent as the whole body of the bulk route. */
    static final String CSV_MEDIA_TYPE = "text/csv";
    /** How errors name a CSV sent as the whole body. */
    static final String CSV_BODY_NAME = "request body";

    private static final String TAG = "variant-register";

    private final Supplier<VariantRegister> register;

    public InterpretationRoutes(VariantRegister register) {
        this(supplierOf(requireNonNull(register, "register is null")));
    }

    /** Routes over a register that may still be opening when the server starts: a request waits for it. */
    public InterpretationRoutes(Supplier<VariantRegister> register) {
        this.register = requireNonNull(register, "register is null");
    }

    private static Supplier<VariantRegister> supplierOf(VariantRegister register) {
        return () -> register;
    }

    @Override
    public String name() {
        return "interpretation";
    }

    @Override
    public void register(Routes routes) {
        routes.post("/api/variants/submissions", RoutePolicy.roles(Role.LAB),
                RouteDoc.of(TAG, "Submit the caller's laboratory's classification of a variant for a condition")
                        .withDescription("variant: a key (GRCh38-17-43045712-G-A), genomic HGVS (NC_000017.11:g.43045712G>A) or coding"
                                + " HGVS on a versioned RefSeq transcript where permed's transcript table places it exactly"
                                + " (NM_001289862.1:c.1243C>G);"
                                + " assembly for a variant written without one; condition: MONDO/ORPHA/OMIM identifier or free text;"
                                + " classification: Pathogenic, Likely pathogenic, Uncertain significance, Likely benign, Benign;"
                                + " criteria: ACMG/AMP codes with ClinGen strength suffixes (PVS1,PM2_Supporting,PP3); evidence;"
                                + " date (YYYY-MM-DD, default today). Stored as a new version; the aggregate is recomputed, a"
                                + " discordance opened when labs split, a clinically significant change recalled.")
                        .withRequestBody(SubmissionRequest.class)
                        .withResponseBody(SubmittedView.class)
                        .withSuccessStatus(201)
                        .withErrors(InterpretationErrorCode.INVALID_SUBMISSION, InterpretationErrorCode.INVALID_CONDITION,
                                InterpretationErrorCode.UNKNOWN_CRITERION, InterpretationErrorCode.UNKNOWN_CLASSIFICATION,
                                InterpretationErrorCode.INVALID_VARIANT, InterpretationErrorCode.HGVS_NOT_SUPPORTED,
                                InterpretationErrorCode.HGVS_NOT_RESOLVABLE, InterpretationErrorCode.REFERENCE_REQUIRED,
                                InterpretationErrorCode.REFERENCE_MISMATCH, InterpretationErrorCode.NO_ORGANISATION),
                this::submit);

        routes.post("/api/variants/submissions/bulk", RoutePolicy.roles(Role.LAB),
                RouteDoc.of(TAG, "Submit many classifications as one CSV file (all or nothing)")
                        .withDescription("The CSV as the whole body (Content-Type: text/csv; charset=utf-8, at most"
                                + " server.max-request-bytes), or multipart/form-data with one file part named csv (UTF-8): header "
                                + String.join(",", SubmissionCsv.COLUMNS) + " (required: " + String.join(",", SubmissionCsv.REQUIRED)
                                + "; any order), at most " + SubmissionCsv.MAX_ROWS + " rows; or one file part named vcf: a sites"
                                + " VCF with INFO " + String.join(", ", SubmissionVcf.INFO_KEYS) + " (CLNSIG accepted for"
                                + " CLASSIFICATION), one ALT per record, and the text field assembly when the header's contig"
                                + " lengths do not tell it. The whole file is validated first; a bad row gives 400 naming file, line"
                                + " and field, and nothing is stored.")
                        .withResponseBody(BulkView.class)
                        .withSuccessStatus(201)
                        .withErrors(InterpretationErrorCode.INVALID_CSV, InterpretationErrorCode.INVALID_SUBMISSION,
                                InterpretationErrorCode.UNKNOWN_CRITERION, InterpretationErrorCode.NO_ORGANISATION,
                                InterpretationErrorCode.HGVS_NOT_SUPPORTED, InterpretationErrorCode.HGVS_NOT_RESOLVABLE,
                                InterpretationErrorCode.REFERENCE_REQUIRED, InterpretationErrorCode.REFERENCE_MISMATCH,
                                ServerErrorCode.BODY_TOO_LARGE),
                this::bulk);

        routes.get("/api/variants/{variant}/classification", RoutePolicy.roles(Role.LAB, Role.CLINICIAN),
                RouteDoc.of(TAG, "A variant's aggregate classification per condition, with each laboratory's latest submission")
                        .withDescription("variant: a key, genomic HGVS or coding HGVS (as for a submission); optional query"
                                + " parameters condition, and assembly (GRCh37 or GRCh38) for a variant written without one. Per"
                                + " condition: the"
                                + " aggregate (ClinVar's class, review status, stars, conflicted, counts), each laboratory's latest"
                                + " version, and the number of versions stored.")
                        .withResponseBody(ClassificationView.class)
                        .withErrors(InterpretationErrorCode.VARIANT_NOT_REGISTERED, InterpretationErrorCode.INVALID_VARIANT,
                                InterpretationErrorCode.INVALID_SUBMISSION, InterpretationErrorCode.HGVS_NOT_SUPPORTED,
                                InterpretationErrorCode.HGVS_NOT_RESOLVABLE, InterpretationErrorCode.REFERENCE_REQUIRED),
                this::classification);

        routes.get("/api/discordances", RoutePolicy.roles(Role.LAB),
                RouteDoc.of(TAG, "The discordances (labs split across P/LP, VUS, LB/B) that involve the caller's laboratory")
                        .withDescription("Unresolved ones, newest first; query parameter resolved=true lists resolved ones too."
                                + " Each with its workflow history.")
                        .withResponseBody(DiscordanceList.class)
                        .withErrors(InterpretationErrorCode.NO_ORGANISATION),
                this::discordances);

        routes.post("/api/discordances/{id}/actions", RoutePolicy.roles(Role.LAB),
                RouteDoc.of(TAG, "Act on a discordance: comment, re-evaluate, escalate or resolve")
                        .withDescription("action: comment, re-evaluate, escalate or resolve; comment (required for comment,"
                                + " escalate and resolve; no personal data). Answers the discordance with its history.")
                        .withRequestBody(ActionRequest.class)
                        .withResponseBody(DiscordanceView.class)
                        .withErrors(InterpretationErrorCode.DISCORDANCE_NOT_FOUND, InterpretationErrorCode.DISCORDANCE_RESOLVED,
                                InterpretationErrorCode.INVALID_DISCORDANCE_ACTION),
                this::act);

        routes.get("/api/notifications", RoutePolicy.roles(Role.LAB, Role.CLINICIAN),
                RouteDoc.of(TAG, "Reclassification notifications to the caller (clinician) or the caller's laboratory")
                        .withDescription("Newest first; query parameter pending=true lists only unacknowledged ones. A carrier"
                                + " notice names the patient's pseudonym and sample; each patient named is audited.")
                        .withResponseBody(NotificationList.class),
                this::notifications);

        routes.post("/api/notifications/{id}/acknowledge", RoutePolicy.roles(Role.LAB, Role.CLINICIAN),
                RouteDoc.of(TAG, "Acknowledge a reclassification notification")
                        .withDescription("No body. Acknowledging twice keeps the first acknowledgement. Audited.")
                        .withResponseBody(NotificationView.class)
                        .withErrors(InterpretationErrorCode.NOTIFICATION_NOT_FOUND),
                this::acknowledge);
    }

    // ---------------------------------------------------------------------------------------------

    private ApiResponse submit(ApiRequest request) {
        SubmissionRequest body = request.bodyAs(SubmissionRequest.class);
        VariantRegister service = register.get();
        SubmissionFields fields = new SubmissionFields(body.variant(), body.assembly(), body.condition(), body.classification(),
                body.criteria(), body.evidence(), body.date());
        SubmissionResult result = service.submit(request.requestContext(), fields.validate(service.today()));
        return ApiResponse.created(SubmittedView.of(result));
    }

    /** The uploaded CSV's rows, all validated; the file must be UTF-8. */
    private static List<SubmissionCsv.Row> csvRows(MultipartBody.Upload upload, java.time.LocalDate today) {
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(upload.path()),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            return SubmissionCsv.parse(reader, upload.fileName(), today);
        } catch (UncheckedIOException | IOException e) {
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            if (cause instanceof CharacterCodingException) {
                throw new PermedException(InterpretationErrorCode.INVALID_CSV, upload.fileName() + " is not UTF-8 text",
                        Map.of("file", upload.fileName()));
            }
            throw new UncheckedIOException("cannot read the uploaded CSV", cause instanceof IOException io ? io : new IOException(e));
        }
    }

    private ApiResponse bulk(ApiRequest request) {
        VariantRegister service = register.get();
        if (request.mediaType().filter(CSV_MEDIA_TYPE::equals).isPresent()) {
            List<SubmissionCsv.Row> rows = SubmissionCsv.parse(request.bodyText(CSV_MEDIA_TYPE), CSV_BODY_NAME, service.today());
            return bulkStored(request, service, rows);
        }
        try (MultipartBody body = request.multipart()) {
            for (String field : body.fields().keySet()) {
                if (!field.equals("assembly")) {
                    throw new PermedException(ServerErrorCode.UNKNOWN_FIELD, "Unknown form field '" + field + "'; attach the CSV as"
                            + " one file part named csv, or a VCF as one named vcf (with the field assembly if its header does not"
                            + " tell it)", Map.of("field", field));
                }
            }
            List<MultipartBody.Upload> files = body.files();
            if (files.size() != 1 || !(files.get(0).field().equals("csv") || files.get(0).field().equals("vcf"))) {
                throw new PermedException(ServerErrorCode.MISSING_FIELD, "Attach exactly one file: a CSV as a file part named csv,"
                        + " or a VCF as a file part named vcf", Map.of("field", "csv"));
            }
            MultipartBody.Upload upload = files.get(0);
            List<SubmissionCsv.Row> rows;
            if (upload.field().equals("vcf")) {
                Optional<Assembly> assembly = Optional.ofNullable(body.fields().get("assembly")).map(text -> {
                    try {
                        return Assembly.parse(text.strip());
                    } catch (RuntimeException failure) {
                        throw new PermedException(InterpretationErrorCode.INVALID_SUBMISSION, "assembly must be GRCh37 or GRCh38",
                                Map.of("field", "assembly"));
                    }
                });
                rows = SubmissionVcf.parse(upload.path(), upload.fileName(), assembly, service.today());
            } else {
                rows = csvRows(upload, service.today());
            }
            return bulkStored(request, service, rows);
        }
    }

    private static ApiResponse bulkStored(ApiRequest request, VariantRegister service, List<SubmissionCsv.Row> rows) {
        List<SubmissionResult> results = service.submitAll(request.requestContext(), rows.stream().map(SubmissionCsv.Row::submission).toList());
        List<FlaggedRow> flagged = new ArrayList<>();
        for (int index = 0; index < results.size(); index++) {
            SubmissionResult result = results.get(index);
            if (result.submission().flagged()) {
                flagged.add(new FlaggedRow(rows.get(index).line(), result.submission().id(), result.submission().check().orElseThrow().describe()));
            }
        }
        return ApiResponse.created(new BulkView(results.size(), flagged.size(),
                (int) results.stream().filter(result -> result.reclassification().isPresent()).count(),
                results.stream().map(result -> result.submission().id()).toList(), flagged));
    }

    private ApiResponse classification(ApiRequest request) {
        Optional<String> assembly = request.queryParameter("assembly");
        VariantKey variant = request.pathParameter("variant", text -> SubmissionFields.parseVariant(text, assembly));
        Optional<Condition> condition = request.queryParameter("condition", Condition::parse);
        VariantRegister service = register.get();
        List<ConditionView> conditions = new ArrayList<>();
        List<Submission> all = service.submissions(variant, condition);
        for (VariantAggregate aggregate : service.aggregates(variant)) {
            if (condition.isPresent() && !aggregate.conditionKey().equals(condition.get().key())) {
                continue;
            }
            List<Submission> versions = all.stream().filter(each -> each.condition().key().equals(aggregate.conditionKey())).toList();
            Condition named = versions.get(versions.size() - 1).condition();
            conditions.add(new ConditionView(named.value(), named.kind().name(), AggregateView.of(aggregate),
                    service.latestSubmissions(variant, named).stream().map(SubmissionView::of).toList(), versions.size()));
        }
        if (conditions.isEmpty()) {
            throw new PermedException(InterpretationErrorCode.VARIANT_NOT_REGISTERED, "The register holds no submission for " + variant
                    + condition.map(value -> " and condition " + value).orElse(""), Map.of("variant", variant.toString()));
        }
        return ApiResponse.ok(new ClassificationView(variant.toString(), service.vrsIdentifier(variant).orElse(null), conditions));
    }

    private ApiResponse discordances(ApiRequest request) {
        boolean resolved = request.queryParameter("resolved", InterpretationRoutes::parseBoolean).orElse(false);
        return ApiResponse.ok(new DiscordanceList(register.get().discordances(request.requestContext(), resolved).stream()
                .map(DiscordanceView::of).toList()));
    }

    private ApiResponse act(ApiRequest request) {
        long id = request.pathParameter("id", Long::parseLong);
        ActionRequest body = request.bodyAs(ActionRequest.class);
        Discordance.ActionKind kind = parseAction(body.action());
        return ApiResponse.ok(DiscordanceView.of(register.get().act(request.requestContext(), id, kind, body.comment())));
    }

    private ApiResponse notifications(ApiRequest request) {
        boolean pending = request.queryParameter("pending", InterpretationRoutes::parseBoolean).orElse(false);
        return ApiResponse.ok(new NotificationList(register.get().notifications(request.requestContext(), pending).stream()
                .map(NotificationView::of).toList()));
    }

    private ApiResponse acknowledge(ApiRequest request) {
        long id = request.pathParameter("id", Long::parseLong);
        return ApiResponse.ok(NotificationView.of(register.get().acknowledge(request.requestContext(), id)));
    }

    // ---------------------------------------------------------------------------------------------

    static Discordance.ActionKind parseAction(String text) {
        String normal = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Discordance.ActionKind kind : Discordance.ActionKind.values()) {
            if (kind.byLaboratory() && kind.name().equals(normal)) {
                return kind;
            }
        }
        throw new PermedException(InterpretationErrorCode.INVALID_DISCORDANCE_ACTION, "action must be comment, re-evaluate, escalate"
                + " or resolve", Map.of("field", "action", "allowed", List.of("comment", "re-evaluate", "escalate", "resolve")));
    }

    private static boolean parseBoolean(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    // ---------------------------------------------------------------------------------------------
    // wire types

    /** A submission as JSON; see the route's description. */
    public record SubmissionRequest(String variant, Optional<String> assembly, String condition, String classification,
            Optional<String> criteria, Optional<String> evidence, Optional<String> date) {
    }

    /** @param flaggedRows the rows whose stated class agrees with neither system, with the engine's classes */
    public record BulkView(int submissions, int flagged, int reclassifications, List<Long> ids, List<FlaggedRow> flaggedRows) {
    }

    public record FlaggedRow(int line, long submission, String engine) {
    }

    /** The engine's check: the classes its criteria give, and whether the stated class agrees with neither. */
    public record EngineView(String acmg2015, int points, String pointsClassification, boolean flagged) {
    }

    public record SubmissionView(long id, String variant, String condition, String laboratory, int version, String classification,
            List<String> criteria, String reviewStatus, String evidence, LocalDate date, Instant submittedAt, String submittedBy,
            EngineView engine, String submittedAs) {
        static SubmissionView of(Submission submission) {
            return new SubmissionView(submission.id(), submission.variant().toString(), submission.condition().value(),
                    submission.laboratory().value(), submission.version(), submission.classification().displayName(),
                    submission.criteria().stream().map(AppliedCriterion::toString).toList(), submission.reviewStatus().clinvarName(),
                    submission.evidence().orElse(null), submission.classifiedOn(), submission.submittedAt(),
                    submission.submittedBy().value(),
                    submission.check().map(check -> new EngineView(check.acmg2015().displayName(), check.points(),
                            check.pointsClassification().displayName(), check.flagged())).orElse(null),
                    submission.submittedAs().orElse(null));
        }
    }

    public record AggregateView(String classification, String reviewStatus, int stars, boolean conflicted, Map<String, Integer> counts,
            int version, Instant computedAt) {
        static AggregateView of(VariantAggregate value) {
            Aggregate aggregate = value.aggregate();
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Classification each : Classification.values()) {
                counts.put(each.displayName(), aggregate.submissionCounts().get(each));
            }
            return new AggregateView(aggregate.classification().displayName(), aggregate.reviewStatus().displayName(),
                    aggregate.goldStars(), aggregate.conflicted(), counts, value.version(), value.computedAt());
        }
    }

    public record ReclassificationView(long id, String from, String to, String fromGroup, String toGroup, int notifications) {
        static ReclassificationView of(Reclassification change, int notifications) {
            return new ReclassificationView(change.id(), change.from().displayName(), change.to().displayName(), change.fromGroup().name(),
                    change.toGroup().name(), notifications);
        }
    }

    /** @param discordance the unresolved discordance of the variant and condition, if any */
    public record SubmittedView(SubmissionView submission, AggregateView aggregate, ReclassificationView reclassification,
            Long discordance) {
        static SubmittedView of(SubmissionResult result) {
            return new SubmittedView(SubmissionView.of(result.submission()), AggregateView.of(result.aggregate()),
                    result.reclassification().map(change -> ReclassificationView.of(change,
                            result.recall().map(recall -> recall.notifications()).orElse(0))).orElse(null),
                    result.discordanceId().orElse(null));
        }
    }

    /** @param versions the number of versions stored for this condition, all laboratories together */
    public record ConditionView(String condition, String conditionKind, AggregateView aggregate, List<SubmissionView> latest, int versions) {
    }

    public record ClassificationView(String variant, String vrsId, List<ConditionView> conditions) {
    }

    public record ActionRequest(String action, Optional<String> comment) {
    }

    public record ActionView(long id, String action, String laboratory, String actor, String comment, Long submission, String statusAfter,
            Instant at) {
    }

    public record DiscordanceView(long id, String variant, String condition, String status, Instant openedAt, Instant closedAt,
            List<String> laboratories, List<ActionView> actions) {
        static DiscordanceView of(Discordance discordance) {
            return new DiscordanceView(discordance.id(), discordance.variant().toString(), discordance.condition().value(),
                    discordance.status().name(), discordance.openedAt(), discordance.closedAt().orElse(null),
                    discordance.laboratories().stream().map(OrganisationId::value).sorted().toList(),
                    discordance.actions().stream().map(action -> new ActionView(action.id(), action.kind().name(),
                            action.laboratory().map(OrganisationId::value).orElse(null), action.actor().value(),
                            action.comment().orElse(null), action.submissionId().orElse(null), action.statusAfter().name(),
                            action.at())).toList());
        }
    }

    public record DiscordanceList(List<DiscordanceView> discordances) {
    }

    public record NotificationView(long id, long reclassification, String variant, String condition, String from, String to,
            String recipientKind, String recipient, Pseudonym patient, String sampleId, Instant createdAt, Instant acknowledgedAt,
            String acknowledgedBy) {
        static NotificationView of(Notification notification) {
            return new NotificationView(notification.id(), notification.reclassificationId(), notification.variant().toString(),
                    notification.conditionKey(), notification.from().displayName(), notification.to().displayName(),
                    notification.recipient().kind().name(), notification.recipient().id(), notification.patient().orElse(null),
                    notification.sampleId().orElse(null), notification.createdAt(), notification.acknowledgedAt().orElse(null),
                    notification.acknowledgedBy().map(Object::toString).orElse(null));
        }
    }

    public record NotificationList(List<NotificationView> notifications) {
    }
}
