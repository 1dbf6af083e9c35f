package no.permed.columnar.segment;

import java.nio.file.Files;
import java.nio.file.Path;
import no.permed.columnar.SampleSet;
import no.permed.columnar.testdata.TestVcf;

/**
 * Hand-run experiment: bytes per genotype of real VCFs. Not a test. Writer options from the system
 * properties of {@link ColumnarBenchmark#optionsFromProperties()}.
 */
public final class StorageExperiment {
    private StorageExperiment() {
    }

    public static void main(String[] arguments) throws Exception {
        Path directory = Files.createTempDirectory("permed-storage");
        for (String name : arguments) {
            Path vcf = TestVcf.sharedGenotypes(name);
            long start = System.nanoTime();
            TestVcf.Loaded loaded = TestVcf.load(vcf);
            long parsed = System.nanoTime();
            Path target = directory.resolve(name + ".seg");
            Files.deleteIfExists(target); // a name given twice is measured again, warm
            WrittenSegment written;
            try (SegmentWriter writer = SegmentWriter.create(target, loaded.sampleCount(),
                    ColumnarBenchmark.optionsFromProperties())) {
                SiteCalls calls = new SiteCalls(loaded.sampleCount());
                for (TestVcf.Record record : loaded.records()) {
                    calls.copyFrom(record.calls(), 0);
                    writer.add(record.site(), calls);
                }
                written = writer.commit();
            }
            long writtenAt = System.nanoTime();
            try (Segment segment = Segment.open(target)) {
                AlleleCounts counts = segment.countAlleles(SampleSet.all(segment.sampleCount()));
                int mismatches = 0;
                for (int site = 0; site < loaded.records().size(); site++) {
                    TestVcf.Record record = loaded.records().get(site);
                    if (record.infoAlleleCount() >= 0 && (record.infoAlleleCount() != counts.alleleCount(site)
                            || record.infoAlleleNumber() != counts.alleleNumber(site))) {
                        mismatches++;
                    }
                }
                System.out.printf("%s: %d samples x %d sites (%d skipped), %d bytes, %.5f bytes/genotype, %d blocks,"
                        + " parse %.0f ms, write %.0f ms, AC/AN mismatches %d%n", name, loaded.sampleCount(),
                        loaded.records().size(), loaded.skipped(), written.fileBytes(), written.bytesPerGenotype(),
                        written.blockCount(), (parsed - start) / 1e6, (writtenAt - parsed) / 1e6, mismatches);
                encodingStatistics(segment);
            }
        }
    }

    private static void encodingStatistics(Segment segment) {
        // summary of stored bytes per frame type
        SegmentFile file = segment.file();
        long siteBytes = 0;
        long genotypeBytes = 0;
        long genotypeRaw = 0;
        for (BlockEntry block : file.blocks) {
            siteBytes += block.siteFrameStoredLength();
            genotypeBytes += block.genotypeFrameStoredLength();
            genotypeRaw += block.genotypeFrameRawLength();
        }
        System.out.printf("   site frames %d bytes, genotype frames %d bytes (raw %d)%n", siteBytes, genotypeBytes, genotypeRaw);
    }
}
