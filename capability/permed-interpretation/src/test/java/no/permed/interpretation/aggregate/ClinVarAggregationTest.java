package no.permed.interpretation.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.permed.interpretation.acmg.Classification;
import no.permed.kernel.OrganisationId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reproduces ClinVar's aggregate label, review status, gold stars and conflicted flag of the 749 alleles of the
 * macarthur-lab 2018 extract ({@code src/test/resources/clinvar-2018}) from their five per-class submission counts.
 *
 * <p>The extract does not carry each submission's review status: {@code review_status_ordered} is a de-duplicated list,
 * not one entry per submission. The submissions are rebuilt as follows: one per count, submitters taken in turn from
 * {@code all_submitters}; when every entry of {@code review_status_ordered} provides criteria, every submission does;
 * when none does, none does. When the list mixes the two, the number of submitters with criteria is not in the file,
 * so for those rows the test checks that ClinVar's status is the one the aggregator gives for some number of submitters
 * with criteria between 1 and all but one ("consistent"), and checks class and conflicted exactly.
 *
 * <p>Of the 749 rows, 703 are reproduced exactly (among them the 34 "not provided" rows: no submission with a class,
 * "no assertion provided", 0 stars) and 43 with mixed review statuses consistently. Three are unsupported and listed:
 * "risk factor" and "Benign, risk factor" (labels outside the five classes; {@link #UNSUPPORTED}), and one
 * "Uncertain significance" row whose five counts are all zero (its class is not in the counts).
 */
class ClinVarAggregationTest {
    private static final Path INPUT = Path.of("src/test/resources/clinvar-2018/clinvar_alleles_750.b38.columns.tsv");
    private static final List<String> COUNT_COLUMNS = List.of("pathogenic", "likely_pathogenic", "uncertain_significance",
            "likely_benign", "benign");
    private static final List<Classification> COUNT_CLASSES = List.of(Classification.PATHOGENIC, Classification.LIKELY_PATHOGENIC,
            Classification.UNCERTAIN_SIGNIFICANCE, Classification.LIKELY_BENIGN, Classification.BENIGN);
    /** Labels this aggregation does not produce from class counts. */
    private static final Set<String> UNSUPPORTED = Set.of("risk factor", "Benign, risk factor");

    private static final List<Map<String, String>> ROWS = new ArrayList<>();

    @BeforeAll
    static void read() throws IOException {
        List<String> lines = Files.readAllLines(INPUT, StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int index = 0; index < header.size(); index++) {
                row.put(header.get(index), values[index]);
            }
            ROWS.add(row);
        }
    }

    @Test
    void reproducesEverySupportedRow() {
        int exact = 0;
        int consistent = 0;
        List<String> unsupported = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Map<String, String> row : ROWS) {
            String label = row.get("clinical_significance");
            int total = COUNT_COLUMNS.stream().mapToInt(column -> Integer.parseInt(row.get(column))).sum();
            if (UNSUPPORTED.contains(label) || (total == 0 && !label.equals("not provided"))) {
                unsupported.add(row.get("variation_id") + " " + label);
                continue;
            }
            AggregateClassification expectedClass = AggregateClassification.fromLabel(label).orElseThrow();
            AggregateReviewStatus expectedStatus = AggregateReviewStatus.parse(row.get("review_status"));
            int expectedStars = Integer.parseInt(row.get("gold_stars"));
            boolean expectedConflicted = row.get("conflicted").equals("1");
            Optional<Integer> criteriaSubmitters = criteriaSubmitters(row);
            List<Integer> candidates = criteriaSubmitters.map(List::of).orElseGet(() -> range(1, submitters(row).size() - 1));
            boolean statusMatched = false;
            Aggregate aggregate = null;
            for (int withCriteria : candidates) {
                aggregate = ClinVarAggregator.aggregate(submissions(row, withCriteria));
                if (aggregate.reviewStatus() == expectedStatus && aggregate.goldStars() == expectedStars) {
                    statusMatched = true;
                    break;
                }
            }
            boolean classMatched = aggregate.classification() == expectedClass && aggregate.conflicted() == expectedConflicted;
            if (classMatched && statusMatched) {
                if (criteriaSubmitters.isPresent()) {
                    exact++;
                } else {
                    consistent++;
                }
            } else {
                failures.add(row.get("variation_id") + ": expected " + label + " / " + row.get("review_status") + " but got "
                        + aggregate.classification() + " / " + aggregate.reviewStatus().displayName());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(ROWS).hasSize(749);
        assertThat(exact).as("rows reproduced exactly").isEqualTo(703);
        assertThat(consistent).as("rows with mixed review statuses, consistent").isEqualTo(43);
        assertThat(unsupported).containsExactlyInAnyOrder(unsupportedRows());
    }

    @Test
    void mapsBothSpellingsOfTheConflictLabels() {
        assertThat(AggregateClassification.fromLabel("Conflicting interpretations of pathogenicity"))
                .contains(AggregateClassification.CONFLICTING);
        assertThat(AggregateClassification.fromLabel("Conflicting classifications of pathogenicity"))
                .contains(AggregateClassification.CONFLICTING);
        assertThat(AggregateReviewStatus.parse("criteria provided, conflicting interpretations")).isEqualTo(AggregateReviewStatus.CONFLICTING);
        assertThat(AggregateReviewStatus.parse("criteria provided, conflicting classifications")).isEqualTo(AggregateReviewStatus.CONFLICTING);
        assertThat(AggregateClassification.fromLabel("risk factor")).isEmpty();
    }

    @Test
    void expertPanelAndPracticeGuidelineDecide() {
        OrganisationId lab = OrganisationId.of("lab-1");
        OrganisationId panel = OrganisationId.of("vcep-1");
        Aggregate aggregate = ClinVarAggregator.aggregate(List.of(
                new SubmittedClassification(lab, Classification.UNCERTAIN_SIGNIFICANCE, SubmissionReviewStatus.CRITERIA_PROVIDED),
                new SubmittedClassification(panel, Classification.LIKELY_PATHOGENIC, SubmissionReviewStatus.EXPERT_PANEL)));
        assertThat(aggregate.classification()).isEqualTo(AggregateClassification.LIKELY_PATHOGENIC);
        assertThat(aggregate.goldStars()).isEqualTo(3);
        assertThat(aggregate.conflicted()).isFalse();
        assertThat(ClinVarAggregator.aggregate(List.of()).classification()).isEqualTo(AggregateClassification.NOT_PROVIDED);
    }

    private static String[] unsupportedRows() {
        List<String> rows = new ArrayList<>();
        for (Map<String, String> row : ROWS) {
            String label = row.get("clinical_significance");
            if (label.contains("risk factor") || (label.equals("Uncertain significance") && row.get("uncertain_significance").equals("0"))) {
                rows.add(row.get("variation_id") + " " + label);
            }
        }
        assertThat(rows).hasSize(3);
        return rows.toArray(String[]::new);
    }

    /** The number of submitters with criteria when {@code review_status_ordered} decides it. */
    private static Optional<Integer> criteriaSubmitters(Map<String, String> row) {
        String[] statuses = row.get("review_status_ordered").split(";");
        boolean all = Arrays.stream(statuses).allMatch(status -> status.startsWith("criteria provided"));
        boolean none = Arrays.stream(statuses).noneMatch(status -> status.startsWith("criteria provided"));
        if (all) {
            return Optional.of(submitters(row).size());
        }
        return none ? Optional.of(0) : Optional.empty();
    }

    private static List<String> submitters(Map<String, String> row) {
        return new ArrayList<>(new LinkedHashSet<>(Arrays.asList(row.get("all_submitters").split(";"))));
    }

    /** One submission per count; submitter i of n in turn; the first {@code withCriteria} submitters provide criteria. */
    private static List<SubmittedClassification> submissions(Map<String, String> row, int withCriteria) {
        List<String> submitters = submitters(row);
        List<SubmittedClassification> submissions = new ArrayList<>();
        int next = 0;
        for (int column = 0; column < COUNT_COLUMNS.size(); column++) {
            int count = Integer.parseInt(row.get(COUNT_COLUMNS.get(column)));
            for (int each = 0; each < count; each++) {
                int submitter = next++ % submitters.size();
                SubmissionReviewStatus status = submitter < withCriteria
                        ? SubmissionReviewStatus.CRITERIA_PROVIDED : SubmissionReviewStatus.NO_ASSERTION_CRITERIA;
                submissions.add(new SubmittedClassification(OrganisationId.of("submitter-" + submitter), COUNT_CLASSES.get(column), status));
            }
        }
        return submissions;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> values = new ArrayList<>();
        for (int value = from; value <= Math.max(from, to); value++) {
            values.add(value);
        }
        return values;
    }
}
