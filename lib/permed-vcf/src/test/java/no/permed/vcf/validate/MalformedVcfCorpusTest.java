package no.permed.vcf.validate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import no.permed.kernel.PermedException;
import no.permed.vcf.Bgzf;
import no.permed.vcf.TestFiles;
import no.permed.vcf.VcfErrorCode;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.read.VcfReaderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of malformed VCFs, each made from one small valid file by one change. Each must fail validation with
 * the exact error code, line and field (and sample, where one is at fault), and the message must name the file
 * and never echo genotype values.
 */
class MalformedVcfCorpusTest {
    private static final String FILE = "submitted.vcf";

    /** Lines 1–6 are the header, records are on lines 7–10. */
    static final String VALID = String.join("\n",
            "##fileformat=VCFv4.2",
            "##contig=<ID=1,length=249250621>",
            "##contig=<ID=2,length=243199373>",
            "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End position, inclusive\">",
            "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\tS3",
            "1\t100\trs1\tA\tG\t50\tPASS\t.\tGT\t0/1\t1|1\t0|0",
            "1\t200\t.\tAC\tA,ACC\t50\tPASS\t.\tGT\t0/2\t1/1\t./.",
            "1\t300\t.\tG\tT\t.\t.\t.\tDP:GT\t5:0|0\t3:./.\t7:1/0",
            "2\t50\t.\tC\tT\t10\tPASS\tDP=3\tGT\t0/0\t0/1\t1/1") + "\n";

    record Case(String name, UnaryOperator<String> change, Encoding encoding, VcfReaderOptions options,
            VcfErrorCode code, long line, String field, String sample) {
        @Override
        public String toString() {
            return name;
        }
    }

    enum Encoding {
        PLAIN, BGZF, GZIP, BGZF_WITHOUT_END, BGZF_CUT, GZIP_CUT, GZIP_BAD_CHECKSUM, GZIP_TRAILING_GARBAGE, BZIP2, BCF_IN_BGZF, EMPTY
    }

    private static final VcfReaderOptions DEFAULTS = VcfReaderOptions.defaults();

    private static Case text(String name, UnaryOperator<String> change, VcfErrorCode code, long line, String field) {
        return new Case(name, change, Encoding.PLAIN, DEFAULTS, code, line, field, null);
    }

    private static Case sample(String name, UnaryOperator<String> change, VcfErrorCode code, long line, String sample) {
        return new Case(name, change, Encoding.PLAIN, DEFAULTS, code, line, "GT", sample);
    }

    private static Case container(String name, Encoding encoding, VcfErrorCode code, long line) {
        return new Case(name, UnaryOperator.identity(), encoding, DEFAULTS, code, line, "file", null);
    }

    private static UnaryOperator<String> line(int number, UnaryOperator<String> change) {
        return text -> {
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            lines.set(number - 1, change.apply(lines.get(number - 1)));
            return String.join("\n", lines);
        };
    }

    private static UnaryOperator<String> replaceLine(int number, String replacement) {
        return line(number, ignored -> replacement);
    }

    private static UnaryOperator<String> removeLine(int number) {
        return text -> {
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            lines.remove(number - 1);
            return String.join("\n", lines);
        };
    }

    private static UnaryOperator<String> insertLine(int number, String inserted) {
        return text -> {
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            lines.add(number - 1, inserted);
            return String.join("\n", lines);
        };
    }

    private static UnaryOperator<String> column(int lineNumber, int column, String value) {
        return line(lineNumber, text -> {
            String[] columns = text.split("\t", -1);
            columns[column - 1] = value;
            return String.join("\t", columns);
        });
    }

