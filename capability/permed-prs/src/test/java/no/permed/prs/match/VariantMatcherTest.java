package no.permed.prs.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import no.permed.kernel.PermedException;
import no.permed.prs.PrsErrorCode;
import no.permed.prs.TestData;
import no.permed.prs.calc.ScoreOptions;
import no.permed.prs.calc.VcfScorer;
import no.permed.prs.score.EffectType;
import no.permed.prs.score.ScoreHeader;
import no.permed.prs.score.ScoreVariant;
import no.permed.prs.score.ScoringFile;
import no.permed.prs.score.ScoringFileReader;
import org.junit.jupiter.api.Test;

/** pgsc_calc's matching rules: its own test run's counts, and one case per rule. */
class VariantMatcherTest {
    private static final VariantMatcher DEFAULTS = new VariantMatcher(MatchOptions.defaults());

    @Test
    void matchesPgs001229OnTheCinecaCohortAsPgscCalcReports() {
        // pgsc_calc's test report (docs/_static/test_report.html): matched 782, excluded 47, unmatched 6
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_22.txt"));
        MatchResult result = new VcfScorer(ScoreOptions.defaults()).match(score, TestData.resource("cineca_synthetic_subset.vcf.gz"));

        MatchReport report = result.report();
        assertThat(report.total()).isEqualTo(835);
        assertThat(report.matched()).isEqualTo(782);
        assertThat(report.count(MatchOutcome.EXCLUDED_AMBIGUOUS)).isEqualTo(47);
        assertThat(report.excluded()).isEqualTo(47);
        assertThat(report.unmatched()).isEqualTo(6);
        assertThat(report.passed()).isTrue();
        assertThat(report.summary()).startsWith("PGS001229: 782 of 835 matched (93.65 %), 47 excluded (47 ambiguous");
        // the matched rows are the variants plink2 scored from make-expected.sh's independent matching
        List<String> plink2Variants = TestData.lines("cineca_PGS001229_22.sscore.vars.gz");
        assertThat(result.matched()).extracting(VariantMatcherTest::variantId).containsExactlyInAnyOrderElementsOf(plink2Variants);
    }

    @Test
    void keepsAmbiguousVariantsWhenAsked() {
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_22.txt"));
        ScoreOptions options = ScoreOptions.defaults().withMatch(MatchOptions.defaults().withKeepAmbiguous(true));
        MatchReport report = new VcfScorer(options).match(score, TestData.resource("cineca_synthetic_subset.vcf.gz")).report();

        assertThat(report.matched()).isEqualTo(829);
        assertThat(report.unmatched()).isEqualTo(6);
    }

