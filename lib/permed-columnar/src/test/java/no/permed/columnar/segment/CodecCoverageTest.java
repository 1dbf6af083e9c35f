package no.permed.columnar.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import no.permed.columnar.testdata.RandomCohort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The random cohorts of the other tests reach every branch of the format. */
class CodecCoverageTest {
    @TempDir
    Path directory;

    @Test
    void randomCohortsUseEveryEncodingFeature() {
        Map<String, Integer> features = new TreeMap<>();
        int seed = 0;
        for (SegmentWriterOptions.Compression compression : SegmentWriterOptions.Compression.values()) {
            for (int round = 0; round < 2; round++, seed++) {
                RandomCohort cohort = RandomCohort.generate(seed, 300, 400);
                Path path = directory.resolve("coverage-" + seed + ".seg");
                cohort.write(path, new SegmentWriterOptions(6, 16 * 1024, 200).withCompression(compression));
                try (Segment segment = Segment.open(path)) {
                    SegmentInspector.features(segment).forEach((feature, count) -> features.merge(feature, count, Integer::sum));
                }
            }
        }
        assertThat(features).containsKeys("sparse", "dense", "dense-xor", "diploid", "ploidy-bitmap", "ploidy-same", "phased",
                "orientation", "exceptions", "deflated-frames", "zstd-frames", "site-zstd-frames", "site-deflated-frames");
    }
}
