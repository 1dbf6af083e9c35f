package no.permed.prs.match;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.prs.score.ScoreVariant;
import no.permed.prs.score.ScoringFile;

/**
 * Matches score rows to target sites the way pgsc_calc does (pgscatalog-match, {@code match_variants} with its
 * default settings):
 * <ol>
 *   <li>A row can only match sites with its chromosome and position. At each such site and each of its ALT alleles
 *       (multi-allelic sites are split), the candidate match types are tried: with an other allele {@code refalt},
 *       {@code altref}, {@code refalt_flip}, {@code altref_flip}; without one {@code no_oa_ref}, {@code no_oa_alt},
 *       {@code no_oa_ref_flip}, {@code no_oa_alt_flip}. Flipping complements each base (A↔T, C↔G) of alleles made of
 *       A, C, G, T only.</li>
 *   <li>The row's best match is its candidate with the best type in that order; when several candidates share it
 *       (e.g. two sites at one position), the first in target order is kept and the row is flagged.</li>
 *   <li>Then exclusions: several rows whose best match is the same site are all excluded (or only the later ones, with
 *       {@link MatchOptions#keepFirstDuplicate()}); a best match at a strand-ambiguous site (REF complemented = ALT) is
 *       excluded unless {@link MatchOptions#keepAmbiguous()}; at a multi-allelic site unless
 *       {@link MatchOptions#keepMultiallelic()}; a flipped match unless {@link MatchOptions#allowStrandFlips()}.</li>
 * </ol>
 * The match rate is matched rows ÷ all rows; excluded rows count as not matched.
 *
 * <p>{@link #matchPosition} works on the rows and sites of one position at a time, so a caller can stream a sorted
 * target and keep only one position in memory (as {@link no.permed.prs.calc.VcfScorer} does). Stateless and
 * thread-safe.
 */
public final class VariantMatcher {
    private final MatchOptions options;

    public VariantMatcher(MatchOptions options) {
        this.options = requireNonNull(options, "options is null");
    }

    public MatchOptions options() {
        return options;
    }

    /** Matches a whole score against a whole target held in memory; sites may come in any order. */
    public MatchResult match(ScoringFile score, Collection<TargetSite> sites) {
        requireNonNull(score, "score is null");
        requireNonNull(sites, "sites is null");
        Map<String, List<TargetSite>> byLocus = new HashMap<>();
        for (TargetSite site : sites) {
            byLocus.computeIfAbsent(site.chromosome() + ":" + site.position(), key -> new ArrayList<>()).add(site);
        }
        Map<String, List<ScoreVariant>> rowsByLocus = new LinkedHashMap<>();
        for (ScoreVariant variant : score.variants()) {
            if (variant.hasLocus()) {
                rowsByLocus.computeIfAbsent(variant.chromosome() + ":" + variant.position(), key -> new ArrayList<>()).add(variant);
            }
        }
        VariantMatch[] byRow = new VariantMatch[score.variants().size()];
        for (Map.Entry<String, List<ScoreVariant>> entry : rowsByLocus.entrySet()) {
            List<TargetSite> here = byLocus.getOrDefault(entry.getKey(), List.of());
            for (VariantMatch match : matchPosition(entry.getValue(), here)) {
                byRow[match.variant().row()] = match;
            }
        }
        return result(score, byRow);
    }

    /** Builds the result from one match per row (null entries are rows that matched nothing). */
    public MatchResult result(ScoringFile score, VariantMatch[] byRow) {
        List<VariantMatch> matches = new ArrayList<>(byRow.length);
        for (int row = 0; row < byRow.length; row++) {
            matches.add(byRow[row] == null ? VariantMatch.unmatched(score.variants().get(row)) : byRow[row]);
        }
        return new MatchResult(score.fileName(), matches, MatchReport.of(score.scoreId(), matches, options.minimumOverlap()));
    }

