package no.permed.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.time.LocalDate;
import no.permed.interpretation.register.NewSubmission;
import no.permed.interpretation.register.SubmissionCsv;
import no.permed.interpretation.register.VariantRegister;
import no.permed.interpretation.variant.VariantKeys;
import java.util.function.Consumer;
import no.permed.kernel.OrganisationId;
import no.permed.server.genome.PatientSampleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import no.permed.genome.GenomeStore;
import no.permed.genome.ingest.IngestProgress;
import no.permed.genome.ingest.IngestRequest;
import no.permed.genome.ingest.IngestTarget;
import no.permed.vcf.genome.Assembly;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.permed.kernel.NationalId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.SecurityModule;
import no.permed.security.token.DemoUser;
import no.permed.security.token.DevelopmentTokenIssuer;
import no.permed.spi.CareRelationships;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;

/**
 * The demo: synthetic patients (test identity numbers, month + 80, never a real person), a care
 * relationship and a laboratory link for the demo patient, one audited read so that the patient's
 * access log has something to show, and a printed guide with a token for every demo user.
 * Loaded once per data directory; later starts only print the guide.
 */
public final class Demo {
    static final Duration TOKEN_TIME_TO_LIVE = Duration.ofHours(12);
    private static final UserId LOADER = UserId.of("permed-demo-loader");
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    private Demo() {}

    /** The demo cohort's name in the genome store, and the demo patient's sample. */
    static final String DEMO_COHORT = "1000genomes-phase3";
    static final String DEMO_SAMPLE = "DEMO-0001";
    /** A variant on chr22 that the demo patient carries and the cohort has, for the printed examples. */
    static final String DEMO_VARIANT = "GRCh37-22-16054740-A-G";

    /**
     * Loads the demo records and the demo genomes if this data directory has none yet; returns the demo
     * patient's pseudonym. The genomes: the real 1000 Genomes phase 3 cohort (2,504 samples, the first
     * 9,750 records of chr22, with population labels) and the demo patient's sample (the public
     * sample NA12878's variants under the demo name), both ingested through the normal validated path.
     */
    static Pseudonym load(SecurityModule security, GenomeStore genome) {
        Pseudonym patient = load(security);
        loadGenomes(genome);
        return patient;
    }

    /**
     * The pharmacogenomic demo patients (synthetic test identity numbers): the demo patient also has PharmCAT's
     * documented example sample; three more patients have the GeT-RM reference samples NA18526, NA18565 and NA18861
     * (real public genomes) with their GeT-RM consensus CYP2D6 calls as outside calls.
     */
    record PgxDemoPatient(String nationalId, String sampleId, String vcf, String outsideCalls) {
    }

    static final List<PgxDemoPatient> PGX_PATIENTS = List.of(
            new PgxDemoPatient(DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID, "Sample_1", "pgx-Sample_1.vcf.gz", "pgx-Sample_1.outside.tsv"),
            new PgxDemoPatient("12838510068", "NA18526", "pgx-NA18526.vcf.gz", "pgx-NA18526.outside.tsv"),
            new PgxDemoPatient("23877110036", "NA18565", "pgx-NA18565.vcf.gz", "pgx-NA18565.outside.tsv"),
            new PgxDemoPatient("05919210038", "NA18861", "pgx-NA18861.vcf.gz", "pgx-NA18861.outside.tsv"));

    /** Ingests the demo genomes (the cohort and the demo patient's sample) if this store has none yet. */
    static void loadGenomes(GenomeStore genome) {
        loadGenomes(genome, null, null);
    }

