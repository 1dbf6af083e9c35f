package no.permed.consent;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import no.permed.kernel.PermedException;

/**
 * The terms of a consent as given or changed: purpose, optional project (none: any project), DUO modifiers, validity
 * period (from, optional to; exclusive end), source and the patient's findings choices. Validated on construction.
 */
public record ConsentTerms(ConsentPurpose purpose, Optional<String> project, Set<DuoCode> modifiers, Instant validFrom,
        Optional<Instant> validTo, ConsentSource source, FindingsChoices findings) {
    private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public ConsentTerms {
        requireNonNull(purpose, "purpose is null");
        requireNonNull(project, "project is null");
        requireNonNull(modifiers, "modifiers is null");
        requireNonNull(validFrom, "validFrom is null");
        requireNonNull(validTo, "validTo is null");
        requireNonNull(source, "source is null");
        requireNonNull(findings, "findings is null");
        if (project.isPresent() && !PROJECT.matcher(project.get()).matches()) {
            throw new PermedException(ConsentErrorCode.INVALID_PROJECT, "A project identifier is 1–64 of A-Z a-z 0-9 . _ -,"
                    + " starting with a letter or digit", Map.of("field", "project"));
        }
        for (DuoCode modifier : modifiers) {
            if (modifier.kind() != DuoCode.Kind.MODIFIER) {
                throw new PermedException(ConsentErrorCode.INVALID_PURPOSE, "DUO code " + modifier + " is a permission, not a modifier",
                        Map.of("field", "modifiers"));
            }
        }
        modifiers = modifiers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(modifiers));
        if (validTo.isPresent() && !validTo.get().isAfter(validFrom)) {
            throw new PermedException(ConsentErrorCode.INVALID_PERIOD, "The validity period ends (" + validTo.get()
                    + ") before or when it starts (" + validFrom + ")", Map.of("field", "validTo"));
        }
    }

    /** Whether the period holds at {@code time} (from inclusive, to exclusive). */
    public boolean validAt(Instant time) {
        return !time.isBefore(validFrom) && validTo.map(time::isBefore).orElse(true);
    }
}
