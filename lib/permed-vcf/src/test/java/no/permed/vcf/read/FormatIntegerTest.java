package no.permed.vcf.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import no.permed.kernel.PermedException;
import no.permed.vcf.TestFiles;
import no.permed.vcf.VcfErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link VcfReaderOptions#withPhaseSets()} / {@link VcfReaderOptions#withFormatInteger(String)}: FORMAT/PS per sample
 * as bcftools reads it ({@code bcftools query -f '%POS[\t%PS]\n'}, files in {@code expected/}), the missing cases, the
 * errors, and that asking for it changes no genotype.
 */
class FormatIntegerTest {
    private static final String HEADER = "##fileformat=VCFv4.2\n##contig=<ID=1,length=100000>\n"
            + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\tS3\n";

    @TempDir
    Path temporary;

    @ParameterizedTest
    @ValueSource(strings = {"1kg_chr20_503samples_first3000", "pharmcat_VcfReaderTest-phaseSet"})
    void phaseSetsOfRealPhasedFilesAreBcftoolsOnes(String name) {
        Path file = name.startsWith("pharmcat") ? TestFiles.data(name + ".vcf") : TestFiles.data(name + ".vcf.gz");
        Path expectedFile = name.startsWith("pharmcat") ? TestFiles.expected(name + ".ps.tsv") : TestFiles.expected(name + ".ps.tsv.gz");
        List<String> expected = TestFiles.lines(expectedFile);
        List<String> read = new ArrayList<>();
        int present = 0;
        try (VcfReader reader = VcfReader.open(file, VcfReaderOptions.defaults().withPhaseSets())) {
            int samples = reader.header().sampleCount();
            while (reader.advance()) {
                VcfRecord record = reader.record();
                StringBuilder line = new StringBuilder().append(record.position());
                for (int sample = 0; sample < samples; sample++) {
                    OptionalInt value = record.formatInteger(sample);
                    line.append('\t').append(value.isPresent() ? Integer.toString(value.getAsInt()) : ".");
                    assertThat(record.formatIntegerOrMissing(sample)).isEqualTo(value.orElse(VcfRecord.MISSING_INTEGER));
                    present += value.isPresent() ? 1 : 0;
                }
                read.add(line.toString());
            }
        }
        assertThat(read).isEqualTo(expected);
        assertThat(present).as("the file has phase sets to compare").isGreaterThanOrEqualTo(12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1kg_chr20_503samples_first3000.vcf.gz", "1kg_phase3_chr22_2504samples_first2000.vcf.gz",
        "GIAB_HG004_1k.vcf.gz", "pyvcf_1kg_pilot_v40_first120.vcf.gz", "leftalign.vcf", "pharmcat_VcfReaderTest-phaseSet.vcf"})
    void askingForPhaseSetsChangesNoGenotype(String name) {
        Path file = TestFiles.data(name);
        VcfReaderOptions options = VcfReaderOptions.defaults().withPloidyPolicy(PloidyPolicy.HAPLOID_OR_DIPLOID);
        List<String> without = calls(file, options);
        List<String> with = calls(file, options.withPhaseSets());
        assertThat(with).hasSizeGreaterThan(20).isEqualTo(without);
    }

    private static List<String> calls(Path file, VcfReaderOptions options) {
        List<String> calls = new ArrayList<>();
        try (VcfReader reader = VcfReader.open(file, options)) {
            int samples = reader.header().sampleCount();
            while (reader.advance()) {
                VcfRecord record = reader.record();
                Genotypes genotypes = record.genotypes();
                StringBuilder phase = new StringBuilder();
                for (int sample = 0; sample < samples; sample++) {
                    phase.append(genotypes.ploidy(sample)).append(genotypes.isPhased(sample) ? '|' : '/');
                }
                calls.add(record.lineNumber() + " " + record.contig() + ":" + record.position() + " " + record.referenceAllele() + ">"
                        + record.alternateAlleles() + " " + record.kind() + " " + Arrays.toString(genotypes.alleleIndicesView()) + " " + phase);
            }
        }
        return calls;
    }

    @Test
    void missingShortAndDotValuesAreMissingAndTheKeyNeedNotBeDeclared() throws Exception {
        Path file = write("cases.vcf", HEADER
                + "1\t10\t.\tA\tG\t.\t.\t.\tGT:DP:PS\t0|1:10:123\t0|1:10\t0|1:10:.\n"
                + "1\t20\t.\tA\tG\t.\t.\t.\tGT:DP:PS\t.\t1|0:.:-5\t0|1:3:+12\n"
                + "1\t30\t.\tA\tG\t.\t.\t.\tPS:GT\t77:1|0\t.:0|1\t2147483647\n"
                + "1\t40\t.\tA\tG\t.\t.\t.\tGT\t0|1\t1|0\t0|0\n"
                + "1\t50\t.\tA\tG\t.\t.\t.\tGT:DP\t0|1:4\t1|0:5\t0|0:6\n"
                + "1\t60\t.\tA\tG\t.\t.\t.\tGT:PSX:PS\t0|1:5:-2147483640\t1|0:6\t0/0:7:8\n");
        List<String> values = new ArrayList<>();
        List<String> genotypes = new ArrayList<>();
        try (VcfReader reader = VcfReader.open(file, VcfReaderOptions.defaults().withPhaseSets())) {
            assertThat(reader.header().formatField("PS")).isEmpty();
            while (reader.advance()) {
                VcfRecord record = reader.record();
                assertThat(record.formatIntegerKey()).contains("PS");
                values.add(record.position() + " " + text(record, 3));
                genotypes.add(Arrays.toString(record.genotypes().alleleIndicesView()));
            }
        }
        assertThat(values).containsExactly(
                "10 123 . .",
                "20 . -5 12",
                "30 77 . 2147483647",
                "40 . . .",
                "50 . . .",
                "60 -2147483640 . 8");
        assertThat(genotypes.get(0)).isEqualTo("[0, 1, 0, 1, 0, 1]");
        assertThat(genotypes.get(1)).isEqualTo("[-1, -2, 1, 0, 0, 1]");
        assertThat(genotypes.get(2)).isEqualTo("[1, 0, 0, 1, -2, -2]");

        // another integer key: DP
        List<String> depths = new ArrayList<>();
        try (VcfReader reader = VcfReader.open(file, VcfReaderOptions.defaults().withFormatInteger("DP"))) {
            while (reader.advance()) {
                depths.add(text(reader.record(), 3));
            }
        }
        assertThat(depths).containsExactly("10 10 10", ". . 3", ". . .", ". . .", "4 5 6", ". . .");
    }

