package no.permed.pgx.interpret;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One haplotype (named allele) of a called or reported diplotype, with what the phenotype tables say of it.
 *
 * @param name the allele name as PharmCAT writes it ({@code *2}, {@code Reference}, {@code rs9923231 variant (T)})
 * @param function the allele's function ({@code No function}); empty when the tables do not know the allele
 * @param activityValue the activity value for activity-score genes ({@code 0.5}); empty otherwise
 */
public record Haplotype(String name, Optional<String> function, Optional<String> activityValue) {
    public Haplotype {
        requireNonNull(name, "name is null");
        requireNonNull(function, "function is null");
        requireNonNull(activityValue, "activityValue is null");
    }
}
