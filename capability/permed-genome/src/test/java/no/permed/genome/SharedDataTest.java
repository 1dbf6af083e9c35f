package no.permed.genome;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import no.permed.columnar.GenomicRegion;
import no.permed.genome.ingest.IngestProgress;
import no.permed.genome.ingest.IngestRequest;
import no.permed.genome.ingest.IngestResult;
import no.permed.genome.ingest.IngestTarget;
import no.permed.genome.query.GenotypeCall;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.NormalisedRecordVisitor;
import no.permed.vcf.normalise.VariantKey;
import no.permed.vcf.normalise.VariantNormaliser;
import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.PloidyPolicy;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfReaderOptions;
import no.permed.vcf.read.VcfRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full shared corpora ({@code ../shared/data} beside the checkout; only with {@code mvn -Pshared-data}):
 * (a) every multi-sample genotype file's whole-cohort AC, AN, HOM and hemizygote counts equal bcftools'
 * ({@code shared-expected/NAME.counts.tsv.gz}); (b) for every VCF of {@code genotypes/} and {@code truthsets/},
 * the stored calls equal the calls permed-vcf's reader and normaliser give for the input (that library is
 * tested against bcftools on its own): every sample of files with up to 10 samples, every 50th otherwise.
 * Variants given twice with different calls are ingested with conflicting duplicates marked missing.
 */
