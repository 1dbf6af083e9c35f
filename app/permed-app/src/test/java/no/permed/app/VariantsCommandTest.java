package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.permed.app.cli.ExitCodes;
import no.permed.interpretation.aggregate.AggregateClassification;
import no.permed.testing.SharedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code permed variants submit} and {@code show} in-process on a temporary data directory and a fresh database: the two
 * demo laboratories' CSV files (real ClinVar 2018 submissions, see docs/variant-register.md "In the demo") give ClinVar's
 * own aggregate label, read from the macarthur-lab extract the interpretation module tests with.
 */
class VariantsCommandTest {
    private static final Path CLINVAR = Path.of("../../capability/permed-interpretation/src/test/resources/clinvar-2018/"
            + "clinvar_alleles_750.b38.columns.tsv");
    /** AGRN c.45G>T (variation 128310): Benign from both labs. */
    private static final String BOTH_BENIGN = "GRCh38-1-1020217-G-T";
    /** AGRN c.1660G>A (variation 263165): Benign (Oslo) and Likely benign (Bergen). */
    private static final String BENIGN_LIKELY_BENIGN = "GRCh38-1-1043594-G-A";
    /** AGRN c.526C>T (variation 210111): Uncertain significance (Oslo) and Likely benign (Bergen). */
    private static final String CONFLICTING = "GRCh38-1-1040679-C-T";

    private static Map<String, String> clinVarLabels;

    @TempDir
    Path temporary;

    private String data;
    private String url;

    @BeforeAll
    static void readClinVar() throws IOException {
        clinVarLabels = new HashMap<>();
        List<String> lines = Files.readAllLines(CLINVAR, StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        int chrom = header.indexOf("chrom");
        int pos = header.indexOf("pos");
        int ref = header.indexOf("ref");
        int alt = header.indexOf("alt");
        int label = header.indexOf("clinical_significance");
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t", -1);
            clinVarLabels.put("GRCh38-" + fields[chrom] + "-" + fields[pos] + "-" + fields[ref] + "-" + fields[alt], fields[label]);
        }
    }

    @BeforeEach
    void freshStore() {
        data = temporary.resolve("data").toString();
        url = SharedPostgres.freshDatabaseUrl();
    }

    @Test
    void twoLaboratoriesGiveClinVarsAggregates() throws IOException {
        CommandRun oslo = ok("variants", "submit", "--lab", "demo-lab", demoFile("variants-oslo.csv").toString());
        assertThat(oslo.out()).contains("stored 18 submission(s) of demo-lab from variants-oslo.csv, 0 flagged",
                "0 reclassification(s), 0 notification(s) created");
        assertThat(oslo.out()).contains("line 4: " + CONFLICTING + " [not specified] demo-lab: Uncertain significance; engine: no criteria;"
                + " aggregate: Uncertain significance");

        CommandRun bergen = ok("variants", "submit", "--lab", "demo-lab-bergen", "--user", "bergen-user",
                demoFile("variants-bergen.csv").toString());
        assertThat(bergen.out()).contains("stored 14 submission(s) of demo-lab-bergen from variants-bergen.csv, 0 flagged");
        // Oslo's VUS and Bergen's LB conflict: the one clinically significant change of Bergen's file
        assertThat(bergen.out()).contains("1 reclassification(s)");
        assertThat(bergen.out()).containsPattern("line 3: " + CONFLICTING + " .*aggregate: Conflicting classifications of pathogenicity");

        for (String variant : List.of(BOTH_BENIGN, BENIGN_LIKELY_BENIGN, CONFLICTING)) {
            CommandRun shown = ok("variants", "show", variant);
            AggregateClassification expected = AggregateClassification.fromLabel(clinVarLabels.get(variant)).orElseThrow();
            assertThat(shown.out()).as(variant).startsWith(variant + " ")
                    .contains("condition not specified: " + expected.displayName() + ";");
        }
        CommandRun conflicting = ok("variants", "show", CONFLICTING);
        assertThat(conflicting.out()).contains("Conflicting", "conflicted: yes",
                "  demo-lab: Uncertain significance, 2018-03-01, version 1, no assertion criteria provided, no criteria",
                "  demo-lab-bergen: Likely benign, 2018-03-01, version 1, no assertion criteria provided, no criteria");
        // the key without assembly, given with --assembly
        assertThat(ok("variants", "show", "1-1043594-G-A", "--assembly", "GRCh38").out())
                .contains("condition not specified: Benign/Likely benign;", "conflicted: no");
    }

    @Test
    void aBadRowNamesFileLineAndFieldAndStoresNothing() throws IOException {
        ok("variants", "submit", "--lab", "demo-lab", demoFile("variants-oslo.csv").toString());
        Path bad = temporary.resolve("bad-bergen.csv");
        Files.writeString(bad, "variant,condition,classification,criteria,evidence,date,assembly\n"
                + BENIGN_LIKELY_BENIGN + ",not specified,Pathogenic,,,2018-03-01,\n"
                + CONFLICTING + ",not specified,Probably benign,,,2018-03-01,\n", StandardCharsets.UTF_8);
        CommandRun failed = permed("variants", "submit", "--lab", "demo-lab-bergen", bad.toString());
        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(failed.err()).contains("bad-bergen.csv line 3, field classification");
        assertThat(failed.out()).doesNotContain("stored");

        // the valid line 2 was not stored either: only Oslo's Benign counts
        CommandRun shown = ok("variants", "show", BENIGN_LIKELY_BENIGN);
        assertThat(shown.out()).contains("condition not specified: Benign;", "aggregate version 1", "  demo-lab: Benign")
                .doesNotContain("demo-lab-bergen");

        CommandRun missing = permed("variants", "submit", "--lab", "demo-lab-bergen", temporary.resolve("none.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("none.csv cannot be read");
        CommandRun unknown = permed("variants", "show", "GRCh38-1-1014042-G-A");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("no submission for GRCh38-1-1014042-G-A");
    }

    private Path demoFile(String name) throws IOException {
        Path file = temporary.resolve(name);
        try (InputStream input = Demo.class.getResourceAsStream("demo/" + name)) {
            assertThat(input).as(name).isNotNull();
            Files.copy(input, file);
        }
        return file;
    }

    private CommandRun permed(String... arguments) {
        List<String> all = new ArrayList<>(Arrays.asList(arguments));
        all.addAll(List.of("--data", data, "--db-url", url));
        return CommandRun.of(all.toArray(String[]::new));
    }

    private CommandRun ok(String... arguments) {
        CommandRun run = permed(arguments);
        assertThat(run.exitCode()).as("permed %s\nout: %s\nerr: %s", String.join(" ", arguments), run.out(), run.err())
                .isEqualTo(ExitCodes.OK);
        return run;
    }
}
