package no.permed.prs.normalise;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link ReferenceNormaliser} normalises against: a VCF of reference samples, who belongs to which population, and
 * how error messages name it. The command line names the files the user gave ({@link #ofFiles}); the REST patient
 * route names the configured panel ({@link #named}), because a clinician knows the panel, not the server's files.
 *
 * @param vcf the reference samples' genotypes
 * @param populations reference sample → population
 * @param name the panel's display name ("1000 Genomes phase 3"), or empty to name the files
 */
public record Reference(Path vcf, Populations populations, Optional<String> name) {
    public Reference {
        requireNonNull(vcf, "vcf is null");
        requireNonNull(populations, "populations is null");
        requireNonNull(name, "name is null");
    }

    /** A reference named by its files in messages (the command line). */
    public static Reference ofFiles(Path vcf, Populations populations) {
        return new Reference(vcf, populations, Optional.empty());
    }

    /** A reference named by a display name in messages (a configured panel). */
    public static Reference named(String name, Path vcf, Populations populations) {
        return new Reference(vcf, populations, Optional.of(requireNonNull(name, "name is null")));
    }

    /** "the reference" or "the reference NAME", as messages say it. */
    String phrase() {
        return name.map(value -> "the reference " + value).orElse("the reference");
    }

    /** What owns the population codes in messages: the named panel, else the population file. */
    String populationsOwner() {
        return name.map(value -> "the reference " + value).orElse(populations.fileName());
    }
}
