package no.permed.vcf.genome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import no.permed.kernel.PermedException;
import no.permed.vcf.VcfErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssemblyAndContigsTest {
    @ParameterizedTest
    @CsvSource({
        "1, 1", "chr1, 1", "CHR1, 1", "Chr22, 22", "chrX, X", "x, X", "chrY, Y", "chrM, MT", "M, MT", "MT, MT", "chrMT, MT",
        "GL000192.1, GL000192.1", "chr1_KI270706v1_random, chr1_KI270706v1_random", "chrUn_GL000195v1, chrUn_GL000195v1",
        "hs37d5, hs37d5", "01, 01", "chr23, chr23", "chr, chr"
    })
    void canonicalNames(String written, String canonical) {
        assertThat(Contigs.canonical(written)).isEqualTo(canonical);
    }

    @Test
    void primaryAndAutosomes() {
        assertThat(Contigs.PRIMARY_CONTIGS).hasSize(25).startsWith("1", "2").endsWith("X", "Y", "MT");
        assertThat(Contigs.isAutosome("22")).isTrue();
        assertThat(Contigs.isAutosome("X")).isFalse();
        assertThat(Contigs.isPrimary("MT")).isTrue();
        assertThat(Contigs.isPrimary("chr1")).isFalse();
    }

    @Test
    void lengthsDistinguishTheAssemblies() {
        assertThat(Assembly.GRCH37.primaryContigLength("1")).hasValue(249_250_621);
        assertThat(Assembly.GRCH38.primaryContigLength("1")).hasValue(248_956_422);
        assertThat(Assembly.GRCH37.primaryContigLength("20")).hasValue(63_025_520);
        assertThat(Assembly.GRCH38.primaryContigLength("21")).hasValue(46_709_983);
        assertThat(Assembly.GRCH38.primaryContigLength("22")).hasValue(50_818_468);
        assertThat(Assembly.GRCH37.primaryContigLength("GL000192.1")).isEmpty();
        for (String contig : Contigs.PRIMARY_CONTIGS) {
            boolean same = Assembly.GRCH37.primaryContigLength(contig).equals(Assembly.GRCH38.primaryContigLength(contig));
            assertThat(same).as(contig).isEqualTo(contig.equals("MT"));
        }
    }

    @ParameterizedTest
    @CsvSource({"GRCh37, GRCH37", "grch37, GRCH37", "hg19, GRCH37", "b37, GRCH37", "hs37d5, GRCH37", "GRCh38, GRCH38", "hg38, GRCH38"})
    void parsesAssemblyNames(String name, Assembly assembly) {
        assertThat(Assembly.parse(name)).isEqualTo(assembly);
        assertThat(Assembly.parse(assembly.displayName())).isEqualTo(assembly);
    }

    @Test
    void unknownAssemblyNameListsTheAllowedOnes() {
        PermedException error = catchThrowableOfType(PermedException.class, () -> Assembly.parse("NCBI36"));
        assertThat(error.errorCode()).isEqualTo(VcfErrorCode.ASSEMBLY_UNKNOWN);
        assertThat(error.getMessage()).contains("NCBI36", "GRCh37", "GRCh38");
    }

    @Test
    void recognitionVotesByLength() {
        assertThat(AssemblyRecognition.of(Map.of("1", 249_250_621L, "22", 51_304_566L)).assembly()).contains(Assembly.GRCH37);
        assertThat(AssemblyRecognition.of(Map.of("21", 46_709_983L)).assembly()).contains(Assembly.GRCH38);
        assertThat(AssemblyRecognition.of(Map.of("MT", 16_569L)).assembly()).isEmpty();
        assertThat(AssemblyRecognition.of(Map.of()).assembly()).isEmpty();
        AssemblyRecognition mixed = AssemblyRecognition.of(Map.of("1", 249_250_621L, "2", 242_193_529L));
        assertThat(mixed.isConflicting()).isTrue();
        assertThat(mixed.assembly()).isEmpty();
        Map<String, Long> ncbi36 = new HashMap<>();
        ncbi36.put("1", 247_249_719L);
        AssemblyRecognition unmatched = AssemblyRecognition.of(ncbi36);
        assertThat(unmatched.unmatchedContigs()).containsExactly("1");
        assertThat(unmatched.assembly()).isEmpty();
    }
}
