package no.permed.vcf.read;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.permed.kernel.PermedException;
import no.permed.vcf.Bgzf;
import no.permed.vcf.TestFiles;
import no.permed.vcf.VcfErrorCode;
import no.permed.vcf.validate.ValidationSummary;
import no.permed.vcf.validate.VcfValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The record rules that refuse what real files never contain (ALT equal to REF or listed twice, QUAL that is not
 * a number, spaces in INFO keys, more sample values than FORMAT keys, repeated FORMAT keys, undeclared contigs,
 * overlapping reference blocks), checked in both directions: what must be refused, and the legal look-alikes in
 * real data that must still be read. Also the messages that name why a first line is binary.
 */
class StricterRecordRulesTest {
    private static final String FILE = "input.vcf";
    private static final String COLUMNS = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1";

    private static String vcf(String version, List<String> header, String... records) {
        List<String> lines = new ArrayList<>();
        lines.add("##fileformat=" + version);
        lines.addAll(header);
        lines.add(COLUMNS);
        lines.addAll(List.of(records));
        return String.join("\n", lines) + "\n";
    }

    private static String vcf(String... records) {
        return vcf("VCFv4.2", List.of("##contig=<ID=1,length=249250621>", "##contig=<ID=2,length=243199373>"), records);
    }

    private static ValidationSummary validate(String text) {
        return validate(text.getBytes(UTF_8));
    }

    private static ValidationSummary validate(byte[] bytes) {
        return VcfValidator.validate(new ByteArrayInputStream(bytes), FILE, VcfReaderOptions.defaults(), Optional.empty());
    }

    private static PermedException refusal(byte[] bytes) {
        PermedException error = catchThrowableOfType(PermedException.class, () -> validate(bytes));
        assertThat(error).as("the input must be refused").isNotNull();
        return error;
    }

    private static PermedException refusal(String text) {
        return refusal(text.getBytes(UTF_8));
    }

