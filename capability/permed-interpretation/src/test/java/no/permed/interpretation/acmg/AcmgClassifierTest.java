package no.permed.interpretation.acmg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each combining rule of Richards et al. (2015) Table 5, the points ranges of Tavtigian et al. (2020), and parsing. */
class AcmgClassifierTest {

    @Test
    void formatsBothSystemsOnTwoLinesAsTheIssueAsks() {
        assertThat(AcmgClassifier.classify("PVS1,PM2_Supporting,PP3").format())
                .isEqualTo("acmg2015: Pathogenic\npoints: 10 Pathogenic");
    }

    /** Table 5, every numbered rule, at the paper's default strengths, with the points total beside it. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            P(i)(a) PVS + PS               | PVS1,PS1            | Pathogenic             | 12 | Pathogenic
            P(i)(b) PVS + 2 PM             | PVS1,PM1,PM2        | Pathogenic             | 12 | Pathogenic
            P(i)(c) PVS + PM + PP          | PVS1,PM2,PP3        | Pathogenic             | 11 | Pathogenic
            P(i)(d) PVS + 2 PP             | PVS1,PP3,PP4        | Pathogenic             | 10 | Pathogenic
            P(ii) 2 PS                     | PS1,PS3             | Pathogenic             | 8  | Likely pathogenic
            P(iii)(a) PS + 3 PM            | PS3,PM1,PM2,PM5     | Pathogenic             | 10 | Pathogenic
            P(iii)(b) PS + 2 PM + 2 PP     | PS3,PM1,PM2,PP1,PP3 | Pathogenic             | 10 | Pathogenic
            P(iii)(c) PS + PM + 4 PP       | PS3,PM2,PP1,PP2,PP3,PP4 | Pathogenic         | 10 | Pathogenic
            LP(i) PVS + PM                 | PVS1,PM2            | Likely pathogenic      | 10 | Pathogenic
            LP(ii) PS + PM                 | PS3,PM2             | Likely pathogenic      | 6  | Likely pathogenic
            LP(ii) PS + 2 PM               | PS3,PM1,PM2         | Likely pathogenic      | 8  | Likely pathogenic
            LP(iii) PS + 2 PP              | PS3,PP1,PP3         | Likely pathogenic      | 6  | Likely pathogenic
            LP(iv) 3 PM                    | PM1,PM2,PM5         | Likely pathogenic      | 6  | Likely pathogenic
            LP(v) 2 PM + 2 PP              | PM1,PM2,PP1,PP3     | Likely pathogenic      | 6  | Likely pathogenic
            LP(vi) PM + 4 PP               | PM2,PP1,PP2,PP3,PP4 | Likely pathogenic      | 6  | Likely pathogenic
            B(i) BA1 alone                 | BA1                 | Benign                 | -8 | Benign
            B(ii) 2 BS                     | BS1,BS2             | Benign                 | -8 | Benign
            LB(i) BS + BP                  | BS1,BP4             | Likely benign          | -5 | Likely benign
            LB(ii) 2 BP                    | BP4,BP7             | Likely benign          | -2 | Likely benign
            VUS: not enough pathogenic     | PM2,PP3             | Uncertain significance | 3  | Uncertain significance
            VUS: one benign supporting     | BP4                 | Uncertain significance | -1 | Likely benign
            VUS: nothing                   | ''                  | Uncertain significance | 0  | Uncertain significance
            VUS: P and LB both met         | PVS1,PS1,BS1,BP4    | Uncertain significance | 7  | Likely pathogenic
            VUS: LP and B both met         | PS3,PM2,BS1,BS2     | Uncertain significance | -2 | Likely benign
            """)
    void table5(String rule, String criteria, String acmg2015, int points, String pointsClass) {
        AcmgResult result = AcmgClassifier.classify(criteria);
        assertThat(result.acmg2015().displayName()).as(rule).isEqualTo(acmg2015);
        assertThat(result.points().points()).as(rule).isEqualTo(points);
        assertThat(result.points().classification().displayName()).as(rule).isEqualTo(pointsClass);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            PM2_Supporting counts as supporting: PVS + 1 PP meets no 2015 rule           | PVS1,PM2_Supporting     | Uncertain significance | 9
            PVS1_Strong counts as strong                                              | PVS1_Strong,PS3        | Pathogenic             | 8
            PP3_Strong + PS3 = 2 strong                                               | PP3_Strong,PS3         | Pathogenic             | 8
            PS4_Moderate counts as moderate                                           | PS4_Moderate,PM1,PM2   | Likely pathogenic      | 6
            PS2_VeryStrong + PVS1: a second very strong counts as strong              | PVS1,PS2_VeryStrong    | Pathogenic             | 16
            BP4_Moderate counts as supporting in 2015, -2 in points                   | BP4_Moderate,BP7       | Likely benign          | -3
            a lone benign supporting does not undo Pathogenic                         | PVS1,PS1,BP2           | Pathogenic             | 11
            BA1 beside weak pathogenic evidence stays Benign                          | BA1,PP3                | Benign                 | -7
            """)
    void strengthModifiersAndTheReadingsDocumentedInAcmg2015Rules(String rule, String criteria, String acmg2015, int points) {
        AcmgResult result = AcmgClassifier.classify(criteria);
        assertThat(result.acmg2015().displayName()).as(rule).isEqualTo(acmg2015);
        assertThat(result.points().points()).as(rule).isEqualTo(points);
    }

    @ParameterizedTest(name = "{0} points -> {1}")
    @CsvSource({"10,Pathogenic", "20,Pathogenic", "9,Likely pathogenic", "6,Likely pathogenic", "5,Uncertain significance",
            "0,Uncertain significance", "-1,Likely benign", "-6,Likely benign", "-7,Benign", "-12,Benign"})
    void pointRanges(int points, String expected) {
        assertThat(PointsSystem.classOf(points).displayName()).isEqualTo(expected);
    }

    @Test
    void standAloneBa1IsBenignUnderPointsWhateverElseIsApplied() {
        assertThat(AcmgClassifier.classify("BA1,PS3,PM2").points())
                .isEqualTo(new PointsResult(-2, Classification.BENIGN));
    }

    @Test
    void parsesCaseInsensitivelyAndWritesClinGenForm() {
        assertThat(AppliedCriterion.parseList("pvs1, pm2_supporting;PS2_Very_Strong bp4_MODERATE PM3"))
                .extracting(AppliedCriterion::toString)
                .containsExactly("PVS1", "PM2_Supporting", "PS2_VeryStrong", "BP4_Moderate", "PM3");
        assertThat(AppliedCriterion.parse("PS4_Strong").isModified()).isFalse();
        assertThat(AppliedCriterion.parse("PS4_Strong")).hasToString("PS4");
    }

    @Test
    void badCodesAreNamedInTheError() {
        assertThatThrownBy(() -> AppliedCriterion.parseList("PVS1,PM7"))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("'PM7'")
                .satisfies(error -> assertThat(((PermedException) error).errorCode()).isEqualTo(InterpretationErrorCode.UNKNOWN_CRITERION));
        assertThatThrownBy(() -> AppliedCriterion.parse("PM3_S"))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("strength 'S'").hasMessageContaining("'PM3_S'");
        assertThatThrownBy(() -> AppliedCriterion.parse("BA1_Strong")).hasMessageContaining("BA1 takes no strength suffix");
        assertThatThrownBy(() -> AppliedCriterion.parseList("PM2,PM2_Supporting"))
                .isInstanceOf(PermedException.class).hasMessageContaining("PM2 is listed twice");
    }

    @Test
    void flagsAStatedClassThatNeitherSystemGives() {
        CriteriaCheck agreeing = AcmgClassifier.check(Classification.LIKELY_PATHOGENIC, AppliedCriterion.parseList("PVS1,PM2_Supporting"));
        assertThat(agreeing.agreesWithAcmg2015()).isFalse();
        assertThat(agreeing.agreesWithPoints()).isTrue();
        assertThat(agreeing.flagged()).isFalse();
        CriteriaCheck disagreeing = AcmgClassifier.check(Classification.PATHOGENIC, AppliedCriterion.parseList("PM2,PP3"));
        assertThat(disagreeing.flagged()).isTrue();
        assertThat(disagreeing.describe())
                .isEqualTo("stated Pathogenic; acmg2015: Uncertain significance; points: 3 Uncertain significance");
    }

    @Test
    void parsesClassNames() {
        assertThat(Classification.parse("likely pathogenic")).isEqualTo(Classification.LIKELY_PATHOGENIC);
        assertThat(Classification.parse("VUS")).isEqualTo(Classification.UNCERTAIN_SIGNIFICANCE);
        assertThatThrownBy(() -> Classification.parse("risk factor")).hasMessageContaining("'risk factor'");
    }
}
