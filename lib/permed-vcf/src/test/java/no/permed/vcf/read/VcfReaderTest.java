package no.permed.vcf.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import no.permed.kernel.PermedException;
import no.permed.vcf.Bgzf;
import no.permed.vcf.TestFiles;
import no.permed.vcf.VcfErrorCode;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.header.ContigDefinition;
import no.permed.vcf.header.VcfHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reader on real files in every container, and on the corner cases of line endings and headers. */
class VcfReaderTest {
    private static final String CHR22 = "1kg_phase3_chr22_2504samples_first2000.vcf.gz";
    private static final String CHR20_BGZF = "1kg_chr20_503samples_first3000.vcf.gz";

    @TempDir
    Path temporary;

    @ParameterizedTest
    @CsvSource({
        "1kg_phase3_chr22_2504samples_first2000.vcf.gz, GRCh37, 2504",
        "1kg_chr20_503samples_first3000.vcf.gz, GRCh37, 503",
        "tiny1000G_3202samples_first400.vcf.gz, , 3202",
        "pyvcf_1kg_pilot_v40_first120.vcf.gz, , 629",
        "NIST2.19_NA12878_complex_first6000.vcf.gz, GRCh37, 1",
        "PlatinumGenomes_NA12878_hg19_chr21_first5000.vcf.gz, GRCh37, 1",
        "PlatinumGenomes_NA12878_hg38_chr21_first5000.vcf.gz, GRCh38, 1",
        "GIAB_HG004_1k.vcf.gz, GRCh38, 1",
        "patient.g.vcf.gz, GRCh38, 1"
    })
    void recognisesTheAssemblyOfRealHeaders(String file, String assembly, int samples) {
        try (VcfReader reader = VcfReader.open(TestFiles.data(file))) {
            VcfHeader header = reader.header();
            assertThat(header.assembly()).isEqualTo(Optional.ofNullable(assembly).map(Assembly::parse));
            assertThat(header.sampleCount()).isEqualTo(samples);
            assertThat(reader.isCompressed()).isTrue();
        }
    }

