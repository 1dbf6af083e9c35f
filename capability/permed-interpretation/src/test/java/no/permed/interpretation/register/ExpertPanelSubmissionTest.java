package no.permed.interpretation.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import no.permed.db.Database;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.interpretation.aggregate.AggregateClassification;
import no.permed.interpretation.aggregate.AggregateReviewStatus;
import no.permed.interpretation.aggregate.SubmissionReviewStatus;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.testing.SharedPostgres;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Designated submitters decide the aggregate as in ClinVar's rules (ClinVar, "Review status in ClinVar": an expert
 * panel's classification is the aggregate with three stars, a practice guideline's with four, and other submissions
 * then do not count). On the ClinVar allele VCV 409977 (GRCh38 1-2228870 C>G), which the 2018 extract lists as
 * conflicting between a likely pathogenic and an uncertain submission: the two laboratories' conflict is what a
 * register without designations keeps; a designated panel's classification settles it.
 */
class ExpertPanelSubmissionTest {
    private static final VariantKey VARIANT = VariantKey.parse("GRCh38-1-2228870-C-G");
    private static final OrganisationId PANEL = OrganisationId.of("national-expert-group-ska");
    private static final OrganisationId GUIDELINE = OrganisationId.of("norwegian-society-medical-genetics");

    private Database database;

    @BeforeEach
    void open() {
        database = SharedPostgres.freshDatabase();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private VariantRegister register(SubmitterDesignations designations) {
        return VariantRegister.open(database, new MemoryAudit(), CarrierLookup.NONE, ClinicianDirectory.NONE, RecallPreference.ALWAYS,
                designations, Clock.systemUTC());
    }

    private static NewSubmission fields(String classification, String criteria) {
        return new SubmissionFields(VARIANT.toString(), Optional.empty(), "not specified", classification,
                criteria.isEmpty() ? Optional.empty() : Optional.of(criteria), Optional.empty(), Optional.empty())
                .validate(LocalDates.today());
    }

    @Test
    void anExpertPanelsClassificationSettlesTheLaboratoriesConflict() {
        VariantRegister register = register(new SubmitterDesignations(Set.of(PANEL), Set.of()));
        register.submit(Callers.lab(Callers.OSLO), fields("Uncertain significance", "PM2"));
        SubmissionResult conflict = register.submit(Callers.lab(Callers.BERGEN), fields("Likely pathogenic", "PS3,PM2"));
        assertThat(conflict.aggregate().aggregate().classification()).isEqualTo(AggregateClassification.CONFLICTING);
        assertThat(conflict.discordanceId()).isPresent();

        SubmissionResult panel = register.submit(Callers.lab(PANEL), fields("Likely pathogenic", "PS3,PM2_Supporting,PP3"));
        assertThat(panel.submission().reviewStatus()).isEqualTo(SubmissionReviewStatus.EXPERT_PANEL);
        assertThat(panel.aggregate().aggregate().classification()).isEqualTo(AggregateClassification.LIKELY_PATHOGENIC);
        assertThat(panel.aggregate().aggregate().reviewStatus()).isEqualTo(AggregateReviewStatus.EXPERT_PANEL);
        assertThat(panel.aggregate().aggregate().goldStars()).isEqualTo(3);
        assertThat(panel.discordanceId()).as("the panel settled the discordance").isEmpty();
        assertThat(panel.reclassification()).as("conflicting -> likely pathogenic is clinically significant").isPresent();

        // a laboratory's later benign classification is kept but does not move a panel's aggregate
        SubmissionResult later = register.submit(Callers.lab(Callers.OSLO), fields("Benign", "BS3,BP4"));
        assertThat(later.submission().reviewStatus()).isEqualTo(SubmissionReviewStatus.CRITERIA_PROVIDED);
        assertThat(later.aggregate().aggregate().classification()).isEqualTo(AggregateClassification.LIKELY_PATHOGENIC);
        assertThat(later.reclassification()).isEmpty();
        assertThat(register.submissions(VARIANT, Optional.empty())).hasSize(4);
    }

    @Test
    void withoutDesignationsTheSameOrganisationIsOneMoreLaboratory() {
        VariantRegister register = register(SubmitterDesignations.NONE);
        register.submit(Callers.lab(Callers.OSLO), fields("Uncertain significance", "PM2"));
        register.submit(Callers.lab(Callers.BERGEN), fields("Likely pathogenic", "PS3,PM2"));
        SubmissionResult panel = register.submit(Callers.lab(PANEL), fields("Likely pathogenic", "PS3,PM2_Supporting,PP3"));
        assertThat(panel.submission().reviewStatus()).isEqualTo(SubmissionReviewStatus.CRITERIA_PROVIDED);
        assertThat(panel.aggregate().aggregate().classification()).isEqualTo(AggregateClassification.CONFLICTING);
        assertThat(panel.aggregate().aggregate().goldStars()).isEqualTo(1);
    }

    @Test
    void aPracticeGuidelineOutranksAnExpertPanel() {
        VariantRegister register = register(new SubmitterDesignations(Set.of(PANEL), Set.of(GUIDELINE)));
        register.submit(Callers.lab(PANEL), fields("Likely pathogenic", "PS3,PM2_Supporting,PP3"));
        SubmissionResult guideline = register.submit(Callers.lab(GUIDELINE), fields("Pathogenic", ""));
        assertThat(guideline.submission().reviewStatus()).isEqualTo(SubmissionReviewStatus.PRACTICE_GUIDELINE);
        assertThat(guideline.aggregate().aggregate().classification()).isEqualTo(AggregateClassification.PATHOGENIC);
        assertThat(guideline.aggregate().aggregate().goldStars()).isEqualTo(4);
    }

    @Test
    void anOrganisationCannotBeBoth() {
        assertThatThrownBy(() -> new SubmitterDesignations(Set.of(PANEL), Set.of(PANEL)))
                .isInstanceOfSatisfying(PermedException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(InterpretationErrorCode.INVALID_SUBMISSION));
    }
}
