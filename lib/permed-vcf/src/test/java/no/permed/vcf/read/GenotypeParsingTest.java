package no.permed.vcf.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import no.permed.vcf.Bgzf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random calls (seeded): haploid and diploid, phased and unphased, missing and partly missing, multi-digit
 * allele indices, GT first or not, samples without GT; written as VCF text and read back exactly.
 */
class GenotypeParsingTest {
    /** One generated call: ploidy 0–2, two slots as in {@link Genotypes}, phased flag. */
    record Call(int ploidy, int first, int second, boolean phased) {
        String text() {
            if (ploidy == 1) {
                return allele(first);
            }
            return allele(first) + (phased ? "|" : "/") + allele(second);
        }

        private static String allele(int allele) {
            return allele < 0 ? "." : Integer.toString(allele);
        }
    }

    static LongStream seeds() {
        return LongStream.of(1, 2, 3, 42, 20240611, 987654321);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomCallsReadBackExactly(long seed) {
        Random random = new Random(seed);
        int sampleCount = 1 + random.nextInt(60);
        int recordCount = 50 + random.nextInt(100);
        StringBuilder text = new StringBuilder("##fileformat=VCFv4.3\n##contig=<ID=X>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
        for (int sample = 0; sample < sampleCount; sample++) {
            text.append("\tSAMPLE").append(sample);
        }
        text.append('\n');
        List<List<Call>> expected = new ArrayList<>();
        for (int record = 0; record < recordCount; record++) {
            int alternates = random.nextInt(10) < 8 ? 1 + random.nextInt(3) : 1 + random.nextInt(14);
            List<String> alleles = new ArrayList<>();
            for (int index = 0; index < alternates; index++) {
                alleles.add("A".repeat(index + 2));
            }
            String format = List.of("GT", "GT:DP", "DP:GT", "DP:GT:AD", "DP").get(random.nextInt(5));
            int genotypePosition = List.of(format.split(":")).indexOf("GT");
            text.append("X\t").append(1000 + record).append("\t.\tA\t").append(String.join(",", alleles)).append("\t.\t.\t.\t").append(format);
            List<Call> calls = new ArrayList<>();
            for (int sample = 0; sample < sampleCount; sample++) {
                Call call = genotypePosition < 0 ? new Call(0, Genotypes.ABSENT, Genotypes.ABSENT, false) : randomCall(random, alternates);
                String cell;
                if (genotypePosition < 0) {
                    cell = "7";
                } else if (genotypePosition > 0 && random.nextInt(10) == 0) {
                    // trailing fields dropped: the sample has no GT at all
                    cell = "7";
                    call = new Call(0, Genotypes.ABSENT, Genotypes.ABSENT, false);
                } else {
                    List<String> fields = new ArrayList<>(List.of(format.split(":")));
                    for (int index = 0; index < fields.size(); index++) {
                        fields.set(index, index == genotypePosition ? call.text() : "9");
                    }
                    cell = String.join(":", fields);
                }
                calls.add(call);
                text.append('\t').append(cell);
            }
            text.append('\n');
            expected.add(calls);
        }
        byte[] plain = text.toString().getBytes(UTF_8);
        for (byte[] input : List.of(plain, Bgzf.compress(plain, 1000 + random.nextInt(5000)))) {
            try (VcfReader reader = VcfReader.open(new ByteArrayInputStream(input), "random.vcf", VcfReaderOptions.defaults())) {
                for (List<Call> calls : expected) {
                    assertThat(reader.advance()).isTrue();
                    Genotypes genotypes = reader.record().genotypes();
                    for (int sample = 0; sample < sampleCount; sample++) {
                        Call call = calls.get(sample);
                        Call actual = new Call(genotypes.ploidy(sample), genotypes.allele(sample, 0), genotypes.allele(sample, 1),
                                genotypes.isPhased(sample));
                        assertThat(actual).as("seed %d line %d sample %d", seed, reader.record().lineNumber(), sample).isEqualTo(call);
                        if (call.ploidy() > 0) {
                            assertThat(genotypes.format(sample)).isEqualTo(call.text());
                        }
                    }
                }
                assertThat(reader.advance()).isFalse();
            }
        }
    }

    private static Call randomCall(Random random, int alternates) {
        int ploidy = random.nextInt(5) == 0 ? 1 : 2;
        int first = randomAllele(random, alternates);
        if (ploidy == 1) {
            return new Call(1, first, Genotypes.ABSENT, false);
        }
        return new Call(2, first, randomAllele(random, alternates), random.nextBoolean());
    }

    private static int randomAllele(Random random, int alternates) {
        return random.nextInt(8) == 0 ? Genotypes.MISSING : random.nextInt(alternates + 1);
    }

    @Test
    void fastPathChecksAlleleRangeExactly() {
        String header = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\tC\tD\tE\n";
        String valid = header + "1\t100\t.\tG\tC,T\t.\t.\t.\tGT\t1|2\t2|1\t0/2\t1|0\t2|2\n";
        try (VcfReader reader = VcfReader.open(new ByteArrayInputStream(valid.getBytes(UTF_8)), "range.vcf", VcfReaderOptions.defaults())) {
            assertThat(reader.advance()).isTrue();
            Genotypes genotypes = reader.record().genotypes();
            assertThat(List.of(genotypes.format(0), genotypes.format(1), genotypes.format(2), genotypes.format(3), genotypes.format(4)))
                    .containsExactly("1|2", "2|1", "0/2", "1|0", "2|2");
        }
        String invalid = header + "1\t100\t.\tG\tC,T\t.\t.\t.\tGT\t1|2\t0|0\t0|3\t1|0\t2|2\n";
        try (VcfReader reader = VcfReader.open(new ByteArrayInputStream(invalid.getBytes(UTF_8)), "range.vcf", VcfReaderOptions.defaults())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(reader::advance)
                    .isInstanceOfSatisfying(no.permed.kernel.PermedException.class,
                            error -> assertThat(error.details()).containsEntry("sample", "C").containsEntry("line", 3L));
        }
    }

    @Test
    void nonReferenceAlleleIsDroppedAndGenotypesReindexedWhereverItStands() {
        String vcf = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\tC\n"
                + "1\t100\t.\tG\t<NON_REF>,T,C\t.\t.\t.\tGT\t0/2\t1/1\t3|2\n"
                + "1\t200\t.\tG\tT,<*>\t.\t.\t.\tGT\t0/1\t2/2\t1|0\n";
        try (VcfReader reader = VcfReader.open(new ByteArrayInputStream(vcf.getBytes(UTF_8)), "gvcf.vcf", VcfReaderOptions.defaults())) {
            assertThat(reader.advance()).isTrue();
            VcfRecord record = reader.record();
            assertThat(record.alternateAlleles()).containsExactly("T", "C");
            assertThat(record.kind()).isEqualTo(RecordKind.VARIANT);
            assertThat(List.of(record.genotypes().format(0), record.genotypes().format(1), record.genotypes().format(2)))
                    .containsExactly("0/1", "./.", "2|1");
            assertThat(reader.advance()).isTrue();
            assertThat(reader.record().alternateAlleles()).containsExactly("T");
            assertThat(List.of(reader.record().genotypes().format(0), reader.record().genotypes().format(1)))
                    .containsExactly("0/1", "./.");
        }
    }

    @Test
    void haploidCallsOnAutosomesAreAcceptedByTheLenientPolicy() {
        String vcf = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\n"
                + "chr1\t100\t.\tg\tt\t.\t.\t.\tGT\t1\t.\n";
        VcfReaderOptions options = VcfReaderOptions.defaults().withPloidyPolicy(PloidyPolicy.HAPLOID_OR_DIPLOID);
        try (VcfReader reader = VcfReader.open(new ByteArrayInputStream(vcf.getBytes(UTF_8)), "haploid.vcf", options)) {
            assertThat(reader.advance()).isTrue();
            VcfRecord record = reader.record();
            assertThat(record.contig()).isEqualTo("1");
            assertThat(record.contigAsWritten()).isEqualTo("chr1");
            assertThat(record.referenceAllele()).isEqualTo("G");
            assertThat(record.alternateAlleles()).containsExactly("T");
            assertThat(record.genotypes().ploidy(0)).isEqualTo(1);
            assertThat(record.genotypes().allele(0, 0)).isEqualTo(1);
            assertThat(record.genotypes().allele(0, 1)).isEqualTo(Genotypes.ABSENT);
            assertThat(record.genotypes().isNoCall(1)).isTrue();
        }
    }
}
