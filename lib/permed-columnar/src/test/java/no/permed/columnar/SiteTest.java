package no.permed.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import no.permed.kernel.PermedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteTest {
    @Test
    void validSitesIncludeIndelsAndSymbolicAlleles() {
        assertThat(new Site("1", 1, "A", "G")).hasToString("1:1:A:G");
        assertThat(new Site("MT", 16569, "ACGTN", "A").alternate()).isEqualTo("A");
        assertThat(new Site("X", 5, "N", "<DEL>").alternate()).isEqualTo("<DEL>");
        assertThat(new Site("HLA-A*01:01:01:01", 5, "C", "*").contig()).startsWith("HLA");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "'';1;A;G;contig name must have 1 to 255 characters",
        "chr 1;1;A;G;has the character U+0020",
        "1;0;A;G;position 0 of 1 is below 1",
        "1;5;a;G;has the character 'a'",
        "1;5;A;G,T;split multi-allelic records first",
        "1;5;A;A;equals the reference allele",
        "1;5;'';G;reference allele at 1:5 must have 1"})
    void invalidSitesNameWhatIsWrong(String contig, int position, String reference, String alternate, String message) {
        assertThatThrownBy(() -> new Site(contig, position, reference, alternate))
                .isInstanceOfSatisfying(PermedException.class, error ->
                        assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.INVALID_SITE))
                .hasMessageContaining(message);
    }

    @Test
    void regionsAreClosedIntervals() {
        GenomicRegion region = GenomicRegion.of("2", 10, 20);
        assertThat(region.contains("2", 10)).isTrue();
        assertThat(region.contains("2", 20)).isTrue();
        assertThat(region.contains("2", 21)).isFalse();
        assertThat(region.contains("3", 15)).isFalse();
        assertThatThrownBy(() -> GenomicRegion.of("2", 20, 10))
                .isInstanceOfSatisfying(PermedException.class, error ->
                        assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.INVALID_REGION));
    }
}
