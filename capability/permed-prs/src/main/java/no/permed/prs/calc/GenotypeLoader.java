package no.permed.prs.calc;

import java.util.Set;

/**
 * Loads the genotypes of a fixed set of samples at the positions asked for, as a {@link GenotypeSource}. A genome store
 * implements it (the app wires it); {@link VcfGenotypes} reads a VCF. Loading per request keeps memory to the positions
 * of one score or one ancestry model.
 */
@FunctionalInterface
public interface GenotypeLoader {
    /** The samples' calls at (at least) these positions; sites elsewhere may be absent. */
    GenotypeSource load(Set<Locus> loci);
}
