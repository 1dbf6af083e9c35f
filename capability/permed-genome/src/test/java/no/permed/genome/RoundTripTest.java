package no.permed.genome;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import no.permed.columnar.GenomicRegion;
import no.permed.genome.ingest.IngestProgress;
import no.permed.genome.ingest.IngestRequest;
import no.permed.genome.ingest.IngestResult;
import no.permed.genome.ingest.IngestTarget;
import no.permed.genome.query.GenotypeCall;
import no.permed.vcf.genome.Assembly;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the store returns equals the normalised input: for every real-data file, each stored call equals
 * the call {@code bcftools norm -m-} writes for that sample and variant (keys trimmed as the store's
 * normal form asks). Multi-sample files are checked on every 37th sample (all of their variants), the
 * others completely.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoundTripTest {
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
        return List.of("1kg_phase3_chr22_2504samples_first2000", "1kg_chr20_503samples_first3000", "tiny1000G_3202samples_first400",
                "pyvcf_1kg_pilot_v40_first120", "VariantAnnotation_chr22_5samples_first2000", "NIST2.19_NA12878_complex_first6000",
                "PlatinumGenomes_NA12878_hg19_chr21_first5000", "PlatinumGenomes_NA12878_hg38_chr21_first5000", "GIAB_HG004_1k");
    }

    static Assembly assemblyOf(String name) {
        return name.startsWith("tiny1000G") || name.contains("hg38") || name.startsWith("GIAB") ? Assembly.GRCH38 : Assembly.GRCH37;
    }

    @ParameterizedTest
    @MethodSource("files")
    void storedCallsEqualTheNormalisedInput(String name) {
        IngestResult result = test.store.ingest(TestStore.LAB, IngestRequest.of(List.of(TestStore.vcfData(name + ".vcf.gz")),
                new IngestTarget.Cohort("rt-" + name, Optional.empty())).withAssembly(assemblyOf(name))
                .withConflictingDuplicates(IngestRequest.ConflictingDuplicates.MARK_MISSING), IngestProgress.NONE);
        List<StoredSample> samples = test.store.samples().stream()
                .filter(sample -> sample.cohort().equals(Optional.of("rt-" + name)))
                .sorted(java.util.Comparator.comparingInt(StoredSample::sampleIndex)).toList();
        assertThat(samples).hasSize(result.sampleIds().size());

        List<String> expectedLines = TestStore.lines(TestStore.vcfExpected(name + ".split.tsv.gz")).stream()
                .filter(line -> !line.split("\t", 5)[3].equals(".")).toList();
        long distinct = expectedLines.stream().map(line -> line.split("\t", 5)).map(c -> Expected.key(c[0], Integer.parseInt(c[1]), c[2], c[3]))
                .distinct().count();
        assertThat(result.sites()).isEqualTo(distinct);
        assertThat(result.duplicatesMerged() + result.conflictsMarkedMissing()).isEqualTo(expectedLines.size() - distinct);
        for (int sampleIndex = 0; sampleIndex < samples.size(); sampleIndex += samples.size() > 10 ? 37 : 1) {
            StoredSample sample = samples.get(sampleIndex);
            Map<String, String> stored = new HashMap<>();
            for (String contig : contigsOf(expectedLines)) {
                for (GenotypeCall call : test.store.genotypes(sample, List.of(new GenomicRegion(contig, 1, Integer.MAX_VALUE)))) {
                    stored.put(call.variant().contig() + "\t" + call.variant().position() + "\t" + call.variant().reference() + "\t"
                            + call.variant().alternate(), call.genotype().toString());
                }
            }
            assertThat(stored).as("%s sample %s: one call per variant", name, sample.sampleId()).hasSize((int) distinct);
            Map<String, String> expected = new HashMap<>();
            for (String line : expectedLines) {
                String[] columns = line.split("\t");
                String key = Expected.key(columns[0], Integer.parseInt(columns[1]), columns[2], columns[3]);
                String call = columns[4 + sampleIndex];
                // a variant given twice with different calls is stored as missing (MARK_MISSING)
                expected.merge(key, call, (first, second) -> first.equals(second) ? first : first.contains("/") || first.contains("|") ? "./." : ".");
            }
            for (Map.Entry<String, String> entry : expected.entrySet()) {
                assertThat(stored.get(entry.getKey())).as("%s sample %s at %s", name, sample.sampleId(), entry.getKey())
                        .isEqualTo(entry.getValue());
            }
        }
    }

    /** With a reference FASTA, indels are left-aligned exactly as {@code bcftools norm -m- -f} does. */
    @Test
    void leftAlignedWithAReference() throws IOException {
        // the synthetic fixture declares a 30 kb chr22; without the contig line it is read as GRCh38's chr22
        Path vcf = directory.resolve("leftalign.vcf");
        Files.write(vcf, Files.readAllLines(TestStore.vcfData("leftalign.vcf")).stream()
                .filter(line -> !line.startsWith("##contig")).collect(Collectors.joining("\n", "", "\n")).getBytes(StandardCharsets.UTF_8));
        // a copy: the reader writes a .fai index beside a FASTA that has none, and test resources stay untouched
        Path fasta = Files.copy(TestStore.vcfData("leftalign_reference.fa"), directory.resolve("leftalign_reference.fa"));
        test.store.ingest(TestStore.LAB, IngestRequest.of(List.of(vcf), new IngestTarget.Cohort("leftalign", Optional.empty()))
                .withAssembly(Assembly.GRCH38).withReferenceFasta(fasta), IngestProgress.NONE);
        List<StoredSample> samples = test.store.samples().stream().filter(sample -> sample.cohort().equals(Optional.of("leftalign")))
                .sorted(java.util.Comparator.comparingInt(StoredSample::sampleIndex)).toList();
        List<String> expected = TestStore.lines(TestStore.vcfExpected("leftalign.normalised.tsv"));
        for (int index = 0; index < samples.size(); index++) {
            Map<String, String> stored = new HashMap<>();
            for (GenotypeCall call : test.store.genotypes(samples.get(index), List.of(new GenomicRegion("22", 1, 40_000)))) {
                stored.put(call.variant().position() + "\t" + call.variant().reference() + "\t" + call.variant().alternate(),
                        call.genotype().toString());
            }
            assertThat(stored.keySet()).as("sample %d", index).containsExactlyInAnyOrderElementsOf(
                    expected.stream().map(line -> line.toUpperCase(java.util.Locale.ROOT).split("\t")).map(c -> c[1] + "\t" + c[2] + "\t" + c[3]).toList());
            for (String line : expected) {
                String[] columns = line.toUpperCase(java.util.Locale.ROOT).split("\t");
                assertThat(stored.get(columns[1] + "\t" + columns[2] + "\t" + columns[3])).as(line).isEqualTo(columns[4 + index]);
            }
        }
    }

    private static List<String> contigsOf(List<String> lines) {
        return lines.stream().map(line -> Expected.canonicalContig(line.split("\t", 2)[0])).distinct().toList();
    }
}
