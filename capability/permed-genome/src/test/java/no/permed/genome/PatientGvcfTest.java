package no.permed.genome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.permed.columnar.GenomicRegion;
import no.permed.genome.ingest.IngestProgress;
import no.permed.genome.ingest.IngestRequest;
import no.permed.genome.ingest.IngestResult;
import no.permed.genome.ingest.IngestTarget;
import no.permed.genome.query.GenotypeCall;
import no.permed.genome.query.SampleSelection;
import no.permed.genome.query.VariantCounts;
import no.permed.kernel.NationalId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.spi.AuditEvent;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A patient's gVCF: its 0/0 reference blocks give allele numbers at variants other samples carry (and its
 * no-call block and uncovered positions do not), the patient's calls come back by region and pseudonym,
 * the audit names the pseudonym and never the national identity number, and a laboratory's sample ID is
 * taken once.
 */
class PatientGvcfTest {
    private static final String LAB = "lab-oslo";

    @TempDir
    Path directory;

    private static IngestRequest patientRequest(String nationalId, String laboratory) {
        return IngestRequest.of(List.of(TestStore.vcfData("patient.g.vcf.gz")), new IngestTarget.Patient(nationalId, "PATIENT1", laboratory))
                .withAssembly(Assembly.GRCH38);
    }

