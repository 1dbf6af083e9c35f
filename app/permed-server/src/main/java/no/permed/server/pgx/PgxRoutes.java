package no.permed.server.pgx;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.pgx.interpret.Diplotype;
import no.permed.pgx.interpret.DrugRecommendation;
import no.permed.pgx.interpret.GeneResult;
import no.permed.pgx.interpret.PgxInterpreter;
import no.permed.pgx.interpret.PgxReport;
import no.permed.pgx.profile.PgxProfile;
import no.permed.pgx.profile.PgxProfileStore;
import no.permed.pgx.profile.ProfileErrorCode;
import no.permed.pgx.profile.ProfileInterpreter;
import no.permed.pgx.profile.ProfileSource;
import no.permed.pgx.profile.RecommendationChange;
import no.permed.pgx.profile.RecommendationSummary;
import no.permed.pgx.profile.Reinterpretation;
import no.permed.pgx.report.HtmlReportWriter;
import no.permed.security.SecurityErrorCode;
import no.permed.server.ServerErrorCode;
import no.permed.server.route.ApiRequest;
import no.permed.server.route.ApiResponse;
import no.permed.server.route.Purposes;
import no.permed.server.route.RouteDoc;
import no.permed.server.route.RouteModule;
import no.permed.server.route.RoutePolicy;
import no.permed.server.route.Routes;
import no.permed.spi.Authorizer;

/**
 * The patient's lifelong pharmacogenomic profile over HTTP: a clinician with a care relationship reads the latest
 * profile's calls with the recommendations derived from them now, the re-interpretations they have not yet
 * acknowledged, and the profile's history. Every read is authorised and audited by the {@link Authorizer}.
 */
public final class PgxRoutes implements RouteModule {
    private static final String TAG = "pgx";
    static final String READ = "pgx.profile.read";
    static final String HISTORY = "pgx.profile.history.read";
    static final String REPORT = "pgx.report.read";
    static final String ACKNOWLEDGE = "pgx.reinterpretation.acknowledge";

    private static final HtmlReportWriter HTML = HtmlReportWriter.create();

    private final Supplier<PgxProfileStore> profiles;
    private final ProfileInterpreter interpreter;
    private final Authorizer authorizer;

    /**
     * @param interpreter the interpreter over the knowledge of the day (the same whose data version {@code profiles}
     *     re-interprets with)
     * @param authorizer decides and audits every access ({@code security.authorizer()})
     */
    public PgxRoutes(PgxProfileStore profiles, PgxInterpreter interpreter, Authorizer authorizer) {
        this(supplierOf(requireNonNull(profiles, "profiles is null")), ProfileInterpreter.of(interpreter), authorizer);
    }

    /** Routes over a store that may still be opening when the server starts: a request waits for it. */
    public PgxRoutes(Supplier<PgxProfileStore> profiles, ProfileInterpreter interpreter, Authorizer authorizer) {
        this.profiles = requireNonNull(profiles, "profiles is null");
        this.interpreter = requireNonNull(interpreter, "interpreter is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
    }

    private static Supplier<PgxProfileStore> supplierOf(PgxProfileStore store) {
        return () -> store;
    }

    @Override
    public String name() {
        return "pgx";
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/patients/{pseudonym}/pgx", RoutePolicy.roles(Role.CLINICIAN),
                RouteDoc.of(TAG, "A patient's pharmacogenomic profile with the recommendations that apply now")
                        .withDescription("The latest profile version's calls (diplotypes per gene, outside calls), interpreted"
                                + " with the knowledge of the day: phenotypes, activity scores and the CPIC/DPWG recommendations"
                                + " per drug, with the knowledge's data version, and the re-interpretations (changed"
                                + " recommendations after a knowledge update) the caller has not acknowledged. Needs a care"
                                + " relationship (or purpose=break-the-glass after declaring it); authorised and audited as "
                                + READ + ".")
                        .withResponseBody(ProfileView.class)
                        .withErrors(SecurityErrorCode.ACCESS_DENIED, ProfileErrorCode.PROFILE_NOT_FOUND),
                this::profile);

        routes.get("/api/patients/{pseudonym}/pgx/report", RoutePolicy.roles(Role.CLINICIAN),
                RouteDoc.of(TAG, "A patient's pharmacogenomic report as a printable HTML page (text/html)")
                        .withDescription("The same interpretation as GET /api/patients/{pseudonym}/pgx, as the clinician's report:"
                                + " actionable findings first, then genes, recommendations per drug, warnings and the data"
                                + " version. Query parameter lang: nb (Norwegian bokmål, the default) or en. Authorised and"
                                + " audited as " + REPORT + ".")
                        .withErrors(SecurityErrorCode.ACCESS_DENIED, ProfileErrorCode.PROFILE_NOT_FOUND),
                this::report);

        routes.get("/api/patients/{pseudonym}/pgx/history", RoutePolicy.roles(Role.CLINICIAN),
                RouteDoc.of(TAG, "Every version of a patient's pharmacogenomic profile and every re-interpretation")
                        .withDescription("Profile versions oldest first (sample, source, knowledge version of the calls,"
                                + " diplotypes per gene) and all re-interpretations with who acknowledged them. Authorised and"
                                + " audited as " + HISTORY + ".")
                        .withResponseBody(HistoryView.class)
                        .withErrors(SecurityErrorCode.ACCESS_DENIED, ProfileErrorCode.PROFILE_NOT_FOUND),
                this::history);

        routes.post("/api/patients/{pseudonym}/pgx/reinterpretations/{id}/acknowledgement", RoutePolicy.roles(Role.CLINICIAN),
                RouteDoc.of(TAG, "Acknowledge a re-interpretation of a patient's profile (it is then no longer pending for you)")
                        .withDescription("No body. Acknowledging twice is harmless. Authorised and audited as " + ACKNOWLEDGE + ".")
                        .withSuccessStatus(204)
                        .withErrors(SecurityErrorCode.ACCESS_DENIED, ProfileErrorCode.REINTERPRETATION_NOT_FOUND),
                this::acknowledge);
    }