    static Stream<Case> corpus() {
        return Stream.of(
                // the container
                container("BGZF cut in the middle of a block", Encoding.BGZF_CUT, VcfErrorCode.TRUNCATED_INPUT, 1),
                container("BGZF without its end-of-file block", Encoding.BGZF_WITHOUT_END, VcfErrorCode.TRUNCATED_INPUT, 11),
                container("gzip cut short", Encoding.GZIP_CUT, VcfErrorCode.TRUNCATED_INPUT, 1),
                container("gzip with a wrong CRC", Encoding.GZIP_BAD_CHECKSUM, VcfErrorCode.CORRUPT_COMPRESSED_INPUT, 11),
                container("gzip followed by garbage", Encoding.GZIP_TRAILING_GARBAGE, VcfErrorCode.CORRUPT_COMPRESSED_INPUT, 11),
                container("bzip2 instead of gzip", Encoding.BZIP2, VcfErrorCode.UNSUPPORTED_FORMAT, 0),
                container("BCF inside BGZF", Encoding.BCF_IN_BGZF, VcfErrorCode.UNSUPPORTED_FORMAT, 1),
                container("empty input", Encoding.EMPTY, VcfErrorCode.EMPTY_INPUT, 0),
                text("NUL byte in a record", line(8, record -> record.replace("PASS", "PA\0SS")), VcfErrorCode.BINARY_CONTENT, 8, "line"),
                text("binary bytes in the header", replaceLine(4, "##INFO=\u0001\u0002\u0003"), VcfErrorCode.BINARY_CONTENT, 4, "line"),
                text("control byte in INFO", column(10, 8, "DP=3\u0007"), VcfErrorCode.BINARY_CONTENT, 10, "INFO"),
                new Case("line over the limit", column(8, 8, "X=" + "A".repeat(300)), Encoding.PLAIN,
                        DEFAULTS.withMaximumLineLength(200), VcfErrorCode.LINE_TOO_LONG, 8, "line", null),
                // the header
                text("no ##fileformat line", removeLine(1), VcfErrorCode.MISSING_FILEFORMAT, 1, "fileformat"),
                text("VCF version 3.3", replaceLine(1, "##fileformat=VCFv3.3"), VcfErrorCode.UNSUPPORTED_VERSION, 1, "fileformat"),
                text("second ##fileformat", insertLine(3, "##fileformat=VCFv4.2"), VcfErrorCode.MALFORMED_HEADER_LINE, 3, "##fileformat"),
                text("meta line without =", insertLine(2, "##source"), VcfErrorCode.MALFORMED_HEADER_LINE, 2, "##"),
                text("contig without ID", replaceLine(2, "##contig=<length=249250621>"), VcfErrorCode.MALFORMED_HEADER_LINE, 2, "##contig"),
                text("contig length not a number", replaceLine(2, "##contig=<ID=1,length=249Mb>"),
                        VcfErrorCode.MALFORMED_HEADER_LINE, 2, "##contig"),
                text("contig without angle brackets", replaceLine(2, "##contig=ID=1,length=249250621"),
                        VcfErrorCode.MALFORMED_HEADER_LINE, 2, "##contig"),
                text("contig declared twice (chr1 and 1)", replaceLine(3, "##contig=<ID=chr1,length=249250621>"),
                        VcfErrorCode.DUPLICATE_CONTIG, 3, "##contig"),
                text("unclosed quote in INFO", replaceLine(4, "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End>"),
                        VcfErrorCode.MALFORMED_HEADER_LINE, 4, "##INFO"),
                text("no #CHROM line", removeLine(6), VcfErrorCode.MISSING_COLUMN_HEADER, 6, "#CHROM"),
                text("no records and no #CHROM line", text -> String.join("\n", Arrays.asList(text.split("\n")).subList(0, 5)) + "\n",
                        VcfErrorCode.MISSING_COLUMN_HEADER, 6, "#CHROM"),
                text("#CHROM columns separated by spaces", line(6, header -> header.replace('\t', ' ')),
                        VcfErrorCode.MALFORMED_COLUMN_HEADER, 6, "#CHROM"),
                text("POS column named POSITION", line(6, header -> header.replace("\tPOS\t", "\tPOSITION\t")),
                        VcfErrorCode.MALFORMED_COLUMN_HEADER, 6, "POS"),
                text("FORMAT column missing before samples", line(6, header -> header.replace("\tFORMAT", "")),
                        VcfErrorCode.MALFORMED_COLUMN_HEADER, 6, "FORMAT"),
                text("lower-case #chrom", line(6, header -> header.replace("#CHROM", "#chrom")),
                        VcfErrorCode.MALFORMED_COLUMN_HEADER, 6, "#CHROM"),
                text("empty sample name", line(6, header -> header.replace("\tS2", "\t")),
                        VcfErrorCode.MALFORMED_COLUMN_HEADER, 6, "sample column 11"),
                new Case("duplicate sample names", line(6, header -> header.replace("\tS3", "\tS1")), Encoding.PLAIN, DEFAULTS,
                        VcfErrorCode.DUPLICATE_SAMPLE, 6, "sample column 12", "S1"),
                text("header line after #CHROM", insertLine(8, "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">"),
                        VcfErrorCode.MALFORMED_HEADER_LINE, 8, "line"),
                // the assembly
                new Case("GRCh37 file submitted as GRCh38", UnaryOperator.identity(), Encoding.PLAIN, DEFAULTS.withAssembly(Assembly.GRCH38),
                        VcfErrorCode.ASSEMBLY_MISMATCH, 2, "##contig", null),
                text("contigs from two assemblies", replaceLine(3, "##contig=<ID=2,length=242193529>"),
                        VcfErrorCode.ASSEMBLY_CONFLICT, 3, "##contig"),
                new Case("assembly required but not recognisable", replaceLine(2, "##contig=<ID=1>").andThen(replaceLine(3, "##contig=<ID=2>"))::apply, Encoding.PLAIN,
                        DEFAULTS.withRequireAssembly(true), VcfErrorCode.ASSEMBLY_UNKNOWN, 6, "assembly", null),
                text("POS beyond the declared contig length", column(10, 2, "243199374"), VcfErrorCode.POSITION_BEYOND_CONTIG, 10, "POS"),
                new Case("POS beyond the GRCh38 length of an undeclared contig", removeLine(3).andThen(column(9, 2, "242193530"))::apply,
                        Encoding.PLAIN, DEFAULTS.withAssembly(Assembly.GRCH37).withAssembly(Assembly.GRCH38),
                        VcfErrorCode.ASSEMBLY_MISMATCH, 2, "##contig", null),
                // with no ##contig line at all (a header that declares some contigs must declare every contig used)
                new Case("POS beyond the assembly length of an undeclared contig",
                        removeLine(3).andThen(removeLine(2)).andThen(column(8, 2, "243199374"))::apply,
                        Encoding.PLAIN, DEFAULTS.withAssembly(Assembly.GRCH37), VcfErrorCode.POSITION_BEYOND_CONTIG, 8, "POS", null),
                text("END beyond the contig", column(10, 8, "END=243199999"), VcfErrorCode.POSITION_BEYOND_CONTIG, 10, "INFO"),
                // records
                text("a sample column missing", line(7, record -> record.substring(0, record.lastIndexOf('\t'))),
                        VcfErrorCode.WRONG_COLUMN_COUNT, 7, "line"),
                text("an extra column", line(7, record -> record + "\t0/0"), VcfErrorCode.WRONG_COLUMN_COUNT, 7, "line"),
                text("only five columns", replaceLine(9, "1\t300\t.\tG\tT"), VcfErrorCode.WRONG_COLUMN_COUNT, 9, "line"),
                text("spaces instead of tabs", line(9, record -> record.replace('\t', ' ')), VcfErrorCode.WRONG_COLUMN_COUNT, 9, "line"),
                text("empty line between records", insertLine(8, ""), VcfErrorCode.WRONG_COLUMN_COUNT, 8, "line"),
                text("POS not a number", column(8, 2, "2e2"), VcfErrorCode.INVALID_POSITION, 8, "POS"),
                text("POS zero", column(7, 2, "0"), VcfErrorCode.INVALID_POSITION, 7, "POS"),
                text("POS negative", column(7, 2, "-100"), VcfErrorCode.INVALID_POSITION, 7, "POS"),
                text("POS empty", column(7, 2, ""), VcfErrorCode.INVALID_POSITION, 7, "POS"),
                text("POS beyond 32 bits", column(7, 2, "4294967396"), VcfErrorCode.INVALID_POSITION, 7, "POS"),
                text("records out of order", column(9, 2, "150"), VcfErrorCode.UNSORTED_RECORDS, 9, "POS"),
                text("contig revisited", text -> text + "1\t400\t.\tA\tG\t.\t.\t.\tGT\t0/0\t0/0\t0/1\n",
                        VcfErrorCode.CONTIG_NOT_CONTIGUOUS, 11, "CHROM"),
                text("CHROM empty", column(7, 1, ""), VcfErrorCode.INVALID_CONTIG, 7, "CHROM"),
                text("REF with an IUPAC code", column(7, 4, "R"), VcfErrorCode.INVALID_REFERENCE_ALLELE, 7, "REF"),
                text("REF empty", column(7, 4, ""), VcfErrorCode.INVALID_REFERENCE_ALLELE, 7, "REF"),
                text("REF with a digit", column(8, 4, "A1"), VcfErrorCode.INVALID_REFERENCE_ALLELE, 8, "REF"),
                text("ALT not a base", column(7, 5, "X"), VcfErrorCode.INVALID_ALTERNATE_ALLELE, 7, "ALT"),
                text("ALT breakend", column(7, 5, "G]2:100]"), VcfErrorCode.INVALID_ALTERNATE_ALLELE, 7, "ALT"),
                text("ALT . among others", column(8, 5, "A,."), VcfErrorCode.INVALID_ALTERNATE_ALLELE, 8, "ALT"),
                text("ALT with an empty allele", column(8, 5, "A,,ACC"), VcfErrorCode.INVALID_ALTERNATE_ALLELE, 8, "ALT"),
                text("ALT empty", column(7, 5, ""), VcfErrorCode.INVALID_ALTERNATE_ALLELE, 7, "ALT"),
                text("ALT broken symbolic", column(7, 5, "<DEL"), VcfErrorCode.INVALID_ALTERNATE_ALLELE, 7, "ALT"),
                text("ALT equal to REF", column(7, 5, "A"), VcfErrorCode.INVALID_ALTERNATE_ALLELE, 7, "ALT"),
                text("ALT equal to REF in lower case", column(7, 5, "a"), VcfErrorCode.INVALID_ALTERNATE_ALLELE, 7, "ALT"),
                text("second ALT equal to REF", column(8, 5, "A,AC"), VcfErrorCode.INVALID_ALTERNATE_ALLELE, 8, "ALT"),
                text("ALT listed twice", column(8, 5, "ACC,ACC"), VcfErrorCode.INVALID_ALTERNATE_ALLELE, 8, "ALT"),
                text("ALT listed twice, once in lower case", column(8, 5, "A,ACC,acc"), VcfErrorCode.INVALID_ALTERNATE_ALLELE, 8, "ALT"),
                text("symbolic ALT listed twice", column(8, 5, "<DEL>,<DEL>"), VcfErrorCode.INVALID_ALTERNATE_ALLELE, 8, "ALT"),
                text("QUAL a word", column(7, 6, "high"), VcfErrorCode.INVALID_QUALITY, 7, "QUAL"),
                text("QUAL with two decimal points", column(7, 6, "1.622.03"), VcfErrorCode.INVALID_QUALITY, 7, "QUAL"),
                text("QUAL a range", column(7, 6, "40-60"), VcfErrorCode.INVALID_QUALITY, 7, "QUAL"),
                text("QUAL with an exponent but no digits", column(7, 6, "1e"), VcfErrorCode.INVALID_QUALITY, 7, "QUAL"),
                text("QUAL only an exponent", column(7, 6, "e5"), VcfErrorCode.INVALID_QUALITY, 7, "QUAL"),
                text("QUAL two signs", column(7, 6, "--5"), VcfErrorCode.INVALID_QUALITY, 7, "QUAL"),
                text("QUAL only a point", column(7, 6, "-."), VcfErrorCode.INVALID_QUALITY, 7, "QUAL"),
                text("QUAL empty", column(7, 6, ""), VcfErrorCode.INVALID_QUALITY, 7, "QUAL"),
                text("INFO with a space after ;", column(10, 8, "DP=3; AC=1"), VcfErrorCode.INVALID_INFO, 10, "INFO"),
                text("INFO with a space before =", column(10, 8, "DP =3"), VcfErrorCode.INVALID_INFO, 10, "INFO"),
                text("INFO flag with a space", column(10, 8, "DP=3;DB H2"), VcfErrorCode.INVALID_INFO, 10, "INFO"),
                text("INFO value with a space in VCFv4.2", column(10, 8, "DP=3;NOTE=two words"), VcfErrorCode.INVALID_INFO, 10, "INFO"),
                new Case("sample with more values than FORMAT keys", column(9, 10, "5:0|0:7"), Encoding.PLAIN, DEFAULTS,
                        VcfErrorCode.INVALID_FORMAT, 9, "FORMAT", "S1"),
                new Case("sample with more values than FORMAT keys when FORMAT is GT", column(7, 11, "1|1:5"), Encoding.PLAIN, DEFAULTS,
                        VcfErrorCode.INVALID_FORMAT, 7, "FORMAT", "S2"),
                new Case("last sample with more values than FORMAT keys when FORMAT is GT", column(7, 12, "0|0:5"), Encoding.PLAIN,
                        DEFAULTS, VcfErrorCode.INVALID_FORMAT, 7, "FORMAT", "S3"),
                new Case("sample with more values than FORMAT keys when FORMAT has no GT",
                        replaceLine(10, "2\t50\t.\tC\tT\t10\tPASS\tDP=3\tDP\t3\t4\t5:6"), Encoding.PLAIN, DEFAULTS,
                        VcfErrorCode.INVALID_FORMAT, 10, "FORMAT", "S3"),
                new Case("sample with more values than FORMAT keys after a shorter sample", column(9, 12, "7:1/0:3:4"), Encoding.PLAIN,
                        DEFAULTS, VcfErrorCode.INVALID_FORMAT, 9, "FORMAT", "S3"),
                text("FORMAT lists GT twice", column(9, 9, "DP:GT:GT"), VcfErrorCode.INVALID_FORMAT, 9, "FORMAT"),
                text("FORMAT lists DP twice", column(9, 9, "DP:GT:DP"), VcfErrorCode.INVALID_FORMAT, 9, "FORMAT"),
                text("contig not declared in a header that declares contigs",
                        text -> text + "3\t10\t.\tA\tG\t.\t.\t.\tGT\t0/0\t0/1\t1/1\n", VcfErrorCode.INVALID_CONTIG, 11, "CHROM"),
                text("reference block overlapping the next record",
                        insertLine(9, "1\t250\t.\tG\t.\t.\t.\tEND=300\tGT\t0/0\t0/0\t0/0"), VcfErrorCode.UNSORTED_RECORDS, 10, "POS"),
                text("<NON_REF> block overlapping the next record",
                        insertLine(9, "1\t250\t.\tG\t<NON_REF>\t.\t.\tEND=301\tGT\t0/0\t0/0\t0/0"), VcfErrorCode.UNSORTED_RECORDS, 10, "POS"),
                text("reference block ending on the POS of the next block",
                        insertLine(9, "1\t200\t.\tA\t.\t.\t.\tEND=210\tGT\t0/0\t0/0\t0/0")
                                .andThen(insertLine(10, "1\t210\t.\tA\t.\t.\t.\tEND=220\tGT\t0/0\t0/0\t0/0"))::apply,
                        VcfErrorCode.UNSORTED_RECORDS, 10, "POS"),
                text("UTF-8 byte-order mark", text -> "\uFEFF" + text, VcfErrorCode.MISSING_FILEFORMAT, 1, "fileformat"),
                text("END not a number", column(10, 8, "END=ten"), VcfErrorCode.INVALID_INFO, 10, "INFO"),
                text("END before POS", column(10, 8, "DP=3;END=10"), VcfErrorCode.INVALID_INFO, 10, "INFO"),
                text("FORMAT empty", column(7, 9, ""), VcfErrorCode.INVALID_FORMAT, 7, "FORMAT"),
                // genotypes
                sample("triploid call", column(7, 11, "0/1/1"), VcfErrorCode.UNSUPPORTED_PLOIDY, 7, "S2"),
                sample("haploid call on an autosome", column(7, 12, "1"), VcfErrorCode.PLOIDY_NOT_ALLOWED, 7, "S3"),
                sample("allele index beyond the only ALT", column(7, 10, "0/2"), VcfErrorCode.ALLELE_INDEX_OUT_OF_RANGE, 7, "S1"),
                sample("allele index beyond two ALTs", column(8, 12, "3|0"), VcfErrorCode.ALLELE_INDEX_OUT_OF_RANGE, 8, "S3"),
                sample("allele index out of range when GT is not first", column(9, 11, "3:0/4"),
                        VcfErrorCode.ALLELE_INDEX_OUT_OF_RANGE, 9, "S2"),
                sample("allele index with ten digits", column(7, 10, "0/1234567890"), VcfErrorCode.ALLELE_INDEX_OUT_OF_RANGE, 7, "S1"),
                sample("GT with a dash", column(7, 10, "0-1"), VcfErrorCode.MALFORMED_GENOTYPE, 7, "S1"),
                sample("GT ending in a separator", column(7, 11, "0/"), VcfErrorCode.MALFORMED_GENOTYPE, 7, "S2"),
                sample("GT with letters", column(10, 12, "A/T"), VcfErrorCode.MALFORMED_GENOTYPE, 10, "S3"),
                sample("empty sample column", column(7, 11, ""), VcfErrorCode.MALFORMED_GENOTYPE, 7, "S2"),
                sample("empty GT before other fields", column(9, 12, "7:"), VcfErrorCode.MALFORMED_GENOTYPE, 9, "S3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachMalformedFileFailsWithItsCodeLineAndField(Case malformed) {
        String text = malformed.change().apply(VALID);
        byte[] bytes = encode(text, malformed.encoding());
        for (boolean readAhead : new boolean[] {true, false}) {
            PermedException error = catchThrowableOfType(PermedException.class, () -> VcfValidator.validate(
                    new ByteArrayInputStream(bytes), FILE, malformed.options().withReadAhead(readAhead), Optional.empty()));
            assertThat(error).as("%s (read-ahead %s) must fail", malformed.name(), readAhead).isNotNull();
            assertThat(error.errorCode()).as(error.getMessage()).isEqualTo(malformed.code());
            assertThat(error.details()).as(error.getMessage())
                    .containsEntry("file", FILE)
                    .containsEntry("line", malformed.line())
                    .containsEntry("field", malformed.field());
            if (malformed.sample() != null) {
                assertThat(error.details()).containsEntry("sample", malformed.sample());
            } else {
                assertThat(error.details()).doesNotContainKey("sample");
            }
            assertThat(error.getMessage()).startsWith(FILE);
            if (malformed.field().equals("GT") && malformed.sample() != null) {
                String gt = text.split("\n")[(int) malformed.line() - 1].split("\t")[9 + List.of("S1", "S2", "S3").indexOf(malformed.sample())];
                if (gt.length() >= 3) {
                    assertThat(error.getMessage()).as("the message must not echo the genotype").doesNotContain(gt);
                }
            }
        }
    }

    @Test
    void theCorpusHasAtLeastFortyCasesAndTheValidFileIsValid() {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(40);
        for (Encoding encoding : new Encoding[] {Encoding.PLAIN, Encoding.BGZF, Encoding.GZIP}) {
            ValidationSummary summary = VcfValidator.validate(new ByteArrayInputStream(encode(VALID, encoding)), FILE,
                    DEFAULTS, Optional.empty());
            assertThat(summary.variantRecords()).isEqualTo(4);
            assertThat(summary.biallelicVariants()).isEqualTo(5);
            assertThat(summary.header().assembly()).contains(Assembly.GRCH37);
            assertThat(summary.compressed()).isEqualTo(encoding != Encoding.PLAIN);
        }
    }

    @Test
    void everyChangeOfTheCorpusChangesTheFile() {
        corpus().filter(malformed -> malformed.encoding() == Encoding.PLAIN && malformed.options().equals(DEFAULTS))
                .forEach(malformed -> assertThat(malformed.change().apply(VALID)).as(malformed.name()).isNotEqualTo(VALID));
    }

    static byte[] encode(String text, Encoding encoding) {
        byte[] plain = text.getBytes(UTF_8);
        return switch (encoding) {
            case PLAIN -> plain;
            case BGZF -> Bgzf.compress(plain, 64);
            case GZIP -> TestFiles.gzip(plain);
            case BGZF_WITHOUT_END -> Bgzf.compress(plain, 1 << 16, false);
            case BGZF_CUT -> {
                // cut inside the deflate data of the first block, before its first line ends
                yield Arrays.copyOf(Bgzf.compress(plain, 1 << 16), 25);
            }
            case GZIP_CUT -> {
                yield Arrays.copyOf(TestFiles.gzip(plain), 20);
            }
            case GZIP_BAD_CHECKSUM -> {
                byte[] whole = TestFiles.gzip(plain);
                whole[whole.length - 6] ^= 0x55;
                yield whole;
            }
            case GZIP_TRAILING_GARBAGE -> {
                byte[] whole = TestFiles.gzip(plain);
                byte[] longer = Arrays.copyOf(whole, whole.length + 4);
                longer[whole.length] = 'J';
                longer[whole.length + 1] = 'U';
                longer[whole.length + 2] = 'N';
                longer[whole.length + 3] = 'K';
                yield longer;
            }
            case BZIP2 -> ("BZh91AY&SY" + text).getBytes(UTF_8);
            case BCF_IN_BGZF -> Bgzf.compress(("BCF\2\2" + text).getBytes(UTF_8), 1 << 16);
            case EMPTY -> new byte[0];
        };
    }
}
