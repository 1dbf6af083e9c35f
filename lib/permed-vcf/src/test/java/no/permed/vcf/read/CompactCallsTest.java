package no.permed.vcf.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import no.permed.vcf.Bgzf;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time path for FORMAT=GT records ("a|b\tc|d\t" per eight bytes) reads every single-digit diploid
 * call, phased and unphased, exactly as the byte-by-byte path; and a word it cannot take (missing, haploid,
 * multi-digit, a third allele) hands over to the byte-by-byte path at the right sample.
 */
class CompactCallsTest {
    @Test
    void everySingleDigitDiploidCallReadsBackExactly() {
        StringBuilder calls = new StringBuilder();
        int count = 0;
        for (int first = 0; first <= 9; first++) {
            for (int second = 0; second <= 9; second++) {
                for (char separator : new char[] {'|', '/'}) {
                    calls.append(count == 0 ? "" : "\t").append(first).append(separator).append(second);
                    count++;
                }
            }
        }
        // the same calls, then with calls the word path does not take at odd and even places
        String mixed = calls.toString().replaceFirst("3\\|4", "./.").replaceFirst("5/6", "10/1").replaceFirst("7\\|7", "0|.")
                .replaceFirst("8/2", "1");
        for (String samples : List.of(calls.toString(), mixed)) {
            String[] expected = samples.split("\t");
            StringBuilder text = new StringBuilder("##fileformat=VCFv4.3\n##contig=<ID=X>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
            for (int sample = 0; sample < expected.length; sample++) {
                text.append("\tS").append(sample);
            }
            text.append("\nX\t100\t.\tA\tC,G,T,AA,AC,AG,AT,CA,CC,CG\t.\t.\t.\tGT\t").append(samples).append('\n');
            byte[] plain = text.toString().getBytes(UTF_8);
            for (byte[] input : List.of(plain, Bgzf.compress(plain, 777))) {
                VcfReaderOptions options = VcfReaderOptions.defaults().withPloidyPolicy(PloidyPolicy.HAPLOID_OR_DIPLOID);
                try (VcfReader reader = VcfReader.open(new ByteArrayInputStream(input), "calls.vcf", options)) {
                    assertThat(reader.advance()).isTrue();
                    Genotypes genotypes = reader.record().genotypes();
                    for (int sample = 0; sample < expected.length; sample++) {
                        assertThat(genotypes.format(sample)).as("sample %d", sample).isEqualTo(expected[sample]);
                        if (expected[sample].length() == 3 && expected[sample].charAt(0) != '.' && expected[sample].charAt(2) != '.') {
                            assertThat(genotypes.allele(sample, 0)).isEqualTo(expected[sample].charAt(0) - '0');
                            assertThat(genotypes.allele(sample, 1)).isEqualTo(expected[sample].charAt(2) - '0');
                            assertThat(genotypes.isPhased(sample)).isEqualTo(expected[sample].charAt(1) == '|');
                        }
                    }
                    assertThat(reader.advance()).isFalse();
                }
            }
        }
    }
}
