package no.permed.prs.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import no.permed.kernel.PermedException;
import no.permed.prs.PrsErrorCode;
import no.permed.prs.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on the PGS Catalog's own files (values read off the files' text) and on damaged copies of them. */
class ScoringFileReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsAnAuthoredFormat2File() {
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_22.txt"));

        assertThat(score.fileName()).isEqualTo("PGS001229_22.txt");
        assertThat(score.scoreId()).isEqualTo("PGS001229");
        assertThat(score.header().traitReported()).contains("Standing height");
        assertThat(score.header().genomeBuild()).contains("GRCh37");
        assertThat(score.header().formatVersion()).contains("2.0");
        assertThat(score.header().citation()).hasValueSatisfying(citation -> assertThat(citation).startsWith("Tanigawa Y"));
        assertThat(score.harmonised()).isFalse();
        assertThat(score.variants()).hasSize(835);
        ScoreVariant first = score.variants().get(0);
        assertThat(first).isEqualTo(new ScoreVariant(0, 16, Optional.of("rs5746679"), "22", 17080378, "G", Optional.of("A"),
                EffectType.ADDITIVE, 1.045457e-02, Optional.empty(), false));
        assertThat(score.header().license()).isEmpty();
        assertThat(score.header().licenseOrDefault()).contains("EMBL-EBI Terms of Use");
    }

    @Test
    void usesTheHarmonisedColumnsOfAGzippedFile() {
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS000001_hmPOS_GRCh37.txt.gz"));

        assertThat(score.harmonised()).isTrue();
        assertThat(score.header().harmonisedBuild()).contains("GRCh37");
        assertThat(score.header().genomeBuild()).contains("NR");
        assertThat(score.build()).contains("GRCh37");
        assertThat(score.variants()).hasSize(77);
        // rs78540526 11 T C 0.16220387987485377 CCND1 1.1761 ENSEMBL rs78540526 11 69331418 (hm_pos)
        ScoreVariant first = score.variants().get(0);
        assertThat(first.chromosome()).isEqualTo("11");
        assertThat(first.position()).isEqualTo(69331418);
        assertThat(first.effectAllele()).isEqualTo("T");
        assertThat(first.otherAllele()).contains("C");
        assertThat(first.weight()).isEqualTo(0.16220387987485377);
    }

    @Test
    void readsDominantAndRecessiveFlags() {
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS000802_hmPOS_GRCh37.txt"));

        assertThat(score.variants()).hasSize(19);
        assertThat(score.variants()).filteredOn(variant -> variant.effectType() == EffectType.DOMINANT).hasSize(7);
        assertThat(score.variants()).filteredOn(variant -> variant.effectType() == EffectType.RECESSIVE).hasSize(7);
        assertThat(score.variants().get(0).position()).isEqualTo(169492101);
        assertThat(score.variants().get(1).effectType()).isEqualTo(EffectType.RECESSIVE);
    }

    @Test
    void readsDosageWeights() {
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS004255_hmPOS_GRCh38.txt.gz"));

        assertThat(score.variants()).hasSize(30).allMatch(variant -> variant.effectType() == EffectType.DOSAGE_WEIGHTS);
        ScoreVariant first = score.variants().get(0);
        assertThat(first.position()).isEqualTo(32609603);
        assertThat(first.dosageWeights()).contains(new DosageWeights(-0.09833810000000001, 0.08934160000000001, 0.4437184));
    }

    @Test
    void readsTheStructuredLayout() {
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_tiny1000G.structured.txt.gz"));

        assertThat(score.scoreId()).isEqualTo("PGS001229");
        assertThat(score.variants()).hasSize(1136);
        assertThat(score.variants()).allMatch(variant -> variant.effectType() == EffectType.ADDITIVE);
    }

    @Test
    void exposesTheLicenceLine() throws IOException {
        List<String> lines = new java.util.ArrayList<>(TestData.lines("PGS001229_22.txt"));
        lines.add(4, "#license=Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International (CC BY-NC-ND 4.0)");
        Path file = write("licensed.txt", lines);

        ScoringFile score = ScoringFileReader.read(file);

        assertThat(score.header().license()).contains("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International (CC BY-NC-ND 4.0)");
        assertThat(score.header().licenseOrDefault()).contains("CC BY-NC-ND");
    }

    @Test
    void readsGzipOfTheSameFile() throws IOException {
        Path gzip = dir.resolve("PGS001229_22.txt.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(Files.readAllBytes(TestData.resource("PGS001229_22.txt")));
        }
        assertThat(ScoringFileReader.read(gzip).variants()).isEqualTo(ScoringFileReader.read(TestData.resource("PGS001229_22.txt")).variants());
    }

    @Test
    void refusesAHaplotypeRowNamingLineAndColumn() throws IOException {
        Path file = write("haplotype.txt", replaceLine(TestData.lines("PGS001229_22.txt"), 20, "\tFalse\t", "\tTrue\t"));

        assertThatThrownBy(() -> ScoringFileReader.read(file))
                .isInstanceOfSatisfying(PermedException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(PrsErrorCode.SCORE_ROW_UNSUPPORTED);
                    assertThat(error.details()).containsEntry("file", "haplotype.txt").containsEntry("line", 20L)
                            .containsEntry("field", "is_haplotype");
                })
                .hasMessageStartingWith("haplotype.txt, line 20, is_haplotype: is_haplotype is TRUE: haplotype, diplotype and interaction terms");
    }

    @Test
    void refusesAnInteractionRow() throws IOException {
        List<String> lines = new java.util.ArrayList<>(TestData.lines("PGS001229_22.txt"));
        lines.set(14, lines.get(14) + "\tis_interaction");
        for (int index = 15; index < lines.size(); index++) {
            lines.set(index, lines.get(index) + (index == 30 ? "\tTRUE" : "\tFALSE"));
        }
        Path file = write("interaction.txt", lines);

        assertThatThrownBy(() -> ScoringFileReader.read(file))
                .isInstanceOfSatisfying(PermedException.class,
                        error -> assertThat(error.errorCode()).isEqualTo(PrsErrorCode.SCORE_ROW_UNSUPPORTED))
                .hasMessageStartingWith("interaction.txt, line 31, is_interaction: is_interaction is TRUE");
    }

    @Test
    void refusesAnEffectAlleleThatIsAHaplotype() throws IOException {
        Path file = write("allele.txt", replaceLine(TestData.lines("PGS001229_22.txt"), 16, "\tG\tA\t", "\tG_A\tA\t"));

        assertThatThrownBy(() -> ScoringFileReader.read(file))
                .isInstanceOfSatisfying(PermedException.class,
                        error -> assertThat(error.errorCode()).isEqualTo(PrsErrorCode.SCORE_ROW_UNSUPPORTED))
                .hasMessageStartingWith("allele.txt, line 16, effect_allele: the effect allele 'G_A' is not one allele");
    }

    @Test
    void refusesAFileWithoutPositions() {
        // PGS000001 as authored has rsID and chr_name but no chr_position
        assertThatThrownBy(() -> ScoringFileReader.read(TestData.resource("PGS000001.txt.gz")))
                .isInstanceOfSatisfying(PermedException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(PrsErrorCode.SCORE_COLUMN_MISSING);
                    assertThat(error.details()).containsEntry("field", "chr_position").containsEntry("line", 15L);
                })
                .hasMessageContaining("PGS000001.txt.gz, line 15, chr_position: column chr_position is missing")
                .hasMessageContaining("harmonised file");
    }

    @Test
    void refusesAFileWithoutWeights() throws IOException {
        Path file = write("noweight.txt", replaceLine(TestData.lines("PGS001229_22.txt"), 15, "effect_weight", "beta"));

        assertThatThrownBy(() -> ScoringFileReader.read(file))
                .isInstanceOfSatisfying(PermedException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(PrsErrorCode.SCORE_COLUMN_MISSING);
                    assertThat(error.details()).containsEntry("field", "effect_weight");
                });
    }

    @Test
    void refusesAWeightThatIsNotANumber() throws IOException {
        Path file = write("badweight.txt", replaceLine(TestData.lines("PGS001229_22.txt"), 18, "8.166266e-03", "0,0081"));

        assertThatThrownBy(() -> ScoringFileReader.read(file))
                .isInstanceOfSatisfying(PermedException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(PrsErrorCode.SCORE_VALUE_INVALID);
                    assertThat(error.details()).containsEntry("line", 18L).containsEntry("field", "effect_weight");
                })
                .hasMessage("badweight.txt, line 18, effect_weight: the weight '0,0081' is not a number");
    }

    @Test
    void refusesAFileWithoutRows() throws IOException {
        Path file = write("empty.txt", TestData.lines("PGS001229_22.txt").subList(0, 15));

        assertThatThrownBy(() -> ScoringFileReader.read(file))
                .isInstanceOfSatisfying(PermedException.class, error -> assertThat(error.errorCode()).isEqualTo(PrsErrorCode.SCORE_FILE_EMPTY));
        assertThatThrownBy(() -> ScoringFileReader.read(dir.resolve("absent.txt")))
                .isInstanceOfSatisfying(PermedException.class,
                        error -> assertThat(error.errorCode()).isEqualTo(PrsErrorCode.SCORE_FILE_NOT_READABLE))
                .hasMessage("absent.txt, file: the file does not exist");
    }

    private static List<String> replaceLine(List<String> lines, int lineNumber, String from, String to) {
        List<String> copy = new java.util.ArrayList<>(lines);
        String line = copy.get(lineNumber - 1);
        assertThat(line).contains(from);
        copy.set(lineNumber - 1, line.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        return copy;
    }

    private Path write(String name, List<String> lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
