package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.permed.db.DataDirectory;
import no.permed.db.Database;
import no.permed.genome.GenomeStore;
import no.permed.genome.ingest.IngestProgress;
import no.permed.genome.ingest.IngestRequest;
import no.permed.genome.ingest.IngestTarget;
import no.permed.kernel.NationalId;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.prs.calc.GenotypeSource;
import no.permed.prs.calc.Locus;
import no.permed.prs.calc.MissingGenotypes;
import no.permed.prs.calc.SampleScore;
import no.permed.prs.calc.ScoreOptions;
import no.permed.prs.calc.ScoreResult;
import no.permed.prs.calc.VcfScorer;
import no.permed.prs.match.MatchOptions;
import no.permed.prs.match.TargetSite;
import no.permed.prs.normalise.Populations;
import no.permed.prs.person.ReferencePanel;
import no.permed.prs.score.ScoringFile;
import no.permed.prs.score.ScoringFileReader;
import no.permed.prs.targets.ScoringTargets;
import no.permed.prs.targets.TargetSample;
import no.permed.security.SecurityConfig;
import no.permed.security.SecurityModule;
import no.permed.server.prs.PrsCatalogue;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;
import no.permed.testing.SharedPostgres;
import no.permed.vcf.genome.Assembly;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The genome store as scoring targets, on a real store (embedded PostgreSQL): permed-vcf's test gVCF
 * ({@code patient.g.vcf.gz}, blocks 10000–10100, 10102–10180 and 10301–10400 on chr1 and 50000–50001 on chr2 are 0/0;
 * 10184–10300 is a no-call block; variants at chr1:10101, 10181, 10401 and chr2:50002) next to a three-sample cohort
 * with variants in, at the edge of and outside those blocks. What each call must be is read off the gVCF's lines, not
 * from our output.
 */
class PrsScoringTest {
    private static final Path GVCF = Path.of("../../lib/permed-vcf/src/test/resources/data/patient.g.vcf.gz");
    private static final RequestContext LAB = new RequestContext(new Principal(UserId.of("lab-user"), Set.of(Role.LAB),
            Optional.of(OrganisationId.of("lab-oslo")), Optional.empty(), true), "test");
    private static final String NATIONAL_ID = "15858540043";

    /** cohort line: position, REF, ALT, calls of C1 C2 C3, and the patient's call by the gVCF (null = missing) */
    private record Line(String contig, int position, String reference, String alternate, String calls, String patient) {
    }

    private static final List<Line> LINES = List.of(
            new Line("chr1", 9999, "A", "G", "0/1 0/0 0/0", null),        // before the first block
            new Line("chr1", 10000, "T", "C", "0/0 1/1 0/0", "0/0"),      // first base of block [10000, 10100]
            new Line("chr1", 10050, "G", "A", "0/1 0/1 0/0", "0/0"),      // inside it
            new Line("chr1", 10100, "C", "T", "0/0 0/0 0/1", "0/0"),      // last base
            new Line("chr1", 10150, "A", "C", "1/1 0/1 0/0", "0/0"),      // inside [10102, 10180]
            new Line("chr1", 10250, "C", "A", "0/1 0/1 0/0", null),       // inside the no-call block
            new Line("chr1", 10301, "A", "G", "0/1 0/0 0/1", "0/0"),      // first base of the <*> block [10301, 10400]
            new Line("chr1", 10400, "C", "A", "0/1 0/0 0/0", "0/0"),      // last base
            new Line("chr1", 10402, "A", "C", "0/1 0/0 0/0", null),       // after the last chr1 block
            new Line("chr2", 50001, "A", "C", "0/1 0/0 0/0", "0/0"),      // last base of block [50000, 50001]
            new Line("chr2", 50002, "G", "A", "0/1 0/1 1/1", "0/1"),      // the patient's own variant
            new Line("chr2", 50003, "T", "C", "0/1 0/0 0/0", null));      // after the chr2 block

    @TempDir
    static Path temporary;

    private static Database database;
    private static DataDirectory dataDirectory;
    private static SecurityModule security;
    private static GenomeStore genome;
    private static Pseudonym patient;
    private static Path cohortVcf;
    private static ScoringFile score;

