package no.permed.columnar;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import no.permed.kernel.PermedException;

/**
 * One biallelic variant site: where it is and which two alleles it has. The caller has already
 * normalised the variant (split multi-allelic records, trimmed and left-aligned alleles).
 *
 * @param contig the canonical contig name, for example {@code 1}, {@code X} or {@code MT}: 1 to 255
 *     printable ASCII characters without spaces
 * @param position the 1-based position of the first base of {@code reference}, at least 1
 * @param reference the reference allele: one or more of {@code A C G T N} (upper case)
 * @param alternate the alternate allele: printable ASCII without spaces or commas (bases, a
 *     symbolic allele such as {@code <DEL>}, {@code *} or a breakend), different from the reference
 */
public record Site(String contig, int position, String reference, String alternate) {
    /** The longest allowed contig name, in characters. */
    public static final int MAX_CONTIG_LENGTH = 255;
    /** The longest allowed allele, in characters. */
    public static final int MAX_ALLELE_LENGTH = 1 << 20;

    public Site {
        requireNonNull(contig, "contig is null");
        requireNonNull(reference, "reference is null");
        requireNonNull(alternate, "alternate is null");
        checkContig(contig);
        if (position < 1) {
            throw invalid("position " + position + " of " + contig + " is below 1; positions are 1-based", contig, position);
        }
        if (reference.isEmpty() || reference.length() > MAX_ALLELE_LENGTH) {
            throw invalid("reference allele at " + contig + ":" + position + " must have 1 to " + MAX_ALLELE_LENGTH
                    + " characters, it has " + reference.length(), contig, position);
        }
        for (int index = 0; index < reference.length(); index++) {
            char base = reference.charAt(index);
            if (base != 'A' && base != 'C' && base != 'G' && base != 'T' && base != 'N') {
                throw invalid("reference allele '" + abbreviate(reference) + "' at " + contig + ":" + position
                        + " has the character '" + base + "'; allowed are upper-case A, C, G, T and N"
                        + " (normalise the variant first)", contig, position);
            }
        }
        if (alternate.isEmpty() || alternate.length() > MAX_ALLELE_LENGTH) {
            throw invalid("alternate allele at " + contig + ":" + position + " must have 1 to " + MAX_ALLELE_LENGTH
                    + " characters, it has " + alternate.length(), contig, position);
        }
        for (int index = 0; index < alternate.length(); index++) {
            char character = alternate.charAt(index);
            if (character <= ' ' || character > '~' || character == ',') {
                throw invalid("alternate allele '" + abbreviate(alternate) + "' at " + contig + ":" + position
                        + " has the character " + describe(character) + "; one biallelic site takes one alternate"
                        + " allele of printable ASCII without spaces or commas (split multi-allelic records first)",
                        contig, position);
            }
        }
        if (reference.equals(alternate)) {
            throw invalid("alternate allele equals the reference allele '" + abbreviate(reference) + "' at " + contig
                    + ":" + position, contig, position);
        }
    }

    /** Creates a site; the same as the canonical constructor, for symmetry with other value types. */
    public static Site of(String contig, int position, String reference, String alternate) {
        return new Site(contig, position, reference, alternate);
    }

    /**
     * Checks a contig name and throws {@link ColumnarErrorCode#INVALID_SITE} naming it when it is not
     * valid.
     */
    public static void checkContig(String contig) {
        requireNonNull(contig, "contig is null");
        if (contig.isEmpty() || contig.length() > MAX_CONTIG_LENGTH) {
            throw new PermedException(ColumnarErrorCode.INVALID_SITE, "contig name must have 1 to "
                    + MAX_CONTIG_LENGTH + " characters, it has " + contig.length(), Map.of("contig", abbreviate(contig)));
        }
        for (int index = 0; index < contig.length(); index++) {
            char character = contig.charAt(index);
            if (character <= ' ' || character > '~') {
                throw new PermedException(ColumnarErrorCode.INVALID_SITE, "contig name '" + abbreviate(contig)
                        + "' has the character " + describe(character) + "; allowed is printable ASCII without spaces",
                        Map.of("contig", abbreviate(contig)));
            }
        }
    }

    /** The site as {@code contig:position:reference:alternate}, for messages and logs. */
    @Override
    public String toString() {
        return contig + ":" + position + ":" + abbreviate(reference) + ":" + abbreviate(alternate);
    }

    private static PermedException invalid(String message, String contig, int position) {
        return new PermedException(ColumnarErrorCode.INVALID_SITE, message, Map.of("contig", contig, "position", position));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static String describe(char character) {
        return character > ' ' && character <= '~' ? "'" + character + "'" : String.format("U+%04X", (int) character);
    }
}