@EnabledIfSystemProperty(named = "permed.shared-data", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedDataTest {
    private static final Path SHARED = Path.of("../../../shared/data");
    private static final Path EXPECTED = Path.of("src/test/resources/shared-expected");

    @TempDir
    static Path directory;
    TestStore test;

    @BeforeAll
    void start() {
        assertThat(SHARED.resolve("genotypes")).as("the shared data beside the checkout").isDirectory();
        test = new TestStore(directory);
    }

    @AfterAll
    void stop() {
        test.close();
    }

    static Assembly assemblyOf(String name) {
        return name.startsWith("tiny1000G") || name.contains("hg38") || name.matches("HG00[4-7]\\.1k.*") ? Assembly.GRCH38 : Assembly.GRCH37;
    }

    static List<String> countedFiles() throws IOException {
        try (Stream<Path> files = Files.list(EXPECTED)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".counts.tsv.gz"))
                    .map(name -> name.substring(0, name.length() - ".counts.tsv.gz".length())).sorted().toList();
        }
    }

    static List<Path> allVcfs() throws IOException {
        List<Path> vcfs = new ArrayList<>();
        for (String folder : List.of("genotypes", "truthsets")) {
            try (Stream<Path> files = Files.list(SHARED.resolve(folder))) {
                files.filter(path -> path.getFileName().toString().endsWith(".vcf.gz")).sorted().forEach(vcfs::add);
            }
        }
        return vcfs;
    }

    @ParameterizedTest
    @MethodSource("countedFiles")
    void countsEqualBcftools(String name) {
        long started = System.nanoTime();
        Path vcf = SHARED.resolve("genotypes").resolve(name + ".vcf.gz");
        String cohort = "c-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
        IngestResult result = test.store.ingest(TestStore.LAB, IngestRequest.of(List.of(vcf), new IngestTarget.Cohort(cohort, Optional.empty()))
                .withAssembly(assemblyOf(name)), IngestProgress.NONE);
        Map<String, Expected.Counts> expected = Expected.counts(EXPECTED.resolve(name + ".counts.tsv.gz"));
        List<String> ids = test.store.samples().stream().filter(sample -> sample.cohort().equals(Optional.of(cohort)))
                .map(sample -> cohort + "/" + sample.sampleId()).toList();
        assertThat(ids).hasSize(result.sampleIds().size());
        Map<String, Expected.Counts> actual = new LinkedHashMap<>();
        test.store.forEachCount(assemblyOf(name), test.store.selectByIds(ids), (contig, position, reference, alternate, ac, an, hom, hemi) -> {
            if (an > 0 || expected.containsKey(contig + "\t" + position + "\t" + reference + "\t" + alternate)) {
                actual.put(contig + "\t" + position + "\t" + reference + "\t" + alternate, new Expected.Counts(ac, an, hom, hemi));
            }
        });
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, Expected.Counts> entry : expected.entrySet()) {
            assertThat(actual.get(entry.getKey())).as("%s %s", name, entry.getKey()).isEqualTo(entry.getValue());
        }
        System.out.printf(java.util.Locale.ROOT, "SharedDataTest counts %s: %d samples, %d sites, %d ms%n", name, ids.size(),
                expected.size(), (System.nanoTime() - started) / 1_000_000);
    }

    @ParameterizedTest
    @MethodSource("allVcfs")
    void storedCallsEqualTheReadersCalls(Path vcf) {
        long started = System.nanoTime();
        String name = vcf.getFileName().toString().replace(".vcf.gz", "");
        Assembly assembly = assemblyOf(name);
        String cohort = "rt-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
        IngestResult result = test.store.ingest(TestStore.LAB, IngestRequest.of(List.of(vcf), new IngestTarget.Cohort(cohort, Optional.empty()))
                .withAssembly(assembly).withConflictingDuplicates(IngestRequest.ConflictingDuplicates.MARK_MISSING), IngestProgress.NONE);
        List<StoredSample> samples = test.store.samples().stream().filter(sample -> sample.cohort().equals(Optional.of(cohort)))
                .sorted(java.util.Comparator.comparingInt(StoredSample::sampleIndex)).toList();
        int step = samples.size() > 10 ? 50 : 1;
        List<Integer> checked = new ArrayList<>();
        for (int index = 0; index < samples.size(); index += step) {
            checked.add(index);
        }

        // the input as permed-vcf reads and normalises it (the ingest's reader options), duplicates merged as MARK_MISSING does
        Map<String, String[]> expected = new LinkedHashMap<>();
        int[] conflicts = {0};
        VcfReaderOptions options = VcfReaderOptions.defaults().withRequireAssembly(true).withPloidyPolicy(PloidyPolicy.DIPLOID_AUTOSOMES)
                .withAssembly(assembly);
        VariantNormaliser normaliser = VariantNormaliser.withoutReference(assembly);
        try (VcfReader reader = VcfReader.open(vcf, options)) {
            assertThat(reader.header().samples()).hasSize(samples.size());
            NormalisedRecordVisitor visitor = new NormalisedRecordVisitor() {
                @Override
                public void variant(VariantKey key, Genotypes genotypes, VcfRecord source) {
                    String[] calls = new String[checked.size()];
                    for (int index = 0; index < calls.length; index++) {
                        calls[index] = genotypes.format(checked.get(index));
                    }
                    String[] earlier = expected.putIfAbsent(SplitCalls.key(key), calls);
                    if (earlier != null && !java.util.Arrays.equals(earlier, calls)) {
                        conflicts[0]++;
                        for (int index = 0; index < calls.length; index++) {
                            if (!earlier[index].equals(calls[index])) {
                                boolean haploid = !earlier[index].contains("/") && !earlier[index].contains("|")
                                        && !calls[index].contains("/") && !calls[index].contains("|");
                                earlier[index] = haploid ? "." : "./.";
                            }
                        }
                    }
                }
            };
            while (reader.advance()) {
                normaliser.split(reader.record(), visitor);
            }
        }
        assertThat(result.sites()).isEqualTo(expected.size());

        List<String> contigs = SplitCalls.contigs(expected);
        for (int position = 0; position < checked.size(); position++) {
            StoredSample sample = samples.get(checked.get(position));
            Map<String, String> stored = new HashMap<>();
            for (String contig : contigs) {
                for (GenotypeCall call : test.store.genotypes(sample, List.of(new GenomicRegion(contig, 1, Integer.MAX_VALUE)))) {
                    stored.put(SplitCalls.key(call.variant()), call.genotype().toString());
                }
            }
            assertThat(stored).as("%s sample %s: one call per variant", name, sample.sampleId()).hasSize(expected.size());
            for (Map.Entry<String, String[]> entry : expected.entrySet()) {
                assertThat(stored.get(entry.getKey())).as("%s sample %s at %s", name, sample.sampleId(), entry.getKey())
                        .isEqualTo(entry.getValue()[position]);
            }
        }
        System.out.printf(java.util.Locale.ROOT, "SharedDataTest round trip %s: %d samples (%d checked), %d sites, %d conflicting"
                        + " duplicates (store: %d), %d ms%n", name, samples.size(), checked.size(), expected.size(), conflicts[0],
                result.conflictsMarkedMissing(), (System.nanoTime() - started) / 1_000_000);
    }
}