    @Test
    void headerModelOfTheThousandGenomesFile() {
        try (VcfReader reader = VcfReader.open(TestFiles.data(CHR22), VcfReaderOptions.defaults().withAssembly(Assembly.GRCH37))) {
            VcfHeader header = reader.header();
            assertThat(header.fileFormat()).isEqualTo("VCFv4.1");
            assertThat(header.samples()).startsWith("HG00096", "HG00097").hasSize(2504).doesNotHaveDuplicates();
            assertThat(header.contig("22")).contains(new ContigDefinition("22", "22", OptionalLong.of(51_304_566)));
            assertThat(header.infoField("AC")).hasValueSatisfying(field -> assertThat(field.number()).isEqualTo("A"));
            assertThat(header.formatField("GT")).hasValueSatisfying(field -> assertThat(field.type()).isEqualTo("String"));
            assertThat(header.metaLines().get(0)).isEqualTo("##fileformat=VCFv4.1");
            assertThatThrownBy(() -> header.samples().add("X")).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void canonicalContigsOfAChrPrefixedFile() {
        try (VcfReader reader = VcfReader.open(TestFiles.data("PlatinumGenomes_NA12878_hg38_chr21_first5000.vcf.gz"))) {
            assertThat(reader.header().contig("X")).hasValueSatisfying(contig -> assertThat(contig.name()).isEqualTo("chrX"));
            assertThat(reader.advance()).isTrue();
            assertThat(reader.record().contig()).isEqualTo("21");
            assertThat(reader.record().contigAsWritten()).isEqualTo("chr21");
            assertThat(reader.record().filter()).isEqualTo("PASS");
            assertThat(reader.record().info("metal")).contains("platinum");
            assertThat(reader.record().info("absent")).isEmpty();
        }
    }

    @Test
    void plainGzipBgzfAndConcatenatedMembersReadTheSame() throws IOException {
        byte[] text = TestFiles.gunzip(TestFiles.data(CHR20_BGZF));
        int middle = indexOfLine(text, 1500);
        byte[] concatenatedBgzf = concat(Bgzf.compress(Arrays.copyOf(text, middle), 65_280),
                Bgzf.compress(Arrays.copyOfRange(text, middle, text.length), 30_000));
        byte[] concatenatedGzip = concat(TestFiles.gzip(Arrays.copyOf(text, middle)), TestFiles.gzip(Arrays.copyOfRange(text, middle, text.length)));
        long expected = fingerprint(Files.readAllBytes(TestFiles.data(CHR20_BGZF)), true);
        assertThat(fingerprint(text, true)).isEqualTo(expected);
        assertThat(fingerprint(concatenatedBgzf, true)).isEqualTo(expected);
        assertThat(fingerprint(concatenatedGzip, false)).isEqualTo(expected);
        assertThat(fingerprint(crlf(text), false)).isEqualTo(expected);
        assertThat(fingerprint(Arrays.copyOf(text, text.length - 1), true)).as("no newline after the last line").isEqualTo(expected);
    }

    @Test
    void recognisesTheContainerByContentNotByName() throws IOException {
        Path gzipNamedPlain = temporary.resolve("looks-plain.vcf");
        Files.write(gzipNamedPlain, Files.readAllBytes(TestFiles.data(CHR20_BGZF)));
        Path plainNamedGzip = temporary.resolve("looks-compressed.vcf.gz");
        Files.write(plainNamedGzip, TestFiles.gunzip(TestFiles.data(CHR20_BGZF)));
        try (VcfReader reader = VcfReader.open(gzipNamedPlain)) {
            assertThat(reader.isCompressed()).isTrue();
            reader.forEachRemaining(record -> { });
            assertThat(reader.recordCount()).isEqualTo(3000);
        }
        try (VcfReader reader = VcfReader.open(plainNamedGzip)) {
            assertThat(reader.isCompressed()).isFalse();
            reader.forEachRemaining(record -> { });
            assertThat(reader.recordCount()).isEqualTo(3000);
        }
    }

    @Test
    void realBgzfCutAtRandomPointsIsReportedAsTruncated() throws IOException {
        byte[] whole = Files.readAllBytes(TestFiles.data(CHR20_BGZF));
        Random random = new Random(7);
        List<Integer> cuts = new ArrayList<>(List.of(whole.length - Bgzf.END_OF_FILE.length, whole.length - 1, 10));
        for (int index = 0; index < 8; index++) {
            cuts.add(1 + random.nextInt(whole.length - 1));
        }
        for (int cut : cuts) {
            byte[] truncated = Arrays.copyOf(whole, cut);
            PermedException error = catchThrowableOfType(PermedException.class, () -> {
                try (VcfReader reader = VcfReader.open(new ByteArrayInputStream(truncated), "cut.vcf.gz", VcfReaderOptions.defaults())) {
                    reader.forEachRemaining(record -> { });
                }
            });
            assertThat(error).as("cut at byte %d", cut).isNotNull();
            assertThat(error.errorCode()).as(error.getMessage()).isEqualTo(VcfErrorCode.TRUNCATED_INPUT);
            assertThat(error.details()).containsEntry("field", "file").containsKey("line");
        }
    }

    @Test
    void aMissingFileIsNamedWithoutItsDirectory() {
        PermedException error = catchThrowableOfType(PermedException.class, () -> VcfReader.open(temporary.resolve("absent.vcf.gz")));
        assertThat(error.errorCode()).isEqualTo(VcfErrorCode.FILE_NOT_READABLE);
        assertThat(error.details()).containsEntry("file", "absent.vcf.gz");
        assertThat(error.getMessage()).doesNotContain(temporary.toString());
        PermedException directory = catchThrowableOfType(PermedException.class, () -> VcfReader.open(temporary));
        assertThat(directory.errorCode()).isEqualTo(VcfErrorCode.FILE_NOT_READABLE);
    }

    @Test
    void sitesOnlyFilesHaveNoSamples() {
        String vcf = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t10\trs1\tA\tC,G\t.\t.\tAC=1,2\n";
        try (VcfReader reader = VcfReader.open(new ByteArrayInputStream(vcf.getBytes(UTF_8)), "sites.vcf", VcfReaderOptions.defaults())) {
            assertThat(reader.header().samples()).isEmpty();
            assertThat(reader.advance()).isTrue();
            assertThat(reader.record().alternateAlleles()).containsExactly("C", "G");
            assertThat(reader.record().identifier()).isEqualTo("rs1");
            assertThat(reader.record().info("AC")).contains("1,2");
            assertThat(reader.advance()).isFalse();
            assertThatThrownBy(reader::record).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void optionsDefaultsArePinned() {
        VcfReaderOptions defaults = VcfReaderOptions.defaults();
        assertThat(defaults.assembly()).isEmpty();
        assertThat(defaults.requireAssembly()).isFalse();
        assertThat(defaults.maximumLineLength()).isEqualTo(64 * 1024 * 1024);
        assertThat(defaults.ploidyPolicy()).isEqualTo(PloidyPolicy.DIPLOID_AUTOSOMES);
        assertThat(defaults.readAhead()).isTrue();
        assertThatThrownBy(() -> defaults.withMaximumLineLength(8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8");
    }

    /** Records, sum of allele indices, and line count, read without and with read-ahead. */
    private static long fingerprint(byte[] input, boolean readAhead) {
        long sum = 0;
        try (VcfReader reader = VcfReader.open(new ByteArrayInputStream(input), "input.vcf", VcfReaderOptions.defaults().withReadAhead(readAhead))) {
            while (reader.advance()) {
                VcfRecord record = reader.record();
                sum = sum * 31 + record.position() + record.lineNumber();
                for (int allele : record.genotypes().alleleIndicesView()) {
                    sum += allele + 3;
                }
            }
            return sum * 1_000_003 + reader.recordCount();
        }
    }

    private static int indexOfLine(byte[] text, int line) {
        int seen = 0;
        for (int index = 0; index < text.length; index++) {
            if (text[index] == '\n' && ++seen == line) {
                return index + 1;
            }
        }
        throw new IllegalArgumentException("fewer lines than " + line);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] result = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }

    private static byte[] crlf(byte[] text) {
        return new String(text, UTF_8).replace("\n", "\r\n").getBytes(UTF_8);
    }
}
