package no.permed.interpretation.variant;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.genome.Contigs;
import no.permed.vcf.normalise.ReferenceSequence;
import no.permed.vcf.normalise.VariantKey;
import no.permed.vcf.normalise.VariantNormaliser;

/**
 * The register's variant identity: permed-vcf's {@link VariantKey} (assembly, canonical chromosome, position, REF, ALT)
 * made by its {@link VariantNormaliser} (trimmed always; left-aligned when a reference sequence is given, as
 * {@code bcftools norm -f} does). Only primary chromosomes of GRCh37 and GRCh38 are accepted, and the two assemblies
 * are never mixed: the same variant on the other assembly has another key.
 */
public final class VariantKeys {
    private VariantKeys() {
    }

    /**
     * A trimmed key (not left-aligned).
     *
     * @throws PermedException with {@link InterpretationErrorCode#INVALID_VARIANT} naming the bad field
     */
    public static VariantKey of(Assembly assembly, String chromosome, int position, String reference, String alternate) {
        return of(assembly, chromosome, position, reference, alternate, Optional.empty());
    }

    /**
     * A trimmed key, left-aligned when a reference is given.
     *
     * @throws PermedException with {@link InterpretationErrorCode#INVALID_VARIANT} naming the bad field
     */
    public static VariantKey of(Assembly assembly, String chromosome, int position, String reference, String alternate,
            Optional<ReferenceSequence> referenceSequence) {
        requireNonNull(assembly, "assembly is null");
        requireNonNull(chromosome, "chromosome is null");
        requireNonNull(reference, "reference is null");
        requireNonNull(alternate, "alternate is null");
        requireNonNull(referenceSequence, "referenceSequence is null");
        String contig = Contigs.canonical(chromosome.trim());
        if (!Contigs.isPrimary(contig)) {
            throw invalid("chromosome", chromosome, "Chromosome '" + chromosome + "' is not a primary chromosome (1–22, X, Y, MT) of "
                    + assembly);
        }
        int length = assembly.primaryContigLength(contig).orElseThrow();
        if (position < 1 || position + reference.length() - 1 > length) {
            throw invalid("position", Integer.toString(position), "Position " + position + " is outside chromosome " + contig
                    + " of " + assembly + " (1–" + length + ")");
        }
        if (!reference.matches("[ACGTNacgtn]+")) {
            throw invalid("reference", reference, "REF must be bases A, C, G, T, N but is '" + reference + "'");
        }
        if (!alternate.matches("[ACGTNacgtn]+")) {
            throw invalid("alternate", alternate, "ALT must be bases A, C, G, T, N but is '" + alternate + "'");
        }
        if (reference.equalsIgnoreCase(alternate)) {
            throw invalid("alternate", alternate, "ALT equals REF ('" + reference + "'): that is not a variant");
        }
        VariantNormaliser normaliser = referenceSequence.map(sequence -> VariantNormaliser.withReference(assembly, sequence))
                .orElseGet(() -> VariantNormaliser.withoutReference(assembly));
        return normaliser.normalise(contig, position, reference, alternate);
    }

    /**
     * Parses {@code CHROM-POS-REF-ALT} (as in gnomAD and the ClinGen data, e.g. {@code 4-113568536-G-GA}) on the given
     * assembly, or the full key form {@code GRCh38-4-113568536-G-GA}.
     */
    public static VariantKey parse(String text, Assembly assembly) {
        requireNonNull(text, "text is null");
        String[] parts = text.trim().split("-", -1);
        if (parts.length == 5) {
            Assembly written = Assembly.parse(parts[0]);
            return of(written, parts[1], position(text, parts[2]), parts[3], parts[4]);
        }
        if (parts.length != 4) {
            throw invalid("variant", text, "A variant is written CHROM-POS-REF-ALT (e.g. 17-43045712-G-A) but is '" + text + "'");
        }
        return of(requireNonNull(assembly, "assembly is null"), parts[0], position(text, parts[1]), parts[2], parts[3]);
    }

    private static int position(String text, String position) {
        try {
            return Integer.parseInt(position);
        } catch (NumberFormatException exception) {
            throw invalid("position", position, "The position of variant '" + text + "' is not a whole number: '" + position + "'");
        }
    }

    static PermedException invalid(String field, String value, String message) {
        return new PermedException(InterpretationErrorCode.INVALID_VARIANT, message, Map.of("field", field, "value", value));
    }
}
