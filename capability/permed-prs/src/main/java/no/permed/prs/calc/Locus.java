package no.permed.prs.calc;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import no.permed.prs.score.ScoreVariant;
import no.permed.prs.score.ScoringFile;

/**
 * A position on a canonical chromosome ({@code 1}…{@code 22}, {@code X}, {@code Y}, {@code MT}): what a
 * {@link GenotypeLoader} is asked to load, so that a store reads only the positions a score (or an ancestry model)
 * needs.
 */
public record Locus(String chromosome, int position) implements Comparable<Locus> {
    private static final Comparator<Locus> ORDER = Comparator.comparing(Locus::chromosome).thenComparingInt(Locus::position);

    public Locus {
        requireNonNull(chromosome, "chromosome is null");
        if (position < 1) {
            throw new IllegalArgumentException("position must be positive: " + position);
        }
    }

    /** Every position of the score's rows that has one (sorted). */
    public static Set<Locus> of(ScoringFile score) {
        requireNonNull(score, "score is null");
        Set<Locus> loci = new TreeSet<>();
        for (ScoreVariant variant : score.variants()) {
            if (variant.hasLocus()) {
                loci.add(new Locus(variant.chromosome(), variant.position()));
            }
        }
        return loci;
    }

    @Override
    public int compareTo(Locus other) {
        return ORDER.compare(this, other);
    }
}
