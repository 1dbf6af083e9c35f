package no.permed.server.prs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.prs.PrsErrorCode;
import no.permed.prs.calc.Locus;
import no.permed.prs.calc.MissingGenotypes;
import no.permed.prs.calc.SampleScore;
import no.permed.prs.calc.ScoreOptions;
import no.permed.prs.calc.ScoreResult;
import no.permed.prs.calc.ScoreTsvWriter;
import no.permed.prs.calc.VcfScorer;
import no.permed.prs.match.MatchOutcome;
import no.permed.prs.match.MatchReport;
import no.permed.prs.normalise.RiskBands;
import no.permed.prs.person.PersonalScore;
import no.permed.prs.person.PersonalScorer;
import no.permed.prs.person.ReferencePanel;
import no.permed.prs.report.PrsHtmlReport;
import no.permed.prs.score.ScoringFile;
import no.permed.prs.score.ScoringFileReader;
import no.permed.prs.targets.Builds;
import no.permed.prs.targets.ScoringTargets;
import no.permed.prs.targets.TargetSample;
import no.permed.security.SecurityErrorCode;
import no.permed.server.ServerErrorCode;
import no.permed.server.route.ApiRequest;
import no.permed.server.route.ApiResponse;
import no.permed.server.route.MultipartBody;
import no.permed.server.route.Purposes;
import no.permed.server.route.RouteDoc;
import no.permed.server.route.RouteModule;
import no.permed.server.route.RoutePolicy;
import no.permed.server.route.Routes;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.spi.AuditSink;
import no.permed.spi.Authorizer;

/**
 * Polygenic scores over HTTP (docs/prs.md):
 * <ul>
 *   <li>{@code GET /api/prs/scores}: the scores offered, with their licences;</li>
 *   <li>{@code POST /api/prs/runs} (researcher): one score over the research cohort samples of the genome store, the
 *       table {@code sample allele_count sum avg} as JSON or TSV; only samples whose patient's consent allows it
 *       ({@link ResearchConsent}, asked at every run) and cohort samples without a patient are counted; audited as
 *       {@value #RUN} with the counts, never the sample names;</li>
 *   <li>{@code GET /api/patients/{pseudonym}/prs/{scoreId}} (clinician with a care relationship): the person's score
 *       placed in the reference population (named, or chosen by ancestry), JSON or the HTML report; authorised and
 *       audited as {@value #READ} by the {@link Authorizer}.</li>
 * </ul>
 */
public final class PrsRoutes implements RouteModule {
    private static final String TAG = "prs";
    static final String READ = "prs.score.read";
    static final String RUN = "prs.cohort.run";

    private final Supplier<ScoringTargets> targets;
    private final ResearchConsent consent;
    private final Authorizer authorizer;
    private final AuditSink audit;
    private final Supplier<PrsCatalogue> catalogue;
    private final RiskBands bands;
    private final PersonalScorer personal;
    private final PrsHtmlReport html;