    private static String text(VcfRecord record, int samples) {
        List<String> values = new ArrayList<>();
        for (int sample = 0; sample < samples; sample++) {
            int value = record.formatIntegerOrMissing(sample);
            values.add(value == VcfRecord.MISSING_INTEGER ? "." : Integer.toString(value));
        }
        return String.join(" ", values);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "12a", "-", "+", "2147483648", "-2147483641", "99999999999", "1e3", " 1"})
    void aValueThatIsNotAnIntegerIsAnErrorNamingFileLineFieldAndSample(String value) throws Exception {
        Path file = write("bad.vcf", HEADER
                + "1\t10\t.\tA\tG\t.\t.\t.\tGT:PS\t0|1:5\t0|1:6\t0|1:7\n"
                + "1\t20\t.\tA\tG\t.\t.\t.\tGT:DP:PS\t0|1:5:5\t0|1:9:" + value + "\t0|1:7:7\n");
        try (VcfReader reader = VcfReader.open(file, VcfReaderOptions.defaults().withPhaseSets())) {
            assertThat(reader.advance()).isTrue();
            assertThatThrownBy(reader::advance).isInstanceOfSatisfying(PermedException.class, error -> {
                assertThat(error.errorCode()).isEqualTo(VcfErrorCode.INVALID_FORMAT);
                assertThat(error.getMessage()).startsWith("bad.vcf, line 5, PS of sample S2: PS is not a VCF Integer");
                if (value.length() >= 3) {
                    assertThat(error.getMessage()).as("messages never carry sample values").doesNotContain(value);
                }
                assertThat(error.details()).containsEntry("file", "bad.vcf").containsEntry("line", 5L).containsEntry("field", "PS")
                        .containsEntry("sample", "S2");
            });
        }
        // not asked for, PS is not read, so not checked
        try (VcfReader reader = VcfReader.open(file)) {
            assertThat(reader.advance()).isTrue();
            assertThat(reader.advance()).isTrue();
        }
    }

    @Test
    void anEmptyValueIsAnError() throws Exception {
        Path file = write("empty.vcf", HEADER + "1\t10\t.\tA\tG\t.\t.\t.\tGT:PS:DP\t0|1:5:1\t0|1:6:1\t0|1::1\n");
        try (VcfReader reader = VcfReader.open(file, VcfReaderOptions.defaults().withPhaseSets())) {
            assertThatThrownBy(reader::advance).isInstanceOf(PermedException.class)
                    .hasMessage("empty.vcf, line 4, PS of sample S3: PS is empty; write . for a missing value");
        }
    }

    @Test
    void recordsPassedOverBySiteFilterHaveNoPhaseSetsNorAreTheyChecked() throws Exception {
        Path file = write("filtered.vcf", HEADER
                + "1\t10\t.\tA\tG\t.\t.\t.\tGT:PS\t0|1:x\t0|1:6\t0|1:7\n"
                + "1\t20\t.\tA\tG\t.\t.\t.\tGT:PS\t0|1:5\t1|0:6\t0|1:.\n");
        try (VcfReader reader = VcfReader.open(file, VcfReaderOptions.defaults().withPhaseSets())) {
            assertThat(reader.advance((contig, position) -> position == 20)).isTrue();
            VcfRecord skipped = reader.record();
            assertThat(skipped.hasGenotypes()).isFalse();
            assertThatThrownBy(() -> skipped.formatInteger(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("site filter");
            assertThat(reader.advance((contig, position) -> position == 20)).isTrue();
            assertThat(text(reader.record(), 3)).isEqualTo("5 6 .");
        }
    }

    @Test
    void withoutTheOptionThereIsNoFormatInteger() {
        try (VcfReader reader = VcfReader.open(TestFiles.data("pharmcat_VcfReaderTest-phaseSet.vcf"))) {
            assertThat(reader.advance()).isTrue();
            assertThat(reader.record().formatIntegerKey()).isEmpty();
            assertThatThrownBy(() -> reader.record().formatInteger(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("withFormatInteger");
        }
    }

    @Test
    void theKeyMustBeAFormatKeyOtherThanGt() {
        for (String key : List.of("", "GT", "P:S", "P S", "PS\t")) {
            assertThatThrownBy(() -> VcfReaderOptions.defaults().withFormatInteger(key)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(VcfReaderOptions.defaults().withPhaseSets().formatInteger()).contains("PS");
        assertThat(VcfReaderOptions.defaults().formatInteger()).isEmpty();
        // the other settings keep the key
        assertThat(VcfReaderOptions.defaults().withPhaseSets().withDecompressionThreads(1).withReadAhead(false).formatInteger())
                .contains("PS");
    }

    private Path write(String name, String text) throws Exception {
        Path file = temporary.resolve(name);
        Files.writeString(file, text, UTF_8);
        return file;
    }
}
