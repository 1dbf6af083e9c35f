package no.permed.interpretation.acmg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine against ClinGen expert panels (VCEPs): the criteria a panel applied, with the strengths it wrote, give the
 * class the panel stated. Input: {@code src/test/resources/vcep/comparison_criteria_custom.csv} (see its README).
 *
 * <p>A row counts as <b>fully stated</b> when its evidence summary ({@code comment}) states the final class ("classified
 * as likely pathogenic", "the clinical significance of this variant is benign", "final Likely Benign classification")
 * and ends with the panel's list of applied criteria after "criteria applied", "Criteria implemented", "codes met" or
 * "ACMG/AMP criteria (": that list, with its strength suffixes, is the input. The {@code expected_criteria} column is
 * not used for these rows because it drops the strength suffixes. Panels' short suffixes are read as their long forms
 * ({@code _P} supporting, {@code _M} moderate, {@code _S} strong, {@code _VS} very strong: e.g. "PM2_P" of the Brain
 * Malformations panel, "PM3_S" of the PAH panel); the engine's own parser refuses them as ambiguous.
 *
 * <p>Rows whose comment does not state both are listed as not fully stated and only reported (with the
 * {@code expected_criteria} column at default strengths) in {@code target/acmg-vcep-agreement.tsv}.
 */
class VcepAgreementTest {
    private static final Path INPUT = Path.of("src/test/resources/vcep/comparison_criteria_custom.csv");
    private static final Path REPORT = Path.of("target/acmg-vcep-agreement.tsv");

    private static final Pattern STATED = Pattern.compile("(?:classif(?:ied|ying)(?: this variant)? as|clinical significance of this variant is|assessed as"
            + "|final)\\s+(?:an? )?(likely pathogenic|pathogenic|likely benign|benign|uncertain significance)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKER = Pattern.compile("criteria applied|criteria implemented|codes met|ACMG/AMP criteria \\(",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CODE = Pattern.compile(
            "\\b(PVS1|PS[1-4]|PM[1-6]|PP[1-5]|BA1|BS[1-4]|BP[1-7])(?:_\\s?(VeryStrong|Very Strong|Strong|Moderate|Supporting|VS|S|M|P)\\b)?",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> SHORT_SUFFIXES = Map.of("p", "Supporting", "m", "Moderate", "s", "Strong", "vs", "VeryStrong");

    /** The fully stated rows on which the 2015 rules disagree with the panel, and why. */
    private static final Map<String, String> ACMG2015_DISAGREEMENTS = Map.of(
            "NM_004958.3:c.5930C>G",
            "MTOR, Brain Malformations VCEP: PM2_P, PP2, PM5, PM1_P, PS3_P, PS4_M, PS2_M = 1 moderate and 6 supporting under the"
                    + " 2015 table (Likely pathogenic); the panel classified with points ('10 points'), which give Pathogenic",
            "NM_002880.3(RAF1):c.1082G>C",
            "RAF1, RASopathy VCEP: PM6_Strong, PS4_Moderate, PM2, PP2, PP3 = 1 strong, 2 moderate, 2 supporting (Pathogenic by"
                    + " P(iii)(b); 10 points); the panel stated Likely pathogenic, more cautious than both systems");
    /** The fully stated rows on which the points system disagrees with the panel, and why. */
    private static final Map<String, String> POINTS_DISAGREEMENTS = Map.of(
            "NM_001754.4(RUNX1):c.1317C>T",
            "RUNX1, Myeloid Malignancy VCEP: BP4, BP7, PM2 listed without suffix; PM2 at its default moderate strength gives"
                    + " 2 − 2 = 0 points (Uncertain significance), the panel stated Likely benign (its RUNX1 rules use PM2 at"
                    + " supporting strength, which would give −1, Likely benign); the 2015 rules agree (LB, PM2 alone meets no"
                    + " pathogenic rule)",
            "NM_002880.3(RAF1):c.1082G>C", ACMG2015_DISAGREEMENTS.get("NM_002880.3(RAF1):c.1082G>C"));

    private static final List<Row> FULLY_STATED = new ArrayList<>();
    private static final List<String> NOT_FULLY_STATED = new ArrayList<>();

    record Row(int record, String variant, Classification stated, List<AppliedCriterion> criteria, AcmgResult result) {
    }

    @BeforeAll
    static void read() throws IOException {
        List<List<String>> records = Csv.parse(Files.readString(INPUT, StandardCharsets.UTF_8));
        StringBuilder report = new StringBuilder("record\tvariant\tstatus\tstated\tcriteria\tacmg2015\tpoints\tpoints_class\n");
        for (int index = 1; index < records.size(); index++) {
            List<String> record = records.get(index);
            String variant = record.get(0);
            if (variant.isBlank() || variant.startsWith("#")) {
                continue;
            }
            String comment = record.size() > 2 ? String.join(",", record.subList(2, record.size())) : "";
            Optional<Classification> stated = stated(comment);
            Matcher marker = MARKER.matcher(comment);
            int listStart = -1;
            while (marker.find()) {
                listStart = marker.end();
            }
            if (stated.isPresent() && listStart >= 0) {
                List<AppliedCriterion> criteria = criteria(comment.substring(listStart));
                AcmgResult result = AcmgClassifier.classify(criteria);
                FULLY_STATED.add(new Row(index + 1, variant, stated.get(), criteria, result));
                report.append(line(index + 1, variant, "fully stated", stated.get(), result));
            } else {
                NOT_FULLY_STATED.add(variant);
                AcmgResult fromColumn = AcmgClassifier.classify(record.get(1));
                report.append(line(index + 1, variant, stated.isPresent() ? "no final criteria list" : "no stated class",
                        stated.orElse(null), fromColumn));
            }
        }
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void readsTheRowsThePanelsFullyStated() {
        assertThat(FULLY_STATED).hasSize(136);
        // the PVS1 decision-tree rows (no class stated), the PTEN rows (no final list), and a few others
        assertThat(NOT_FULLY_STATED).hasSize(36);
        assertThat(FULLY_STATED).extracting(Row::stated).contains(Classification.PATHOGENIC, Classification.LIKELY_PATHOGENIC,
                Classification.LIKELY_BENIGN, Classification.BENIGN);
    }

    @Test
    void acmg2015RulesAgreeWithThePanelsExceptForTheListedReasons() {
        Map<String, Row> disagreeing = new LinkedHashMap<>();
        for (Row row : FULLY_STATED) {
            if (row.result().acmg2015() != row.stated()) {
                disagreeing.put(row.variant(), row);
            }
        }
        assertThat(disagreeing.keySet()).containsExactlyInAnyOrderElementsOf(ACMG2015_DISAGREEMENTS.keySet());
        assertThat(FULLY_STATED.size() - disagreeing.size()).as("agreement under the 2015 rules").isGreaterThanOrEqualTo(134);
    }

    @Test
    void pointsSystemAgreesWithThePanelsExceptForTheListedReasons() {
        Map<String, Row> disagreeing = new LinkedHashMap<>();
        for (Row row : FULLY_STATED) {
            if (row.result().points().classification() != row.stated()) {
                disagreeing.put(row.variant(), row);
            }
        }
        assertThat(disagreeing.keySet()).containsExactlyInAnyOrderElementsOf(POINTS_DISAGREEMENTS.keySet());
        assertThat(FULLY_STATED.size() - disagreeing.size()).as("agreement under points").isGreaterThanOrEqualTo(134);
    }

    @Test
    void noPanelClassIsFlaggedExceptTheOneBothSystemsDisagreeWith() {
        List<String> flagged = new ArrayList<>();
        for (Row row : FULLY_STATED) {
            if (AcmgClassifier.check(row.stated(), row.criteria()).flagged()) {
                flagged.add(row.variant());
            }
        }
        assertThat(flagged).containsExactly("NM_002880.3(RAF1):c.1082G>C");
    }

    private static Optional<Classification> stated(String comment) {
        Matcher matcher = STATED.matcher(comment);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        return Optional.ofNullable(last).map(Classification::parse);
    }

    private static List<AppliedCriterion> criteria(String list) {
        Matcher matcher = CODE.matcher(list);
        Set<Criterion> seen = EnumSet.noneOf(Criterion.class);
        List<AppliedCriterion> criteria = new ArrayList<>();
        while (matcher.find()) {
            String suffix = matcher.group(2);
            String code = matcher.group(1);
            if (suffix != null) {
                String lower = suffix.toLowerCase(Locale.ROOT);
                code = code + "_" + SHORT_SUFFIXES.getOrDefault(lower, suffix);
            }
            AppliedCriterion applied = AppliedCriterion.parse(code);
            if (seen.add(applied.criterion())) {
                criteria.add(applied);
            }
        }
        return criteria;
    }

    private static String line(int record, String variant, String status, Classification stated, AcmgResult result) {
        return record + "\t" + variant + "\t" + status + "\t" + (stated == null ? "" : stated.displayName()) + "\t"
                + result.criteria().stream().map(AppliedCriterion::toString).reduce((a, b) -> a + "," + b).orElse("") + "\t"
                + result.acmg2015().displayName() + "\t" + result.points().points() + "\t"
                + result.points().classification().displayName() + "\n";
    }

    /** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
    static final class Csv {
        private Csv() {
        }

        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int index = 0; index < text.length(); index++) {
                char character = text.charAt(index);
                if (quoted) {
                    if (character == '"' && index + 1 < text.length() && text.charAt(index + 1) == '"') {
                        field.append('"');
                        index++;
                    } else if (character == '"') {
                        quoted = false;
                    } else {
                        field.append(character);
                    }
                } else if (character == '"') {
                    quoted = true;
                } else if (character == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (character == '\n') {
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                } else if (character != '\r') {
                    field.append(character);
                }
            }
            if (field.length() > 0 || !record.isEmpty()) {
                record.add(field.toString());
                records.add(record);
            }
            return records;
        }
    }
}
