package no.permed.pgx.call.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order PharmCAT prints allele names and diplotypes in (its report TSVs write {@code *2/*10}, {@code *1/*38}). */
class AlleleNamesTest {
    @Test
    void numbersInsideNamesCompareByValue() {
        List<String> names = new ArrayList<>(List.of("*38", "*10", "*2", "*1", "*17", "*4B", "*4A", "*4"));
        names.sort(AlleleNames.NATURAL);
        assertThat(names).containsExactly("*1", "*2", "*4", "*4A", "*4B", "*10", "*17", "*38");
        List<String> dpyd = new ArrayList<>(List.of("c.2846A>T", "c.557A>G", "c.61C>T", "c.1129-5923C>G", "Reference"));
        dpyd.sort(AlleleNames.NATURAL);
        assertThat(dpyd).containsExactly("Reference", "c.61C>T", "c.557A>G", "c.1129-5923C>G", "c.2846A>T");
    }

    @Test
    void leadingZerosDoNotCountButStillOrderTheTie() {
        assertThat(AlleleNames.compareNatural("*7", "*007")).isNotZero();
        assertThat(Integer.signum(AlleleNames.compareNatural("*7", "*007"))).isEqualTo(Integer.signum("*7".compareTo("*007")));
        assertThat(AlleleNames.compareNatural("*07", "*8")).isNegative();
        assertThat(AlleleNames.compareNatural("*1", "*1")).isZero();
    }

    @Test
    void diplotypesPutTheLowerAlleleFirst() {
        assertThat(AlleleNames.diplotype("*10", "*2")).isEqualTo("*2/*10");
        assertThat(AlleleNames.diplotype("*38", "*1")).isEqualTo("*1/*38");
        assertThat(AlleleNames.compareDiplotypes("*1/*10", "*1/*9")).isPositive();
    }
}
