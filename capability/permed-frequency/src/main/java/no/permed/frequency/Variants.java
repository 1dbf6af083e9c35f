package no.permed.frequency;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.genome.Contigs;
import no.permed.vcf.normalise.VariantKey;

/** How users write a variant to the register: {@code 1-55051215-G-GA}, {@code chr1-55051215-G-GA} or {@code GRCh38-1-55051215-G-GA}. */
public final class Variants {
    private Variants() {
    }

    /**
     * Parses a variant; without an assembly in the text, {@code assembly} is used.
     *
     * @param field the name of the request field or argument, for the error
     * @throws PermedException {@link FrequencyErrorCode#INVALID_VARIANT} naming the field and what is wrong
     */
    public static VariantKey parse(String text, Assembly assembly, String field) {
        String[] parts = text.strip().split("-", -1);
        Assembly chosen = assembly;
        int first = 0;
        if (parts.length == 5) {
            try {
                chosen = Assembly.parse(parts[0]);
            } catch (RuntimeException failure) {
                throw invalid(field, "'" + parts[0] + "' is not an assembly (GRCh37 or GRCh38)");
            }
            first = 1;
        } else if (parts.length != 4) {
            throw invalid(field, "write a variant as CHROM-POS-REF-ALT (e.g. 1-55051215-G-GA), optionally after the assembly"
                    + " (GRCh38-1-55051215-G-GA)");
        }
        int position;
        try {
            position = Integer.parseInt(parts[first + 1]);
        } catch (NumberFormatException failure) {
            throw invalid(field, "the position '" + parts[first + 1] + "' is not a whole number");
        }
        try {
            return new VariantKey(chosen, Contigs.canonical(parts[first]), position, parts[first + 2].toUpperCase(Locale.ROOT),
                    parts[first + 3].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException failure) {
            throw invalid(field, failure.getMessage());
        }
    }

    /** The form users write, without the assembly: {@code 1-55051215-G-GA}. */
    public static String shortForm(VariantKey variant) {
        return variant.contig() + "-" + variant.position() + "-" + variant.reference() + "-" + variant.alternate();
    }

    /** An assembly named by a user, or {@code fallback} when none is named. */
    public static Assembly assembly(Optional<String> name, Assembly fallback, String field) {
        if (name.isEmpty()) {
            return fallback;
        }
        try {
            return Assembly.parse(name.get());
        } catch (RuntimeException failure) {
            throw new PermedException(FrequencyErrorCode.UNKNOWN_ASSEMBLY, "'" + name.get() + "' is not an assembly: use GRCh37"
                    + " or GRCh38", Map.of("field", field));
        }
    }

    private static PermedException invalid(String field, String message) {
        return new PermedException(FrequencyErrorCode.INVALID_VARIANT, field + ": " + message, Map.of("field", field));
    }
}
