package no.permed.pgx.knowledge;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * PharmCAT's per-gene matcher exceptions ({@code exemptions.json}): alleles and positions to ignore,
 * positions that must be present, extra positions to read (for example CYP2C9 rs12777823, used by the
 * warfarin guideline), the AMP tier-1 alleles, and the pick among unphased diplotypes that cannot be told
 * apart (NAT2).
 */
public record GeneExemptions(
        Set<String> ignoredAlleles,
        Set<Integer> ignoredPositions,
        Set<Integer> requiredPositions,
        List<DefiningPosition> extraPositions,
        List<String> amp1Alleles,
        List<UnphasedDiplotypePriority> unphasedDiplotypePriorities) {
    public static final GeneExemptions NONE = new GeneExemptions(Set.of(), Set.of(), Set.of(), List.of(), List.of(), List.of());

    public GeneExemptions {
        ignoredAlleles = Set.copyOf(ignoredAlleles);
        ignoredPositions = Set.copyOf(ignoredPositions);
        requiredPositions = Set.copyOf(requiredPositions);
        extraPositions = List.copyOf(extraPositions);
        amp1Alleles = List.copyOf(amp1Alleles);
        unphasedDiplotypePriorities = List.copyOf(unphasedDiplotypePriorities);
    }

    /** When unphased data fit each of {@code diplotypes} equally, report {@code pick}. */
    public record UnphasedDiplotypePriority(List<String> diplotypes, String pick) {
        public UnphasedDiplotypePriority {
            diplotypes = List.copyOf(diplotypes);
            requireNonNull(pick, "pick is null");
            if (!diplotypes.contains(pick)) {
                throw new IllegalArgumentException("pick " + pick + " is not among " + diplotypes);
            }
        }
    }
}
