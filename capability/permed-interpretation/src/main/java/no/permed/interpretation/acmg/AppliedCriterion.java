package no.permed.interpretation.acmg;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;

/**
 * One criterion as a curator applied it, at its default or at a modified strength, written as ClinGen writes it:
 * {@code PM2}, {@code PM2_Supporting}, {@code PS4_Moderate}, {@code PVS1_Strong}, {@code PP3_Strong},
 * {@code BP4_Moderate}, {@code PS2_VeryStrong}.
 *
 * @param criterion the criterion
 * @param strength the strength it was applied at; {@link Strength#STAND_ALONE} only for BA1, and BA1 only at it
 */
public record AppliedCriterion(Criterion criterion, Strength strength) {
    private static final Set<Strength> MODIFIABLE = EnumSet.of(Strength.VERY_STRONG, Strength.STRONG, Strength.MODERATE,
            Strength.SUPPORTING);

    public AppliedCriterion {
        requireNonNull(criterion, "criterion is null");
        requireNonNull(strength, "strength is null");
        if ((criterion == Criterion.BA1) != (strength == Strength.STAND_ALONE)) {
            throw new IllegalArgumentException("only BA1 is stand-alone, and BA1 has no other strength: " + criterion + " at " + strength);
        }
    }

    /** The criterion at its default strength. */
    public static AppliedCriterion of(Criterion criterion) {
        return new AppliedCriterion(criterion, criterion.defaultStrength());
    }

    /** The direction of the criterion. */
    public Direction direction() {
        return criterion.direction();
    }

    /** Whether the strength differs from the criterion's default. */
    public boolean isModified() {
        return strength != criterion.defaultStrength();
    }

    /** Tavtigian points: positive for pathogenic criteria, negative for benign ones (BA1 counts −8). */
    public int points() {
        return direction() == Direction.PATHOGENIC ? strength.points() : -strength.points();
    }

    /**
     * Parses one code, ignoring case and white space around it: {@code PM2}, {@code pm2_supporting},
     * {@code PS2_VeryStrong} (also {@code PS2_Very Strong}, {@code PS2_Very_Strong}).
     *
     * @throws PermedException with {@link InterpretationErrorCode#UNKNOWN_CRITERION} naming the bad code and what is allowed
     */
    public static AppliedCriterion parse(String text) {
        requireNonNull(text, "text is null");
        String trimmed = text.trim();
        int underscore = trimmed.indexOf('_');
        String code = underscore < 0 ? trimmed : trimmed.substring(0, underscore);
        Criterion criterion = Criterion.fromCode(code).orElseThrow(() -> new PermedException(InterpretationErrorCode.UNKNOWN_CRITERION,
                "Unknown ACMG/AMP criterion '" + trimmed + "'; use one of " + String.join(", ", Criterion.CODES)
                        + ", optionally with a strength suffix such as PM2_Supporting",
                Map.of("field", "criteria", "value", trimmed, "allowed", Criterion.CODES)));
        if (underscore < 0) {
            return of(criterion);
        }
        String suffix = trimmed.substring(underscore + 1);
        Strength strength = Strength.fromSuffix(suffix)
                .filter(candidate -> criterion == Criterion.BA1 ? candidate == Strength.STAND_ALONE : MODIFIABLE.contains(candidate))
                .orElseThrow(() -> new PermedException(InterpretationErrorCode.UNKNOWN_CRITERION,
                        "Unknown strength '" + suffix + "' in ACMG/AMP criterion '" + trimmed + "'; "
                                + (criterion == Criterion.BA1 ? "BA1 takes no strength suffix"
                                        : "use _Supporting, _Moderate, _Strong or _VeryStrong"),
                        Map.of("field", "criteria", "value", trimmed,
                                "allowed", List.of("Supporting", "Moderate", "Strong", "VeryStrong"))));
        return new AppliedCriterion(criterion, strength);
    }

    /**
     * Parses a list separated by commas, semicolons or white space, e.g. {@code PVS1,PM2_Supporting,PP3}.
     *
     * @throws PermedException with {@link InterpretationErrorCode#UNKNOWN_CRITERION} for a bad code, or
     *     {@link InterpretationErrorCode#DUPLICATE_CRITERION} when one criterion is listed twice
     */
    public static List<AppliedCriterion> parseList(String text) {
        requireNonNull(text, "text is null");
        Map<Criterion, AppliedCriterion> byCriterion = new LinkedHashMap<>();
        List<AppliedCriterion> result = new ArrayList<>();
        for (String part : text.split("[,;\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            AppliedCriterion applied = parse(part);
            AppliedCriterion earlier = byCriterion.putIfAbsent(applied.criterion(), applied);
            if (earlier != null) {
                throw new PermedException(InterpretationErrorCode.DUPLICATE_CRITERION,
                        "ACMG/AMP criterion " + applied.criterion() + " is listed twice (" + earlier + " and " + applied
                                + "); apply each criterion once, at one strength",
                        Map.of("field", "criteria", "value", applied.criterion().name()));
            }
            result.add(applied);
        }
        return List.copyOf(result);
    }

    /** The code as ClinGen writes it: {@code PM2} at the default strength, {@code PM2_Supporting} otherwise. */
    @Override
    public String toString() {
        return isModified() ? criterion.name() + "_" + strength.suffix() : criterion.name();
    }
}
