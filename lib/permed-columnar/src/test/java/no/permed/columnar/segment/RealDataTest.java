package no.permed.columnar.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import no.permed.columnar.GenomicRegion;
import no.permed.columnar.Genotype;
import no.permed.columnar.SampleSet;
import no.permed.columnar.Site;
import no.permed.columnar.testdata.TestVcf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real 1000 Genomes data from ../shared/data/genotypes, checked against numbers that do not come
 * from this module: the files' own INFO AC/AN, and bcftools +fill-tags (a resource file).
 */
class RealDataTest {
    /** pgen bytes per genotype of the chr22 file (plink2 v2.00a3.5 --max-alleles 2 --make-pgen: 509,300 bytes). */
    private static final double PGEN_BYTES_PER_GENOTYPE_CHR22 = 509_300.0 / (2504.0 * 9710);

    @TempDir
    Path directory;

    private static TestVcf.Loaded load(String name) {
        Path path = TestVcf.sharedGenotypes(name);
        assumeTrue(path != null, "shared data file " + name + " is not present");
        return TestVcf.load(path);
    }

    private Segment write(TestVcf.Loaded loaded, String name) {
        Path path = directory.resolve(name);
        try (SegmentWriter writer = SegmentWriter.create(path, loaded.sampleCount())) {
            SiteCalls calls = new SiteCalls(loaded.sampleCount());
            for (TestVcf.Record record : loaded.records()) {
                calls.copyFrom(record.calls(), 0);
                writer.add(record.site(), calls);
            }
            writer.commit();
        }
        return Segment.open(path);
    }

    private static void assertRoundTrip(Segment segment, TestVcf.Loaded loaded) {
        SegmentCursor cursor = segment.cursor();
        byte[] codes = new byte[segment.sampleCount()];
        for (TestVcf.Record record : loaded.records()) {
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.site()).isEqualTo(record.site());
            cursor.copyCallsTo(codes, 0);
            assertThat(codes).isEqualTo(record.calls());
        }
        assertThat(cursor.next()).isFalse();
    }

    @Test
    void chromosome22CountsEqualTheFilesOwnInfoCountsAndStorageBeatsPgen() {
        TestVcf.Loaded loaded = load("10k.chr22.phase3_shapeit2_mvncall_integrated_v5.20130502.genotypes.vcf.gz");
        assertThat(loaded.sampleCount()).isEqualTo(2504);
        assertThat(loaded.records()).hasSize(9710);
        try (Segment segment = write(loaded, "chr22.seg")) {
            double bytesPerGenotype = (double) segment.fileBytes() / (2504.0 * segment.siteCount());
            assertThat(bytesPerGenotype).isLessThan(PGEN_BYTES_PER_GENOTYPE_CHR22);

            AlleleCounts counts = segment.countAlleles(SampleSet.all(2504), 2);
            int checked = 0;
            for (int site = 0; site < loaded.records().size(); site++) {
                TestVcf.Record record = loaded.records().get(site);
                assertThat(record.infoAlleleCount()).isNotNegative();
                assertThat(counts.alleleCount(site)).as("AC of %s", record.site()).isEqualTo(record.infoAlleleCount());
                assertThat(counts.alleleNumber(site)).as("AN of %s", record.site()).isEqualTo(record.infoAlleleNumber());
                checked++;
            }
            assertThat(checked).isEqualTo(9710);
            assertRoundTrip(segment, loaded);

            Random random = new Random(22);
            for (int probe = 0; probe < 50; probe++) {
                int site = random.nextInt(loaded.records().size());
                int sample = random.nextInt(2504);
                Site expected = loaded.records().get(site).site();
                List<SiteCall> calls = segment.callsOfSample(sample, GenomicRegion.locus(expected.contig(), expected.position()));
                assertThat(calls).contains(new SiteCall(site, expected, Genotype.of(loaded.records().get(site).calls()[sample])));
                assertThat(segment.carriers(site)).hasSizeLessThanOrEqualTo(counts.alleleCount(site));
            }
        }
    }

    @Test
    void haploidChromosomeXCountsEqualBcftoolsFillTags() throws IOException {
        TestVcf.Loaded loaded = load("tiny1000G.vcf.gz");
        Map<String, int[]> expected = new HashMap<>();
        try (InputStream resource = RealDataTest.class.getResourceAsStream("/expected/tiny1000G.fill-tags.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(resource, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("#")) {
                    String[] fields = line.split("\t");
                    expected.put(fields[0] + ":" + fields[1] + ":" + fields[2] + ":" + fields[3], new int[] {
                        Integer.parseInt(fields[4]), Integer.parseInt(fields[5]), Integer.parseInt(fields[6]),
                        Integer.parseInt(fields[7])});
                }
            }
        }
        try (Segment segment = write(loaded, "tiny.seg")) {
            AlleleCounts counts = segment.countAlleles(SampleSet.all(segment.sampleCount()), 2);
            int haploidSites = 0;
            for (int site = 0; site < loaded.records().size(); site++) {
                Site record = loaded.records().get(site).site();
                int[] bcftools = expected.get(record.toString());
                assertThat(bcftools).as("bcftools row for %s", record).isNotNull();
                assertThat(new int[] {counts.alleleCount(site), counts.alleleNumber(site),
                    2 * counts.homozygousAlternateCount(site), counts.hemizygousAlternateCount(site)})
                        .as("AC, AN, AC_Hom, AC_Hemi of %s", record).isEqualTo(bcftools);
                if (bcftools[3] > 0) {
                    haploidSites++;
                }
            }
            assertThat(haploidSites).isGreaterThan(30);
            assertThat(expected).hasSize(loaded.records().size());
            assertRoundTrip(segment, loaded);
        }
    }

    @Test
    void mixedPhasedAndUnphasedSamplesRoundTripAndCount() {
        TestVcf.Loaded loaded = load("1kg_chr20_1-4Mb_503samples_merged.vcf.gz");
        try (Segment segment = write(loaded, "chr20.seg")) {
            AlleleCounts counts = segment.countAlleles(SampleSet.all(503));
            for (int site = 0; site < loaded.records().size(); site++) {
                TestVcf.Record record = loaded.records().get(site);
                assertThat(counts.alleleCount(site)).isEqualTo(record.infoAlleleCount());
                assertThat(counts.alleleNumber(site)).isEqualTo(record.infoAlleleNumber());
            }
            assertRoundTrip(segment, loaded);
        }
    }
}
