package no.permed.columnar.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.columnar.GenotypeCodes;
import no.permed.columnar.SampleSet;
import no.permed.columnar.Site;
import no.permed.columnar.segment.Segment;
import no.permed.columnar.segment.SegmentCursor;
import no.permed.columnar.segment.SegmentWriter;
import no.permed.columnar.segment.SegmentWriterOptions;
import no.permed.columnar.segment.SiteCalls;
import no.permed.columnar.segment.WrittenSegment;
import no.permed.columnar.testdata.RandomCohort;
import no.permed.kernel.PermedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentCompactorTest {
    private static final SegmentWriterOptions SMALL_BLOCKS = new SegmentWriterOptions(6, 4096, 23);

    @TempDir
    Path directory;

    /** Writes the given sites (indices into the cohort) and a column range of samples. */
    private Path write(String name, RandomCohort cohort, List<Integer> sites, int fromSample, int toSample) {
        Path path = directory.resolve(name);
        try (SegmentWriter writer = SegmentWriter.create(path, toSample - fromSample, SMALL_BLOCKS)) {
            SiteCalls calls = new SiteCalls(toSample - fromSample);
            for (int site : sites) {
                System.arraycopy(cohort.calls(site), fromSample, calls.codes(), 0, toSample - fromSample);
                writer.add(cohort.site(site), calls);
            }
            writer.commit();
        }
        return path;
    }

    private static void assertSegmentEquals(Path path, RandomCohort cohort, List<Integer> sites) {
        try (Segment segment = Segment.open(path)) {
            assertThat(segment.siteCount()).isEqualTo(sites.size());
            assertThat(segment.sampleCount()).isEqualTo(cohort.sampleCount());
            SegmentCursor cursor = segment.cursor();
            byte[] codes = new byte[cohort.sampleCount()];
            for (int site : sites) {
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.site()).isEqualTo(cohort.site(site));
                cursor.copyCallsTo(codes, 0);
                assertThat(codes).isEqualTo(cohort.calls(site));
            }
            assertThat(cursor.next()).isFalse();
        }
    }

    private static List<Integer> range(int count) {
        List<Integer> all = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            all.add(index);
        }
        return all;
    }

    @Test
    void mergingInterleavedSitesRestoresTheWholeSegment() {
        RandomCohort cohort = RandomCohort.generate(31, 90, 500);
        Random random = new Random(31);
        List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int part = 0;
        for (int site = 0; site < cohort.siteCount(); site++) {
            boolean samePosition = site > 0 && cohort.site(site).contig().equals(cohort.site(site - 1).contig())
                    && cohort.site(site).position() == cohort.site(site - 1).position();
            if (!samePosition) {
                part = random.nextInt(3);
            }
            parts.get(part).add(site);
        }
        List<Segment> inputs = new ArrayList<>();
        try {
            for (int index = 0; index < 3; index++) {
                inputs.add(Segment.open(write("part-" + index + ".seg", cohort, parts.get(index), 0, 90)));
            }
            WrittenSegment merged = SegmentCompactor.mergeSites(inputs, directory.resolve("merged.seg"), SMALL_BLOCKS);
            assertThat(merged.siteCount()).isEqualTo(500);
        } finally {
            inputs.forEach(Segment::close);
        }
        assertSegmentEquals(directory.resolve("merged.seg"), cohort, range(500));
    }

    @Test
    void mergingSampleColumnsRestoresTheWholeSegment() {
        RandomCohort cohort = RandomCohort.generate(32, 130, 300);
        List<Segment> inputs = new ArrayList<>();
        try {
            inputs.add(Segment.open(write("a.seg", cohort, range(300), 0, 64)));
            inputs.add(Segment.open(write("b.seg", cohort, range(300), 64, 65)));
            inputs.add(Segment.open(write("c.seg", cohort, range(300), 65, 130)));
            SegmentCompactor.mergeSamples(inputs, directory.resolve("merged.seg"), AbsentCalls.MISSING, SMALL_BLOCKS);
        } finally {
            inputs.forEach(Segment::close);
        }
        assertSegmentEquals(directory.resolve("merged.seg"), cohort, range(300));
    }

    @Test
    void sitesAbsentFromAnInputAreFilledAndErasedSamplesAreErasedPhysically() {
        RandomCohort cohort = RandomCohort.generate(33, 40, 200);
        List<Integer> even = new ArrayList<>();
        for (int site = 0; site < 200; site += 2) {
            even.add(site);
        }
        Path left = write("left.seg", cohort, range(200), 0, 20);
        Path right = write("right.seg", cohort, even, 20, 40);
        Path merged = directory.resolve("merged.seg");
        try (Segment leftSegment = Segment.open(left); Segment rightSegment = Segment.open(right)) {
            Segment erasedView = leftSegment.withErasedSamples(SampleSet.of(20, 3));
            SegmentCompactor.mergeSamples(List.of(erasedView, rightSegment), merged, AbsentCalls.HOMOZYGOUS_REFERENCE,
                    SMALL_BLOCKS);
        }
        try (Segment segment = Segment.open(merged)) {
            assertThat(segment.siteCount()).isEqualTo(200);
            SegmentCursor cursor = segment.cursor();
            byte[] codes = new byte[40];
            for (int site = 0; site < 200; site++) {
                assertThat(cursor.next()).isTrue();
                cursor.copyCallsTo(codes, 0);
                for (int sample = 0; sample < 40; sample++) {
                    byte expected;
                    if (sample == 3) {
                        expected = GenotypeCodes.MISSING_DIPLOID;
                    } else if (sample >= 20 && site % 2 == 1) {
                        expected = GenotypeCodes.HOMOZYGOUS_REFERENCE;
                    } else {
                        expected = cohort.calls(site)[sample];
                    }
                    assertThat(codes[sample]).as("site %d sample %d", site, sample).isEqualTo(expected);
                }
            }
        }
    }

    /** After an erasure, the sites only the erased sample carried leave the file; the others keep every call. */
    @Test
    void sitesWithoutCarriersAreDroppedWhenAsked() {
        RandomCohort cohort = RandomCohort.generate(35, 12, 300);
        Path input = write("input.seg", cohort, range(300), 0, 12);
        Path merged = directory.resolve("dropped.seg");
        int erased = 5;
        java.util.List<Integer> kept = new ArrayList<>();
        for (int site = 0; site < 300; site++) {
            byte[] calls = cohort.calls(site);
            boolean carried = false;
            for (int sample = 0; sample < 12; sample++) {
                if (sample != erased && (GenotypeCodes.firstAllele(calls[sample]) == GenotypeCodes.ALTERNATE
                        || (GenotypeCodes.ploidy(calls[sample]) == 2 && GenotypeCodes.secondAllele(calls[sample]) == GenotypeCodes.ALTERNATE))) {
                    carried = true;
                }
            }
            if (carried) {
                kept.add(site);
            }
        }
        assertThat(kept).hasSizeLessThan(300).isNotEmpty();
        try (Segment segment = Segment.open(input)) {
            SegmentCompactor.mergeSamples(List.of(segment.withErasedSamples(SampleSet.of(12, erased))), merged,
                    AbsentCalls.MISSING, SMALL_BLOCKS, true);
        }
        try (Segment segment = Segment.open(merged)) {
            assertThat(segment.siteCount()).isEqualTo(kept.size());
            SegmentCursor cursor = segment.cursor();
            byte[] codes = new byte[12];
            for (int site : kept) {
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.site()).isEqualTo(cohort.site(site));
                cursor.copyCallsTo(codes, 0);
                for (int sample = 0; sample < 12; sample++) {
                    byte expected = sample == erased ? GenotypeCodes.MISSING_DIPLOID : cohort.calls(site)[sample];
                    assertThat(codes[sample]).as("site %d sample %d", site, sample).isEqualTo(expected);
                }
            }
            assertThat(cursor.next()).isFalse();
        }
    }

    @Test
    void incompatibleInputsAreRejectedWithoutWritingAnything() {
        RandomCohort cohort = RandomCohort.generate(34, 10, 50);
        Path whole = write("whole.seg", cohort, range(50), 0, 10);
        Path fewerSamples = write("fewer.seg", cohort, range(50), 0, 9);
        Path target = directory.resolve("never.seg");
        try (Segment first = Segment.open(whole); Segment second = Segment.open(whole); Segment fewer = Segment.open(fewerSamples)) {
            assertThatThrownBy(() -> SegmentCompactor.mergeSites(List.of(first, second), target, SMALL_BLOCKS))
                    .isInstanceOfSatisfying(PermedException.class, error ->
                            assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.INCOMPATIBLE_SEGMENTS))
                    .hasMessageContaining("disjoint");
            assertThatThrownBy(() -> SegmentCompactor.mergeSites(List.of(first, fewer), target, SMALL_BLOCKS))
                    .isInstanceOfSatisfying(PermedException.class, error ->
                            assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.SAMPLE_COUNT_MISMATCH));
        }
        assertThat(target).doesNotExist();

        Path oneTwo = directory.resolve("one-two.seg");
        Path twoOne = directory.resolve("two-one.seg");
        writeContigs(oneTwo, "1", "2");
        writeContigs(twoOne, "2", "1");
        try (Segment a = Segment.open(oneTwo); Segment b = Segment.open(twoOne)) {
            assertThatThrownBy(() -> SegmentCompactor.mergeSamples(List.of(a, b), target, AbsentCalls.MISSING, SMALL_BLOCKS))
                    .isInstanceOfSatisfying(PermedException.class, error ->
                            assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.INCOMPATIBLE_SEGMENTS))
                    .hasMessageContaining("order the contigs");
        }
        assertThat(target).doesNotExist();
    }

    @Test
    void contigOrdersOfDifferentInputsAreCombined() {
        Path early = directory.resolve("early.seg");
        Path late = directory.resolve("late.seg");
        writeContigs(early, "1", "2", "X");
        writeContigs(late, "2", "10", "X", "MT");
        try (Segment a = Segment.open(early); Segment b = Segment.open(late)) {
            SegmentCompactor.mergeSamples(List.of(a, b), directory.resolve("merged.seg"), AbsentCalls.MISSING, SMALL_BLOCKS);
        }
        try (Segment merged = Segment.open(directory.resolve("merged.seg"))) {
            assertThat(merged.contigs()).containsExactly("1", "2", "10", "X", "MT");
            assertThat(merged.sampleCount()).isEqualTo(4);
        }
    }

    private static void writeContigs(Path path, String... contigs) {
        try (SegmentWriter writer = SegmentWriter.create(path, 2)) {
            for (String contig : contigs) {
                writer.add(new Site(contig, 100, "A", "G"), new SiteCalls(2));
            }
            writer.commit();
        }
    }
}
