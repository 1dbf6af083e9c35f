package no.permed.genome;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.genome.ingest.IngestProgress;
import no.permed.genome.ingest.IngestRequest;
import no.permed.genome.ingest.IngestResult;
import no.permed.genome.ingest.IngestTarget;
import no.permed.genome.query.SampleSelection;
import no.permed.vcf.genome.Assembly;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole-cohort AC, AN and HOM from the store equal {@code bcftools +fill-tags} (after
 * {@code bcftools norm -m-}) for every multi-sample real-data file, variant by variant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CohortCountsTest {
    @TempDir
    static Path directory;
    TestStore test;

    @BeforeAll
    void start() {
        test = new TestStore(directory);
    }

    @AfterAll
    void stop() {
        test.close();
    }

    static List<String> files() {
        return Expected.multiSampleSubsets();
    }

    static Assembly assemblyOf(String name) {
        return name.startsWith("tiny1000G") ? Assembly.GRCH38 : Assembly.GRCH37;
    }

    @Order(1)
    @ParameterizedTest
    @MethodSource("files")
    void countsEqualBcftoolsFillTags(String name) {
        IngestResult result = test.store.ingest(TestStore.LAB,
                IngestRequest.of(List.of(TestStore.vcfData(name + ".vcf.gz")), new IngestTarget.Cohort(name, Optional.empty()))
                        .withAssembly(assemblyOf(name)),
                IngestProgress.NONE);
        Map<String, Expected.Counts> expected = Expected.counts(TestStore.vcfExpected(name + ".counts.tsv.gz"));

        List<String> ids = test.store.samples().stream().filter(sample -> sample.cohort().orElse("").equals(name))
                .map(sample -> name + "/" + sample.sampleId()).toList();
        assertThat(ids).hasSize(result.sampleIds().size());
        Map<String, Expected.Counts> actual = new LinkedHashMap<>();
        test.store.forEachCount(assemblyOf(name), test.store.selectByIds(ids), (contig, position, reference, alternate, ac, an, hom, hemi) ->
                actual.put(contig + "\t" + position + "\t" + reference + "\t" + alternate, new Expected.Counts(ac, an, hom, hemi)));

        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, Expected.Counts> entry : expected.entrySet()) {
            assertThat(actual.get(entry.getKey())).as("%s %s", name, entry.getKey()).isEqualTo(entry.getValue());
        }
        assertThat(result.sites()).isEqualTo(expected.size());
    }

    /**
     * With all GRCh37 cohorts in the store, whole-store counts merge the segments: each variant's counts
     * are the sum of bcftools' counts in the files that have it (no file has reference blocks, so a file
     * without the variant adds nothing to AN).
     */
    @Test
    @Order(2)
    void wholeStoreCountsAreTheSumOverCohorts() {
        Map<String, int[]> expected = new LinkedHashMap<>();
        for (String name : files()) {
            if (assemblyOf(name) != Assembly.GRCH37) {
                continue;
            }
            Expected.counts(TestStore.vcfExpected(name + ".counts.tsv.gz")).forEach((key, counts) -> {
                int[] sum = expected.computeIfAbsent(key, ignored -> new int[4]);
                sum[0] += counts.ac();
                sum[1] += counts.an();
                sum[2] += counts.hom();
                sum[3] += counts.hemi();
            });
        }
        Map<String, int[]> actual = new LinkedHashMap<>();
        List<String> order = new java.util.ArrayList<>();
        test.store.forEachCount(Assembly.GRCH37, SampleSelection.all(), (contig, position, reference, alternate, ac, an, hom, hemi) -> {
            String key = contig + "\t" + position + "\t" + reference + "\t" + alternate;
            actual.put(key, new int[] {ac, an, hom, hemi});
            order.add(contig + ":" + String.format(java.util.Locale.ROOT, "%010d", position));
        });
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, counts) -> assertThat(actual.get(key)).as(key).containsExactly(counts));
        // contigs in canonical order (20 before 22), positions non-decreasing within each
        assertThat(order).isSortedAccordingTo((left, right) -> {
            String[] l = left.split(":");
            String[] r = right.split(":");
            int contig = Integer.compare(Integer.parseInt(l[0]), Integer.parseInt(r[0]));
            return contig != 0 ? contig : l[1].compareTo(r[1]);
        });
    }
}
