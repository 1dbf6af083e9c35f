package no.permed.vcf.genome;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * Canonical contig names. The primary human chromosomes are written {@code 1}…{@code 22}, {@code X},
 * {@code Y} and {@code MT}, whatever the input used ({@code chr1}, {@code CHR1}, {@code chrM}, {@code M},
 * {@code chrMT}); any other contig (alternate loci, decoys, unplaced scaffolds) keeps its name unchanged,
 * because dropping a prefix there would not make two spellings of it equal.
 */
public final class Contigs {
    /** The primary chromosomes in karyotype order, by canonical name. */
    public static final List<String> PRIMARY_CONTIGS = List.of(
            "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18",
            "19", "20", "21", "22", "X", "Y", "MT");

    private static final Set<String> PRIMARY_SET = Set.copyOf(PRIMARY_CONTIGS);
    private static final Set<String> AUTOSOMES = Set.copyOf(PRIMARY_CONTIGS.subList(0, 22));

    private Contigs() {
    }

    /** The canonical name of a contig as written in a VCF or FASTA. */
    public static String canonical(String name) {
        requireNonNull(name, "name is null");
        String stripped = name;
        if (name.length() > 3 && name.regionMatches(true, 0, "chr", 0, 3)) {
            stripped = name.substring(3);
        }
        String upper = stripped.toUpperCase(java.util.Locale.ROOT);
        if (upper.equals("M") || upper.equals("MT")) {
            return "MT";
        }
        if (upper.equals("X") || upper.equals("Y")) {
            return upper;
        }
        if (PRIMARY_SET.contains(stripped) && !stripped.startsWith("0")) {
            return stripped;
        }
        return name;
    }

    /** Whether the canonical name is one of 1–22, X, Y, MT. */
    public static boolean isPrimary(String canonicalName) {
        return PRIMARY_SET.contains(canonicalName);
    }

    /** Whether the canonical name is one of the autosomes 1–22. */
    public static boolean isAutosome(String canonicalName) {
        return AUTOSOMES.contains(canonicalName);
    }
}
