package no.permed.pgx.report;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import no.permed.pgx.interpret.DrugRecommendation;

/**
 * What a recommendation means for prescribing, as the report's summary ("Actionable findings") uses it.
 *
 * <p>The guideline texts are free text; CPIC and DPWG do not publish a machine-readable "no change" flag. The rule is
 * therefore deliberately <b>conservative: a recommendation counts as changing prescribing unless its text is recognised
 * as saying "use as normal" or "no recommendation"</b>. A missed actionable finding is worse than one finding too many.
 * In order:
 * <ol>
 *   <li>If the source flags that an alternative drug is advised ({@link DrugRecommendation#alternateDrugAdvised()}):
 *       {@link #CHANGES_PRESCRIBING}.</li>
 *   <li>The main text is taken: the recommendation text up to the line {@code Other Considerations} (that part describes
 *       the population and context and is shown in full in the report, but not examined). Spaces are collapsed, case
 *       is ignored and one final full stop is dropped.</li>
 *   <li>If the <em>whole</em> main text matches one of the known "standard use" statements
 *       ({@code Initiate therapy with recommended starting dose}, {@code NO action is needed for this gene-drug
 *       interaction}, {@code If considering clopidogrel, use at standard dose (75 mg/day)}, {@code Use carbamazepine per
 *       standard dosing guidelines}, {@code No reason to avoid based on G6PD status}, the thiopurines' {@code Start with
 *       normal starting dose (e.g., ...) and adjust doses ...}; see {@code STANDARD}):
 *       {@link #STANDARD_USE}. A standard statement followed by anything else (a titration advice, monitoring, a
 *       caution) does not match.</li>
 *   <li>If the whole main text is one of the "no recommendation" statements ({@code No recommendation ...},
 *       {@code The guideline does not provide a recommendation for ...}, {@code n/a}; one sentence only, where a
 *       full stop followed by a space ends a sentence):
 *       {@link #NO_RECOMMENDATION}.</li>
 *   <li>Anything else: {@link #CHANGES_PRESCRIBING}.</li>
 * </ol>
 * The strength ({@code Strong}, {@code Optional}, ...) is not used: it grades the evidence, not the action. Checked
 * against all 2,586 CPIC/DPWG recommendations of the knowledge: every one that the source flags as giving dosing
 * information or advising an alternative drug is classified {@link #CHANGES_PRESCRIBING}.
 */
public enum PrescribingImpact {
    /** The recommendation changes or adds to prescribing: another drug, another dose, monitoring, caution or a test. */
    CHANGES_PRESCRIBING,
    /** The recommendation says to prescribe as usual for this genotype. */
    STANDARD_USE,
    /** The guideline gives no recommendation for this genotype. */
    NO_RECOMMENDATION;

    private static final Pattern OTHER_CONSIDERATIONS = Pattern.compile("(?m)^[ \\t]*Other Considerations:?[ \\t]*$");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** The rest of one sentence: anything without a full stop followed by a space ({@code c.421CC} is fine). */
    private static final String ONE_SENTENCE = "(?:[^.]|\\.(?! ))*";

    private static final List<Pattern> STANDARD = patterns(
            "initiate therapy with (the )?(recommended starting dose|recommended standard of care dosing|standard recommended dose)"
                    + "( \\([^()]*\\))?",
            "initiate therapy with recommended starting dose\\. in accordance with the( [a-z]+)? prescribing information, use the lowest"
                    + " effective dosage for shortest duration consistent with individual patient treatment goals",
            "insufficient evidence demonstrating clinical impact based on [a-z0-9]+ genotype\\. initiate therapy with recommended starting dose",
            "if considering [a-z]+, use at standard dose( \\([^()]*\\))?",
            "initiate [a-z]+ with standard dosing( \\([^()]*\\))?",
            "use [a-z]+ (per standard dosing guidelines|according to the product label|label recommended age- or weight-specific dosing)",
            "no action is (needed|required) for (this|the) gene-drug interaction",
            "no reason to avoid based on [a-z0-9]+ status",
            "(based on [a-z0-9]+ status, )?prescribe desired starting dose and adjust doses( of [a-z]+)? based on disease-specific"
                    + " (guidelines|and specific population guidelines|guidelines and specific population guidelines)"
                    + "(\\. [a-z0-9]+ (genotype result is not available|phenotype could not be assigned based on genotyping))?",
            "based on genotype, there is no indication to change dose or therapy\\. use label-recommended dosage and administration",
            "start with normal starting dose \\(e\\.g\\., [^()]*\\) and adjust doses of [a-z]+ (based on disease-specific guidelines"
                    + "|\\(and of any other myelosuppressive therapy\\) without any special emphasis on [a-z]+ compared to other agents"
                    + "|and of other myelosuppressive therapy without any special emphasis on [a-z]+)"
                    + "\\. allow (at least )?2 weeks to reach steady-state after each dose adjustment \\(pmid [0-9, ]+\\)",
            "no adjustments needed from typical dosing strategies\\. subsequent doses should be adjusted according to therapeutic drug"
                    + " monitoring, response,? and side effects\\. an hla-b\\*15:02 negative test does not eliminate the risk of"
                    + " phenytoin-induced sjs/ten and patients should be carefully monitored according to a usual standard");

    private static final List<Pattern> NONE = patterns(
            "no recommendation" + ONE_SENTENCE,
            "the guideline does not provide a recommendation for" + ONE_SENTENCE,
            "no action recommended based on genotype for [a-z]+ because of minimal evidence regarding the impact on efficacy or side effects",
            "n/a");

    /** Classifies one recommendation by the rule above. */
    private static final int MAX_CACHED = 20_000;
    private static final java.util.Map<String, PrescribingImpact> BY_TEXT = new java.util.concurrent.ConcurrentHashMap<>();

    public static PrescribingImpact of(DrugRecommendation recommendation) {
        requireNonNull(recommendation, "recommendation is null");
        if (recommendation.alternateDrugAdvised()) {
            return CHANGES_PRESCRIBING;
        }
        String text = recommendation.text();
        PrescribingImpact known = BY_TEXT.get(text);
        if (known != null) {
            return known;
        }
        PrescribingImpact impact = ofText(text);
        if (BY_TEXT.size() < MAX_CACHED) {   // the knowledge has a few thousand texts; anything beyond is not cached
            BY_TEXT.put(text, impact);
        }
        return impact;
    }

    /** The impact of a text, by the rule above (alternative-drug flag aside); memoised per text in {@link #of}. */
    private static PrescribingImpact ofText(String text) {
        String main = normalise(mainText(text));
        if (matchesAny(STANDARD, main)) {
            return STANDARD_USE;
        }
        if (matchesAny(NONE, main)) {
            return NO_RECOMMENDATION;
        }
        return CHANGES_PRESCRIBING;
    }

    /** The text before the {@code Other Considerations} line (the whole text when there is none), stripped. */
    static String mainText(String text) {
        var matcher = OTHER_CONSIDERATIONS.matcher(text);
        return (matcher.find() ? text.substring(0, matcher.start()) : text).strip();
    }

    private static String normalise(String text) {
        String s = SPACES.matcher(text).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1).stripTrailing() : s;
    }

    private static boolean matchesAny(List<Pattern> patterns, String text) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(text).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<Pattern> patterns(String... regexes) {
        return Arrays.stream(regexes).map(Pattern::compile).toList();
    }
}