    /**
     * Ingests the demo genomes if this store has none yet: the cohort, the demo patient's sample and, with
     * {@code profiling}, the pharmacogenomic demo patients (whose profiles are recorded as for any lab submission,
     * with a care relationship to demo-clinician).
     */
    static void loadGenomes(GenomeStore genome, PgxProfiling profiling, SecurityModule security) {
        DemoUser lab = demoUser("demo-lab");
        String laboratory = lab.organisation().orElseThrow(() -> new IllegalStateException("demo lab has no organisation")).value();
        if (genome.samplesWithId(DEMO_SAMPLE).isEmpty()) {
            ingest(genome, contextOf(lab), "demo-patient.vcf.gz", null, new IngestTarget.Patient(
                    DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID, DEMO_SAMPLE, laboratory), Assembly.GRCH37, files -> { });
        }
        if (profiling != null && genome.samplesWithId(DEMO_SAMPLE_2).isEmpty()) {
            // DEMO-0002: the public GIAB genome HG004 (first 1,000 records, GRCh38) under a demo name, for the register's recall
            Pseudonym patient = security.pseudonymizer().pseudonymOf(NationalId.parse(DEMO_PATIENT_2_NATIONAL_ID));
            recordCare(security, patient, lab, laboratory);
            ingest(genome, contextOf(lab), "demo-patient-2.vcf.gz", null,
                    new IngestTarget.Patient(DEMO_PATIENT_2_NATIONAL_ID, DEMO_SAMPLE_2, laboratory), Assembly.GRCH38, files -> { });
        }
        if (profiling != null) {
            for (PgxDemoPatient demoPatient : PGX_PATIENTS) {
                if (!genome.samplesWithId(demoPatient.sampleId()).isEmpty()) {
                    continue;
                }
                Pseudonym patient = security.pseudonymizer().pseudonymOf(NationalId.parse(demoPatient.nationalId()));
                if (!demoPatient.nationalId().equals(DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID)) {
                    recordCare(security, patient, lab, laboratory);
                }
                List<Path> temporary = new ArrayList<>();
                try {
                    Path outside = copyResource(demoPatient.outsideCalls(), temporary);
                    ingest(genome, contextOf(lab), demoPatient.vcf(), null,
                            new IngestTarget.Patient(demoPatient.nationalId(), demoPatient.sampleId(), laboratory), Assembly.GRCH38,
                            files -> profiling.ingested(contextOf(lab), new PatientSampleListener.Submission(patient,
                                    demoPatient.sampleId(), files, List.of(demoPatient.vcf()), laboratory, "panel", "GRCh38",
                                    Optional.of(new PatientSampleListener.Attachment(outside, demoPatient.outsideCalls())))).forEach(note -> LOG.info("Demo {}: {}", demoPatient.sampleId(), note)));
                } finally {
                    deleteAll(temporary);
                }
            }
        }
        if (genome.samples().stream().noneMatch(sample -> sample.cohort().equals(Optional.of(DEMO_COHORT)))) {
            RequestContext loader = new RequestContext(
                    new Principal(LOADER, Set.of(Role.RESEARCHER), Optional.empty(), Optional.empty(), true), "demo-load");
            ingest(genome, loader, "1kg_phase3_chr22_2504samples.vcf.gz", "1kg_phase3_samples.tsv",
                    new IngestTarget.Cohort(DEMO_COHORT, Optional.empty()), Assembly.GRCH37, files -> { });
        }
    }

    /** A care relationship (as the EHR integration asserts it) with demo-clinician, and a laboratory link. */
    private static void recordCare(SecurityModule security, Pseudonym patient, DemoUser lab, String laboratory) {
        RequestContext ehrIntegration = new RequestContext(
                new Principal(LOADER, Set.of(Role.SECURITY_OFFICER), Optional.empty(), Optional.empty(), true), "demo-load");
        security.careRelationships().record(ehrIntegration, patient, demoUser("demo-clinician").user(),
                CareRelationships.Source.EHR, Optional.empty(), Optional.empty());
        security.careRelationships().recordLaboratoryLink(contextOf(lab), patient, OrganisationId.of(laboratory));
    }

