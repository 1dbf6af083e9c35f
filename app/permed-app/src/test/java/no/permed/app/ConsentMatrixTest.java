package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.permed.frequency.Counts;
import no.permed.frequency.FrequencyRegister;
import no.permed.frequency.RegisterLine;
import no.permed.kernel.NationalId;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.audit.AuditEntry;
import no.permed.security.audit.AuditLog;
import no.permed.security.token.DemoUser;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's matrix: for each consumer of consent, one patient withdraws and the consumer's counts change by exactly that
 * patient's contribution, and the withdrawal is in the audit log. Two patients' real gVCF samples (reference blocks, so
 * they count in frequencies) are submitted through the API and consents are given and withdrawn by the patients
 * themselves, on the running application.
 */
class ConsentMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GVCF = GenomeExpected.VCF_DATA.resolve("patient.g.vcf.gz");
    /** chr1:10101 A>G, 0/1 in the gVCF: each patient adds AC 1, AN 2. */
    private static final VariantKey HETEROZYGOUS = VariantKey.parse("GRCh38-1-10101-A-G");
    /** chr1:10401 T>TA, 1|1: each patient adds AC 2, AN 2, one homozygote. */
    private static final VariantKey HOMOZYGOUS = VariantKey.parse("GRCh38-1-10401-T-TA");

    @TempDir
    static Path temporary;

    private static RunningPermed permed;
    private static String patientA;
    private static String patientB;

    @BeforeAll
    static void start() throws Exception {
        permed = RunningPermed.startDemo(temporary.resolve("data"));
        // the file's sample is PATIENT1: two laboratories submit it, each for its own patient
        patientA = submit(permed.tokenFor("demo-lab"), GenomeExpected.syntheticNationalId(11), "PATIENT1");
        patientB = submit(permed.tokenFor("demo-lab-bergen"), GenomeExpected.syntheticNationalId(12), "PATIENT1");
        assertThat(permed.application.frequencies().awaitReady(Duration.ofSeconds(60))).isTrue();
    }

    @AfterAll
    static void stop() {
        if (permed != null) {
            permed.close();
        }
    }

    /** Submits the gVCF for a patient; returns a token of that patient. */
    private static String submit(String lab, String nationalId, String sample) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("patient", nationalId);
        form.put("sample", sample);
        form.put("testType", "genome");
        form.put("assembly", "GRCh38");
        form.put("clinician", "demo-clinician");
        HttpResponse<String> submitted = permed.postMultipart("/api/samples", lab, form,
                List.of(new RunningPermed.FilePart("vcf", "patient.g.vcf.gz", GVCF)));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        DemoUser patient = new DemoUser(UserId.of("patient-" + nationalId.substring(0, 6)), Set.of(Role.PATIENT), Optional.empty(),
                Optional.of(NationalId.parse(nationalId)), "a test patient");
        return permed.application.security().developmentIssuer().orElseThrow().mint(patient, Duration.ofMinutes(10));
    }

    private static long give(String token) throws Exception {
        HttpResponse<String> given = permed.postJson("/api/me/consents", token, "{\"purpose\":\"HMB\"}");
        assertThat(given.statusCode()).as(given.body()).isEqualTo(201);
        return JSON.readTree(given.body()).get("consentId").asLong();
    }

    /** The register's overall counts of a variant, waiting (up to 5 s) until they equal {@code expected}; returns the wait. */
    private static long awaitCounts(VariantKey variant, Counts expected) throws InterruptedException {
        FrequencyRegister register = permed.application.frequencies();
        long started = System.nanoTime();
        Counts seen = null;
        while (System.nanoTime() - started < 5_000_000_000L) {
            seen = register.lookup(variant).map(RegisterLine::overall).orElse(Counts.NONE);
            if (seen.equals(expected)) {
                return (System.nanoTime() - started) / 1_000_000;
            }
            Thread.sleep(5);
        }
        assertThat(seen).as("register counts of %s", variant).isEqualTo(expected);
        return -1;
    }

    private static Optional<AuditEntry> lastAudit(String action) {
        AuditLog log = permed.application.security().auditLog();
        long head = log.head().orElseThrow().sequence();
        for (long sequence = head; sequence > Math.max(0, head - 200); sequence--) {
            Optional<AuditEntry> entry = log.entry(sequence);
            if (entry.isPresent() && entry.get().action().equals(action)) {
                return entry;
            }
        }
        return Optional.empty();
    }

    /** The Beacon's count of individuals of the clinical dataset carrying chr1:10101 A>G (0-based start 10100). */
    private static int beaconCarriers() throws Exception {
        HttpResponse<String> answer = permed.get("/beacon/individuals?assemblyId=GRCh38&referenceName=1&start=10100"
                + "&referenceBases=A&alternateBases=G&filters=dataset:clinical&requestedGranularity=count",
                permed.tokenFor("demo-researcher"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("responseSummary").get("numTotalResults").asInt();
    }

    @Test
    void theRegisterAndTheBeaconCountOnlyConsentingPatientsAndAWithdrawalSubtractsExactlyTheirAllelesWithinASecond() throws Exception {
        // opt-in: submitted, but no consent yet
        awaitCounts(HETEROZYGOUS, Counts.NONE);

        long consentA = give(patientA);
        awaitCounts(HETEROZYGOUS, new Counts(1, 2, 0, 0));
        give(patientB);
        awaitCounts(HETEROZYGOUS, new Counts(2, 4, 0, 0));
        awaitCounts(HOMOZYGOUS, new Counts(4, 4, 2, 0));

        // the Beacon: a researcher with a permit for the clinical dataset sees its carriers at the controlled tier
        HttpResponse<String> permit = permed.postJson("/api/beacon/permits", permed.tokenFor("demo-security-officer"),
                "{\"user\":\"demo-researcher\",\"dataset\":\"clinical\",\"reason\":\"matrix test\"}");
        assertThat(permit.statusCode()).as(permit.body()).isEqualTo(201);
        assertThat(beaconCarriers()).isEqualTo(2);

        HttpResponse<String> withdrawn = permed.delete("/api/me/consents/" + consentA, patientA);
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        long waited = awaitCounts(HETEROZYGOUS, new Counts(1, 2, 0, 0));
        assertThat(waited).as("milliseconds until the withdrawal showed in the register").isLessThan(1_000);
        awaitCounts(HOMOZYGOUS, new Counts(2, 2, 1, 0));
        assertThat(beaconCarriers()).as("the Beacon's carriers after the withdrawal").isEqualTo(1);
        AuditEntry audit = lastAudit("consent.withdraw").orElseThrow();
        assertThat(audit.subject()).isPresent();
        assertThat(permed.application.frequencies().datasets()).anySatisfy(dataset -> {
            assertThat(dataset.name()).isEqualTo("clinical");
            assertThat(dataset.totalSamples()).isEqualTo(1);
        });
    }
}