    /**
     * @param targets the genome store's samples and genotypes (may still be opening: a request waits)
     * @param consent asked for every cohort sample that belongs to a patient, at every run
     * @param catalogue the scores offered and the reference populations (asked at every request; memoise it)
     * @param bands the programme's risk bands for the patient route
     */
    public PrsRoutes(Supplier<ScoringTargets> targets, ResearchConsent consent, Authorizer authorizer, AuditSink audit,
            Supplier<PrsCatalogue> catalogue, RiskBands bands, Clock clock) {
        this.targets = requireNonNull(targets, "targets is null");
        this.consent = requireNonNull(consent, "consent is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.bands = requireNonNull(bands, "bands is null");
        this.personal = new PersonalScorer(ScoreOptions.defaults());
        this.html = new PrsHtmlReport(requireNonNull(clock, "clock is null"));
    }

    @Override
    public String name() {
        return "prs";
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/prs/scores", RoutePolicy.roles(Role.RESEARCHER, Role.CLINICIAN),
                RouteDoc.of(TAG, "The polygenic scores offered, with trait, build and licence")
                        .withDescription("The scores that POST /api/prs/runs (scoreId) and GET /api/patients/{pseudonym}/prs/{scoreId}"
                                + " accept. licence is the scoring file's licence line; restrictedLicence is true for"
                                + " non-commercial or no-derivatives terms (CC BY-NC-ND): respect them.")
                        .withResponseBody(ScoreListView.class),
                this::list);

        routes.post("/api/prs/runs", RoutePolicy.roles(Role.RESEARCHER),
                RouteDoc.of(TAG, "Score the research cohort samples of the genome store with one polygenic score")
                        .withDescription("multipart/form-data with either a file part named score (a PGS Catalog scoring file,"
                                + " plain or gzip) or a field scoreId (one of GET /api/prs/scores), and optional fields cohort"
                                + " (one research cohort; default all), assembly (GRCh37 or GRCh38; default the score's build),"
                                + " project (the research project, for the consent check), format (json, the default, or tsv:"
                                + " a header line then sample, allele_count, sum, avg, tab-separated), meanImputation (true, the"
                                + " default, or false) and minOverlap (0 to 1, default 0.75). Matching and summing are those of"
                                + " permed prs (pgsc_calc, plink2). Samples of a patient are counted only when the patient's"
                                + " consent allows research use now; cohort samples without a patient are counted. Audited as "
                                + RUN + " (score, numbers of samples counted and left out; no sample names).")
                        .withResponseBody(RunView.class)
                        .withErrors(PrsErrorCode.SCORE_NOT_FOUND, PrsErrorCode.MATCH_RATE_TOO_LOW, PrsErrorCode.NO_GENOTYPES,
                                PrsErrorCode.SCORE_VALUE_INVALID),
                this::run);

        routes.get("/api/patients/{pseudonym}/prs/{scoreId}", RoutePolicy.roles(Role.CLINICIAN),
                RouteDoc.of(TAG, "A patient's polygenic score against a reference population (JSON, or ?format=html)")
                        .withDescription("The patient's most recent sample on the score's build, matched and summed as permed prs"
                                + " does, placed in the reference population of that build: percentile (100 x reference sums <="
                                + " the patient's / n), z, risk band. Query parameters: population (a population or"
                                + " super-population code of the reference, e.g. EUR; default: the nearest super-population by"
                                + " projection onto the reference's principal components), format (json or html) and lang (nb,"
                                + " the default, or en) for the HTML report. Needs a care relationship (or"
                                + " purpose=break-the-glass after declaring it); authorised and audited as " + READ + ".")
                        .withResponseBody(PatientScoreView.class)
                        .withErrors(SecurityErrorCode.ACCESS_DENIED, PrsErrorCode.SCORE_NOT_FOUND, PrsErrorCode.NO_GENOTYPES,
                                PrsErrorCode.REFERENCE_NOT_AVAILABLE, PrsErrorCode.MATCH_RATE_TOO_LOW,
                                PrsErrorCode.REFERENCE_OVERLAP_TOO_LOW, PrsErrorCode.ANCESTRY_MODEL_INVALID,
                                PrsErrorCode.ANCESTRY_TOO_FEW_VARIANTS, PrsErrorCode.REFERENCE_POPULATION_TOO_SMALL),
                this::patient);
    }

    // ---------------------------------------------------------------------------------------------

    private ApiResponse list(ApiRequest request) {
        List<ScoreView> views = new ArrayList<>();
        catalogue.get().scores().values().stream().sorted(java.util.Comparator.comparing(ScoringFile::scoreId)).forEach(score -> views.add(ScoreView.of(score)));
        return ApiResponse.ok(new ScoreListView(views));
    }

