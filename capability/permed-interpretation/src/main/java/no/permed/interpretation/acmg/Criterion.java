package no.permed.interpretation.acmg;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The 28 ACMG/AMP 2015 evidence criteria (Richards et al. 2015, Tables 3 and 4), each with its direction and its
 * default strength.
 */
public enum Criterion {
    PVS1(Direction.PATHOGENIC, Strength.VERY_STRONG),
    PS1(Direction.PATHOGENIC, Strength.STRONG),
    PS2(Direction.PATHOGENIC, Strength.STRONG),
    PS3(Direction.PATHOGENIC, Strength.STRONG),
    PS4(Direction.PATHOGENIC, Strength.STRONG),
    PM1(Direction.PATHOGENIC, Strength.MODERATE),
    PM2(Direction.PATHOGENIC, Strength.MODERATE),
    PM3(Direction.PATHOGENIC, Strength.MODERATE),
    PM4(Direction.PATHOGENIC, Strength.MODERATE),
    PM5(Direction.PATHOGENIC, Strength.MODERATE),
    PM6(Direction.PATHOGENIC, Strength.MODERATE),
    PP1(Direction.PATHOGENIC, Strength.SUPPORTING),
    PP2(Direction.PATHOGENIC, Strength.SUPPORTING),
    PP3(Direction.PATHOGENIC, Strength.SUPPORTING),
    PP4(Direction.PATHOGENIC, Strength.SUPPORTING),
    PP5(Direction.PATHOGENIC, Strength.SUPPORTING),
    BA1(Direction.BENIGN, Strength.STAND_ALONE),
    BS1(Direction.BENIGN, Strength.STRONG),
    BS2(Direction.BENIGN, Strength.STRONG),
    BS3(Direction.BENIGN, Strength.STRONG),
    BS4(Direction.BENIGN, Strength.STRONG),
    BP1(Direction.BENIGN, Strength.SUPPORTING),
    BP2(Direction.BENIGN, Strength.SUPPORTING),
    BP3(Direction.BENIGN, Strength.SUPPORTING),
    BP4(Direction.BENIGN, Strength.SUPPORTING),
    BP5(Direction.BENIGN, Strength.SUPPORTING),
    BP6(Direction.BENIGN, Strength.SUPPORTING),
    BP7(Direction.BENIGN, Strength.SUPPORTING);

    /** Every code, in the paper's order, for error messages. */
    public static final List<String> CODES = Arrays.stream(values()).map(Criterion::name).toList();

    private final Direction direction;
    private final Strength defaultStrength;

    Criterion(Direction direction, Strength defaultStrength) {
        this.direction = direction;
        this.defaultStrength = defaultStrength;
    }

    public Direction direction() {
        return direction;
    }

    /** The strength the 2015 paper gives the criterion. */
    public Strength defaultStrength() {
        return defaultStrength;
    }

    /** The criterion with this code, ignoring case; empty when there is none. */
    public static Optional<Criterion> fromCode(String code) {
        String upper = code.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(criterion -> criterion.name().equals(upper)).findFirst();
    }
}