    @Test
    void referenceBlocksGiveAlleleNumbers() {
        try (TestStore test = new TestStore(directory)) {
            IngestResult patientResult = test.store.ingest(TestStore.LAB, patientRequest(TestStore.PATIENT, LAB), IngestProgress.NONE);
            assertThat(patientResult.referenceBlocks()).as("blocks of the gVCF, the no-call block included").isEqualTo(5);
            Path cohortFile = GvcfFixture.writeCohort(directory.resolve("in"), "cohort.vcf");
            test.store.ingest(TestStore.LAB, IngestRequest.of(List.of(cohortFile), new IngestTarget.Cohort("blocks", Optional.empty()))
                    .withAssembly(Assembly.GRCH38), IngestProgress.NONE);
            Pseudonym pseudonym = test.pseudonymizer.pseudonymOf(NationalId.parse(TestStore.PATIENT));
            StoredSample patient = test.store.samplesOf(List.of(pseudonym)).get(0);

            // each cohort variant: the cohort's calls plus the patient's hand-derived share
            for (GvcfFixture.Line line : GvcfFixture.LINES) {
                VariantKey variant = SplitCalls.variant(Assembly.GRCH38, line.key());
                int[] cohort = line.cohort();
                VariantCounts all = test.store.counts(variant, SampleSelection.all());
                assertThat(new int[] {all.alleleCount(), all.alleleNumber(), all.homozygotes(), all.hemizygotes()})
                        .as("%s: %s", line.key(), line.why())
                        .containsExactly(cohort[0] + line.patientAc(), cohort[1] + line.patientAn(), cohort[2] + line.patientHom(), 0);
                VariantCounts alone = test.store.counts(variant, SampleSelection.of(Set.of(patient.id())));
                assertThat(new int[] {alone.alleleCount(), alone.alleleNumber()}).as("the patient alone, %s: %s", line.key(), line.why())
                        .containsExactly(line.patientAc(), line.patientAn());
            }

            // forEachCount agrees with counts for every variant, and lists exactly the cohort's variants and the patient's
            // (bcftools' split variants of the gVCF, without <NON_REF>)
            Map<String, int[]> visited = new LinkedHashMap<>();
            test.store.forEachCount(Assembly.GRCH38, SampleSelection.all(), (contig, position, reference, alternate, ac, an, hom, hemi) ->
                    visited.put(contig + "\t" + position + "\t" + reference + "\t" + alternate, new int[] {ac, an, hom, hemi}));
            Set<String> expectedKeys = new HashSet<>();
            GvcfFixture.LINES.forEach(line -> expectedKeys.add(line.key()));
            List<String> patientVariants = new ArrayList<>();
            for (String line : TestStore.lines(TestStore.vcfExpected("gvcf.variants.tsv"))) {
                String[] columns = line.split("\t");
                patientVariants.add(Expected.key(columns[0], Integer.parseInt(columns[1]), columns[2], columns[3]));
            }
            expectedKeys.addAll(patientVariants);
            assertThat(visited.keySet()).containsExactlyInAnyOrderElementsOf(expectedKeys);
            visited.forEach((key, counts) -> {
                VariantCounts single = test.store.counts(SplitCalls.variant(Assembly.GRCH38, key), SampleSelection.all());
                assertThat(new int[] {single.alleleCount(), single.alleleNumber(), single.homozygotes(), single.hemizygotes()})
                        .as("forEachCount and counts at %s", key).containsExactly(counts);
            });
            // the same with the patient alone selected (one segment only)
            test.store.forEachCount(Assembly.GRCH38, SampleSelection.of(Set.of(patient.id())),
                    (contig, position, reference, alternate, ac, an, hom, hemi) -> {
                        VariantKey variant = new VariantKey(Assembly.GRCH38, contig, position, reference, alternate);
                        VariantCounts single = test.store.counts(variant, SampleSelection.of(Set.of(patient.id())));
                        assertThat(new int[] {single.alleleCount(), single.alleleNumber(), single.homozygotes(), single.hemizygotes()})
                                .as("patient alone at %s", variant).containsExactly(ac, an, hom, hemi);
                    });

            // the patient's calls in a region: bcftools' split calls of the gVCF (its variants, no blocks)
            Map<String, String> calls = new LinkedHashMap<>();
            for (GenotypeCall call : test.store.genotypes(patient, List.of(new GenomicRegion("chr1", 10_000, 10_400)))) {
                calls.put(SplitCalls.key(call.variant()), call.genotype().toString());
            }
            Map<String, String> expectedCalls = new LinkedHashMap<>();
            for (String line : TestStore.lines(TestStore.vcfExpected("gvcf.variants.tsv"))) {
                String[] columns = line.split("\t");
                int position = Integer.parseInt(columns[1]);
                if (columns[0].equals("chr1") && position >= 10_000 && position <= 10_400) {
                    expectedCalls.put(Expected.key(columns[0], position, columns[2], columns[3]), columns[4]);
                }
            }
            assertThat(expectedCalls).hasSize(3);
            assertThat(calls).isEqualTo(expectedCalls);
            assertThat(test.store.genotypes(patient, List.of(new GenomicRegion("2", 1, 100_000))))
                    .extracting(call -> SplitCalls.key(call.variant()) + " " + call.genotype()).containsExactly("2\t50002\tG\tA 0/1");

            // by pseudonym: found among several pseudonyms, not under another one
            Pseudonym other = test.pseudonymizer.pseudonymOf(NationalId.parse(anotherValidNationalId()));
            assertThat(test.store.samplesOf(List.of(other, pseudonym))).extracting(StoredSample::id).containsExactly(patient.id());
            assertThat(test.store.samplesOf(List.of(other))).isEmpty();
            assertThat(patient.sampleId()).isEqualTo("PATIENT1");
            assertThat(patient.laboratory()).contains(LAB);
            assertThat(patient.cohort()).isEmpty();

            // the audit: the ingest names the pseudonym; nothing names the national ID
            List<AuditEvent> ingests = test.audit.stream().filter(event -> event.action().equals("genome.sample.ingest")).toList();
            assertThat(ingests).hasSize(2);
            assertThat(ingests.get(0).subject()).contains(pseudonym);
            assertThat(ingests.get(1).subject()).isEmpty();
            test.audit.forEach(ErasureTest::assertNoNationalId);
            assertThat(patient.toString()).doesNotContain(TestStore.PATIENT);

            // compaction merges the gVCF patient's segment with the cohort's: the patient's calls at the cohort's
            // variants become 0/0 where a reference block covered them and ./. elsewhere, so every count stays the
            // same, and the patient's own calls are unchanged
            assertThat(test.store.stats().segments()).isEqualTo(2);
            GenomeStore.CompactionResult compacted = test.store.compact(TestStore.LAB);
            assertThat(compacted.segmentsAfter()).isEqualTo(1);
            for (int round = 0; round < 2; round++) {
                GenomeStore compactedStore = round == 0 ? test.store : test.reopen();
                Map<String, int[]> after = new LinkedHashMap<>();
                compactedStore.forEachCount(Assembly.GRCH38, SampleSelection.all(), (contig, position, reference, alternate, ac, an, hom, hemi) ->
                        after.put(contig + "\t" + position + "\t" + reference + "\t" + alternate, new int[] {ac, an, hom, hemi}));
                assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(visited.keySet());
                visited.forEach((key, counts) -> assertThat(after.get(key)).as("after compaction at %s", key).containsExactly(counts));
                StoredSample moved = compactedStore.samplesOf(List.of(pseudonym)).get(0);
                Map<String, String> ownCalls = new LinkedHashMap<>();
                for (GenotypeCall call : compactedStore.genotypes(moved, List.of(new GenomicRegion("chr1", 10_000, 10_400)))) {
                    if (expectedCalls.containsKey(SplitCalls.key(call.variant()))) {
                        ownCalls.put(SplitCalls.key(call.variant()), call.genotype().toString());
                    }
                }
                assertThat(ownCalls).isEqualTo(expectedCalls);
            }
        }
    }

