package no.permed.vcf.normalise;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.genome.Contigs;

/**
 * One biallelic variant, written one way only, so that the same variant submitted by two laboratories in
 * different spellings ({@code chr1} or {@code 1}, padded or trimmed alleles, lower case, inside a multi-allelic
 * record) gets the same key. Made by {@link VariantNormaliser}; the constructor checks the form:
 *
 * <ul>
 *   <li>the contig is canonical ({@code 1}…{@code 22}, {@code X}, {@code Y}, {@code MT} for the primary chromosomes);
 *   <li>REF is upper-case A/C/G/T/N; ALT is upper-case A/C/G/T/N, {@code *} or symbolic ({@code <DEL>});
 *   <li>for sequence alleles, REF and ALT differ and are trimmed: they do not share a last base, nor a first base,
 *       when both are longer than one base (so an indel keeps exactly one anchor base).
 * </ul>
 *
 * Left-alignment of indels in repeats needs the reference sequence; a key made without it is trimmed but may
 * sit further right than the left-aligned one.
 *
 * @param assembly the reference assembly
 * @param contig the canonical contig name
 * @param position the 1-based position of the first REF base
 * @param reference the REF allele
 * @param alternate the ALT allele
 */
public record VariantKey(Assembly assembly, String contig, int position, String reference, String alternate)
        implements Comparable<VariantKey> {
    private static final Comparator<VariantKey> ORDER = Comparator.comparing(VariantKey::assembly)
            .thenComparing(VariantKey::contig, VariantKey::compareContigs)
            .thenComparingInt(VariantKey::position)
            .thenComparing(VariantKey::reference)
            .thenComparing(VariantKey::alternate);

    /** Whether {@code text} is one or more of A, C, G, T, N (the regular expression {@code [ACGTN]+}; no regex: one key per variant). */
    private static boolean isBases(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int index = 0; index < text.length(); index++) {
            char base = text.charAt(index);
            if (base != 'A' && base != 'C' && base != 'G' && base != 'T' && base != 'N') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} is a symbolic allele: {@code <[^<>,\s]+>}. */
    private static boolean isSymbolic(String text) {
        int length = text.length();
        if (length < 3 || text.charAt(0) != '<' || text.charAt(length - 1) != '>') {
            return false;
        }
        for (int index = 1; index < length - 1; index++) {
            char value = text.charAt(index);
            if (value == '<' || value == '>' || value == ',' || value == ' ' || value == '\t' || value == '\n' || value == 0x0B
                    || value == '\f' || value == '\r') {
                return false;
            }
        }
        return true;
    }

    public VariantKey {
        requireNonNull(assembly, "assembly is null");
        requireNonNull(contig, "contig is null");
        requireNonNull(reference, "reference is null");
        requireNonNull(alternate, "alternate is null");
        if (contig.isBlank() || !Contigs.canonical(contig).equals(contig)) {
            throw new IllegalArgumentException("contig must be canonical (1–22, X, Y, MT or another contig's name) but is '"
                    + contig + "'");
        }
        if (position < 1) {
            throw new IllegalArgumentException("position must be 1 or more but is " + position);
        }
        if (!isBases(reference)) {
            throw new IllegalArgumentException("reference must be upper-case A, C, G, T, N but is '" + reference + "'");
        }
        boolean sequence = isBases(alternate);
        if (!sequence && !alternate.equals("*") && !isSymbolic(alternate)) {
            throw new IllegalArgumentException("alternate must be upper-case A, C, G, T, N, * or symbolic (<DEL>) but is '"
                    + alternate + "'");
        }
        if (sequence) {
            if (reference.equals(alternate)) {
                throw new IllegalArgumentException("alternate equals reference: '" + reference + "'");
            }
            boolean bothLonger = reference.length() > 1 && alternate.length() > 1;
            if (bothLonger && reference.charAt(reference.length() - 1) == alternate.charAt(alternate.length() - 1)) {
                throw new IllegalArgumentException("alleles share their last base and must be trimmed: " + reference + ">" + alternate);
            }
            if (bothLonger && reference.charAt(0) == alternate.charAt(0)) {
                throw new IllegalArgumentException("alleles share their first base and must be trimmed: " + reference + ">" + alternate);
            }
        }
    }

    /**
     * Parses the form written by {@link #toString()}, e.g. {@code GRCh38-1-55051215-G-GA}.
     *
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static VariantKey parse(String text) {
        requireNonNull(text, "text is null");
        String[] parts = text.split("-", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("a variant key has the form ASSEMBLY-CONTIG-POSITION-REF-ALT but is '" + text + "'");
        }
        int position;
        try {
            position = Integer.parseInt(parts[2]);
        } catch (NumberFormatException exception) {
            throw new IllegalArgumentException("the position of variant key '" + text + "' is not a number", exception);
        }
        return new VariantKey(Assembly.parse(parts[0]), parts[1], position, parts[3], parts[4]);
    }

    /** Whether REF and ALT are both one base (a single-nucleotide variant). */
    public boolean isSingleNucleotide() {
        return reference.length() == 1 && alternate.length() == 1 && !alternate.equals("*");
    }

    /** The last position covered by REF. */
    public int end() {
        return position + reference.length() - 1;
    }

    /** Orders by assembly, contig (primary chromosomes in karyotype order, then others by name), position, REF, ALT. */
    @Override
    public int compareTo(VariantKey other) {
        return ORDER.compare(this, other);
    }

    private static int compareContigs(String left, String right) {
        int leftIndex = Contigs.PRIMARY_CONTIGS.indexOf(left);
        int rightIndex = Contigs.PRIMARY_CONTIGS.indexOf(right);
        if (leftIndex >= 0 && rightIndex >= 0) {
            return Integer.compare(leftIndex, rightIndex);
        }
        if (leftIndex >= 0 || rightIndex >= 0) {
            return leftIndex >= 0 ? -1 : 1;
        }
        return left.compareTo(right);
    }

    /** {@code ASSEMBLY-CONTIG-POSITION-REF-ALT}, e.g. {@code GRCh38-1-55051215-G-GA}. */
    @Override
    public String toString() {
        return assembly.displayName() + "-" + contig + "-" + position + "-" + reference + "-" + alternate;
    }
}
