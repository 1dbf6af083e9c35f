package no.permed.vcf.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import no.permed.kernel.PermedException;
import no.permed.vcf.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link VcfReader#advance(SiteFilter)}: the wanted records read as without a filter, the others without genotypes. */
class SiteFilterTest {
    @TempDir
    Path temporary;

    @Test
    void wantedRecordsHaveTheSameCallsAsWithoutFilterAndTheOthersNone() {
        Path file = TestFiles.data("1kg_phase3_chr22_2504samples_first2000.vcf.gz");
        List<String> unfiltered = new ArrayList<>();
        try (VcfReader reader = VcfReader.open(file)) {
            while (reader.advance()) {
                VcfRecord record = reader.record();
                if (record.position() % 3 == 0) {
                    unfiltered.add(record.lineNumber() + " " + record.position() + " " + Arrays.toString(record.genotypes().alleleIndicesView()));
                }
            }
        }
        List<String> filtered = new ArrayList<>();
        int passedOver = 0;
        try (VcfReader reader = VcfReader.open(file)) {
            while (reader.advance((contig, position) -> position % 3 == 0)) {
                VcfRecord record = reader.record();
                if (record.hasGenotypes()) {
                    filtered.add(record.lineNumber() + " " + record.position() + " " + Arrays.toString(record.genotypes().alleleIndicesView()));
                } else {
                    passedOver++;
                    assertThat(record.position() % 3).isNotZero();
                    assertThatThrownBy(record::genotypes).isInstanceOf(IllegalStateException.class);
                }
            }
        }
        assertThat(filtered).hasSizeGreaterThan(100).isEqualTo(unfiltered);
        assertThat(passedOver).isGreaterThan(100);
    }

    @Test
    void sampleColumnsOfPassedOverRecordsAreNotCheckedButTheFixedColumnsAre() throws Exception {
        String header = "##fileformat=VCFv4.2\n##contig=<ID=1,length=1000>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\n";
        Path badCall = temporary.resolve("bad_call.vcf");
        Files.writeString(badCall, header + "1\t10\t.\tA\tG\t.\t.\t.\tGT\t0/1\t0/x\n1\t20\t.\tC\tT\t.\t.\t.\tGT\t1|1\t0|0\n", UTF_8);
        try (VcfReader reader = VcfReader.open(badCall)) {
            assertThat(reader.advance((contig, position) -> position == 20)).isTrue();
            assertThat(reader.record().hasGenotypes()).isFalse();
            assertThat(reader.advance((contig, position) -> position == 20)).isTrue();
            assertThat(reader.record().genotypes().alleleIndicesView()).startsWith(1, 1, 0, 0);
            assertThat(reader.advance((contig, position) -> position == 20)).isFalse();
        }
        try (VcfReader reader = VcfReader.open(badCall)) {
            assertThatThrownBy(() -> reader.advance((contig, position) -> position == 10)).isInstanceOf(PermedException.class)
                    .hasMessageContaining("line 4");
        }
        Path badPosition = temporary.resolve("bad_position.vcf");
        Files.writeString(badPosition, header + "1\t20\t.\tA\tG\t.\t.\t.\tGT\t0/1\t0/1\n1\t10\t.\tC\tT\t.\t.\t.\tGT\t1|1\t0|0\n", UTF_8);
        try (VcfReader reader = VcfReader.open(badPosition)) {
            assertThat(reader.advance((contig, position) -> false)).isTrue();
            assertThatThrownBy(() -> reader.advance((contig, position) -> false)).isInstanceOf(PermedException.class)
                    .hasMessageContaining("POS");
        }
    }
}