    @Test
    void failsBelowTheMinimumOverlap() {
        // a GRCh37 score against GRCh38 genotypes: almost nothing matches
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_22.txt"));
        VcfScorer scorer = new VcfScorer(ScoreOptions.defaults());

        assertThatThrownBy(() -> scorer.score(score, TestData.resource("tiny1000G_500.vcf.gz")))
                .isInstanceOfSatisfying(PermedException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(PrsErrorCode.MATCH_RATE_TOO_LOW);
                    assertThat(error.details()).containsEntry("file", "PGS001229_22.txt").containsEntry("total", 835);
                })
                .hasMessageContaining("PGS001229_22.txt: only ")
                .hasMessageContaining("at least 75 % must")
                .hasMessageContaining("same genome build");
    }

    @Test
    void theMinimumOverlapIsConfigurable() {
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_22.txt"));
        ScoreOptions strict = ScoreOptions.defaults().withMatch(MatchOptions.defaults().withMinimumOverlap(0.95));

        assertThatThrownBy(() -> new VcfScorer(strict).score(score, TestData.resource("cineca_synthetic_subset.vcf.gz")))
                .isInstanceOfSatisfying(PermedException.class,
                        error -> assertThat(error.errorCode()).isEqualTo(PrsErrorCode.MATCH_RATE_TOO_LOW))
                .hasMessageContaining("only 782 of the 835 variants");
        assertThatThrownBy(() -> MatchOptions.defaults().withMinimumOverlap(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefersRefaltOverAltrefOverFlips() {
        ScoreVariant row = row(0, "G", "A");
        TargetSite altref = site(1, "A", "G");
        TargetSite refalt = site(2, "G", "A");
        TargetSite flipped = site(3, "C", "T");

        assertThat(only(DEFAULTS.matchPosition(List.of(row), List.of(altref, flipped, refalt))))
                .satisfies(match -> {
                    assertThat(match.type()).contains(MatchType.REFALT);
                    assertThat(match.site()).contains(refalt);
                    assertThat(match.effectAlleleIndex()).isZero();
                });
        assertThat(only(DEFAULTS.matchPosition(List.of(row), List.of(flipped, altref))).type()).contains(MatchType.ALTREF);
        VariantMatch flip = only(DEFAULTS.matchPosition(List.of(row), List.of(flipped)));
        assertThat(flip.type()).contains(MatchType.REFALT_FLIP);
        assertThat(flip.isMatched()).isTrue();
        assertThat(only(new VariantMatcher(MatchOptions.defaults().withAllowStrandFlips(false)).matchPosition(List.of(row), List.of(flipped)))
                .outcome()).isEqualTo(MatchOutcome.EXCLUDED_FLIP);
        assertThat(only(DEFAULTS.matchPosition(List.of(row), List.of(site(4, "T", "C")))).type()).contains(MatchType.ALTREF_FLIP);
        assertThat(only(DEFAULTS.matchPosition(List.of(row), List.of(site(5, "G", "T")))).outcome()).isEqualTo(MatchOutcome.UNMATCHED);
    }

    @Test
    void matchesRowsWithoutOtherAlleleOnTheEffectAlleleOnly() {
        ScoreVariant row = new ScoreVariant(0, 1, Optional.empty(), "22", 100, "G", Optional.empty(), EffectType.ADDITIVE, 1, Optional.empty(),
                false);

        VariantMatch alt = only(DEFAULTS.matchPosition(List.of(row), List.of(site(1, "T", "G"))));
        assertThat(alt.type()).contains(MatchType.NO_OA_ALT);
        assertThat(alt.effectAlleleIndex()).isEqualTo(1);
        assertThat(only(DEFAULTS.matchPosition(List.of(row), List.of(site(1, "G", "T")))).type()).contains(MatchType.NO_OA_REF);
        assertThat(only(DEFAULTS.matchPosition(List.of(row), List.of(site(1, "A", "C")))).type()).contains(MatchType.NO_OA_ALT_FLIP);
    }

    @Test
    void dropsAmbiguousAndMultiallelicSites() {
        VariantMatch ambiguous = only(DEFAULTS.matchPosition(List.of(row(0, "A", "T")), List.of(site(1, "A", "T"))));
        assertThat(ambiguous.outcome()).isEqualTo(MatchOutcome.EXCLUDED_AMBIGUOUS);
        assertThat(only(DEFAULTS.matchPosition(List.of(row(0, "C", "G")), List.of(site(1, "G", "C")))).outcome())
                .isEqualTo(MatchOutcome.EXCLUDED_AMBIGUOUS);

        TargetSite multiallelic = new TargetSite(1, "22", 100, "G", List.of("C", "A"));
        VariantMatch multi = only(DEFAULTS.matchPosition(List.of(row(0, "A", "G")), List.of(multiallelic)));
        assertThat(multi.outcome()).isEqualTo(MatchOutcome.EXCLUDED_MULTIALLELIC);
        assertThat(multi.effectAlleleIndex()).isEqualTo(2);
        assertThat(only(new VariantMatcher(MatchOptions.defaults().withKeepMultiallelic(true))
                .matchPosition(List.of(row(0, "A", "G")), List.of(multiallelic))).isMatched()).isTrue();
    }

    @Test
    void excludesRowsThatShareTheirBestSite() {
        // the same variant written twice (swapped alleles), as in pgsc_calc's PGS001229_22_duplicate.txt
        List<ScoreVariant> rows = List.of(row(0, "G", "A"), row(1, "A", "G"));
        TargetSite site = site(1, "G", "A");

        assertThat(DEFAULTS.matchPosition(rows, List.of(site))).extracting(VariantMatch::outcome)
                .containsExactly(MatchOutcome.EXCLUDED_DUPLICATE, MatchOutcome.EXCLUDED_DUPLICATE);
        assertThat(new VariantMatcher(MatchOptions.defaults().withKeepFirstDuplicate(true)).matchPosition(rows, List.of(site)))
                .extracting(VariantMatch::outcome).containsExactly(MatchOutcome.MATCHED, MatchOutcome.EXCLUDED_DUPLICATE);
    }

    @Test
    void flagsARowWithTwoEquallyGoodSitesAndKeepsTheFirst() {
        ScoreVariant row = new ScoreVariant(0, 1, Optional.empty(), "22", 100, "G", Optional.empty(), EffectType.ADDITIVE, 1, Optional.empty(),
                false);
        TargetSite first = site(1, "G", "A");
        TargetSite second = site(2, "G", "T");

        VariantMatch match = only(DEFAULTS.matchPosition(List.of(row), List.of(first, second)));
        assertThat(match.site()).contains(first);
        assertThat(match.duplicateBestMatch()).isTrue();
        assertThat(match.isMatched()).isTrue();
    }

    @Test
    void wholeScoreMatchingCountsRowsWithoutPosition() {
        ScoreVariant placed = row(0, "G", "A");
        ScoreVariant unplaced = new ScoreVariant(1, 2, Optional.of("rs1"), "", 0, "G", Optional.of("A"), EffectType.ADDITIVE, 1,
                Optional.empty(), false);
        ScoringFile score = new ScoringFile("x.txt", new ScoreHeader(java.util.Map.of()), false, List.of(placed, unplaced));

        MatchResult result = DEFAULTS.match(score, List.of(site(1, "G", "A")));
        assertThat(result.report().matched()).isEqualTo(1);
        assertThat(result.report().unmatched()).isEqualTo(1);
        assertThat(result.report().passed()).isFalse();
        assertThatThrownBy(result::requirePassed).isInstanceOf(PermedException.class);
    }

    private static ScoreVariant row(int row, String effect, String other) {
        return new ScoreVariant(row, row + 1, Optional.empty(), "22", 100, effect, Optional.of(other), EffectType.ADDITIVE, 1, Optional.empty(),
                false);
    }

    private static TargetSite site(long ordinal, String reference, String alternate) {
        return new TargetSite(ordinal, "22", 100, reference, List.of(alternate));
    }

    private static VariantMatch only(List<VariantMatch> matches) {
        assertThat(matches).hasSize(1);
        return matches.get(0);
    }

    static String variantId(VariantMatch match) {
        TargetSite site = match.site().orElseThrow();
        return site.chromosome() + ":" + site.position() + ":" + site.reference() + ":" + String.join(",", site.alternates());
    }
}
