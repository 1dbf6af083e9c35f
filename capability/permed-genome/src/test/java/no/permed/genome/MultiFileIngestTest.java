package no.permed.genome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import no.permed.genome.ingest.IngestProgress;
import no.permed.genome.ingest.IngestRequest;
import no.permed.genome.ingest.IngestResult;
import no.permed.genome.ingest.IngestTarget;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One ingest of several files (a cohort split in two, as per-chromosome files are): one segment whose
 * counts equal bcftools' for the whole file; files with other samples are refused and nothing is stored.
 */
class MultiFileIngestTest {
    @TempDir
    Path directory;

    /** The header and the first or second half of the records (split between positions, never inside one). */
    static List<Path> splitInTwo(Path vcf, Path into, String prefix) throws IOException {
        List<String> header = new ArrayList<>();
        List<String> records = new ArrayList<>();
        for (String line : TestStore.lines(vcf)) {
            (line.startsWith("#") ? header : records).add(line);
        }
        int cut = records.size() / 2;
        while (cut < records.size() && samePosition(records.get(cut - 1), records.get(cut))) {
            cut++;
        }
        Files.createDirectories(into);
        Path first = into.resolve(prefix + "-1.vcf");
        Path second = into.resolve(prefix + "-2.vcf");
        write(first, header, records.subList(0, cut));
        write(second, header, records.subList(cut, records.size()));
        return List.of(first, second);
    }

    private static boolean samePosition(String left, String right) {
        String[] l = left.split("\t", 3);
        String[] r = right.split("\t", 3);
        return l[0].equals(r[0]) && l[1].equals(r[1]);
    }

    private static void write(Path file, List<String> header, List<String> records) throws IOException {
        List<String> lines = new ArrayList<>(header);
        lines.addAll(records);
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource({"VariantAnnotation_chr22_5samples_first2000, GRCh37", "tiny1000G_3202samples_first400, GRCh38"})
    void twoHalvesIngestAsTheWholeFile(String name, String assemblyName) throws IOException {
        Assembly assembly = Assembly.parse(assemblyName);
        List<Path> halves = splitInTwo(TestStore.vcfData(name + ".vcf.gz"), directory.resolve("in"), name);
        try (TestStore test = new TestStore(directory)) {
            IngestResult result = test.store.ingest(TestStore.LAB, IngestRequest.of(halves, new IngestTarget.Cohort("halves", Optional.empty()))
                    .withAssembly(assembly), IngestProgress.NONE);
            Map<String, Expected.Counts> expected = Expected.counts(TestStore.vcfExpected(name + ".counts.tsv.gz"));
            assertThat(result.sites()).isEqualTo(expected.size());
            assertThat(result.sampleIds()).containsExactlyElementsOf(ErasureTest.vcfSamples(TestStore.vcfData(name + ".vcf.gz")));
            assertThat(test.store.segmentFiles()).hasSize(1);
            assertThat(test.store.samples()).allSatisfy(sample -> assertThat(sample.segmentId()).isEqualTo(result.segmentId()));
            assertCountsEqual(test.store, assembly, expected);
            assertThat(filesIn(test.root.resolve("tmp"))).as("the per-file parts are gone").isEmpty();
            assertThat(filesIn(test.root.resolve("segments"))).hasSize(1);
            test.reopen();
            assertCountsEqual(test.store, assembly, expected);
        }
    }

    @Test
    void filesWithOtherSamplesAreRefusedAndNothingIsStored() throws IOException {
        String name = "VariantAnnotation_chr22_5samples_first2000";
        List<Path> halves = splitInTwo(TestStore.vcfData(name + ".vcf.gz"), directory.resolve("in"), name);
        // the second half with its last sample renamed, and with two sample columns swapped
        List<String> lines = Files.readAllLines(halves.get(1));
        List<String> renamed = new ArrayList<>();
        List<String> swapped = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#CHROM")) {
                String[] columns = line.split("\t");
                columns[columns.length - 1] = "OTHER";
                renamed.add(String.join("\t", columns));
                columns = line.split("\t");
                String ninth = columns[9];
                columns[9] = columns[10];
                columns[10] = ninth;
                swapped.add(String.join("\t", columns));
            } else {
                renamed.add(line);
                swapped.add(line);
            }
        }
        Path otherSamples = Files.write(directory.resolve("in").resolve("other-samples.vcf"), renamed, StandardCharsets.UTF_8);
        Path otherOrder = Files.write(directory.resolve("in").resolve("other-order.vcf"), swapped, StandardCharsets.UTF_8);

        try (TestStore test = new TestStore(directory)) {
            test.store.ingest(TestStore.LAB, IngestRequest.of(List.of(TestStore.vcfData("pyvcf_1kg_pilot_v40_first120.vcf.gz")),
                    new IngestTarget.Cohort("earlier", Optional.empty())).withAssembly(Assembly.GRCH37), IngestProgress.NONE);
            List<StoredSample> samples = test.store.samples();
            List<Path> segments = test.store.segmentFiles();
            int events = test.audit.size();
            for (Path second : List.of(otherSamples, otherOrder)) {
                assertThatThrownBy(() -> test.store.ingest(TestStore.LAB, IngestRequest.of(List.of(halves.get(0), second),
                        new IngestTarget.Cohort("mixed", Optional.empty())).withAssembly(Assembly.GRCH37), IngestProgress.NONE))
                        .isInstanceOfSatisfying(PermedException.class, failure -> {
                            assertThat(failure.errorCode().code()).isEqualTo("GENOME_INVALID_REQUEST");
                            assertThat(failure.getMessage()).contains(second.getFileName().toString());
                        });
                assertThat(test.store.samples()).isEqualTo(samples);
                assertThat(test.store.segmentFiles()).isEqualTo(segments);
                assertThat(test.audit).hasSize(events);
                assertThat(filesIn(test.root.resolve("segments"))).as("no file left by the refused ingest")
                        .containsExactlyInAnyOrderElementsOf(segments.stream().map(path -> path.getFileName().toString()).toList());
                assertThat(filesIn(test.root.resolve("tmp"))).isEmpty();
            }
            test.reopen();
            assertThat(test.store.samples()).isEqualTo(samples);
            // the cohort name and its sample IDs are still free
            IngestResult result = test.store.ingest(TestStore.LAB, IngestRequest.of(halves, new IngestTarget.Cohort("mixed", Optional.empty()))
                    .withAssembly(Assembly.GRCH37), IngestProgress.NONE);
            assertThat(result.sampleIds()).hasSize(5);
        }
    }

    static void assertCountsEqual(GenomeStore store, Assembly assembly, Map<String, Expected.Counts> expected) {
        Map<String, Expected.Counts> actual = new LinkedHashMap<>();
        store.forEachCount(assembly, no.permed.genome.query.SampleSelection.all(), (contig, position, reference, alternate, ac, an, hom, hemi) ->
                actual.put(contig + "\t" + position + "\t" + reference + "\t" + alternate, new Expected.Counts(ac, an, hom, hemi)));
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, Expected.Counts> entry : expected.entrySet()) {
            assertThat(actual.get(entry.getKey())).as(entry.getKey()).isEqualTo(entry.getValue());
        }
    }

    static List<String> filesIn(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
