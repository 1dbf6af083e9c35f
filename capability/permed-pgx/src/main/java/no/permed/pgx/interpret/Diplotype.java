package no.permed.pgx.interpret;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A diplotype with its phenotype, as in one row of PharmCAT's calls-only TSV.
 *
 * @param label the diplotype as written ({@code *1/*2}); a single allele name for a hemizygous call; for an outside call
 *     given as phenotype or activity score only, that value ({@code *57:01 positive}, {@code 2.0})
 * @param first the first haplotype; empty only for an outside call given as phenotype or activity score only
 * @param second the second haplotype; empty for a hemizygous call (G6PD in males), a haploid gene (MT-RNR1) or an
 *     outside call given as phenotype only
 * @param phenotype the phenotype from the CPIC table (DPWG where CPIC has none); for HLA genes the allele statuses the
 *     guidelines ask for ({@code *15:02 positive, *57:01 positive, *58:01 negative}); empty when not determinable
 * @param activityScore the activity score for activity-score genes ({@code 1.5}); empty otherwise
 */
public record Diplotype(String label, Optional<Haplotype> first, Optional<Haplotype> second, Optional<String> phenotype, Optional<String> activityScore) {
    public Diplotype {
        requireNonNull(label, "label is null");
        requireNonNull(first, "first is null");
        requireNonNull(second, "second is null");
        requireNonNull(phenotype, "phenotype is null");
        requireNonNull(activityScore, "activityScore is null");
    }

    /** A diplotype with a first haplotype (every case but a phenotype-only outside call). */
    public Diplotype(String label, Haplotype first, Optional<Haplotype> second, Optional<String> phenotype, Optional<String> activityScore) {
        this(label, Optional.of(requireNonNull(first, "first is null")), second, phenotype, activityScore);
    }
}
