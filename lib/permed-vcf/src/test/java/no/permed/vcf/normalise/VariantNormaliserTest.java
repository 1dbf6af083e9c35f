package no.permed.vcf.normalise;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import no.permed.kernel.PermedException;
import no.permed.vcf.VcfErrorCode;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfReaderOptions;
import no.permed.vcf.read.VcfRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariantNormaliserTest {
    /** chr1, 1-based: G at 10, a CA repeat at 11–18, G at 19, G at 23, an A run at 24–28. */
    private static final String CHROMOSOME_1 = "GGATCGTTAGCACACACAGTTCGAAAAACGTTGCA";

    /** An in-memory reference for the tests. */
    static final class StringReference implements ReferenceSequence {
        private final Map<String, String> contigs;

        StringReference(Map<String, String> contigs) {
            this.contigs = contigs;
        }

        @Override
        public OptionalInt contigLength(String canonicalContig) {
            String sequence = contigs.get(canonicalContig);
            return sequence == null ? OptionalInt.empty() : OptionalInt.of(sequence.length());
        }

        @Override
        public String bases(String canonicalContig, int start, int length) {
            String sequence = contigs.get(canonicalContig);
            int from = Math.min(sequence.length(), start - 1);
            return sequence.substring(from, Math.min(sequence.length(), from + length));
        }
    }

    private static final VariantNormaliser WITHOUT_REFERENCE = VariantNormaliser.withoutReference(Assembly.GRCH38);
    private static final VariantNormaliser WITH_REFERENCE =
            VariantNormaliser.withReference(Assembly.GRCH38, new StringReference(Map.of("1", CHROMOSOME_1)));

    @ParameterizedTest(name = "{0}:{1} {2}>{3} is {4}")
    @CsvSource({
        "chr1, 100, A, G, GRCh38-1-100-A-G",
        "chr1, 100, a, g, GRCh38-1-100-A-G",
        "1, 100, CAT, CGT, GRCh38-1-101-A-G",
        "1, 100, ACG, ATG, GRCh38-1-101-C-T",
        "1, 100, CTG, C, GRCh38-1-100-CTG-C",
        "1, 100, CTGA, CA, GRCh38-1-100-CTG-C",
        "1, 100, GCTGA, GCA, GRCh38-1-101-CTG-C",
        "1, 100, C, CTG, GRCh38-1-100-C-CTG",
        "1, 100, AC, GT, GRCh38-1-100-AC-GT",
        "1, 100, ACGT, AGGA, GRCh38-1-101-CGT-GGA",
        "chrM, 100, CA, *, GRCh38-MT-100-CA-*",
        "1, 100, A, <DEL>, GRCh38-1-100-A-<DEL>"
    })
    void trimsWithoutAReference(String contig, int position, String reference, String alternate, String expected) {
        assertThat(WITHOUT_REFERENCE.normalise(contig, position, reference, alternate)).hasToString(expected);
    }

    @ParameterizedTest(name = "{0}:{1} {2}>{3} is {4}")
    @CsvSource({
        // deleting one CA from the CA repeat, written at its right end, anywhere inside, or padded
        "1, 16, ACA, A, GRCh38-1-10-GCA-G",
        "1, 12, ACAC, AC, GRCh38-1-10-GCA-G",
        "1, 10, GCACA, GCA, GRCh38-1-10-GCA-G",
        // inserting one CA
        "1, 18, A, ACA, GRCh38-1-10-G-GCA",
        // deleting an A from the A run, written at its end, and inserting one
        "1, 27, AA, A, GRCh38-1-23-GA-G",
        "1, 28, A, AA, GRCh38-1-23-G-GA",
        // a SNV and an MNP are not moved
        "1, 12, A, T, GRCh38-1-12-A-T",
        "1, 11, CA, TT, GRCh38-1-11-CA-TT"
    })
    void leftAlignsIndelsWithAReference(String contig, int position, String reference, String alternate, String expected) {
        assertThat(WITH_REFERENCE.normalise(contig, position, reference, alternate)).hasToString(expected);
    }

    @Test
    void theSameVariantFromTwoLaboratoriesIsOneKey() {
        VariantKey first = WITH_REFERENCE.normalise("chr1", 16, "ACA", "A");
        VariantKey second = WITH_REFERENCE.normalise("1", 10, "gcaca", "gca");
        VariantKey third = WITH_REFERENCE.normalise("CHR1", 15, "CACAG", "CAG");
        assertThat(first).isEqualTo(second).isEqualTo(third);
        assertThat(WITHOUT_REFERENCE.normalise("chr1", 100, "CAT", "CGT"))
                .isEqualTo(WITHOUT_REFERENCE.normalise("1", 101, "A", "G"));
    }

    @Test
    void splitsGenotypesAsBcftoolsNormDoes() {
        // bcftools 1.16 'norm -m-' of: 1 10 . ACG ATG,AGG,A with calls 1/2 2|3 3 gives
        // ACG>ATG: 1/0 0|0 0; ACG>AGG: 0/1 1|0 0; ACG>A: 0/0 0|1 1
        String vcf = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\tC\n"
                + "X\t10\t.\tACG\tATG,AGG,A\t.\t.\t.\tGT\t1/2\t2|3\t3\n";
        List<String> results = new ArrayList<>();
        try (VcfReader reader = VcfReader.open(new ByteArrayInputStream(vcf.getBytes(UTF_8)), "multi.vcf", VcfReaderOptions.defaults())) {
            reader.advance();
            WITHOUT_REFERENCE.split(reader.record(), (key, genotypes, source) -> results.add(key + " "
                    + genotypes.format(0) + " " + genotypes.format(1) + " " + genotypes.format(2)));
        }
        assertThat(results).containsExactly(
                "GRCh38-X-11-C-T 1/0 0|0 0",
                "GRCh38-X-11-C-G 0/1 1|0 0",
                "GRCh38-X-10-ACG-A 0/0 0|1 1");
    }

    @Test
    void referenceMismatchNamesFileLineAndField() {
        String vcf = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\n"
                + "chr1\t3\t.\tA\tG\t.\t.\t.\tGT\t0/1\n"
                + "chr1\t5\t.\tG\tA\t.\t.\t.\tGT\t0/1\n";
        try (VcfReader reader = VcfReader.open(new ByteArrayInputStream(vcf.getBytes(UTF_8)), "lab.vcf", VcfReaderOptions.defaults())) {
            reader.advance();
            WITH_REFERENCE.split(reader.record(), (key, genotypes, source) -> { });
            reader.advance();
            VcfRecord record = reader.record();
            PermedException error = catchThrowableOfType(PermedException.class,
                    () -> WITH_REFERENCE.split(record, (key, genotypes, source) -> { }));
            assertThat(error.errorCode()).isEqualTo(VcfErrorCode.REFERENCE_MISMATCH);
            assertThat(error.details()).containsEntry("file", "lab.vcf").containsEntry("line", 4L).containsEntry("field", "REF");
        }
    }

    @Test
    void biallelicRecordsPassTheirGenotypesThrough() {
        String vcf = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\n"
                + "1\t3\t.\tA\tG\t.\t.\t.\tGT\t0|1\t./1\n";
        try (VcfReader reader = VcfReader.open(new ByteArrayInputStream(vcf.getBytes(UTF_8)), "one.vcf", VcfReaderOptions.defaults())) {
            reader.advance();
            Genotypes[] seen = new Genotypes[1];
            WITHOUT_REFERENCE.split(reader.record(), (key, genotypes, source) -> seen[0] = genotypes);
            assertThat(seen[0]).isSameAs(reader.record().genotypes());
            assertThat(seen[0].copy()).isEqualTo(seen[0]);
        }
        assertThat(WITHOUT_REFERENCE.leftAligns()).isFalse();
        assertThat(WITH_REFERENCE.leftAligns()).isTrue();
    }
}