    @Test
    void aLaboratoryStoresASampleIdOnce() {
        try (TestStore test = new TestStore(directory)) {
            test.store.ingest(TestStore.LAB, patientRequest(TestStore.PATIENT, LAB), IngestProgress.NONE);
            int events = test.audit.size();
            String segmentsBefore = test.store.segmentFiles().toString();

            assertThatThrownBy(() -> test.store.ingest(TestStore.LAB, patientRequest(TestStore.PATIENT, LAB), IngestProgress.NONE))
                    .isInstanceOfSatisfying(PermedException.class, failure -> {
                        assertThat(failure.errorCode().code()).isEqualTo("GENOME_SAMPLE_EXISTS");
                        assertThat(failure.getMessage()).contains("PATIENT1").doesNotContain(TestStore.PATIENT);
                        assertThat(failure.details().values()).noneMatch(value -> String.valueOf(value).contains(TestStore.PATIENT));
                    });
            // also for the same sample ID given for another patient of the same laboratory
            assertThatThrownBy(() -> test.store.ingest(TestStore.LAB, patientRequest(anotherValidNationalId(), LAB), IngestProgress.NONE))
                    .isInstanceOfSatisfying(PermedException.class, failure -> {
                        assertThat(failure.errorCode().code()).isEqualTo("GENOME_SAMPLE_EXISTS");
                        assertThat(failure.getMessage()).doesNotContain(anotherValidNationalId()).doesNotContain(TestStore.PATIENT);
                    });
            assertThat(test.store.samples()).hasSize(1);
            assertThat(test.audit).hasSize(events);
            assertThat(test.store.segmentFiles().toString()).isEqualTo(segmentsBefore);
            assertThat(test.reopen().samples()).hasSize(1);

            // another laboratory may use the same sample ID
            test.store.ingest(TestStore.LAB, patientRequest(TestStore.PATIENT, "lab-bergen"), IngestProgress.NONE);
            Pseudonym pseudonym = test.pseudonymizer.pseudonymOf(NationalId.parse(TestStore.PATIENT));
            assertThat(test.store.samplesOf(List.of(pseudonym))).extracting(sample -> sample.laboratory().orElseThrow())
                    .containsExactlyInAnyOrder(LAB, "lab-bergen");
            assertThat(test.store.samplesWithId("PATIENT1")).hasSize(2);
            // both gVCFs count: AN 4 inside a reference block (a variant neither holds), AC 2 at their variant
            assertThat(test.store.counts(new VariantKey(Assembly.GRCH38, "1", 10150, "A", "T"), SampleSelection.all()).alleleNumber())
                    .isEqualTo(4);
            VariantCounts own = test.store.counts(new VariantKey(Assembly.GRCH38, "1", 10101, "A", "G"), SampleSelection.all());
            assertThat(new int[] {own.alleleCount(), own.alleleNumber()}).containsExactly(2, 4);
            test.audit.forEach(ErasureTest::assertNoNationalId);
        }
    }

    /** A second valid national identity number (11 digits with correct check digits), found by search, not typed in. */
    static String anotherValidNationalId() {
        for (long candidate = 10_10_19_001_00L; candidate < 10_10_19_999_99L; candidate++) {
            String digits = String.format(java.util.Locale.ROOT, "%011d", candidate);
            if (!digits.equals(TestStore.PATIENT) && NationalId.isValid(digits)) {
                return digits;
            }
        }
        throw new IllegalStateException("no valid national identity number found");
    }
}