    /**
     * The variant register's demo, once per data directory: two laboratories' submissions made from real ClinVar records
     * (variants-oslo.csv, variants-bergen.csv; one variant on which they disagree, so a discordance opens), then the
     * Bergen laboratory re-evaluates AGRN c.1660G>A, which DEMO-0002 carries, from likely benign to uncertain
     * significance: the aggregate becomes conflicting, and the recall notifies both laboratories and demo-clinician.
     */
    static void loadVariantSubmissions(VariantRegister register) {
        if (!register.aggregates(VariantKeys.parse(RECLASSIFIED_VARIANT, Assembly.GRCH38)).isEmpty()) {
            return;
        }
        LocalDate today = register.today();
        for (String lab : List.of("demo-lab", "demo-lab-bergen")) {
            String file = lab.equals("demo-lab") ? "variants-oslo.csv" : "variants-bergen.csv";
            String text = resourceText(file);
            register.submitAll(contextOf(demoUser(lab)),
                    SubmissionCsv.parse(text, file, today).stream().map(SubmissionCsv.Row::submission).toList());
        }
        NewSubmission reevaluated = SubmissionCsv.parse("variant,condition,classification,evidence,date\n" + RECLASSIFIED_VARIANT
                + ",not specified,Uncertain significance,demo: re-evaluated after new segregation data," + today + "\n",
                "demo re-evaluation", today).get(0).submission();
        register.submit(contextOf(demoUser("demo-lab-bergen")), reevaluated);
    }

    /** The variant the demo reclassifies (AGRN c.1660G>A, ClinVar variation 263165; DEMO-0002 is heterozygous). */
    static final String RECLASSIFIED_VARIANT = "GRCh38-1-1043594-G-A";
    /** The reclassified variant as ClinVar names it on its RefSeq transcript (AGRN, NM_198576.3), for the guide. */
    static final String RECLASSIFIED_HGVS_C = "NM_198576.3:c.1660G>A";
    static final String DEMO_SAMPLE_2 = "DEMO-0002";
    static final String DEMO_PATIENT_2_NATIONAL_ID = "30816410084";

