package no.permed.genome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.permed.columnar.GenomicRegion;
import no.permed.columnar.GenotypeCodes;
import no.permed.columnar.segment.Segment;
import no.permed.columnar.segment.SegmentCursor;
import no.permed.genome.ingest.IngestProgress;
import no.permed.genome.ingest.IngestRequest;
import no.permed.genome.ingest.IngestTarget;
import no.permed.genome.query.Carrier;
import no.permed.genome.query.SampleSelection;
import no.permed.genome.query.VariantCounts;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.spi.AuditEvent;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure: from the moment {@code erase} returns, the sample is gone from every query and its exact
 * contribution (computed from bcftools' split genotypes, not from the store) leaves every count; it stays
 * erased over a restart; compaction deletes the old segment file and writes no call of the erased sample
 * to the new one; the audit records the erasure without a national identity number.
 */
class ErasureTest {
    private static final String VA = "VariantAnnotation_chr22_5samples_first2000";
    private static final String PILOT = "pyvcf_1kg_pilot_v40_first120";
    private static final String REASON = "consent withdrawn";

    @TempDir
    Path directory;

    @Test
    void erasingACohortSampleRemovesExactlyItsContribution() throws IOException {
        try (TestStore test = new TestStore(directory)) {
            ingestCohort(test, VA, "va");
            ingestCohort(test, PILOT, "pilot");
            Map<String, String[]> calls = SplitCalls.read(TestStore.vcfExpected(VA + ".split.tsv.gz"));
            List<String> vcfSamples = vcfSamples(TestStore.vcfData(VA + ".vcf.gz"));
            List<StoredSample> cohort = cohort(test.store, "va");
            assertThat(cohort).extracting(StoredSample::sampleId).containsExactlyElementsOf(vcfSamples);

            // the sample with the third VCF column; its contribution from bcftools' calls
            String victimId = vcfSamples.get(2);
            int column = 2;
            StoredSample victim = cohort.stream().filter(sample -> sample.sampleId().equals(victimId)).findFirst().orElseThrow();
            Map<String, int[]> contribution = new LinkedHashMap<>();
            List<String> carried = new ArrayList<>();
            calls.forEach((key, gts) -> {
                contribution.put(key, SplitCalls.tally(gts[column]));
                if (SplitCalls.carries(gts[column])) {
                    carried.add(key);
                }
            });
            assertThat(carried).as("the chosen sample carries variants").hasSizeGreaterThan(100);

            Map<String, Expected.Counts> vaExpected = Expected.counts(TestStore.vcfExpected(VA + ".counts.tsv.gz"));
            Map<String, Expected.Counts> pilotExpected = Expected.counts(TestStore.vcfExpected(PILOT + ".counts.tsv.gz"));
            // before: the sample is there and counted
            assertThat(test.store.carriers(SplitCalls.variant(Assembly.GRCH37, carried.get(0))))
                    .extracting(carrier -> carrier.sample().id()).contains(victim.id());
            assertWholeStoreCounts(test.store, vaExpected, Map.of(), pilotExpected);
            Path victimFile = test.root.resolve("segments").resolve(victim.segmentId() + GenomeStore.SEGMENT_SUFFIX);
            assertThat(nonMissingCalls(victimFile, victim.sampleIndex())).as("the segment holds the sample's calls before")
                    .isGreaterThan(carried.size() - 1);

            test.store.erase(TestStore.LAB, victim.id(), REASON);
            ErasedCohortSample check = new ErasedCohortSample(victim, calls, column, carried, contribution, vaExpected, pilotExpected);
            check.verify(test.store);
            assertThatThrownBy(() -> test.store.erase(TestStore.LAB, victim.id(), REASON))
                    .isInstanceOfSatisfying(PermedException.class, failure ->
                            assertThat(failure.errorCode().code()).isEqualTo("GENOME_SAMPLE_NOT_FOUND"));

            // a restart keeps it erased
            test.reopen();
            check.verify(test.store);

            // compaction: the old files go, the new one holds no call of the erased sample, counts do not change
            List<Path> before = test.store.segmentFiles();
            assertThat(before).hasSize(2).contains(victimFile);
            GenomeStore.CompactionResult result = test.store.compact(TestStore.LAB);
            assertThat(result.segmentsBefore()).isEqualTo(2);
            assertThat(result.segmentsAfter()).isEqualTo(1);
            assertThat(result.erasedSlotsDropped()).isEqualTo(1);
            for (Path old : before) {
                assertThat(old).as("old segment file").doesNotExist();
            }
            check.verify(test.store, true);
            assertCompactedSegmentHoldsNoErasedCalls(test);

            test.reopen();
            check.verify(test.store, true);
            assertCompactedSegmentHoldsNoErasedCalls(test);
            assertThat(filesIn(test.root.resolve("segments"))).as("only the live segment is left on disk")
                    .containsExactlyInAnyOrderElementsOf(test.store.segmentFiles().stream().map(path -> path.getFileName().toString()).toList());

            // the audit: one erasure, with the reason and the row, no subject (research sample), no national ID
            List<AuditEvent> erasures = test.audit.stream().filter(event -> event.action().equals("genome.sample.erase")).toList();
            assertThat(erasures).hasSize(1);
            AuditEvent erasure = erasures.get(0);
            assertThat(erasure.subject()).isEmpty();
            assertThat(erasure.details()).containsEntry("sampleRow", Long.toString(victim.id())).containsEntry("reason", REASON);
            assertNoNationalId(erasure);
        }
    }

    @Test
    void erasingAPatientSampleRemovesItAndItsReferenceCalls() {
        try (TestStore test = new TestStore(directory)) {
            test.store.ingest(TestStore.LAB, IngestRequest.of(List.of(TestStore.vcfData("patient.g.vcf.gz")),
                    new IngestTarget.Patient(TestStore.PATIENT, "PATIENT1", "lab-oslo")).withAssembly(Assembly.GRCH38), IngestProgress.NONE);
            test.store.ingest(TestStore.LAB, IngestRequest.of(List.of(GvcfFixture.writeCohort(directory.resolve("in"), "cohort.vcf")),
                    new IngestTarget.Cohort("blocks", Optional.empty())).withAssembly(Assembly.GRCH38), IngestProgress.NONE);
            Pseudonym pseudonym = test.pseudonymizer.pseudonymOf(no.permed.kernel.NationalId.parse(TestStore.PATIENT));
            List<StoredSample> patientSamples = test.store.samplesOf(List.of(pseudonym));
            assertThat(patientSamples).hasSize(1);
            StoredSample patient = patientSamples.get(0);
            VariantKey own = new VariantKey(Assembly.GRCH38, "1", 10101, "A", "G");
            VariantKey inBlock = new VariantKey(Assembly.GRCH38, "1", 10150, "A", "T");
            assertThat(test.store.carriers(own)).extracting(carrier -> carrier.sample().id()).contains(patient.id());
            int cohortAnInBlock = GvcfFixture.LINES.stream().filter(line -> line.position() == 10150).findFirst().orElseThrow().cohort()[1];
            assertThat(test.store.counts(inBlock, SampleSelection.all()).alleleNumber()).isEqualTo(cohortAnInBlock + 2);
            Path patientFile = test.root.resolve("segments").resolve(patient.segmentId() + GenomeStore.SEGMENT_SUFFIX);
            assertThat(patientFile).exists();

            test.store.erase(TestStore.LAB, patient.id(), REASON);
            verifyPatientErased(test.store, patient, pseudonym, own, inBlock, cohortAnInBlock);
            test.reopen();
            verifyPatientErased(test.store, patient, pseudonym, own, inBlock, cohortAnInBlock);

            List<AuditEvent> erasures = test.audit.stream().filter(event -> event.action().equals("genome.sample.erase")).toList();
            assertThat(erasures).hasSize(1);
            assertThat(erasures.get(0).subject()).contains(pseudonym);
            assertThat(erasures.get(0).details()).containsEntry("sampleRow", Long.toString(patient.id()));
            assertNoNationalId(erasures.get(0));

            test.store.compact(TestStore.LAB);
            assertThat(patientFile).as("the erased patient's segment file").doesNotExist();
            verifyPatientErased(test.store, patient, pseudonym, own, inBlock, cohortAnInBlock);
            assertCompactedSegmentHoldsNoErasedCalls(test);
            test.reopen();
            verifyPatientErased(test.store, patient, pseudonym, own, inBlock, cohortAnInBlock);

            // the laboratory may store a sample under the freed sample ID again
            test.store.ingest(TestStore.LAB, IngestRequest.of(List.of(TestStore.vcfData("patient.g.vcf.gz")),
                    new IngestTarget.Patient(TestStore.PATIENT, "PATIENT1", "lab-oslo")).withAssembly(Assembly.GRCH38), IngestProgress.NONE);
            assertThat(test.store.samplesOf(List.of(pseudonym))).hasSize(1).allSatisfy(sample -> assertThat(sample.id()).isNotEqualTo(patient.id()));
            assertThat(test.store.counts(inBlock, SampleSelection.all()).alleleNumber()).isEqualTo(cohortAnInBlock + 2);
        }
    }

    private static void verifyPatientErased(GenomeStore store, StoredSample patient, Pseudonym pseudonym, VariantKey own,
            VariantKey inBlock, int cohortAnInBlock) {
        assertThat(store.samplesOf(List.of(pseudonym))).isEmpty();
        assertThat(store.samples()).extracting(StoredSample::id).doesNotContain(patient.id());
        assertThat(store.sample(patient.id())).isEmpty();
        assertThat(store.carriers(own)).extracting(carrier -> carrier.sample().id()).doesNotContain(patient.id())
                .hasSize((int) java.util.Arrays.stream(GvcfFixture.LINES.get(4).calls()).filter(SplitCalls::carries).count());
        VariantCounts atOwn = store.counts(own, SampleSelection.all());
        // only the cohort's own calls remain at the patient's variant
        int[] cohortAtOwn = GvcfFixture.LINES.stream().filter(line -> line.position() == 10101 && line.alternate().equals("G"))
                .findFirst().orElseThrow().cohort();
        assertThat(new int[] {atOwn.alleleCount(), atOwn.alleleNumber()}).containsExactly(cohortAtOwn[0], cohortAtOwn[1]);
        assertThat(store.counts(inBlock, SampleSelection.all()).alleleNumber()).as("the reference block no longer counts")
                .isEqualTo(cohortAnInBlock);
        assertThat(store.counts(inBlock, SampleSelection.of(Set.of(patient.id()))).alleleNumber()).isZero();
        assertThatThrownBy(() -> store.genotypes(patient, List.of(new GenomicRegion("1", 1, 1_000_000))))
                .isInstanceOfSatisfying(PermedException.class, failure -> {
                    assertThat(failure.errorCode().code()).isEqualTo("GENOME_SAMPLE_NOT_FOUND");
                    assertThat(failure.getMessage()).doesNotContain(TestStore.PATIENT);
                });
        // the deletions and the insertion only the patient had are no longer counted by anyone
        Map<String, int[]> all = new HashMap<>();
        store.forEachCount(Assembly.GRCH38, SampleSelection.all(), (contig, position, reference, alternate, ac, an, hom, hemi) ->
                all.put(contig + "\t" + position + "\t" + reference + "\t" + alternate, new int[] {ac, an, hom, hemi}));
        for (GvcfFixture.Line line : GvcfFixture.LINES) {
            assertThat(all.get(line.key())).as(line.why()).containsExactly(line.cohort());
        }
        all.forEach((key, counts) -> {
            if (GvcfFixture.LINES.stream().noneMatch(line -> line.key().equals(key))) {
                assertThat(counts).as("a site only the erased patient had: %s", key).containsExactly(0, 0, 0, 0);
            }
        });
    }

    /** What must hold, whenever asked, once the cohort sample is erased. */
    private record ErasedCohortSample(StoredSample victim, Map<String, String[]> calls, int column, List<String> carried,
            Map<String, int[]> contribution, Map<String, Expected.Counts> vaExpected, Map<String, Expected.Counts> pilotExpected) {

        void verify(GenomeStore store) {
            verify(store, false);
        }

        /**
         * @param compacted whether compaction ran since the erasure: it leaves out the sites no live sample
         *     carries (so that the erased person's variant positions leave the disk), which then count as absent
         */
        void verify(GenomeStore store, boolean compacted) {
            assertThat(store.samples()).extracting(StoredSample::id).doesNotContain(victim.id());
            assertThat(store.sample(victim.id())).isEmpty();
            assertThat(store.samplesWithId(victim.sampleId())).isEmpty();
            assertThat(cohort(store, "va")).hasSize(4);
            assertThatThrownBy(() -> store.genotypes(victim, List.of(new GenomicRegion("22", 1, Integer.MAX_VALUE))))
                    .isInstanceOfSatisfying(PermedException.class, failure ->
                            assertThat(failure.errorCode().code()).isEqualTo("GENOME_SAMPLE_NOT_FOUND"));
            assertThatThrownBy(() -> store.selectByIds(List.of("va/" + victim.sampleId())))
                    .isInstanceOfSatisfying(PermedException.class, failure ->
                            assertThat(failure.errorCode().code()).isEqualTo("GENOME_UNKNOWN_SAMPLES"));

            // carriers: exactly the other samples bcftools lists as carrying the variant
            List<String> vcfOrder = cohort(store, "va").stream().map(StoredSample::sampleId).toList();
            for (String key : carried) {
                List<Carrier> carriers = store.carriers(SplitCalls.variant(Assembly.GRCH37, key));
                assertThat(carriers).extracting(carrier -> carrier.sample().id()).as(key).doesNotContain(victim.id());
                Set<String> expected = new HashSet<>();
                String[] gts = calls.get(key);
                List<String> all = new ArrayList<>(vcfOrder);
                all.add(column, victim.sampleId());
                for (int index = 0; index < gts.length; index++) {
                    if (index != column && SplitCalls.carries(gts[index])) {
                        expected.add(all.get(index));
                    }
                }
                assertThat(carriers.stream().filter(carrier -> carrier.sample().cohort().equals(Optional.of("va")))
                        .map(carrier -> carrier.sample().sampleId()).collect(Collectors.toSet())).as(key).isEqualTo(expected);
            }

            // whole-store counts: both cohorts, the erased sample's calls subtracted
            assertWholeStoreCounts(store, vaExpected, contribution, pilotExpected, compacted);

            // the cohort's remaining samples (the erased row id in the selection is ignored)
            Set<Long> rows = new HashSet<>();
            cohort(store, "va").forEach(sample -> rows.add(sample.id()));
            rows.add(victim.id());
            Map<String, Expected.Counts> actual = new HashMap<>();
            store.forEachCount(Assembly.GRCH37, SampleSelection.of(rows), (contig, position, reference, alternate, ac, an, hom, hemi) ->
                    actual.put(contig + "\t" + position + "\t" + reference + "\t" + alternate, new Expected.Counts(ac, an, hom, hemi)));
            for (Map.Entry<String, Expected.Counts> entry : vaExpected.entrySet()) {
                Expected.Counts remaining = SplitCalls.minus(entry.getValue(), contribution.get(entry.getKey()));
                if (compacted && remaining.ac() == 0 && !carriedByPilot(entry.getKey())) {
                    assertThat(actual).as("dropped by compaction: %s", entry.getKey()).doesNotContainKey(entry.getKey());
                } else {
                    assertThat(actual.get(entry.getKey())).as(entry.getKey()).isEqualTo(remaining);
                }
            }
            actual.forEach((key, counts) -> {
                if (!vaExpected.containsKey(key)) {
                    assertThat(counts).as("a site of the other cohort, counted over this one: %s", key)
                            .isEqualTo(new Expected.Counts(0, 0, 0, 0));
                }
            });

            // single-variant counts agree, on every variant the sample carried and every 20th other one
            int index = 0;
            for (Map.Entry<String, Expected.Counts> entry : vaExpected.entrySet()) {
                if (index++ % 20 == 0 || carried.contains(entry.getKey())) {
                    VariantCounts counts = store.counts(SplitCalls.variant(Assembly.GRCH37, entry.getKey()), SampleSelection.of(rows));
                    Expected.Counts remaining = SplitCalls.minus(entry.getValue(), contribution.get(entry.getKey()));
                    if (compacted && remaining.ac() == 0 && !carriedByPilot(entry.getKey())) {
                        remaining = new Expected.Counts(0, 0, 0, 0);
                    }
                    assertThat(new Expected.Counts(counts.alleleCount(), counts.alleleNumber(), counts.homozygotes(), counts.hemizygotes()))
                            .as(entry.getKey()).isEqualTo(remaining);
                }
            }
        }

        private boolean carriedByPilot(String key) {
            Expected.Counts pilot = pilotExpected.get(key);
            return pilot != null && pilot.ac() > 0;
        }
    }

    private static void assertWholeStoreCounts(GenomeStore store, Map<String, Expected.Counts> va, Map<String, int[]> minus,
            Map<String, Expected.Counts> pilot) {
        assertWholeStoreCounts(store, va, minus, pilot, false);
    }

    /** With {@code compacted}, the sites no live sample carries are expected to be gone. */
    private static void assertWholeStoreCounts(GenomeStore store, Map<String, Expected.Counts> va, Map<String, int[]> minus,
            Map<String, Expected.Counts> pilot, boolean compacted) {
        Map<String, int[]> expected = new HashMap<>();
        va.forEach((key, counts) -> {
            int[] removed = minus.getOrDefault(key, new int[4]);
            expected.put(key, new int[] {counts.ac() - removed[0], counts.an() - removed[1], counts.hom() - removed[2], counts.hemi() - removed[3]});
        });
        pilot.forEach((key, counts) -> {
            int[] sum = expected.computeIfAbsent(key, ignored -> new int[4]);
            sum[0] += counts.ac();
            sum[1] += counts.an();
            sum[2] += counts.hom();
            sum[3] += counts.hemi();
        });
        if (compacted) {
            expected.values().removeIf(counts -> counts[0] == 0);
        }
        Map<String, int[]> actual = new HashMap<>();
        store.forEachCount(Assembly.GRCH37, SampleSelection.all(), (contig, position, reference, alternate, ac, an, hom, hemi) ->
                actual.put(contig + "\t" + position + "\t" + reference + "\t" + alternate, new int[] {ac, an, hom, hemi}));
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, counts) -> assertThat(actual.get(key)).as(key).containsExactly(counts));
    }

    /** Every live segment of the store: its slots without a live sample hold only missing calls. */
    private static void assertCompactedSegmentHoldsNoErasedCalls(TestStore test) {
        for (Path file : test.store.segmentFiles()) {
            String segmentId = file.getFileName().toString().replace(GenomeStore.SEGMENT_SUFFIX, "");
            Set<Integer> live = new HashSet<>();
            test.store.samples().stream().filter(sample -> sample.segmentId().toString().equals(segmentId))
                    .forEach(sample -> live.add(sample.sampleIndex()));
            try (Segment segment = Segment.open(file)) {
                assertThat(segment.erasedSamples().isEmpty()).isTrue();
                for (int slot = 0; slot < segment.sampleCount(); slot++) {
                    if (!live.contains(slot)) {
                        assertThat(nonMissingCalls(segment, slot)).as("calls in erased slot %d of %s", slot, file.getFileName()).isZero();
                    }
                }
            }
        }
    }

    private static long nonMissingCalls(Path file, int slot) {
        try (Segment segment = Segment.open(file)) {
            return nonMissingCalls(segment, slot);
        }
    }

    private static long nonMissingCalls(Segment segment, int slot) {
        long found = 0;
        SegmentCursor cursor = segment.cursor();
        byte[] codes = new byte[segment.sampleCount()];
        while (cursor.next()) {
            cursor.copyCallsTo(codes, 0);
            if (!GenotypeCodes.isMissing(codes[slot])) {
                found++;
            }
        }
        return found;
    }

    static void assertNoNationalId(AuditEvent event) {
        assertThat(event.details().values()).noneMatch(value -> value.contains(TestStore.PATIENT));
        assertThat(event.details().keySet()).noneMatch(value -> value.contains(TestStore.PATIENT));
        assertThat(event.toString()).doesNotContain(TestStore.PATIENT);
    }

    private static void ingestCohort(TestStore test, String name, String cohort) {
        test.store.ingest(TestStore.LAB, IngestRequest.of(List.of(TestStore.vcfData(name + ".vcf.gz")),
                new IngestTarget.Cohort(cohort, Optional.empty())).withAssembly(Assembly.GRCH37), IngestProgress.NONE);
    }

    static List<StoredSample> cohort(GenomeStore store, String name) {
        return store.samples().stream().filter(sample -> sample.cohort().equals(Optional.of(name)))
                .sorted(java.util.Comparator.comparingInt(StoredSample::sampleIndex)).toList();
    }

    /** The sample names of a VCF's #CHROM line. */
    static List<String> vcfSamples(Path vcf) {
        for (String line : TestStore.lines(vcf)) {
            if (line.startsWith("#CHROM")) {
                String[] columns = line.split("\t");
                return List.of(columns).subList(9, columns.length);
            }
        }
        throw new IllegalStateException(vcf + " has no #CHROM line");
    }

    private static List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
