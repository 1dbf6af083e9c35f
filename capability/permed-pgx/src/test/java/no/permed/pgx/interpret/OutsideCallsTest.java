package no.permed.pgx.interpret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import no.permed.kernel.PermedException;
import no.permed.pgx.knowledge.PgxKnowledge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PharmCAT's and the GeT-RM tutorial's outside-call files (copied into src/test/resources/interpret/outside), and bad input. */
class OutsideCallsTest {
    private static PgxKnowledge knowledge;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        knowledge = PgxKnowledge.load();
    }

    private static OutsideCalls stored(String name) {
        return OutsideCalls.parse(InterpretExampleTest.resource("interpret/outside/" + name), knowledge);
    }

    private OutsideCalls text(String content) throws IOException {
        Path file = dir.resolve("calls.tsv");
        Files.writeString(file, content);
        return OutsideCalls.parse(file, knowledge);
    }

    @Test
    void pharmcatExample() {
        OutsideCalls calls = stored("pharmcat.example.outsideCall.tsv");
        assertThat(calls.calls()).extracting(OutsideCall::gene).containsExactly("CYP2D6", "HLA-B", "MT-RNR1");
        assertThat(calls.call("CYP2D6").orElseThrow().diplotype()).contains("*1/*3");
        assertThat(calls.call("HLA-B").orElseThrow().diplotype()).contains("*15:02/*57:01");
        // The example still uses the pre-3.0 name; the current definitions write m.1555A>G.
        assertThat(calls.call("MT-RNR1").orElseThrow().diplotype()).contains("m.1555A>G");
        assertThat(calls.warnings()).singleElement().asString().contains("line 3").contains("m.1555A>G");
    }

    @Test
    void getrmTutorialFiles() {
        OutsideCalls na18526 = stored("outside_calls_from_get-rm.NA18526.txt");
        assertThat(na18526.call("CYP2D6").orElseThrow().diplotype()).contains("*1/*36x2+*10");
        assertThat(na18526.call("G6PD")).isEmpty(); // commented out in this file
        OutsideCalls na18565 = stored("outside_calls_from_get-rm.NA18565.txt");
        assertThat(na18565.call("CYP2D6").orElseThrow().diplotype()).contains("*10/*36x2");
        assertThat(na18565.call("G6PD").orElseThrow().phenotype()).contains("Not available");
        OutsideCalls na18861 = stored("outside_calls_from_get-rm.NA18861.txt");
        assertThat(na18861.call("CYP2D6").orElseThrow().diplotype()).contains("*5/*29");
        assertThat(na18861.call("G6PD").orElseThrow().phenotype()).contains("A-202A_376G");

        OutsideCalls example = stored("example_outside_calls.txt");
        assertThat(example.calls()).extracting(OutsideCall::gene).containsExactly("CYP2D6", "CYP2C9", "G6PD", "HLA-B", "MT-RNR1");
        OutsideCall cyp2c9 = example.call("CYP2C9").orElseThrow();
        assertThat(cyp2c9.diplotype()).isEmpty();
        assertThat(cyp2c9.phenotype()).isEmpty();
        assertThat(cyp2c9.activityScore()).contains("2.0");
        assertThat(example.call("G6PD").orElseThrow().diplotype()).contains("B (reference)/B (reference)");
        assertThat(example.call("HLA-B").orElseThrow().phenotype()).contains("*57:01 positive");
    }

    @Test
    void pharmcatTestFilesWithGenePrefixes() {
        OutsideCalls calls = stored("outside_CYP2D6_G6PD.tsv");
        assertThat(calls.call("CYP2D6").orElseThrow().diplotype()).contains("*3/*4");
        assertThat(calls.call("G6PD").orElseThrow().diplotype()).contains("B (reference)/B (reference)");
        assertThat(calls.warnings()).anyMatch(w -> w.contains("B (wildtype)"));
        assertThat(stored("PharmCATTest-cyp2d6.tsv").call("CYP2D6").orElseThrow().diplotypes()).containsExactly("*3/*4");
    }

    @Test
    void cyp2d6CopiesFromTheDpwgTableAndAlternatives() throws IOException {
        OutsideCalls calls = text("CYP2D6\t*1x≥3/*4x2 or *2xN/*36 + *10\n");
        assertThat(calls.call("CYP2D6").orElseThrow().diplotypes()).containsExactly("*1x≥3/*4x2", "*2xN/*36+*10");
    }

    @Test
    void errorsNameFileLineAndField() throws IOException {
        assertError("# header\nCYP2C19\t*1/*2\nCYP2Q9\t*1/*1\n", InterpretErrorCode.OUTSIDE_CALL_UNKNOWN_GENE, 3, "GENE", "CYP2Q9");
        assertError("CYP2D6\t*1/*999x2\n", InterpretErrorCode.OUTSIDE_CALL_UNKNOWN_ALLELE, 1, "DIPLOTYPE", "*999x2");
        assertError("HLA-B\t*57/*15:02\n", InterpretErrorCode.OUTSIDE_CALL_UNKNOWN_ALLELE, 1, "DIPLOTYPE", "*57");
        assertError("MT-RNR1\t1555A>C\n", InterpretErrorCode.OUTSIDE_CALL_UNKNOWN_ALLELE, 1, "DIPLOTYPE", "1555A>C");
        assertError("CYP2D6\t*1/*2/*3\n", InterpretErrorCode.OUTSIDE_CALL_UNKNOWN_ALLELE, 1, "DIPLOTYPE", "more than two");
        assertError("CYP2D6\t*1/*3\n\nCYP2D6\t*1/*4\n", InterpretErrorCode.OUTSIDE_CALL_DUPLICATE_GENE, 3, "GENE", "line 1");
        assertError("CYP2D6 *1/*3\n", InterpretErrorCode.OUTSIDE_CALL_COLUMNS, 1, "columns", "spaces");
        assertError("CYP2D6\t*1/*3\tIntermediate Metabolizer\t1.0\textra\n", InterpretErrorCode.OUTSIDE_CALL_COLUMNS, 1, "columns", "found 5");
        assertError("CYP2C9\t\t\t\n", InterpretErrorCode.OUTSIDE_CALL_EMPTY, 1, "DIPLOTYPE", "CYP2C9");
        assertError("CYP2C9\t\t\thigh\n", InterpretErrorCode.OUTSIDE_CALL_BAD_ACTIVITY_SCORE, 1, "ACTIVITY_SCORE", "CYP2C9");
    }

    @Test
    void blankLinesCommentsWindowsLineEndsAndTrailingTabsAreAccepted() throws IOException {
        OutsideCalls calls = text("\uFEFF# comment\r\n\r\nHLA-A\t*31:01/*02:01\t\t\r\nCYP2C9\t\t\t>=1.5\r\n");
        assertThat(calls.call("HLA-A").orElseThrow().diplotype()).contains("*31:01/*02:01");
        assertThat(calls.call("CYP2C9").orElseThrow().activityScore()).contains("≥1.5");
        assertThat(calls.call("HLA-A").orElseThrow().line()).isEqualTo(3);
        assertThat(OutsideCalls.none().calls()).isEmpty();
    }

    private void assertError(String content, InterpretErrorCode code, int line, String field, String mentioned) throws IOException {
        Path file = dir.resolve("calls.tsv");
        Files.writeString(file, content);
        assertThatThrownBy(() -> OutsideCalls.parse(file, knowledge))
                .isInstanceOfSatisfying(PermedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(file.toString()).contains("line " + line).contains("field " + field).contains(mentioned);
                    assertThat(e.details()).containsEntry("line", line).containsEntry("field", field).containsEntry("file", file.toString());
                });
    }

    @Test
    void fromRecordsAsFromAFile() {
        OutsideCalls calls = OutsideCalls.of(stored("example_outside_calls.txt").calls(), "stored calls", knowledge);
        assertThat(calls.calls()).extracting(OutsideCall::gene).containsExactly("CYP2D6", "CYP2C9", "G6PD", "HLA-B", "MT-RNR1");
        assertThat(calls.call("CYP2C9").orElseThrow().activityScore()).contains("2.0");
        assertThat(calls.call("HLA-B").orElseThrow().phenotype()).contains("*57:01 positive");
    }

    @Test
    void unreadableFile() {
        Path missing = dir.resolve("missing.tsv");
        assertThatThrownBy(() -> OutsideCalls.parse(missing, knowledge))
                .isInstanceOfSatisfying(PermedException.class, e -> assertThat(e.errorCode()).isEqualTo(InterpretErrorCode.OUTSIDE_CALL_UNREADABLE));
    }
}