    /**
     * Matches the rows of one position against the target sites of that same position (in target order). Returns one
     * match per row, in the order of {@code rows}.
     */
    public List<VariantMatch> matchPosition(List<ScoreVariant> rows, List<TargetSite> sites) {
        requireNonNull(rows, "rows is null");
        requireNonNull(sites, "sites is null");
        List<Candidate> best = new ArrayList<>(rows.size());
        Map<Long, Integer> rowsPerSite = new HashMap<>();
        Map<Long, Integer> firstRowPerSite = new HashMap<>();
        for (ScoreVariant row : rows) {
            Candidate candidate = bestCandidate(row, sites);
            best.add(candidate);
            if (candidate != null) {
                rowsPerSite.merge(candidate.site.ordinal(), 1, Integer::sum);
                firstRowPerSite.merge(candidate.site.ordinal(), row.row(), Math::min);
            }
        }
        List<VariantMatch> matches = new ArrayList<>(rows.size());
        for (int index = 0; index < rows.size(); index++) {
            ScoreVariant row = rows.get(index);
            Candidate candidate = best.get(index);
            if (candidate == null) {
                matches.add(VariantMatch.unmatched(row));
                continue;
            }
            TargetSite site = candidate.site;
            MatchOutcome outcome = MatchOutcome.MATCHED;
            boolean sharedSite = rowsPerSite.get(site.ordinal()) > 1;
            if (sharedSite && !(options.keepFirstDuplicate() && firstRowPerSite.get(site.ordinal()) == row.row())) {
                outcome = MatchOutcome.EXCLUDED_DUPLICATE;
            } else if (!options.keepAmbiguous() && isAmbiguous(site.reference(), site.allele(candidate.alternate))) {
                outcome = MatchOutcome.EXCLUDED_AMBIGUOUS;
            } else if (!options.keepMultiallelic() && site.isMultiallelic()) {
                outcome = MatchOutcome.EXCLUDED_MULTIALLELIC;
            } else if (!options.allowStrandFlips() && candidate.type.flipped()) {
                outcome = MatchOutcome.EXCLUDED_FLIP;
            }
            int effectIndex = candidate.type.effectIsAlternate() ? candidate.alternate : 0;
            matches.add(new VariantMatch(row, outcome, Optional.of(candidate.type), Optional.of(site), effectIndex, candidate.duplicate));
        }
        return matches;
    }

    private static Candidate bestCandidate(ScoreVariant row, List<TargetSite> sites) {
        String effect = row.effectAllele();
        String effectFlip = complement(effect);
        Optional<String> other = row.otherAllele();
        String otherAllele = other.orElse(null);
        String otherFlip = other.map(VariantMatcher::complement).orElse(null);
        Candidate best = null;
        boolean duplicate = false;
        for (TargetSite site : sites) {
            if (!site.chromosome().equals(row.chromosome()) || site.position() != row.position()) {
                continue;
            }
            String reference = site.reference();
            for (int alternate = 1; alternate <= site.alternates().size(); alternate++) {
                String alt = site.allele(alternate);
                for (MatchType type : MatchType.values()) {
                    if (best != null && type.ordinal() > best.type.ordinal()) {
                        break;
                    }
                    if (matches(type, effect, effectFlip, otherAllele, otherFlip, reference, alt)) {
                        if (best == null || type.ordinal() < best.type.ordinal()) {
                            best = new Candidate(site, alternate, type, false);
                            duplicate = false;
                        } else {
                            duplicate = true; // same type as the kept one: pgsc_calc keeps the first
                        }
                        break;
                    }
                }
            }
        }
        return best == null ? null : new Candidate(best.site, best.alternate, best.type, duplicate);
    }

    private static boolean matches(MatchType type, String effect, String effectFlip, String other, String otherFlip, String reference,
            String alt) {
        boolean hasOther = other != null;
        return switch (type) {
            case REFALT -> hasOther && effect.equals(reference) && other.equals(alt);
            case ALTREF -> hasOther && effect.equals(alt) && other.equals(reference);
            case REFALT_FLIP -> hasOther && effectFlip.equals(reference) && otherFlip.equals(alt);
            case ALTREF_FLIP -> hasOther && effectFlip.equals(alt) && otherFlip.equals(reference);
            case NO_OA_REF -> !hasOther && effect.equals(reference);
            case NO_OA_ALT -> !hasOther && effect.equals(alt);
            case NO_OA_REF_FLIP -> !hasOther && effectFlip.equals(reference);
            case NO_OA_ALT_FLIP -> !hasOther && effectFlip.equals(alt);
        };
    }

    /** Whether REF complemented equals ALT (A/T, C/G, and longer palindromic pairs), pgsc_calc's definition. */
    public static boolean isAmbiguous(String reference, String alternate) {
        return complement(reference).equals(alternate) && isDna(reference);
    }

    /** Each base complemented (A↔T, C↔G), not reversed; alleles with other letters are returned unchanged. */
    public static String complement(String allele) {
        if (!isDna(allele)) {
            return allele;
        }
        char[] bases = allele.toCharArray();
        for (int index = 0; index < bases.length; index++) {
            bases[index] = switch (bases[index]) {
                case 'A' -> 'T';
                case 'T' -> 'A';
                case 'C' -> 'G';
                default -> 'C';
            };
        }
        return new String(bases);
    }

    private static boolean isDna(String allele) {
        if (allele.isEmpty()) {
            return false;
        }
        for (int index = 0; index < allele.length(); index++) {
            char base = allele.charAt(index);
            if (base != 'A' && base != 'C' && base != 'G' && base != 'T') {
                return false;
            }
        }
        return true;
    }

    private record Candidate(TargetSite site, int alternate, MatchType type, boolean duplicate) {
    }
}