    private ApiResponse run(ApiRequest request) {
        ScoringFile score;
        Optional<String> cohort;
        Optional<String> assemblyField;
        Optional<String> project;
        String format;
        ScoreOptions options = ScoreOptions.defaults();
        try (MultipartBody body = request.multipart()) {
            List<MultipartBody.Upload> uploads = body.files();
            for (MultipartBody.Upload upload : uploads) {
                if (!upload.field().equals("score")) {
                    throw new PermedException(ServerErrorCode.UNKNOWN_FIELD, "Unknown file part '" + upload.field()
                            + "'; the only file part is score.", Map.of("field", upload.field()));
                }
            }
            Optional<String> scoreId = body.field("scoreId");
            if (uploads.size() > 1 || uploads.size() == 1 == scoreId.isPresent()) {
                throw new PermedException(ServerErrorCode.INVALID_PARAMETER, "Give either one file part named score or a field scoreId.",
                        Map.of("field", "score"));
            }
            for (String field : body.fields().keySet()) {
                if (!List.of("scoreId", "cohort", "assembly", "project", "format", "meanImputation", "minOverlap").contains(field)) {
                    throw new PermedException(ServerErrorCode.UNKNOWN_FIELD, "Unknown field '" + field + "'; the fields are scoreId,"
                            + " cohort, assembly, project, format, meanImputation and minOverlap.", Map.of("field", field));
                }
            }
            score = scoreId.isPresent() ? offered(scoreId.get())
                    : readUpload(uploads.get(0));
            cohort = body.field("cohort").filter(value -> !value.isBlank());
            assemblyField = body.field("assembly").filter(value -> !value.isBlank());
            project = body.field("project").filter(value -> !value.isBlank());
            format = body.field("format").orElse("json");
            if (!format.equals("json") && !format.equals("tsv")) {
                throw new PermedException(ServerErrorCode.INVALID_PARAMETER, "format must be json or tsv", Map.of("field", "format"));
            }
            String imputation = body.field("meanImputation").orElse("true");
            if (!imputation.equals("true") && !imputation.equals("false")) {
                throw new PermedException(ServerErrorCode.INVALID_PARAMETER, "meanImputation must be true or false",
                        Map.of("field", "meanImputation"));
            }
            if (imputation.equals("false")) {
                options = options.withMissingGenotypes(MissingGenotypes.ZERO);
            }
            if (body.field("minOverlap").isPresent()) {
                double overlap;
                try {
                    overlap = Double.parseDouble(body.field("minOverlap").get());
                } catch (NumberFormatException exception) {
                    overlap = Double.NaN;
                }
                if (!(overlap >= 0 && overlap <= 1)) {
                    throw new PermedException(ServerErrorCode.INVALID_PARAMETER, "minOverlap is a share from 0 to 1 (0.75, not 75)",
                            Map.of("field", "minOverlap"));
                }
                options = options.withMatch(options.match().withMinimumOverlap(overlap));
            }
        }
        String assembly = assemblyField.map(value -> Builds.canonical(value).orElseThrow(() -> new PermedException(
                ServerErrorCode.INVALID_PARAMETER, "assembly must be GRCh37 or GRCh38", Map.of("field", "assembly"))))
                .or(() -> score.build().flatMap(Builds::canonical))
                .orElseThrow(() -> new PermedException(ServerErrorCode.INVALID_PARAMETER, score.fileName()
                        + " names no genome build: give the field assembly", Map.of("field", "assembly")));
        ScoringTargets store = targets.get();
        List<TargetSample> candidates = store.researchSamples(assembly, cohort);
        List<TargetSample> counted = new ArrayList<>();
        int withoutConsent = 0;
        for (TargetSample sample : candidates) {
            if (sample.patient().isEmpty() || consent.allows(sample.patient().get(), project)) {
                counted.add(sample);
            } else {
                withoutConsent++;
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("score", score.scoreId());
        details.put("assembly", assembly);
        cohort.ifPresent(name -> details.put("cohort", name));
        project.ifPresent(name -> details.put("project", name));
        details.put("samples", Integer.toString(counted.size()));
        details.put("withoutConsent", Integer.toString(withoutConsent));
        if (counted.isEmpty()) {
            audit.append(new AuditEvent(request.requestContext(), RUN, Optional.empty(), Purpose.RESEARCH, AuditOutcome.FAILED, details));
            throw new PermedException(PrsErrorCode.NO_GENOTYPES, "no research samples on " + assembly
                    + cohort.map(name -> " in cohort " + name).orElse("") + " may be counted", Map.of("field", "cohort"));
        }
        ScoreResult result;
        try {
            result = new VcfScorer(options).score(score, store.genotypes(counted, assembly).load(Locus.of(score)));
        } catch (PermedException failure) {
            audit.append(new AuditEvent(request.requestContext(), RUN, Optional.empty(), Purpose.RESEARCH, AuditOutcome.FAILED, details));
            throw failure;
        }
        audit.append(new AuditEvent(request.requestContext(), RUN, Optional.empty(), Purpose.RESEARCH, AuditOutcome.PERMITTED, details));
        if (format.equals("tsv")) {
            return ApiResponse.stream(200, "text/tab-separated-values; charset=utf-8", out -> {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                ScoreTsvWriter.write(result, writer);
                writer.flush();
            }).withHeader("Content-Disposition", "attachment; filename=\"" + fileSafe(score.scoreId()) + "_scores.tsv\"");
        }
        List<SampleView> rows = new ArrayList<>(result.samples().size());
        for (SampleScore sample : result.samples()) {
            rows.add(new SampleView(sample.sample(), sample.alleleCount(), sample.sum(),
                    sample.alleleCount() == 0 ? Optional.empty() : Optional.of(sample.average())));
        }
        return ApiResponse.ok(new RunView(ScoreView.of(score), assembly, cohort, MatchView.of(result.match().report()),
                options.missingGenotypes() == MissingGenotypes.MEAN_IMPUTATION, counted.size(), withoutConsent, rows));
    }

    private ApiResponse patient(ApiRequest request) {
        Pseudonym patient = request.pathParameter("pseudonym", Pseudonym::of);
        String scoreId = request.pathParameter("scoreId");
        String format = request.queryParameter("format").orElse("json");
        if (!format.equals("json") && !format.equals("html")) {
            throw new PermedException(ServerErrorCode.INVALID_PARAMETER, "format must be json or html", Map.of("field", "format"));
        }
        Locale language = switch (request.queryParameter("lang").orElse("nb")) {
            case "nb", "no" -> PrsHtmlReport.NORWEGIAN_BOKMAL;
            case "en" -> PrsHtmlReport.ENGLISH;
            default -> throw new PermedException(ServerErrorCode.INVALID_PARAMETER, "lang must be nb or en", Map.of("field", "lang"));
        };
        Optional<String> population = request.queryParameter("population").filter(value -> !value.isBlank());
        Purpose purpose = Purposes.of(request);
        authorizer.requirePatientAccess(request.requestContext(), patient, purpose, READ);
        ScoringFile score = offered(scoreId);
        String assembly = score.build().flatMap(Builds::canonical).orElseThrow(() -> new PermedException(
                PrsErrorCode.REFERENCE_NOT_AVAILABLE, "score " + scoreId + " names no genome build", Map.of("field", "scoreId")));
        ReferencePanel panel = catalogue.get().panels().stream().filter(candidate -> Builds.canonical(candidate.assembly()).orElse("").equals(assembly))
                .findFirst().orElseThrow(() -> new PermedException(PrsErrorCode.REFERENCE_NOT_AVAILABLE, "no reference population on "
                        + assembly + " is configured", Map.of("field", "scoreId")));
        ScoringTargets store = targets.get();
        List<TargetSample> samples = store.patientSamples(patient, assembly);
        if (samples.isEmpty()) {
            throw new PermedException(PrsErrorCode.NO_GENOTYPES, "the patient has no sample on " + assembly + ", the build of score "
                    + scoreId, Map.of("field", "scoreId"));
        }
        PersonalScore result = personal.score(score, store.genotypes(samples.subList(0, 1), assembly), panel, population, bands);
        if (format.equals("html")) {
            String page = html.render(result, patient.value(), !bands.bands().isEmpty(), language);
            return ApiResponse.stream(200, "text/html; charset=utf-8", out -> out.write(page.getBytes(StandardCharsets.UTF_8)));
        }
        return ApiResponse.ok(PatientScoreView.of(patient, samples.get(0).name(), result, ScoreView.of(score)));
    }

    private ScoringFile offered(String scoreId) {
        ScoringFile score = catalogue.get().scores().get(scoreId);
        if (score == null) {
            throw new PermedException(PrsErrorCode.SCORE_NOT_FOUND, "no score '" + scoreId + "' is offered; see GET /api/prs/scores",
                    Map.of("field", "scoreId"));
        }
        return score;
    }

    private static ScoringFile readUpload(MultipartBody.Upload upload) {
        String name = upload.fileName() == null || upload.fileName().isBlank() ? "uploaded score" : upload.fileName();
        try (java.io.InputStream input = java.nio.file.Files.newInputStream(upload.path())) {
            return ScoringFileReader.read(input, name);
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read the uploaded score", exception);
        }
    }

    private static String fileSafe(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    // ---------------------------------------------------------------------------------------------
    // wire types

    /** A score offered: {@code restrictedLicence} flags non-commercial / no-derivatives terms. */
    public record ScoreView(String scoreId, Optional<String> name, Optional<String> trait, Optional<String> build, int variants,
            String licence, boolean restrictedLicence, Optional<String> citation) {
        static ScoreView of(ScoringFile score) {
            String licence = score.header().licenseOrDefault();
            String upper = licence.toUpperCase(Locale.ROOT);
            boolean restricted = upper.matches("(?s).*\\b(BY-NC|BY-ND|NC-ND|NC-SA)\\b.*") || upper.contains("NONCOMMERCIAL")
                    || upper.contains("NON-COMMERCIAL") || upper.contains("NO DERIVATIVE");
            return new ScoreView(score.scoreId(), score.header().pgsName(), score.header().traitReported(), score.build(),
                    score.variants().size(), licence, restricted, score.header().citation());
        }
    }

    public record ScoreListView(List<ScoreView> scores) {
    }

    /** The match report: rows per outcome, as pgsc_calc counts them. */
    public record MatchView(int total, int matched, double matchRate, double minimumOverlap, Map<String, Integer> outcomes) {
        static MatchView of(MatchReport report) {
            Map<String, Integer> outcomes = new LinkedHashMap<>();
            for (MatchOutcome outcome : MatchOutcome.values()) {
                outcomes.put(outcome.name().toLowerCase(Locale.ROOT), report.count(outcome));
            }
            return new MatchView(report.total(), report.matched(), report.matchRate(), report.minimumOverlap(), outcomes);
        }
    }

    public record SampleView(String sample, int alleleCount, double sum, Optional<Double> avg) {
    }

    /**
     * @param samplesWithoutConsent research samples of a patient whose consent does not allow the run (not counted)
     */
    public record RunView(ScoreView score, String assembly, Optional<String> cohort, MatchView match, boolean meanImputation,
            int samplesCounted, int samplesWithoutConsent, List<SampleView> scores) {
    }

    /** Where the patient's ancestry put them: the chosen super-population and the distance to each. */
    public record AncestryView(String superPopulation, Map<String, Double> distances, int variantsObserved, int variantsTotal) {
    }

    /**
     * @param populationChoice {@code GIVEN} or {@code ANCESTRY}
     * @param z empty when every reference sum is equal
     * @param imputedFrom the reference population whose effect allele frequencies would fill in the person's missing
     *     calls, if any (empty when mean imputation is off)
     */
    public record PatientScoreView(Pseudonym patient, String sample, ScoreView score, MatchView match, int variantsUsed, int alleleCount,
            double sum, String reference, String population, String populationChoice, Optional<AncestryView> ancestry,
            int referenceSize, double referenceMean, double referenceSd, double percentile, Optional<Double> z, Optional<String> band,
            Optional<String> imputedFrom) {
        static PatientScoreView of(Pseudonym patient, String sample, PersonalScore result, ScoreView score) {
            return new PatientScoreView(patient, sample, score, MatchView.of(result.match()), result.sharedVariants(),
                    result.score().alleleCount(), result.score().sum(), result.reference(), result.population(), result.choice().name(),
                    result.ancestry().map(assignment -> new AncestryView(assignment.superPopulation(), assignment.distances(),
                            assignment.variantsObserved(), assignment.variantsTotal())),
                    result.distribution().size(), result.distribution().mean(), result.distribution().standardDeviation(),
                    result.percentile(), Double.isNaN(result.z()) ? Optional.empty() : Optional.of(result.z()), result.band(),
                    result.imputedFrom());
        }
    }

}
