package no.permed.prs.person;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import no.permed.prs.ancestry.AncestryModel;
import no.permed.prs.normalise.Populations;
import no.permed.prs.normalise.Reference;

/**
 * A reference population for normalising one person's score: a VCF of reference samples (e.g. 1000 Genomes on the
 * score's build), who belongs to which population, and optionally the ancestry model fitted on it, which chooses the
 * population when none is named.
 *
 * @param name a label for reports ("1000 Genomes phase 3, 500 samples")
 * @param assembly the genome build of the VCF ({@code GRCh37}, {@code GRCh38}); scores are normalised only against a
 *     panel on their build
 */
public record ReferencePanel(String name, String assembly, Path vcf, Populations populations, Optional<AncestryModel> ancestry) {
    public ReferencePanel {
        requireNonNull(name, "name is null");
        requireNonNull(assembly, "assembly is null");
        requireNonNull(vcf, "vcf is null");
        requireNonNull(populations, "populations is null");
        requireNonNull(ancestry, "ancestry is null");
    }

    /** The panel as {@link no.permed.prs.normalise.ReferenceNormaliser} takes it: messages name the panel, not its files. */
    public Reference reference() {
        return Reference.named(name, vcf, populations);
    }
}
