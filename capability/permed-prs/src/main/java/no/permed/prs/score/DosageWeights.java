package no.permed.prs.score;

/**
 * The non-additive weights of one variant: the contribution for 0, 1 and 2 copies of the effect allele
 * ({@code dosage_0_weight}, {@code dosage_1_weight}, {@code dosage_2_weight}).
 */
public record DosageWeights(double zero, double one, double two) {
    public DosageWeights {
        if (!Double.isFinite(zero) || !Double.isFinite(one) || !Double.isFinite(two)) {
            throw new IllegalArgumentException("dosage weights must be finite but are " + zero + ", " + one + ", " + two);
        }
    }

    /** The weight for {@code dosage} copies (0, 1 or 2). */
    public double forDosage(int dosage) {
        return switch (dosage) {
            case 0 -> zero;
            case 1 -> one;
            case 2 -> two;
            default -> throw new IllegalArgumentException("dosage must be 0, 1 or 2 but is " + dosage);
        };
    }
}
