package no.permed.prs.score;

/** How a variant's effect allele dosage (0, 1 or 2 copies) turns into its contribution to the score. */
public enum EffectType {
    /** weight × dosage. */
    ADDITIVE,
    /** weight × min(dosage, 1): one copy is enough ({@code is_dominant=TRUE}). */
    DOMINANT,
    /** weight × max(dosage − 1, 0): two copies are needed ({@code is_recessive=TRUE}). */
    RECESSIVE,
    /** One weight per dosage, {@code dosage_0_weight}, {@code dosage_1_weight}, {@code dosage_2_weight} (non-additive). */
    DOSAGE_WEIGHTS
}
