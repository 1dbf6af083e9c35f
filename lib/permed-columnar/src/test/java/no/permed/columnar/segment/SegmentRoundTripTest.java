package no.permed.columnar.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import no.permed.columnar.GenomicRegion;
import no.permed.columnar.Genotype;
import no.permed.columnar.GenotypeCodes;
import no.permed.columnar.Site;
import no.permed.columnar.testdata.RandomCohort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SegmentRoundTripTest {
    @TempDir
    Path directory;

    static Stream<Arguments> cohorts() {
        List<Arguments> arguments = new ArrayList<>();
        int[] sampleCounts = {0, 1, 2, 31, 32, 33, 63, 64, 65, 127, 1000, 2504};
        long seed = 1;
        for (int sampleCount : sampleCounts) {
            int siteCount = sampleCount > 1000 ? 150 : 400;
            arguments.add(Arguments.of(seed++, sampleCount, siteCount, new SegmentWriterOptions(6, 4096, 37)));
            arguments.add(Arguments.of(seed++, sampleCount, siteCount, SegmentWriterOptions.defaults()));
        }
        arguments.add(Arguments.of(seed++, 100, 300, new SegmentWriterOptions(0, 4096, 1)));
        for (SegmentWriterOptions.Compression compression : SegmentWriterOptions.Compression.values()) {
            for (int sampleCount : new int[] {33, 1000}) {
                arguments.add(Arguments.of(seed++, sampleCount, 400,
                        new SegmentWriterOptions(6, 4096, 37).withCompression(compression).withZstdLevel(7)));
            }
        }
        arguments.add(Arguments.of(seed++, 100, 300, new SegmentWriterOptions(0, 4096, 20)
                .withCompression(SegmentWriterOptions.Compression.AUTO)));
        return arguments.stream();
    }

    @ParameterizedTest(name = "seed {0}: {1} samples, {2} sites, {3}")
    @MethodSource("cohorts")
    void everyCallReadsBackExactly(long seed, int sampleCount, int siteCount, SegmentWriterOptions options) {
        RandomCohort cohort = RandomCohort.generate(seed, sampleCount, siteCount);
        Path path = directory.resolve("cohort.seg");
        WrittenSegment written = cohort.write(path, options);
        assertThat(written.siteCount()).isEqualTo(cohort.siteCount());
        assertThat(written.sampleCount()).isEqualTo(sampleCount);

        try (Segment segment = Segment.open(path)) {
            assertThat(segment.siteCount()).isEqualTo(cohort.siteCount());
            assertThat(segment.sampleCount()).isEqualTo(sampleCount);
            assertThat(segment.fileBytes()).isEqualTo(written.fileBytes());

            SegmentCursor cursor = segment.cursor();
            byte[] codes = new byte[sampleCount + 3];
            int site = 0;
            while (cursor.next()) {
                assertThat(cursor.siteIndex()).isEqualTo(site);
                assertThat(cursor.site()).isEqualTo(cohort.site(site));
                cursor.copyCallsTo(codes, 3);
                for (int sample = 0; sample < sampleCount; sample++) {
                    if (codes[3 + sample] != cohort.calls(site)[sample]) {
                        throw new AssertionError("site " + site + " sample " + sample + ": read "
                                + GenotypeCodes.toVcf(codes[3 + sample]) + ", wrote " + GenotypeCodes.toVcf(cohort.calls(site)[sample]));
                    }
                }
                site++;
            }
            assertThat(site).isEqualTo(cohort.siteCount());

            Random random = new Random(seed * 31);
            for (int probe = 0; probe < 40 && cohort.siteCount() > 0; probe++) {
                int siteIndex = random.nextInt(cohort.siteCount());
                Site expected = cohort.site(siteIndex);
                assertThat(segment.site(siteIndex)).isEqualTo(expected);
                assertThat(segment.indexOf(expected)).hasValue(siteIndex);
                assertThat(segment.carriers(siteIndex)).isEqualTo(naiveCarriers(cohort, siteIndex));
                if (sampleCount > 0) {
                    int sample = random.nextInt(sampleCount);
                    List<SiteCall> calls = segment.callsOfSample(sample, GenomicRegion.locus(expected.contig(), expected.position()));
                    assertThat(calls).contains(new SiteCall(siteIndex, expected, Genotype.of(cohort.calls(siteIndex)[sample])));
                    for (SiteCall call : calls) {
                        assertThat(call.site().position()).isEqualTo(expected.position());
                        assertThat(call.genotype()).isEqualTo(Genotype.of(cohort.calls(call.siteIndex())[sample]));
                    }
                }
            }
            for (int probe = 0; probe < 5 && cohort.siteCount() > 0; probe++) {
                Site anchor = cohort.site(random.nextInt(cohort.siteCount()));
                GenomicRegion region = GenomicRegion.of(anchor.contig(), Math.max(1, anchor.position() - 5000), anchor.position() + 200_000);
                List<SiteGenotypes> found = segment.calls(region);
                List<Integer> expected = new ArrayList<>();
                for (int index = 0; index < cohort.siteCount(); index++) {
                    if (region.contains(cohort.site(index).contig(), cohort.site(index).position())) {
                        expected.add(index);
                    }
                }
                assertThat(found).extracting(SiteGenotypes::siteIndex).containsExactlyElementsOf(expected);
                for (SiteGenotypes genotypes : found) {
                    assertThat(genotypes.calls()).hasSize(sampleCount);
                    for (SampleCall call : genotypes.calls()) {
                        assertThat(call.genotype().code()).isEqualTo(cohort.calls(genotypes.siteIndex())[call.sampleIndex()]);
                    }
                }
            }
        }
    }

    static List<SampleCall> naiveCarriers(RandomCohort cohort, int site) {
        List<SampleCall> carriers = new ArrayList<>();
        for (int sample = 0; sample < cohort.sampleCount(); sample++) {
            byte code = cohort.calls(site)[sample];
            if (GenotypeCodes.alternateAlleleCount(code) > 0) {
                carriers.add(new SampleCall(sample, Genotype.of(code)));
            }
        }
        return carriers;
    }

    @Test
    void absentSitesAndRegionsGiveEmptyResults() {
        RandomCohort cohort = RandomCohort.generate(99, 10, 50);
        Path path = directory.resolve("small.seg");
        cohort.write(path, SegmentWriterOptions.defaults());
        try (Segment segment = Segment.open(path)) {
            assertThat(segment.indexOf(new Site("nowhere", 5, "A", "C"))).isEmpty();
            assertThat(segment.calls(GenomicRegion.of("nowhere", 1, 100))).isEmpty();
            Site first = cohort.site(0);
            assertThat(segment.indexOf(new Site(first.contig(), first.position(), first.reference(), first.alternate() + "G")))
                    .isEmpty();
            assertThat(segment.callsOfSample(3, GenomicRegion.of(first.contig(), 1, first.position() - 1 > 0 ? first.position() - 1 : 1)))
                    .allSatisfy(call -> assertThat(call.site().position()).isLessThan(first.position()));
        }
    }

    @Test
    void emptySegmentOpensAndCounts() {
        Path path = directory.resolve("empty.seg");
        try (SegmentWriter writer = SegmentWriter.create(path, 12)) {
            assertThat(writer.commit().siteCount()).isZero();
        }
        try (Segment segment = Segment.open(path)) {
            assertThat(segment.siteCount()).isZero();
            assertThat(segment.contigs()).isEmpty();
            assertThat(segment.cursor().next()).isFalse();
            assertThat(segment.countAlleles(no.permed.columnar.SampleSet.all(12), 2).siteCount()).isZero();
        }
    }
}
