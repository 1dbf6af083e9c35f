package no.permed.server.genome;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import no.permed.columnar.GenomicRegion;
import no.permed.genome.GenomeErrorCode;
import no.permed.genome.GenomeStore;
import no.permed.genome.StoredSample;
import no.permed.genome.ingest.IngestProgress;
import no.permed.genome.ingest.IngestRequest;
import no.permed.genome.ingest.IngestResult;
import no.permed.genome.ingest.IngestTarget;
import no.permed.genome.query.Carrier;
import no.permed.genome.query.GenotypeCall;
import no.permed.genome.query.SampleSelection;
import no.permed.genome.query.VariantCounts;
import no.permed.kernel.NationalId;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.SecurityErrorCode;
import no.permed.security.SecurityModule;
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
import no.permed.spi.CareRelationships;
import no.permed.spi.RequestContext;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;

/**
 * The genome store's HTTP routes: laboratories submit samples and see their own; clinicians, labs and
 * patients read a patient's genotypes (authorised and audited per access); labs find the carriers of a
 * variant among their own patients (for recall); labs and researchers read aggregate allele counts.
 */
public final class GenomeRoutes implements RouteModule {
    private static final String TAG = "genome";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GenomeRoutes.class);
    /** The most regions one genotype request may ask for, and the longest region. */
    static final int MAX_REGIONS = 100;
    static final int MAX_REGION_LENGTH = 10_000_000;

    private final Supplier<GenomeStore> store;
    private final SecurityModule security;
    private final PatientSampleListener listener;

    public GenomeRoutes(GenomeStore genome, SecurityModule security) {
        this(supplierOf(requireNonNull(genome, "genome is null")), security, PatientSampleListener.NONE);
    }

    /**
     * Routes over a store that may still be opening when the server starts: a request waits for it.
     *
     * @param listener told of every committed patient sample (e.g. to record the pharmacogenomic profile)
     */
    public GenomeRoutes(Supplier<GenomeStore> genome, SecurityModule security, PatientSampleListener listener) {
        this.store = requireNonNull(genome, "genome is null");
        this.security = requireNonNull(security, "security is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    private static Supplier<GenomeStore> supplierOf(GenomeStore genome) {
        return () -> genome;
    }

    @Override
    public String name() {
        return "genome";
    }

    @Override
    public void register(Routes routes) {
        routes.post("/api/samples", RoutePolicy.roles(Role.LAB),
                RouteDoc.of(TAG, "Submit a patient's sample: one single-sample VCF or gVCF (plain, gzip or BGZF)")
                        .withDescription("multipart/form-data with fields patient (national identity number, never stored"
                                + " or logged), sample (the laboratory's sample ID, which must be the file's sample column),"
                                + " testType (genome, exome, panel, …; default genome), optional assembly (GRCh37 or GRCh38;"
                                + " otherwise recognised from the header), optional clinician (the responsible clinician's user"
                                + " ID, who then has a care relationship), one or more file parts named vcf, and optionally one"
                                + " file part named outsideCalls (pharmacogenomic calls made elsewhere, e.g. CYP2D6, in"
                                + " PharmCAT's outside-call format). The whole input is validated before anything is stored; an"
                                + " error names file, line and field. Records a laboratory link for the submitting laboratory."
                                + " For a GRCh38 sample the pharmacogenomic profile is called and recorded (see notes).")
                        .withResponseBody(Submitted.class)
                        .withSuccessStatus(201)
                        .withErrors(GenomeErrorCode.INVALID_NATIONAL_ID, GenomeErrorCode.SAMPLE_EXISTS,
                                GenomeErrorCode.SAMPLE_NOT_IN_FILE, GenomeErrorCode.SINGLE_SAMPLE_EXPECTED,
                                GenomeErrorCode.DUPLICATE_VARIANT, GenomeErrorCode.EMPTY_INPUT, ServerErrorCode.BODY_TOO_LARGE),
                this::submit);

        routes.get("/api/samples", RoutePolicy.roles(Role.LAB),
                RouteDoc.of(TAG, "The samples the caller's laboratory has submitted (not erased)")
                        .withResponseBody(SampleList.class),
                this::ownSamples);

        routes.delete("/api/samples/{id}", RoutePolicy.roles(Role.LAB),
                RouteDoc.of(TAG, "Withdraw (erase) a sample the caller's laboratory submitted")
                        .withDescription("Query parameter reason (required, no personal data). From the response on, no"
                                + " query returns the sample's genotypes; they leave the disk at the next compaction.")
                        .withSuccessStatus(204)
                        .withErrors(GenomeErrorCode.SAMPLE_NOT_FOUND, SecurityErrorCode.ACCESS_DENIED),
                this::erase);

        routes.get("/api/patients/{pseudonym}/genotypes", RoutePolicy.roles(Role.CLINICIAN, Role.LAB, Role.PATIENT),
                RouteDoc.of(TAG, "A patient's genotypes in regions, from every sample of the patient")
                        .withDescription("Query parameter region (repeatable, at most " + MAX_REGIONS + "): CHROM:POS or"
                                + " CHROM:START-END, at most 10 Mb each; optional assembly (default: every assembly the"
                                + " patient has samples on). Authorised per caller (care relationship, laboratory link, the"
                                + " patient themself) and audited.")
                        .withResponseBody(PatientGenotypes.class)
                        .withErrors(SecurityErrorCode.ACCESS_DENIED, GenomeErrorCode.INVALID_QUERY),
                this::genotypes);

        routes.get("/api/variants/{variant}/carriers", RoutePolicy.roles(Role.LAB),
                RouteDoc.of(TAG, "The caller's laboratory's patients who carry a variant (for recall after reclassification)")
                        .withDescription("variant is a key such as GRCh37-22-16050075-A-G. Only patients whose samples this"
                                + " laboratory submitted are listed; each listed patient's access is audited.")
                        .withResponseBody(CarrierList.class)
                        .withErrors(GenomeErrorCode.INVALID_QUERY),
                this::carriers);

        routes.get("/api/variants/{variant}/counts", RoutePolicy.roles(Role.LAB, Role.RESEARCHER),
                RouteDoc.of(TAG, "Allele counts of a variant over the whole store: AC, AN, homozygotes, per population")
                        .withDescription("Aggregate counts over every stored sample (reference blocks of gVCF samples count"
                                + " towards AN). Audited as an aggregate read. Small counts are not suppressed here; the"
                                + " public frequency service applies disclosure control.")
                        .withResponseBody(Counts.class)
                        .withErrors(GenomeErrorCode.INVALID_QUERY),
                this::counts);
    }

    // ---------------------------------------------------------------------------------------------

    private ApiResponse submit(ApiRequest request) {
        RequestContext context = request.requestContext();
        OrganisationId laboratory = laboratoryOf(request);
        try (MultipartBody body = request.multipart()) {
            String nationalId = required(body, "patient");
            String sampleId = required(body, "sample");
            List<MultipartBody.Upload> files = body.files().stream().filter(upload -> upload.field().equals("vcf")).toList();
            if (files.isEmpty()) {
                throw new PermedException(ServerErrorCode.MISSING_FIELD, "Attach the VCF as a file part named vcf.",
                        Map.of("field", "vcf"));
            }
            List<MultipartBody.Upload> outside = body.files().stream().filter(upload -> upload.field().equals("outsideCalls")).toList();
            for (MultipartBody.Upload upload : body.files()) {
                if (!upload.field().equals("vcf") && !upload.field().equals("outsideCalls")) {
                    throw new PermedException(ServerErrorCode.UNKNOWN_FIELD, "Unknown file part '" + upload.field()
                            + "'; the file parts are vcf and outsideCalls.", Map.of("field", upload.field()));
                }
            }
            if (outside.size() > 1) {
                throw new PermedException(ServerErrorCode.INVALID_PARAMETER, "Attach at most one outsideCalls file.",
                        Map.of("field", "outsideCalls"));
            }
            Optional<PatientSampleListener.Attachment> outsideCalls = outside.stream().findFirst()
                    .map(upload -> new PatientSampleListener.Attachment(upload.path(), upload.fileName()));
            listener.check(outsideCalls);
            for (String field : body.fields().keySet()) {
                if (!List.of("patient", "sample", "testType", "assembly", "clinician").contains(field)) {
                    throw new PermedException(ServerErrorCode.UNKNOWN_FIELD, "Unknown form field '" + field
                            + "'; the fields are patient, sample, testType, assembly, clinician.", Map.of("field", field));
                }
            }
            Optional<UserId> clinician = body.field("clinician").map(UserId::of);
            IngestRequest ingest = IngestRequest.of(files.stream().map(MultipartBody.Upload::path).toList(),
                            new IngestTarget.Patient(nationalId, sampleId, laboratory.value()))
                    .withTestType(body.field("testType").orElse("genome"))
                    .withDisplayNames(files.stream().map(MultipartBody.Upload::fileName).toList());
            if (body.field("assembly").isPresent()) {
                ingest = ingest.withAssembly(parseAssembly(body.field("assembly").get()));
            }
            IngestResult result = store.get().ingest(context, ingest, IngestProgress.NONE);
            Pseudonym patient = security.pseudonymizer().pseudonymOf(NationalId.parse(nationalId));
            security.careRelationships().recordLaboratoryLink(context, patient, laboratory);
            clinician.ifPresent(user -> security.careRelationships().record(context, patient, user,
                    CareRelationships.Source.LAB_SUBMISSION, Optional.empty(), Optional.empty()));
            List<String> notes;
            try {
                notes = listener.ingested(context, new PatientSampleListener.Submission(patient, sampleId,
                        files.stream().map(MultipartBody.Upload::path).toList(), files.stream().map(MultipartBody.Upload::fileName).toList(),
                        laboratory.value(), body.field("testType").orElse("genome"), result.assembly().displayName(), outsideCalls));
            } catch (RuntimeException failure) {
                // the sample is committed: a listener's failure must not answer an error that makes the laboratory believe
                // nothing was stored (and resubmit). Its message may quote file or sample names, so only its code is kept.
                String code = failure instanceof PermedException permed ? permed.errorCode().code() : failure.getClass().getSimpleName();
                LOG.warn("A follow-up of a committed sample submission failed: {}", code);
                notes = List.of("a follow-up step failed (" + code + "); the sample itself is stored");
            }
            return ApiResponse.created(new Submitted(patient, sampleId, result.segmentId(), result.assembly().displayName(),
                    result.records(), result.sites(), result.referenceBlocks(), result.duplicatesMerged(), result.segmentBytes(),
                    result.elapsedMillis(), notes));
        }
    }

    private ApiResponse ownSamples(ApiRequest request) {
        OrganisationId laboratory = laboratoryOf(request);
        List<SampleView> samples = store.get().samples().stream()
                .filter(sample -> sample.laboratory().equals(Optional.of(laboratory.value())))
                .map(SampleView::of)
                .toList();
        security.auditLog().append(new AuditEvent(request.requestContext(), "genome.samples.list", Optional.empty(),
                Purpose.LABORATORY, AuditOutcome.PERMITTED, Map.of("samples", Integer.toString(samples.size()))));
        return ApiResponse.ok(new SampleList(samples));
    }

    private ApiResponse erase(ApiRequest request) {
        long id = request.pathParameter("id", Long::parseLong);
        String reason = request.queryParameter("reason").orElseThrow(() -> new PermedException(ServerErrorCode.INVALID_PARAMETER,
                "give the reason for the withdrawal as query parameter reason (no personal data)", Map.of("field", "reason")));
        if (reason.isBlank() || reason.length() > 200) {
            throw new PermedException(ServerErrorCode.INVALID_PARAMETER, "reason must be 1-200 characters", Map.of("field", "reason"));
        }
        OrganisationId laboratory = laboratoryOf(request);
        StoredSample sample = store.get().sample(id).filter(found -> found.laboratory().equals(Optional.of(laboratory.value())))
                .orElseThrow(() -> new PermedException(GenomeErrorCode.SAMPLE_NOT_FOUND,
                        "your laboratory has no stored sample with id " + id, Map.of("id", id)));
        security.authorizer().requirePatientAccess(request.requestContext(), sample.patient().orElseThrow(), Purpose.LABORATORY,
                "genome.sample.erase");
        store.get().erase(request.requestContext(), id, reason);
        return ApiResponse.noContent();
    }

    private ApiResponse genotypes(ApiRequest request) {
        Pseudonym patient = request.pathParameter("pseudonym", Pseudonym::of);
        List<String> regionTexts = request.queryParameters("region");
        if (regionTexts.isEmpty() || regionTexts.size() > MAX_REGIONS) {
            throw new PermedException(GenomeErrorCode.INVALID_QUERY, "give 1 to " + MAX_REGIONS
                    + " regions as query parameter region (CHROM:POS or CHROM:START-END)", Map.of("field", "region"));
        }
        List<GenomicRegion> regions = regionTexts.stream().map(GenomeRoutes::parseRegion).toList();
        Optional<Assembly> assembly = request.queryParameter("assembly").map(GenomeRoutes::parseAssembly);
        Purpose purpose = Purposes.of(request);
        security.authorizer().requirePatientAccess(request.requestContext(), patient, purpose, "genome.genotypes.read");
        List<SampleGenotypes> samples = new ArrayList<>();
        for (StoredSample sample : store.get().samplesOf(List.of(patient))) {
            if (assembly.isPresent() && sample.assembly() != assembly.get()) {
                continue;
            }
            List<Call> calls = store.get().genotypes(sample, regions).stream().map(Call::of).toList();
            samples.add(new SampleGenotypes(sample.sampleId(), sample.laboratory().orElse(null), sample.testType(),
                    sample.assembly().displayName(), sample.ingestedAt(), calls));
        }
        return ApiResponse.ok(new PatientGenotypes(patient, samples));
    }

    private ApiResponse carriers(ApiRequest request) {
        VariantKey variant = parseVariant(request.pathParameter("variant"));
        OrganisationId laboratory = laboratoryOf(request);
        List<CarrierView> carriers = new ArrayList<>();
        for (Carrier carrier : store.get().carriers(variant)) {
            StoredSample sample = carrier.sample();
            if (sample.patient().isEmpty() || !sample.laboratory().equals(Optional.of(laboratory.value()))) {
                continue;
            }
            security.authorizer().requirePatientAccess(request.requestContext(), sample.patient().get(), Purpose.LABORATORY,
                    "genome.carrier.read");
            carriers.add(new CarrierView(sample.patient().get(), sample.sampleId(), carrier.genotype().toString()));
        }
        return ApiResponse.ok(new CarrierList(variant.toString(), carriers));
    }

    private ApiResponse counts(ApiRequest request) {
        VariantKey variant = parseVariant(request.pathParameter("variant"));
        VariantCounts counts = store.get().counts(variant, SampleSelection.all());
        security.auditLog().append(new AuditEvent(request.requestContext(), "genome.counts.read", Optional.empty(),
                request.principal().hasRole(Role.LAB) ? Purpose.LABORATORY : Purpose.RESEARCH, AuditOutcome.PERMITTED,
                Map.of("variant", variant.toString())));
        Map<String, PopulationCounts> populations = new LinkedHashMap<>();
        counts.byPopulation().forEach((name, value) -> populations.put(name,
                new PopulationCounts(value.alleleCount(), value.alleleNumber(), value.homozygotes(), value.hemizygotes())));
        return ApiResponse.ok(new Counts(variant.toString(), counts.alleleCount(), counts.alleleNumber(), counts.homozygotes(),
                counts.hemizygotes(), populations));
    }

    // ---------------------------------------------------------------------------------------------

    private static OrganisationId laboratoryOf(ApiRequest request) {
        return request.principal().organisation().orElseThrow(() -> new PermedException(SecurityErrorCode.ACCESS_DENIED,
                "your token names no organisation, so the laboratory cannot be known", Map.of()));
    }

    private static String required(MultipartBody body, String field) {
        return body.field(field).filter(value -> !value.isBlank()).orElseThrow(() -> new PermedException(
                ServerErrorCode.MISSING_FIELD, "Form field '" + field + "' is required.", Map.of("field", field)));
    }

    static Assembly parseAssembly(String text) {
        try {
            return Assembly.parse(text);
        } catch (RuntimeException invalid) {
            throw new PermedException(GenomeErrorCode.INVALID_QUERY, "assembly must be GRCh37 or GRCh38, not '"
                    + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "'", Map.of("field", "assembly"));
        }
    }

    static VariantKey parseVariant(String text) {
        try {
            return VariantKey.parse(text);
        } catch (RuntimeException invalid) {
            throw new PermedException(GenomeErrorCode.INVALID_QUERY, "variant must be a key such as GRCh38-1-55051215-G-GA"
                    + " (assembly, chromosome, position, REF, ALT): " + invalid.getMessage(), Map.of("field", "variant"));
        }
    }

    static GenomicRegion parseRegion(String text) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("([A-Za-z0-9_.]+):([0-9]{1,10})(?:-([0-9]{1,10}))?")
                .matcher(text.replace(",", ""));
        if (!matcher.matches()) {
            throw new PermedException(GenomeErrorCode.INVALID_QUERY, "region '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + "' must be CHROM:POS or CHROM:START-END, e.g. 22:16050075 or chr22:16050000-16060000", Map.of("field", "region"));
        }
        long start = Long.parseLong(matcher.group(2));
        long end = matcher.group(3) == null ? start : Long.parseLong(matcher.group(3));
        if (start < 1 || end < start || end > Integer.MAX_VALUE || end - start + 1 > MAX_REGION_LENGTH) {
            throw new PermedException(GenomeErrorCode.INVALID_QUERY, "region " + text + " must have 1 <= START <= END and span at"
                    + " most " + MAX_REGION_LENGTH + " bases", Map.of("field", "region"));
        }
        return new GenomicRegion(no.permed.vcf.genome.Contigs.canonical(matcher.group(1)), (int) start, (int) end);
    }

    // ---------------------------------------------------------------------------------------------
    // wire types

    /** @param notes what else was done with the sample (e.g. the pharmacogenomic profile recorded), or why not */
    public record Submitted(Pseudonym patient, String sampleId, UUID segment, String assembly, long records, int sites,
            long referenceBlocks, long duplicatesMerged, long segmentBytes, long elapsedMillis, List<String> notes) {
    }

    public record SampleView(long id, String sampleId, Pseudonym patient, String testType, String assembly, Instant ingestedAt) {
        static SampleView of(StoredSample sample) {
            return new SampleView(sample.id(), sample.sampleId(), sample.patient().orElse(null), sample.testType(),
                    sample.assembly().displayName(), sample.ingestedAt());
        }
    }

    public record SampleList(List<SampleView> samples) {
    }

    public record Call(String variant, String contig, int position, String ref, String alt, String genotype) {
        static Call of(GenotypeCall call) {
            VariantKey key = call.variant();
            return new Call(key.toString(), key.contig(), key.position(), key.reference(), key.alternate(), call.genotype().toString());
        }
    }

    public record SampleGenotypes(String sampleId, String laboratory, String testType, String assembly, Instant ingestedAt,
            List<Call> calls) {
    }

    public record PatientGenotypes(Pseudonym patient, List<SampleGenotypes> samples) {
    }

    public record CarrierView(Pseudonym patient, String sampleId, String genotype) {
    }

    public record CarrierList(String variant, List<CarrierView> carriers) {
    }

    public record PopulationCounts(int ac, int an, int hom, int hemi) {
    }

    public record Counts(String variant, int ac, int an, int hom, int hemi, Map<String, PopulationCounts> populations) {
    }
}