    @BeforeAll
    static void start() throws IOException {
        database = SharedPostgres.freshDatabase();
        dataDirectory = DataDirectory.open(temporary.resolve("data"));
        security = SecurityModule.start(SecurityConfig.defaults().withAcceptSyntheticNationalIds(true), database, dataDirectory,
                Clock.systemUTC());
        genome = GenomeStore.open(database, temporary.resolve("genome"), security.pseudonymizer(), security.auditLog(), Clock.systemUTC());
        genome.ingest(LAB, IngestRequest.of(List.of(GVCF), new IngestTarget.Patient(NATIONAL_ID, "PATIENT1", "lab-oslo"))
                .withAssembly(Assembly.GRCH38), IngestProgress.NONE);
        List<String> text = new ArrayList<>(List.of("##fileformat=VCFv4.2", "##contig=<ID=chr1,length=248956422>",
                "##contig=<ID=chr2,length=242193529>", "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
                "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tC1\tC2\tC3"));
        StringBuilder scoreText = new StringBuilder("#pgs_id=TEST_BLOCKS\n#genome_build=GRCh38\n"
                + "chr_name\tchr_position\teffect_allele\tother_allele\teffect_weight\n");
        for (int index = 0; index < LINES.size(); index++) {
            Line line = LINES.get(index);
            text.add(line.contig() + "\t" + line.position() + "\t.\t" + line.reference() + "\t" + line.alternate() + "\t.\t.\t.\tGT\t"
                    + line.calls().replace(' ', '\t'));
            scoreText.append(line.contig().substring(3)).append('\t').append(line.position()).append('\t').append(line.alternate())
                    .append('\t').append(line.reference()).append('\t').append(weight(index)).append('\n');
        }
        cohortVcf = temporary.resolve("cohort.vcf");
        Files.write(cohortVcf, text, StandardCharsets.UTF_8);
        genome.ingest(LAB, IngestRequest.of(List.of(cohortVcf), new IngestTarget.Cohort("blocks", Optional.empty()))
                .withAssembly(Assembly.GRCH38), IngestProgress.NONE);
        patient = security.pseudonymizer().pseudonymOf(NationalId.parse(NATIONAL_ID));
        Path scoreFile = temporary.resolve("TEST_BLOCKS.txt");
        Files.writeString(scoreFile, scoreText, StandardCharsets.UTF_8);
        score = ScoringFileReader.read(scoreFile);
    }

    /** Weights 1, 2, 4, …: every subset of variants has its own sum. */
    private static double weight(int index) {
        return 1 << index;
    }

    @AfterAll
    static void stop() {
        no.permed.testing.Resources.closeInOrder(genome, security, database, dataDirectory);
    }

    private static int dosage(String call) {
        return call == null ? -1 : (call.charAt(0) == '1' ? 1 : 0) + (call.charAt(2) == '1' ? 1 : 0);
    }

    @Test
    void gvcfReferenceBlocksAreHomozygousReferenceCallsWhenScoringTheStore() {
        ScoringTargets targets = PrsScoring.targets(genome, List.of());
        List<TargetSample> cohort = targets.researchSamples("GRCh38", Optional.empty());
        assertThat(cohort).extracting(TargetSample::name).containsExactly("C1", "C2", "C3");
        assertThat(cohort).allSatisfy(sample -> assertThat(sample.patient()).isEmpty());
        List<TargetSample> own = targets.patientSamples(patient, "GRCh38");
        assertThat(own).extracting(TargetSample::name).containsExactly("PATIENT1");
        assertThat(targets.patientSamples(patient, "GRCh37")).isEmpty();

        List<TargetSample> all = new ArrayList<>(cohort);
        all.addAll(own);
        GenotypeSource source = targets.genotypes(all, "GRCh38").load(Locus.of(score));
        assertThat(source.samples()).containsExactly("C1", "C2", "C3", "PATIENT1");
        for (Line line : LINES) {
            List<TargetSite> sites = source.sites(line.contig().substring(3), line.position());
            TargetSite site = sites.stream().filter(candidate -> candidate.alternates().equals(List.of(line.alternate()))).findFirst()
                    .orElseThrow();
            byte[] calls = source.calls(site);
            int patientDosage = calls[6] < 0 ? -1 : calls[6] + calls[7];
            assertThat(patientDosage).as("patient at %s:%d", line.contig(), line.position()).isEqualTo(dosage(line.patient()));
            String[] cohortCalls = line.calls().split(" ");
            for (int sample = 0; sample < 3; sample++) {
                assertThat(calls[2 * sample] + calls[2 * sample + 1]).isEqualTo(dosage(cohortCalls[sample]));
            }
        }

        // scored without mean imputation: the patient's sum and allele count from the gVCF's lines
        ScoreOptions options = new ScoreOptions(MatchOptions.defaults(), MissingGenotypes.ZERO);
        ScoreResult result = new VcfScorer(options).score(score, source);
        Map<String, SampleScore> bySample = new LinkedHashMap<>();
        result.samples().forEach(sample -> bySample.put(sample.sample(), sample));
        double expectedSum = 0;
        int expectedAlleles = 0;
        for (int index = 0; index < LINES.size(); index++) {
            int dosage = dosage(LINES.get(index).patient());
            if (dosage >= 0) {
                expectedSum += dosage * weight(index);
                expectedAlleles += 2;
            }
        }
        assertThat(expectedAlleles).isEqualTo(16);
        assertThat(bySample.get("PATIENT1").sum()).isCloseTo(expectedSum, within(1e-12));
        assertThat(bySample.get("PATIENT1").alleleCount()).isEqualTo(expectedAlleles);
        assertThat(bySample.get("C1").alleleCount()).isEqualTo(2 * LINES.size());
    }

