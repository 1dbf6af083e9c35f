package no.permed.prs.match;

/**
 * How a score row matched a target site, in pgsc_calc's order of preference (the first is best). "ref"/"alt" say which
 * target allele the effect allele is; "flip" that the score's alleles matched after complementing them (the other
 * strand); "no_oa" that the row has no other allele, so only the effect allele was compared.
 */
public enum MatchType {
    /** effect allele = REF and other allele = ALT. */
    REFALT("refalt", false, false),
    /** effect allele = ALT and other allele = REF. */
    ALTREF("altref", true, false),
    /** complemented effect allele = REF and complemented other allele = ALT. */
    REFALT_FLIP("refalt_flip", false, true),
    /** complemented effect allele = ALT and complemented other allele = REF. */
    ALTREF_FLIP("altref_flip", true, true),
    /** no other allele; effect allele = REF. */
    NO_OA_REF("no_oa_ref", false, false),
    /** no other allele; effect allele = ALT. */
    NO_OA_ALT("no_oa_alt", true, false),
    /** no other allele; complemented effect allele = REF. */
    NO_OA_REF_FLIP("no_oa_ref_flip", false, true),
    /** no other allele; complemented effect allele = ALT. */
    NO_OA_ALT_FLIP("no_oa_alt_flip", true, true);

    private final String label;
    private final boolean effectIsAlternate;
    private final boolean flipped;

    MatchType(String label, boolean effectIsAlternate, boolean flipped) {
        this.label = label;
        this.effectIsAlternate = effectIsAlternate;
        this.flipped = flipped;
    }

    /** pgsc_calc's name, e.g. {@code refalt_flip}. */
    public String label() {
        return label;
    }

    /** Whether the effect allele is the target's ALT (else its REF). */
    public boolean effectIsAlternate() {
        return effectIsAlternate;
    }

    /** Whether the match needed the alleles complemented. */
    public boolean flipped() {
        return flipped;
    }
}