    // ---------------------------------------------------------------------------------------------

    private ApiResponse profile(ApiRequest request) {
        Pseudonym patient = request.pathParameter("pseudonym", Pseudonym::of);
        Purpose purpose = Purposes.of(request);
        authorizer.requirePatientAccess(request.requestContext(), patient, purpose, READ);
        PgxProfile profile = profiles.get().latest(patient).orElseThrow(PgxRoutes::noProfile);
        PgxReport report = interpreter.interpret(profile.calls(), profile.outside());
        UserId caller = request.principal().user();
        List<ReinterpretationView> pending = profiles.get().pendingFor(patient, caller).stream().map(ReinterpretationView::of).toList();
        return ApiResponse.ok(new ProfileView(patient, profile.version(), profile.sampleId(), SourceView.of(profile.source()),
                profile.createdAt(), profile.dataVersion(), report.dataVersion(),
                report.genes().stream().map(GeneView::of).toList(),
                report.recommendations().stream().map(RecommendationView::of).toList(),
                report.warnings(), pending));
    }

    private ApiResponse report(ApiRequest request) {
        Pseudonym patient = request.pathParameter("pseudonym", Pseudonym::of);
        String lang = request.queryParameter("lang").orElse("nb");
        Locale language = switch (lang) {
            case "nb", "no" -> HtmlReportWriter.NORWEGIAN_BOKMAL;
            case "en" -> HtmlReportWriter.ENGLISH;
            default -> throw new PermedException(ServerErrorCode.INVALID_PARAMETER, "lang must be nb or en", Map.of("field", "lang"));
        };
        Purpose purpose = Purposes.of(request);
        authorizer.requirePatientAccess(request.requestContext(), patient, purpose, REPORT);
        PgxProfile profile = profiles.get().latest(patient).orElseThrow(PgxRoutes::noProfile);
        String html = HTML.render(interpreter.interpret(profile.calls(), profile.outside()), language);
        return ApiResponse.stream(200, "text/html; charset=utf-8", out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
    }

    private ApiResponse history(ApiRequest request) {
        Pseudonym patient = request.pathParameter("pseudonym", Pseudonym::of);
        Purpose purpose = Purposes.of(request);
        authorizer.requirePatientAccess(request.requestContext(), patient, purpose, HISTORY);
        List<PgxProfile> versions = profiles.get().versions(patient);
        if (versions.isEmpty()) {
            throw noProfile();
        }
        return ApiResponse.ok(new HistoryView(patient, versions.stream().map(VersionView::of).toList(),
                profiles.get().reinterpretations(patient).stream().map(ReinterpretationView::of).toList()));
    }

    private ApiResponse acknowledge(ApiRequest request) {
        Pseudonym patient = request.pathParameter("pseudonym", Pseudonym::of);
        long id = request.pathParameter("id", Long::parseLong);
        Purpose purpose = Purposes.of(request);
        authorizer.requirePatientAccess(request.requestContext(), patient, purpose, ACKNOWLEDGE);
        profiles.get().acknowledge(patient, id, request.principal().user());
        return ApiResponse.noContent();
    }

    private static PermedException noProfile() {
        return new PermedException(ProfileErrorCode.PROFILE_NOT_FOUND, "the patient has no pharmacogenomic profile yet", Map.of());
    }

    // ---------------------------------------------------------------------------------------------
    // wire types

    public record SourceView(Optional<String> fileName, Optional<String> laboratory, Optional<String> testType) {
        static SourceView of(ProfileSource source) {
            return new SourceView(source.fileName(), source.laboratory(), source.testType());
        }
    }

    public record DiplotypeView(String diplotype, Optional<String> phenotype, Optional<String> activityScore) {
        static DiplotypeView of(Diplotype diplotype) {
            return new DiplotypeView(diplotype.label(), diplotype.phenotype(), diplotype.activityScore());
        }
    }

    public record GeneView(String gene, List<DiplotypeView> diplotypes, boolean outsideCall, boolean phased, List<String> missingPositions,
            List<String> warnings) {
        static GeneView of(GeneResult gene) {
            return new GeneView(gene.gene(), gene.sourceDiplotypes().stream().map(DiplotypeView::of).toList(), gene.outsideCall(),
                    gene.phased(), gene.missingPositions(), gene.warnings());
        }
    }

    public record RecommendationView(String drug, String source, Optional<String> population, Optional<String> strength, String text,
            List<String> implications, boolean alternateDrugAdvised, Map<String, String> genotype, Map<String, String> diplotypes,
            boolean tiedCall, String guideline, int guidelineVersion, String guidelineUrl) {
        static RecommendationView of(DrugRecommendation recommendation) {
            return new RecommendationView(recommendation.drug(), recommendation.source().name(), recommendation.population(),
                    recommendation.strength(), recommendation.text(), recommendation.implications(),
                    recommendation.alternateDrugAdvised(), recommendation.genotype(), recommendation.diplotypes(),
                    recommendation.tiedCall(), recommendation.guidelineName(), recommendation.guidelineVersion(),
                    recommendation.guidelineUrl());
        }
    }

    public record AdviceView(Optional<String> strength, String text, boolean alternateDrugAdvised, Map<String, String> genotype) {
        static AdviceView of(RecommendationSummary summary) {
            return new AdviceView(summary.strength(), summary.text(), summary.alternateDrugAdvised(), summary.genotype());
        }
    }

    public record ChangeView(String drug, String source, Optional<String> population, String kind, List<AdviceView> before,
            List<AdviceView> after) {
        static ChangeView of(RecommendationChange change) {
            return new ChangeView(change.drug(), change.source().name(), change.population(), change.kind().name(),
                    change.before().stream().map(AdviceView::of).toList(), change.after().stream().map(AdviceView::of).toList());
        }
    }

    public record ReinterpretationView(long id, int profileVersion, String oldDataVersion, String newDataVersion, Instant createdAt,
            List<ChangeView> changes, List<String> acknowledgedBy) {
        static ReinterpretationView of(Reinterpretation reinterpretation) {
            return new ReinterpretationView(reinterpretation.id(), reinterpretation.profileVersion(), reinterpretation.oldDataVersion(),
                    reinterpretation.newDataVersion(), reinterpretation.createdAt(),
                    reinterpretation.changes().stream().map(ChangeView::of).toList(),
                    reinterpretation.acknowledgedBy().stream().map(UserId::value).sorted().toList());
        }
    }

    /**
     * @param callsDataVersion the knowledge version the calls were made with
     * @param dataVersion the knowledge version the phenotypes and recommendations were derived with (now)
     * @param pendingReinterpretations re-interpretations the caller has not acknowledged, oldest first
     */
    public record ProfileView(Pseudonym patient, int version, String sampleId, SourceView source, Instant recordedAt,
            String callsDataVersion, String dataVersion, List<GeneView> genes, List<RecommendationView> recommendations,
            List<String> warnings, List<ReinterpretationView> pendingReinterpretations) {
    }

    public record CallView(String gene, List<String> diplotypes, boolean outsideCall) {
    }

    public record VersionView(int version, String sampleId, SourceView source, String callsDataVersion, Instant recordedAt,
            String recordedBy, List<CallView> calls) {
        static VersionView of(PgxProfile profile) {
            List<CallView> calls = new java.util.ArrayList<>();
            profile.calls().genes().values().forEach(call -> calls.add(new CallView(call.gene(), call.diplotypes(), false)));
            profile.outsideCalls().forEach(call -> calls.add(new CallView(call.gene(),
                    call.diplotype().or(call::phenotype).or(call::activityScore).map(List::of).orElse(List.of()), true)));
            return new VersionView(profile.version(), profile.sampleId(), SourceView.of(profile.source()), profile.dataVersion(),
                    profile.createdAt(), profile.createdBy().value(), calls);
        }
    }

    public record HistoryView(Pseudonym patient, List<VersionView> versions, List<ReinterpretationView> reinterpretations) {
    }
}