    @Test
    void oneGvcfPersonGetsTheReferencePanelsSitesTheirBlocksCover() {
        ReferencePanel panel = new ReferencePanel("cohort as reference", "GRCh38", cohortVcf, new Populations("none.tsv", Map.of()),
                Optional.empty());
        ScoringTargets targets = PrsScoring.targets(genome, List.of(panel));
        List<TargetSample> own = targets.patientSamples(patient, "GRCh38");
        GenotypeSource alone = targets.genotypes(own, "GRCh38").load(Locus.of(score));
        ScoreResult result = new VcfScorer(new ScoreOptions(MatchOptions.defaults().withMinimumOverlap(0), MissingGenotypes.ZERO))
                .score(score, alone);
        // matched where the patient has a variant or a block covers the panel's site; the other rows are unmatched
        long covered = LINES.stream().filter(line -> line.patient() != null).count();
        assertThat(result.match().report().matched()).isEqualTo((int) covered);
        double expectedSum = 0;
        for (int index = 0; index < LINES.size(); index++) {
            expectedSum += Math.max(dosage(LINES.get(index).patient()), 0) * weight(index);
        }
        assertThat(result.samples().get(0).sum()).isCloseTo(expectedSum, within(1e-12));
        assertThat(result.samples().get(0).alleleCount()).isEqualTo(2 * (int) covered);

        // without the panel, only the patient's own stored variant is a site
        GenotypeSource bare = PrsScoring.targets(genome, List.of()).genotypes(own, "GRCh38").load(Locus.of(score));
        assertThat(new VcfScorer(new ScoreOptions(MatchOptions.defaults().withMinimumOverlap(0), MissingGenotypes.ZERO))
                .score(score, bare).match().report().matched()).isEqualTo(1);
    }

    @Test
    void theDemoScoreMatchesTheDemoCohortAndSaysItMeasuresNothing() {
        PrsCatalogue catalogue = PrsScoring.demoCatalogue(temporary.resolve("prs-demo"));
        ScoringFile demo = catalogue.scores().get(PrsScoring.DEMO_SCORE_ID);
        assertThat(demo.header().traitReported().orElseThrow()).startsWith("none");
        assertThat(demo.variants()).hasSizeGreaterThan(100);
        ReferencePanel panel = catalogue.panels().get(0);
        assertThat(panel.assembly()).isEqualTo("GRCh37");
        assertThat(panel.ancestry()).isPresent();
        assertThat(panel.ancestry().get().superPopulations()).containsOnlyKeys("AFR", "AMR", "EAS", "EUR", "SAS");
        ScoreResult result = new VcfScorer(ScoreOptions.defaults()).score(demo, panel.vcf());
        assertThat(result.match().report().matched()).isEqualTo(demo.variants().size());
        assertThat(result.samples()).hasSize(2504);
    }
}
