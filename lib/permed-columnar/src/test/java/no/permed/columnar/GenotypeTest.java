package no.permed.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import no.permed.kernel.PermedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenotypeTest {
    @Test
    void exactlyTwentyOneCodesAreValidAndEachPrintsAndParsesBack() {
        Set<String> texts = new HashSet<>();
        int valid = 0;
        for (int code = 0; code < 256; code++) {
            if (GenotypeCodes.isValid((byte) code)) {
                valid++;
                Genotype genotype = Genotype.of((byte) code);
                assertThat(Genotype.parse(genotype.toString())).isSameAs(genotype);
                assertThat(texts.add(genotype.toString())).isTrue();
            } else {
                int invalid = code;
                assertThatThrownBy(() -> Genotype.of((byte) invalid)).isInstanceOf(PermedException.class);
            }
        }
        assertThat(valid).isEqualTo(21);
        assertThat(texts).contains("0/0", "0|1", "1|0", "1/0", ".|1", "./.", ".|.", "0", "1", ".");
    }

    @Test
    void propertiesFollowTheVcfMeaning() {
        assertThat(Genotype.parse("1|0").alternateAlleleCount()).isEqualTo(1);
        assertThat(Genotype.parse("1|0").isPhased()).isTrue();
        assertThat(Genotype.parse("1/1").alternateAlleleCount()).isEqualTo(2);
        assertThat(Genotype.parse("./1").isMissing()).isTrue();
        assertThat(Genotype.parse("./1").carriesAlternate()).isTrue();
        assertThat(Genotype.parse("1").ploidy()).isEqualTo(1);
        assertThat(Genotype.parse("0/0").code()).isEqualTo(GenotypeCodes.HOMOZYGOUS_REFERENCE);
        assertThat(Genotype.parse("./.").code()).isEqualTo(GenotypeCodes.MISSING_DIPLOID);
        assertThat(GenotypeCodes.diploid(GenotypeCodes.ALTERNATE, GenotypeCodes.REFERENCE, true))
                .isEqualTo(Genotype.parse("1|0").code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0/2", "1/1/1", "01", "a", "0\\1", "2"})
    void nonBiallelicOrMalformedGenotypesAreRejectedWithTheText(String text) {
        assertThatThrownBy(() -> Genotype.parse(text))
                .isInstanceOfSatisfying(PermedException.class, error ->
                        assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.INVALID_CALL))
                .hasMessageContaining("'" + text + "'");
    }
}
