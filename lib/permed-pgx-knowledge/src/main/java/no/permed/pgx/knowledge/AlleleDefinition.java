package no.permed.pgx.knowledge;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The GRCh38 allele definition table of one gene: its defining positions and named alleles, with the
 * data source and version stated in the source file. Exactly one named allele is the reference.
 */
public record AlleleDefinition(
        String gene,
        String chromosome,
        String genomeBuild,
        String refSeqChromosomeId,
        String source,
        String version,
        String modificationDate,
        List<DefiningPosition> positions,
        List<NamedAllele> namedAlleles,
        GeneExemptions exemptions) {
    public AlleleDefinition {
        requireNonNull(gene, "gene is null");
        requireNonNull(chromosome, "chromosome is null");
        requireNonNull(genomeBuild, "genomeBuild is null");
        requireNonNull(refSeqChromosomeId, "refSeqChromosomeId is null");
        requireNonNull(source, "source is null");
        requireNonNull(version, "version is null");
        requireNonNull(modificationDate, "modificationDate is null");
        requireNonNull(exemptions, "exemptions is null");
        positions = List.copyOf(positions);
        namedAlleles = List.copyOf(namedAlleles);
        long references = namedAlleles.stream().filter(NamedAllele::reference).count();
        if (references != 1) {
            throw new IllegalArgumentException(gene + " has " + references + " reference alleles; expected exactly 1");
        }
        for (NamedAllele a : namedAlleles) {
            if (!a.alleles().isEmpty() && a.alleles().lastKey() >= positions.size()) {
                throw new IllegalArgumentException(gene + " " + a.name() + " refers to position index " + a.alleles().lastKey()
                        + " but the gene has " + positions.size() + " positions");
            }
        }
    }

    /** The reference named allele (for example CYP2C19 {@code *38}, DPYD {@code Reference}). */
    public NamedAllele referenceAllele() {
        return namedAlleles.stream().filter(NamedAllele::reference).findFirst().orElseThrow();
    }

    public Optional<NamedAllele> namedAllele(String name) {
        return namedAlleles.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The defining position at {@code position} (VCF-style GRCh38 coordinate), if any. */
    public Optional<DefiningPosition> position(int position) {
        return positions.stream().filter(p -> p.position() == position).findFirst();
    }
}
