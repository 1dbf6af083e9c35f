package no.permed.vcf.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import no.permed.vcf.genome.Assembly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariantKeyTest {
    @ParameterizedTest
    @CsvSource({
        "chr1, 100, A, G, canonical",
        "1, 0, A, G, position",
        "1, 100, a, G, reference",
        "1, 100, A, g, alternate",
        "1, 100, A, A, equals",
        "1, 100, CAT, CGT, last base",
        "1, 100, CA, CG, first base",
        "1, 100, A, <DEL, alternate",
        "1, 100, R, A, reference"
    })
    void rejectsKeysThatAreNotInNormalForm(String contig, int position, String reference, String alternate, String complaint) {
        assertThatThrownBy(() -> new VariantKey(Assembly.GRCH38, contig, position, reference, alternate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(complaint);
    }

    @Test
    void acceptsSnvsIndelsMnpsStarAndSymbolicAlleles() {
        assertThat(new VariantKey(Assembly.GRCH38, "1", 100, "A", "G").isSingleNucleotide()).isTrue();
        assertThat(new VariantKey(Assembly.GRCH38, "1", 100, "CA", "C").end()).isEqualTo(101);
        assertThat(new VariantKey(Assembly.GRCH38, "X", 100, "AC", "GT").isSingleNucleotide()).isFalse();
        assertThat(new VariantKey(Assembly.GRCH38, "MT", 100, "CA", "*").alternate()).isEqualTo("*");
        assertThat(new VariantKey(Assembly.GRCH37, "22", 16050654, "A", "<CN0>").alternate()).isEqualTo("<CN0>");
    }

    @Test
    void printsAndParsesTheSameKey() {
        VariantKey key = new VariantKey(Assembly.GRCH38, "7", 117_559_590, "ATCT", "A");
        assertThat(key.toString()).isEqualTo("GRCh38-7-117559590-ATCT-A");
        assertThat(VariantKey.parse(key.toString())).isEqualTo(key);
        assertThatThrownBy(() -> VariantKey.parse("GRCh38-7-x-A-G")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VariantKey.parse("7-100-A-G")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordersByKaryotypeThenPosition() {
        List<VariantKey> keys = new ArrayList<>(List.of(
                new VariantKey(Assembly.GRCH38, "X", 5, "A", "G"),
                new VariantKey(Assembly.GRCH38, "GL000192.1", 1, "A", "G"),
                new VariantKey(Assembly.GRCH38, "10", 5, "A", "G"),
                new VariantKey(Assembly.GRCH38, "2", 9, "A", "T"),
                new VariantKey(Assembly.GRCH38, "2", 9, "A", "C"),
                new VariantKey(Assembly.GRCH37, "22", 1, "A", "C")));
        keys.sort(null);
        assertThat(keys).extracting(VariantKey::toString).containsExactly(
                "GRCh37-22-1-A-C", "GRCh38-2-9-A-C", "GRCh38-2-9-A-T", "GRCh38-10-5-A-G", "GRCh38-X-5-A-G", "GRCh38-GL000192.1-1-A-G");
    }
}