    private static String resourceText(String name) {
        try (InputStream input = Demo.class.getResourceAsStream("demo/" + name)) {
            if (input == null) {
                throw new IllegalStateException("the demo resource " + name + " is missing from the build");
            }
            return new String(input.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot read the demo resource " + name, failure);
        }
    }

    /** Copies the demo resources to temporary files (the ingest reads files) and ingests them. */
    private static void ingest(GenomeStore genome, RequestContext context, String vcf, String sampleMap, IngestTarget target,
            Assembly assembly, Consumer<List<Path>> afterCommit) {
        List<Path> temporary = new ArrayList<>();
        try {
            Path vcfFile = copyResource(vcf, temporary);
            IngestTarget resolved = target;
            if (sampleMap != null && target instanceof IngestTarget.Cohort cohort) {
                resolved = new IngestTarget.Cohort(cohort.name(), Optional.of(copyResource(sampleMap, temporary)));
            }
            IngestRequest request = IngestRequest.of(List.of(vcfFile), resolved).withAssembly(assembly)
                    .withDisplayNames(List.of(vcf));
            if (assembly == Assembly.GRCH38) {
                request = request.withTestType("panel");   // the PGx demo samples: PharmCAT's positions only
            }
            genome.ingest(context, request, IngestProgress.NONE);
            afterCommit.accept(List.of(vcfFile));
        } finally {
            deleteAll(temporary);
        }
    }

    private static void deleteAll(List<Path> temporary) {
        for (Path path : temporary) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temporary file of the system's temporary directory
            }
        }
    }

    private static Path copyResource(String name, List<Path> temporary) {
        try (InputStream input = Demo.class.getResourceAsStream("demo/" + name)) {
            if (input == null) {
                throw new IllegalStateException("the demo resource " + name + " is missing from the build");
            }
            String suffix = name.substring(name.indexOf('.'));
            Path file = Files.createTempFile("permed-demo-", suffix);
            temporary.add(file);
            Files.copy(input, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot copy the demo resource " + name, failure);
        }
    }

    /** Loads the demo records if this data directory has none yet; returns the demo patient's pseudonym. */
    static Pseudonym load(SecurityModule security) {
        NationalId patientId = NationalId.parse(DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID);
        // Loaded before, possibly under an older pseudonym key version: keep using that pseudonym.
        for (Pseudonym earlier : security.pseudonymizer().allPseudonymsOf(patientId)) {
            if (!security.careRelationships().relationshipsOf(earlier).isEmpty()) {
                return earlier;
            }
        }
        Pseudonym patient = security.pseudonymizer().pseudonymOf(patientId);
        // The EHR integration's assertion is recorded by a security officer (there is no integration role yet).
        RequestContext ehrIntegration = new RequestContext(
                new Principal(LOADER, Set.of(Role.SECURITY_OFFICER), Optional.empty(), Optional.empty(), true), "demo-load");
        DemoUser clinician = demoUser("demo-clinician");
        security.careRelationships().record(
                ehrIntegration, patient, clinician.user(), CareRelationships.Source.EHR, Optional.empty(), Optional.empty());
        DemoUser lab = demoUser("demo-lab");
        security.careRelationships().recordLaboratoryLink(
                contextOf(lab), patient, lab.organisation().orElseThrow(() -> new IllegalStateException("demo lab has no organisation")));
        security.authorizer().requirePatientAccess(contextOf(clinician), patient, Purpose.TREATMENT, "care-relationship.read");
        return patient;
    }

    private static RequestContext contextOf(DemoUser user) {
        return new RequestContext(new Principal(user.user(), user.roles(), user.organisation(), Optional.empty(), true), "demo-load");
    }

    private static DemoUser demoUser(String name) {
        return DevelopmentTokenIssuer.demoUser(name)
                .orElseThrow(() -> new IllegalStateException("the development issuer has no demo user " + name));
    }

    /** The newcomer's guide: where permed is, and a token for every demo user. */
    static void printGuide(PrintWriter out, Application application, Pseudonym demoPatient) {
        DevelopmentTokenIssuer issuer = application.security().developmentIssuer()
                .orElseThrow(() -> new IllegalStateException("the demo needs the development issuer"));
        String base = application.baseUrl();
        out.println();
        out.println("permed is ready at " + base + "  (health: " + base + "/health, readiness: " + base
                + "/ready, API description: " + base + "/api/openapi.json)");
        out.println();
        out.println("DEVELOPMENT token issuer is ON. These tokens are for local testing only (valid "
                + TOKEN_TIME_TO_LIVE.toHours() + " h):");
        for (DemoUser user : DevelopmentTokenIssuer.DEMO_USERS) {
            String roles = String.join(",", user.roles().stream().map(Object::toString).sorted().toList());
            out.printf("  %-17s %-22s %s%n", roles, user.user(), issuer.mint(user, TOKEN_TIME_TO_LIVE));
        }
        out.println();
        out.println("Demo patient (synthetic test identity): pseudonym " + demoPatient
                + "; demo-clinician has a care relationship with them.");
        out.println("Try:");
        List<String> examples = List.of(
                "TOKEN=$(./permed dev token --user demo-patient)",
                "curl -s -H \"Authorization: Bearer $TOKEN\" " + base + "/api/me/access-log",
                "TOKEN=$(./permed dev token --user demo-clinician)",
                "curl -s -H \"Authorization: Bearer $TOKEN\" " + base + "/api/patients/" + demoPatient + "/care-relationships");
        examples.forEach(line -> out.println("  " + line));
        out.println();
        out.println("Genome store: the 1000 Genomes phase 3 cohort (2,504 samples, chr22:16.05-16.64 Mb, GRCh37) and the demo"
                + " patient's sample " + DEMO_SAMPLE + ". Try:");
        List<String> genomeExamples = List.of(
                "TOKEN=$(./permed dev token --user demo-clinician)",
                "curl -s -H \"Authorization: Bearer $TOKEN\" '" + base + "/api/patients/" + demoPatient
                        + "/genotypes?region=22:16050000-16060000'",
                "TOKEN=$(./permed dev token --user demo-lab)",
                "curl -s -H \"Authorization: Bearer $TOKEN\" " + base + "/api/variants/" + DEMO_VARIANT + "/counts",
                "curl -s -H \"Authorization: Bearer $TOKEN\" " + base + "/api/variants/" + DEMO_VARIANT + "/carriers");
        genomeExamples.forEach(line -> out.println("  " + line));
        out.println();
        out.println("Pharmacogenomics: the demo patient's PGx panel (PharmCAT's example, with CYP2D6/HLA-B/MT-RNR1 outside calls) and"
                + " three GeT-RM reference samples are called and kept as profiles. Try:");
        List<String> pgxExamples = List.of(
                "TOKEN=$(./permed dev token --user demo-clinician)",
                "curl -s -H \"Authorization: Bearer $TOKEN\" " + base + "/api/patients/" + demoPatient + "/pgx",
                "curl -s -H \"Authorization: Bearer $TOKEN\" '" + base + "/api/patients/" + demoPatient + "/pgx/report?lang=nb' > report.html");
        pgxExamples.forEach(line -> out.println("  " + line));
        out.println();
        out.println("Variant register: demo-lab (Oslo) and demo-lab-bergen submitted real ClinVar classifications; they disagree on"
                + " one variant, and Bergen's re-evaluation of " + RECLASSIFIED_VARIANT + " (carried by DEMO-0002) notified"
                + " demo-clinician. Try:");
        List<String> registerExamples = List.of(
                "TOKEN=$(./permed dev token --user demo-lab)",
                "curl -s -H \"Authorization: Bearer $TOKEN\" " + base + "/api/variants/" + RECLASSIFIED_VARIANT + "/classification",
                "curl -s -H \"Authorization: Bearer $TOKEN\" '" + base + "/api/variants/" + RECLASSIFIED_HGVS_C.replace(">", "%3E")
                        + "/classification?assembly=GRCh38'   (the same variant by its coding HGVS)",
                "curl -s -H \"Authorization: Bearer $TOKEN\" " + base + "/api/discordances",
                "TOKEN=$(./permed dev token --user demo-clinician)",
                "curl -s -H \"Authorization: Bearer $TOKEN\" " + base + "/api/notifications",
                "./permed acmg classify --criteria PVS1,PM2_Supporting,PP3");
        registerExamples.forEach(line -> out.println("  " + line));
        out.println();
        out.println("Frequency register and GA4GH Beacon v2: the cohort's counts per population, without a token at the public tier"
                + " (small counts as bands, a query budget). Try:");
        String shortVariant = DEMO_VARIANT.substring(DEMO_VARIANT.indexOf('-') + 1);
        List<String> frequencyExamples = List.of(
                "curl -s '" + base + "/api/frequencies/" + shortVariant + "?assembly=GRCh37'",
                "open " + base + "/frequencies/" + shortVariant + "?assembly=GRCh37",
                "curl -s '" + base + "/beacon/g_variants?assemblyId=GRCh37&referenceName=22&start=16054739&referenceBases=A"
                        + "&alternateBases=G&requestedGranularity=count'",
                "curl -s " + base + "/beacon/map");
        frequencyExamples.forEach(line -> out.println("  " + line));
        out.println();
        out.println("Polygenic scores: a demo score (PERMED_DEMO_22, random weights on the demo cohort's sites: it measures nothing)"
                + " run over the cohort by a researcher. Try:");
        List<String> prsExamples = List.of(
                "TOKEN=$(./permed dev token --user demo-researcher)",
                "curl -s -X POST -H \"Authorization: Bearer $TOKEN\" -F scoreId=PERMED_DEMO_22 " + base + "/api/prs/runs | head");
        prsExamples.forEach(line -> out.println("  " + line));
        out.println();
        out.println("Stop with Ctrl-C.");
        out.flush();
    }

    /** Prints the guide of an application started with the demo. */
    public static void printGuide(Application application, PrintWriter out) {
        printGuide(out, application, application.demoPatient()
                .orElseThrow(() -> new IllegalStateException("the application was not started with the demo")));
    }
}
