package no.permed.interpretation.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.db.Database;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.interpretation.acmg.Classification;
import no.permed.interpretation.aggregate.AggregateClassification;
import no.permed.interpretation.aggregate.AggregateReviewStatus;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.testing.SharedPostgres;
import no.permed.vcf.normalise.VariantKey;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The register on the shared embedded PostgreSQL, fed with real ClinVar data: the alleles of the macarthur-lab 2018
 * extract ({@code src/test/resources/clinvar-2018}) whose submissions two laboratories can carry (one or two
 * submissions from as many distinct submitters, review statuses all with or all without criteria) are submitted as two
 * demo laboratories' bulk CSV files, the first submission of each allele by one laboratory and the second by the
 * other. The register's aggregate must be ClinVar's: label, review status, gold stars and conflicted flag, from the file.
 *
 * <p>The extract has no ACMG/AMP criteria; a submission whose ClinVar review status provides criteria gets a
 * representative criteria set of its class ({@link #CRITERIA}, each checked to give that class), one without none.
 */
class ClinVarRegisterTest {
    private static final Path INPUT = Path.of("src/test/resources/clinvar-2018/clinvar_alleles_750.b38.columns.tsv");
    private static final List<String> COUNT_COLUMNS = List.of("pathogenic", "likely_pathogenic", "uncertain_significance",
            "likely_benign", "benign");
    private static final List<Classification> COUNT_CLASSES = List.of(Classification.PATHOGENIC, Classification.LIKELY_PATHOGENIC,
            Classification.UNCERTAIN_SIGNIFICANCE, Classification.LIKELY_BENIGN, Classification.BENIGN);
    /** A criteria set per class whose class under both systems is that class. */
    static final Map<Classification, String> CRITERIA = Map.of(
            Classification.PATHOGENIC, "PVS1;PS3",
            Classification.LIKELY_PATHOGENIC, "PS3;PM2",
            Classification.UNCERTAIN_SIGNIFICANCE, "PM2",
            Classification.LIKELY_BENIGN, "BP4;BP7",
            Classification.BENIGN, "BA1");
    private static final Condition NOT_SPECIFIED = Condition.parse("not specified");

    private static Database database;
    private static VariantRegister register;
    private static final MemoryAudit AUDIT = new MemoryAudit();
    private static final List<Map<String, String>> SELECTED = new ArrayList<>();
    private static List<SubmissionResult> osloResults;
    private static List<SubmissionResult> bergenResults;

    @BeforeAll
    static void submitTheClinVarAllelesAsTwoLaboratories() throws IOException {
        database = SharedPostgres.freshDatabase();
        register = VariantRegister.open(database, AUDIT, CarrierLookup.NONE, ClinicianDirectory.NONE, RecallPreference.ALWAYS,
                Clock.systemUTC());
        List<String> lines = Files.readAllLines(INPUT, StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        StringBuilder oslo = new StringBuilder("variant,condition,classification,criteria,evidence\n");
        StringBuilder bergen = new StringBuilder("classification,variant,condition,criteria\n");
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int index = 0; index < header.size(); index++) {
                row.put(header.get(index), values[index]);
            }
            Optional<Boolean> criteria = criteriaProvided(row);
            List<Classification> classes = classes(row);
            int submitters = new LinkedHashSet<>(Arrays.asList(row.get("all_submitters").split(";"))).size();
            if (classes.isEmpty() || classes.size() > 2 || submitters != classes.size() || criteria.isEmpty()
                    || AggregateClassification.fromLabel(row.get("clinical_significance")).isEmpty()) {
                continue;
            }
            SELECTED.add(row);
            String variant = "GRCh38-" + row.get("chrom") + "-" + row.get("pos") + "-" + row.get("ref") + "-" + row.get("alt");
            String applied = criteria.get() ? CRITERIA.get(classes.get(0)) : "";
            oslo.append(variant).append(",not specified,").append(classes.get(0).displayName()).append(',').append(applied)
                    .append(",\"ClinVar VCV ").append(row.get("variation_id")).append(", \"\"first\"\" submission\"\n");
            if (classes.size() == 2) {
                bergen.append(classes.get(1).displayName()).append(',').append(variant).append(",Not  Specified,")
                        .append(criteria.get() ? CRITERIA.get(classes.get(1)) : "").append('\n');
            }
        }
        LocalDate today = register.today();
        osloResults = register.submitAll(Callers.lab(Callers.OSLO),
                SubmissionCsv.parse(oslo.toString(), "oslo.csv", today).stream().map(SubmissionCsv.Row::submission).toList());
        bergenResults = register.submitAll(Callers.lab(Callers.BERGEN),
                SubmissionCsv.parse(bergen.toString(), "bergen.csv", today).stream().map(SubmissionCsv.Row::submission).toList());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void reproducesClinVarsAggregateOfEveryAlleleTwoLaboratoriesCanCarry() {
        // 605 of the 749 rows: one or two submissions, as many submitters, review statuses all with or all without criteria
        assertThat(SELECTED).hasSize(605);
        List<String> failures = new ArrayList<>();
        int conflicted = 0;
        for (Map<String, String> row : SELECTED) {
            VariantKey variant = VariantKey.parse("GRCh38-" + row.get("chrom") + "-" + row.get("pos") + "-" + row.get("ref") + "-"
                    + row.get("alt"));
            VariantAggregate aggregate = register.aggregate(variant, NOT_SPECIFIED).orElseThrow();
            AggregateClassification expectedClass = AggregateClassification.fromLabel(row.get("clinical_significance")).orElseThrow();
            AggregateReviewStatus expectedStatus = AggregateReviewStatus.parse(row.get("review_status"));
            boolean expectedConflicted = row.get("conflicted").equals("1");
            if (aggregate.aggregate().classification() != expectedClass || aggregate.aggregate().reviewStatus() != expectedStatus
                    || aggregate.aggregate().goldStars() != Integer.parseInt(row.get("gold_stars"))
                    || aggregate.aggregate().conflicted() != expectedConflicted) {
                failures.add(row.get("variation_id") + ": ClinVar " + row.get("clinical_significance") + " / " + row.get("review_status")
                        + " but register " + aggregate.aggregate().classification() + " / " + aggregate.aggregate().reviewStatus());
            }
            if (expectedConflicted) {
                conflicted++;
            }
            assertThat(aggregate.version()).isEqualTo(classes(row).size());
        }
        assertThat(failures).isEmpty();
        assertThat(conflicted).isEqualTo(12);
    }

    @Test
    void storesTheEnginesCheckAndTheVrsIdentifier() {
        assertThat(osloResults).allSatisfy(result -> assertThat(result.submission().flagged()).isFalse());
        SubmissionResult first = osloResults.get(0);
        // ClinVar 475283, 1-1014042 G>A (b38): Benign, one submission with criteria
        assertThat(first.submission().variant()).hasToString("GRCh38-1-1014042-G-A");
        assertThat(first.submission().classification()).isEqualTo(Classification.BENIGN);
        assertThat(first.submission().check().orElseThrow().describe()).isEqualTo("acmg2015: Benign; points: -8 Benign");
        assertThat(first.submission().evidence()).contains("ClinVar VCV 475283, \"first\" submission");
        assertThat(register.vrsIdentifier(first.submission().variant()).orElseThrow()).startsWith("ga4gh:VA.").hasSize(41);
    }

    @Test
    void opensADiscordanceForEachConflictAndRecordsTheChangeIntoConflict() {
        long conflicts = bergenResults.stream().filter(result -> result.aggregate().aggregate().conflicted()).count();
        assertThat(conflicts).isEqualTo(12);
        assertThat(bergenResults.stream().filter(result -> result.reclassification().isPresent()))
                .hasSize(12)
                .allSatisfy(result -> {
                    assertThat(result.reclassification().orElseThrow().to()).isEqualTo(AggregateClassification.CONFLICTING);
                    // no carriers: the two submitting laboratories are told
                    assertThat(result.recall().orElseThrow().notifications()).isEqualTo(2);
                });
        assertThat(register.discordances(Callers.lab(Callers.BERGEN), false)).hasSize(12)
                .allSatisfy(discordance -> assertThat(discordance.laboratories()).containsExactlyInAnyOrder(Callers.OSLO, Callers.BERGEN));
        assertThat(register.discordances(Callers.lab(OrganisationId.of("another-lab")), true)).isEmpty();
        assertThat(AUDIT.events("interpretation.submission.bulk")).hasSize(2);
    }

    @Test
    void aBadRowNamesFileLineAndFieldAndNothingOfTheBatchIsStored() {
        VariantKey variant = VariantKey.parse("GRCh38-1-1014042-G-A");
        int before = register.submissions(variant, Optional.empty()).size();
        String csv = "variant,condition,classification,criteria\n"
                + "GRCh38-1-1014042-G-A,MONDO:0007254,Likely benign,BP4;BP7\n"
                + "\n"
                + "GRCh38-1-1014042-G-A,OMIM:604370,Benign,\"BA1,PM7\"\n";
        assertThatThrownBy(() -> SubmissionCsv.parse(csv, "batch.csv", register.today()))
                .isInstanceOfSatisfying(PermedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(InterpretationErrorCode.UNKNOWN_CRITERION);
                    assertThat(e.getMessage()).startsWith("batch.csv line 4, field criteria: Unknown ACMG/AMP criterion 'PM7'");
                    assertThat(e.details()).containsEntry("line", 4).containsEntry("field", "criteria").containsEntry("file", "batch.csv");
                });
        assertThatThrownBy(() -> SubmissionCsv.parse("variant,condition,classification\n17-43045712-G-A,ORPHA:145,Pathogenic\n",
                "b.csv", register.today()))
                .isInstanceOfSatisfying(PermedException.class, e -> assertThat(e.details()).containsEntry("line", 2)
                        .containsEntry("field", "assembly"));
        assertThatThrownBy(() -> SubmissionCsv.parse("variant,condition,classification\nGRCh38-99-1-A-G,ORPHA:145,Pathogenic\n",
                "c.csv", register.today()))
                .isInstanceOfSatisfying(PermedException.class, e -> assertThat(e.details()).containsEntry("field", "variant")
                        .containsEntry("part", "chromosome"));
        assertThatThrownBy(() -> SubmissionCsv.parse("variant,condition,classificaton\n", "d.csv", register.today()))
                .isInstanceOfSatisfying(PermedException.class, e -> assertThat(e.getMessage()).contains("unknown column 'classificaton'"));
        assertThatThrownBy(() -> SubmissionCsv.parse("variant,condition,classification\nGRCh38-1-1014042-G-A,\"MONDO:1,x\n", "e.csv",
                register.today()))
                .isInstanceOfSatisfying(PermedException.class, e -> assertThat(e.errorCode()).isEqualTo(InterpretationErrorCode.INVALID_CSV));
        assertThat(register.submissions(variant, Optional.empty())).hasSize(before);
    }

    @Test
    void everySubmissionIsANewVersionAndStoredRowsCannotBeChanged() {
        // ClinVar 183381, 1-1014143 C>T: Pathogenic from OMIM, no assertion criteria
        VariantKey variant = VariantKey.parse("GRCh38-1-1014143-C-T");
        Condition condition = Condition.parse("omim:616126");
        assertThat(condition.value()).isEqualTo("OMIM:616126");
        NewSubmission first = new SubmissionFields(variant.toString(), Optional.empty(), "OMIM:616126", "VUS", Optional.of("PM2"),
                Optional.empty(), Optional.of("2023-01-05")).validate(register.today());
        NewSubmission second = new SubmissionFields("NC_000001.11:g.1014143C>T", Optional.empty(), "MIM 616126", "Pathogenic",
                Optional.of("PVS1, PS3"), Optional.of("segregation"), Optional.empty()).validate(register.today());
        assertThat(second.variant()).isEqualTo(variant);
        register.submit(Callers.lab(Callers.OSLO), first);
        SubmissionResult result = register.submit(Callers.lab(Callers.OSLO), second);
        assertThat(result.submission().version()).isEqualTo(2);
        assertThat(register.submissions(variant, Optional.of(condition))).extracting(Submission::version).containsExactly(1, 2);
        assertThat(register.latestSubmissions(variant, condition)).singleElement()
                .satisfies(latest -> assertThat(latest.classification()).isEqualTo(Classification.PATHOGENIC));
        assertThat(register.aggregateHistory(variant, condition)).extracting(each -> each.aggregate().classification())
                .containsExactly(AggregateClassification.UNCERTAIN_SIGNIFICANCE, AggregateClassification.PATHOGENIC);
        // VUS -> P of one laboratory is a reclassification even without carriers
        assertThat(result.reclassification()).isPresent();
        // the ClinVar aggregate for "not specified" is untouched
        assertThat(register.aggregate(variant, NOT_SPECIFIED).orElseThrow().aggregate().classification())
                .isEqualTo(AggregateClassification.PATHOGENIC);
        assertThatThrownBy(() -> database.jdbi().useHandle(handle -> handle.execute(
                "update interpretation.submission set classification = 'BENIGN'"))).isInstanceOf(JdbiException.class)
                .hasMessageContaining("append-only");
    }

    @Test
    void aSubmissionWhoseClassDisagreesWithItsCriteriaIsFlagged() {
        NewSubmission disagreeing = new SubmissionFields("GRCh38-1-1014217-C-T", Optional.empty(), "ORPHA:145", "Pathogenic",
                Optional.of("BP4,BP7"), Optional.empty(), Optional.empty()).validate(register.today());
        SubmissionResult result = register.submit(Callers.lab(OrganisationId.of("demo-lab-tromso")), disagreeing);
        assertThat(result.submission().flagged()).isTrue();
        assertThat(result.submission().check().orElseThrow().describe()).isEqualTo("acmg2015: Likely benign; points: -2 Likely benign");
        assertThat(AUDIT.events("interpretation.submission.create")).anySatisfy(event ->
                assertThat(event.details()).containsEntry("flagged", "true").containsEntry("laboratory", "demo-lab-tromso"));
    }

    private static Optional<Boolean> criteriaProvided(Map<String, String> row) {
        String[] statuses = row.get("review_status_ordered").split(";");
        if (Arrays.stream(statuses).allMatch(status -> status.startsWith("criteria provided"))) {
            return Optional.of(true);
        }
        if (Arrays.stream(statuses).noneMatch(status -> status.startsWith("criteria provided"))) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** One class per submission, in the order of the count columns. */
    private static List<Classification> classes(Map<String, String> row) {
        List<Classification> classes = new ArrayList<>();
        for (int column = 0; column < COUNT_COLUMNS.size(); column++) {
            for (int each = 0; each < Integer.parseInt(row.get(COUNT_COLUMNS.get(column))); each++) {
                classes.add(COUNT_CLASSES.get(column));
            }
        }
        return classes;
    }
}