    // ---- what must still be read ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"50", "0", "49.87", ".5", "5.", "1e3", "1.2E-3", "3e+2", "+3", "-1", "007", "inf", "-Inf", "INFINITY",
        "NaN", "."})
    void qualityThatIsAFloatOfTheSpecificationIsRead(String quality) {
        assertThat(validate(vcf("1\t100\t.\tA\tG\t" + quality + "\tPASS\t.\tGT\t0/1")).variantRecords()).isEqualTo(1);
    }

    @Test
    void aSampleMayHaveFewerValuesThanFormatKeys() {
        ValidationSummary summary = validate(vcf(
                "1\t100\t.\tA\tG\t50\tPASS\t.\tGT:DP:GQ:PL\t0/1",
                "1\t200\t.\tA\tG\t50\tPASS\t.\tGT:DP:GQ:PL\t0/1:12",
                "1\t300\t.\tA\tG\t50\tPASS\t.\tGT:DP:GQ:PL\t0/1:12:99:0,10,100",
                "1\t400\t.\tA\tG\t50\tPASS\t.\tDP:GQ:GT\t.",
                "1\t500\t.\tA\tG\t50\tPASS\t.\tDP:GQ\t3:4"));
        assertThat(summary.variantRecords()).isEqualTo(5);
    }

    @Test
    void variantsMayOverlapLaterRecords() {
        // a deletion spanning a later SNV, and an ALT-less record with a long REF (bcftools writes <*> records so)
        ValidationSummary summary = validate(vcf(
                "1\t100\t.\tACGTACGT\tA\t50\tPASS\t.\tGT\t0/1",
                "1\t102\t.\tG\tT\t50\tPASS\t.\tGT\t0/1",
                "1\t102\t.\tGTA\tG,*\t50\tPASS\t.\tGT\t1/2",
                "1\t200\t.\tCGGAGCCC\t<*>\t0\t.\t.\tGT\t./.",
                "1\t201\t.\tG\tA\t41\t.\t.\tGT\t0/0",
                "1\t300\t.\tCGG\t.\t.\t.\t.\tGT\t0/0",
                "1\t301\t.\tG\tA\t41\t.\t.\tGT\t0/1"));
        assertThat(summary.variantRecords()).isEqualTo(5);
        assertThat(summary.referenceBlocks()).isEqualTo(2);
    }

    @Test
    void referenceBlocksThatEndBeforeTheNextRecordAreRead() {
        ValidationSummary summary = validate(vcf(
                "1\t100\t.\tA\t<NON_REF>\t.\t.\tEND=199\tGT\t0/0",
                "1\t200\t.\tA\tG,<NON_REF>\t50\t.\t.\tGT\t0/1",
                "1\t201\t.\tC\t<NON_REF>\t.\t.\tEND=201\tGT\t0/0",
                "1\t202\t.\tC\t.\t.\t.\tEND=10000000\tGT\t0/0",
                // the next contig starts afresh: a block's END on contig 1 says nothing about contig 2
                "2\t1\t.\tN\t<NON_REF>\t.\t.\tEND=20000000\tGT\t0/0",
                "2\t20000001\t.\tA\tG,<NON_REF>\t50\t.\t.\tGT\t1/1"));
        assertThat(summary.referenceBlocks()).isEqualTo(4);
        assertThat(summary.variantRecords()).isEqualTo(2);
    }

    @Test
    void anyContigIsReadWhenTheHeaderDeclaresNone() {
        String text = vcf("VCFv4.2", List.of(), "chrUn_KI270742v1\t100\t.\tA\tG\t50\tPASS\t.\tGT\t0/1",
                "HLA-A*01:01:01:01\t5\t.\tA\tG\t50\tPASS\t.\tGT\t0/1");
        assertThat(validate(text).variantRecords()).isEqualTo(2);
    }

    @Test
    void aDeclaredContigMayBeWrittenWithOrWithoutChr() {
        String text = vcf("VCFv4.2", List.of("##contig=<ID=chr1,length=248956422>"), "1\t100\t.\tA\tG\t50\tPASS\t.\tGT\t0/1");
        assertThat(validate(text).variantRecords()).isEqualTo(1);
    }

    @Test
    void spacesInInfoValuesAreReadFromVcf43On() {
        String text = vcf("VCFv4.3", List.of(), "1\t100\t.\tA\tG\t50\tPASS\tDISEASE=Presynaptic congenital myasthenic syndrome;DP=3\tGT\t0/1");
        assertThat(validate(text).variantRecords()).isEqualTo(1);
    }

    @Test
    void formatsThatAlternateAreCheckedOnceAndStillApplyTheirOwnKeyCount() {
        // gVCFs alternate two FORMATs; each is checked once and cached, and the cached key count is the one applied
        List<String> records = new ArrayList<>();
        for (int index = 1; index <= 40; index++) {
            records.add(index % 2 == 1
                    ? "1\t" + (index * 10) + "\t.\tA\t<NON_REF>\t.\t.\tEND=" + (index * 10 + 9) + "\tGT:DP:GQ:MIN_DP:PL\t0/0:30:99:25:0,90,900"
                    : "1\t" + (index * 10) + "\t.\tA\tG,<NON_REF>\t50\t.\t.\tGT:AD:DP:GQ:PL\t0/1:5,6,0:11:99:90,0,90,120,150,300");
        }
        assertThat(validate(vcf(records.toArray(String[]::new))).records()).isEqualTo(40);
        records.add("1\t500\t.\tA\t<NON_REF>\t.\t.\tEND=505\tGT:DP:GQ:MIN_DP:PL\t0/0:30:99:25:0,90,900:7");
        PermedException error = refusal(vcf(records.toArray(String[]::new)));
        assertThat(error.errorCode()).isEqualTo(VcfErrorCode.INVALID_FORMAT);
        assertThat(error.details()).containsEntry("line", 45L).containsEntry("field", "FORMAT").containsEntry("sample", "S1");
        assertThat(error.getMessage()).contains("6 :-separated values but FORMAT has only 5 key(s)");
    }

    @Test
    void aRepeatedFormatKeyIsFoundAfterOtherFormatsFilledTheCache() {
        List<String> records = new ArrayList<>();
        for (int index = 1; index <= 20; index++) {
            records.add("1\t" + (index * 10) + "\t.\tA\tG\t50\t.\t.\tGT:K" + index + "\t0/1:1");
        }
        records.add("1\t300\t.\tA\tG\t50\t.\t.\tGT:K3:DP:K3\t0/1:1");
        PermedException error = refusal(vcf(records.toArray(String[]::new)));
        assertThat(error.errorCode()).isEqualTo(VcfErrorCode.INVALID_FORMAT);
        assertThat(error.details()).containsEntry("line", 25L).containsEntry("field", "FORMAT");
        assertThat(error.getMessage()).contains("'K3' twice (keys 2 and 4)");
    }

    @Test
    void extraSampleValuesAreFoundInAManySampleFileWithFormatGt() {
        // FORMAT GT reads two calls per 8-byte word; a call with a trailing value must leave that fast path and be caught
        int samples = 40;
        StringBuilder columns = new StringBuilder("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
        StringBuilder good = new StringBuilder("1\t100\t.\tA\tG\t50\tPASS\t.\tGT");
        StringBuilder bad = new StringBuilder("1\t200\t.\tA\tG\t50\tPASS\t.\tGT");
        for (int sample = 0; sample < samples; sample++) {
            columns.append("\tS").append(sample);
            good.append(sample % 3 == 0 ? "\t0|1" : "\t1/1");
            bad.append(sample == 17 ? "\t0|1:4" : "\t0|0");
        }
        String header = "##fileformat=VCFv4.2\n" + columns + "\n";
        assertThat(validate(header + good + "\n").variantRecords()).isEqualTo(1);
        PermedException error = refusal(header + good + "\n" + bad + "\n");
        assertThat(error.errorCode()).isEqualTo(VcfErrorCode.INVALID_FORMAT);
        assertThat(error.details()).containsEntry("line", 4L).containsEntry("sample", "S17");
    }

    // ---- messages -------------------------------------------------------------------------------------------

    @Test
    void theMessagesSayWhatIsWrong() {
        assertThat(refusal(vcf("1\t100\t.\tC\tC\t50\tPASS\t.\tGT\t1/1")).getMessage())
                .isEqualTo(FILE + ", line 5, ALT: ALT allele 1 'C' is the same as REF; an ALT allele must differ from REF"
                        + " (write . when the site has no ALT allele)");
        assertThat(refusal(vcf("1\t100\t.\tC\tCATTTT,CATTTT\t50\tPASS\t.\tGT\t2/1")).getMessage())
                .contains("line 5, ALT: ALT allele 2 'CATTTT' repeats an earlier ALT allele");
        assertThat(refusal(vcf("1\t100\t.\tC\tT\t1.622.03\tPASS\t.\tGT\t0/1")).getMessage())
                .contains("line 5, QUAL: QUAL must be . or a number").contains("'1.622.03'");
        assertThat(refusal(vcf("1\t100\t.\tC\tT\t50\tPASS\tplatforms=3; datasets=3\tGT\t0/1")).getMessage())
                .contains("line 5, INFO: the INFO entry ' datasets=3' has a space in its key");
        assertThat(refusal(vcf("1\t100\t.\tC\tT\t50\tPASS\tNOTE=two words\tGT\t0/1")).getMessage())
                .contains("line 5, INFO: the INFO entry 'NOTE=two words' has a space in its value, which VCFv4.2 does not allow");
        assertThat(refusal(vcf("1\t100\t.\tC\tT\t50\tPASS\t.\tGT:PS:GT\t0/1")).getMessage())
                .contains("line 5, FORMAT: FORMAT lists the key 'GT' twice (keys 1 and 3)");
        assertThat(refusal(vcf("chrUn_KI270742v1\t100\t.\tC\tT\t50\tPASS\t.\tGT\t0/1")).getMessage())
                .contains("line 5, CHROM: contig 'chrUn_KI270742v1' is not declared in the header");
        assertThat(refusal(vcf("1\t100\t.\tG\t<NON_REF>\t.\t.\tEND=300\tGT\t0/0", "1\t250\t.\tA\tG,<NON_REF>\t50\t.\t.\tGT\t0/1"))
                .getMessage()).isEqualTo(FILE + ", line 6, POS: POS 250 lies inside the reference block 1:100-300 on line 5;"
                        + " a reference block (a record with END and no ALT allele) must end before the next record starts");
    }

    @Test
    void aSpaceInAnInfoKeyIsRefusedInVcf43Too() {
        PermedException error = refusal(vcf("VCFv4.3", List.of(), "1\t100\t.\tA\tG\t50\tPASS\tDP=3; AC=1\tGT\t0/1"));
        assertThat(error.errorCode()).isEqualTo(VcfErrorCode.INVALID_INFO);
        assertThat(error.details()).containsEntry("line", 3L).containsEntry("field", "INFO");
    }

    @Test
    void aByteOrderMarkIsNamed() {
        PermedException error = refusal("\uFEFF" + vcf("1\t100\t.\tA\tG\t50\tPASS\t.\tGT\t0/1"));
        assertThat(error.errorCode()).isEqualTo(VcfErrorCode.MISSING_FILEFORMAT);
        assertThat(error.details()).containsEntry("line", 1L).containsEntry("field", "fileformat");
        assertThat(error.getMessage()).startsWith(FILE + ", line 1, fileformat: the file starts with a UTF-8 byte-order mark")
                .contains("save it without BOM").doesNotContain("\uFEFF");
    }

    @Test
    void utf16TextIsNamed() {
        String text = vcf("1\t100\t.\tA\tG\t50\tPASS\t.\tGT\t0/1").replace("\n", "\r\n");
        byte[] littleEndianWithMark = ("\uFEFF" + text).getBytes(UTF_16LE);
        byte[] bigEndianWithMark = ("\uFEFF" + text).getBytes(UTF_16BE);
        byte[] littleEndianWithoutMark = text.getBytes(UTF_16LE);
        for (byte[] bytes : List.of(littleEndianWithMark, bigEndianWithMark, littleEndianWithoutMark, TestFiles.gzip(littleEndianWithMark))) {
            PermedException error = refusal(bytes);
            assertThat(error.errorCode()).isEqualTo(VcfErrorCode.BINARY_CONTENT);
            assertThat(error.details()).containsEntry("line", 1L).containsEntry("field", "line");
            assertThat(error.getMessage()).contains("UTF-16").contains("save it as UTF-8");
        }
        assertThat(refusal(bigEndianWithMark).getMessage()).contains("UTF-16BE");
    }

    @Test
    void aFileCompressedTwiceIsNamed() {
        byte[] text = vcf("1\t100\t.\tA\tG\t50\tPASS\t.\tGT\t0/1").getBytes(UTF_8);
        for (byte[] twice : List.of(TestFiles.gzip(Bgzf.compress(text, 1 << 16)), TestFiles.gzip(TestFiles.gzip(text)),
                Bgzf.compress(Bgzf.compress(text, 1 << 16), 1 << 16))) {
            PermedException error = refusal(twice);
            assertThat(error.errorCode()).isEqualTo(VcfErrorCode.BINARY_CONTENT);
            assertThat(error.details()).containsEntry("line", 1L).containsEntry("field", "line");
            assertThat(error.getMessage()).contains("compressed twice");
        }
    }

    @Test
    void aFileCompressedTwiceIsNamedWhenItsFirstLineHasNoNulByte() {
        // an inner gzip header with a file name flag and a modification time whose first byte is a newline
        // (the inner stream is never inflated: the first line alone shows what it is)
        byte[] inner = TestFiles.gzip(vcf("1\t100\t.\tA\tG\t50\tPASS\t.\tGT\t0/1").getBytes(UTF_8));
        inner[3] = 8;
        inner[4] = '\n';
        inner[5] = 1;
        inner[6] = 1;
        inner[7] = 1;
        PermedException error = refusal(TestFiles.gzip(inner));
        assertThat(error.errorCode()).isEqualTo(VcfErrorCode.BINARY_CONTENT);
        assertThat(error.details()).containsEntry("line", 1L).containsEntry("field", "line");
        assertThat(error.getMessage()).contains("compressed twice");
    }

    @Test
    void nulBytesAfterTheFirstLineKeepTheirPlainMessage() {
        PermedException error = refusal(vcf("1\t100\t.\tA\tG\t50\tPA\0SS\t.\tGT\t0/1"));
        assertThat(error.errorCode()).isEqualTo(VcfErrorCode.BINARY_CONTENT);
        assertThat(error.getMessage()).contains("NUL byte at character").doesNotContain("UTF-16").doesNotContain("compressed twice");
    }
}
