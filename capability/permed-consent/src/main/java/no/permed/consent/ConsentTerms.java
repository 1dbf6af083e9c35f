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
    /** DUO codes in declaration order, kept once: {@code values()} copies the array on every call. */
    private static final DuoCode[] DUO_ORDER = DuoCode.values();

    public ConsentTerms {
        requireNonNull(purpose, "purpose is null");
        requireNonNull(project, "project is null");
        requireNonNull(modifiers, "modifiers is null");
        requireNonNull(validFrom, "validFrom is null");
        requireNonNull(validTo, "validTo is null");
        requireNonNull(source, "source is null");
        requireNonNull(findings, "findings is null");
        project.ifPresent(ConsentTerms::requireProject);
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

    /**
     * Checks a project identifier: 1–64 of A-Z a-z 0-9 . _ -, starting with a letter or digit.
     *
     * @return the identifier
     * @throws PermedException {@link ConsentErrorCode#INVALID_PROJECT} otherwise (the message does not repeat the value)
     */
    public static String requireProject(String project) {
        if (project == null || !PROJECT.matcher(project).matches()) {
            throw new PermedException(ConsentErrorCode.INVALID_PROJECT, "A project identifier is 1–64 of A-Z a-z 0-9 . _ -,"
                    + " starting with a letter or digit", Map.of("field", "project"));
        }
        return project;
    }

    /** The same terms with other findings choices. */
    public ConsentTerms withFindings(FindingsChoices choices) {
        return new ConsentTerms(purpose, project, modifiers, validFrom, validTo, source, choices);
    }

    /** The same terms recorded through another source. */
    public ConsentTerms withSource(ConsentSource recordedThrough) {
        return new ConsentTerms(purpose, project, modifiers, validFrom, validTo, recordedThrough, findings);
    }

    /**
     * The modifier that refuses {@code use}, if any (the first in DUO order). NCU refuses commercial use; NPU use by a
     * for-profit organisation; NPUNCU either; IRB use without ethics approval; NPOA, and the permissions HMB and DS (whose
     * DUO definitions exclude it), population origins or ancestry research; GS use outside Norway; PS use outside a named
     * project. PUB and COL are obligations ({@link #obligations()}), CC widens use to clinical care: neither refuses.
     */
    public Optional<DuoCode> refusal(DataUse use) {
        requireNonNull(use, "use is null");
        if (use.ancestryResearch() && (purpose.code() == DuoCode.HMB || purpose.code() == DuoCode.DS)) {
            return Optional.of(purpose.code());
        }
        if (modifiers.isEmpty()) {
            return Optional.empty();
        }
        for (DuoCode modifier : DUO_ORDER) {
            if (!modifiers.contains(modifier)) {
                continue;
            }
            boolean refuses = switch (modifier) {
                case NCU -> use.commercial();
                case NPU -> use.forProfitOrganisation();
                case NPUNCU -> use.commercial() || use.forProfitOrganisation();
                case IRB -> !use.ethicsApproved();
                case NPOA -> use.ancestryResearch();
                case GS -> use.outsideNorway();
                case PS -> use.project().isEmpty();
                case PUB, COL, CC -> false;
                case GRU, HMB, DS, NRES -> false;
            };
            if (refuses) {
                return Optional.of(modifier);
            }
        }
        return Optional.empty();
    }

    /** The modifiers that oblige a user rather than refuse a use: publication (PUB) and collaboration (COL) required. */
    public Set<DuoCode> obligations() {
        Set<DuoCode> obligations = EnumSet.noneOf(DuoCode.class);
        for (DuoCode modifier : modifiers) {
            if (modifier == DuoCode.PUB || modifier == DuoCode.COL) {
                obligations.add(modifier);
            }
        }
        return obligations.isEmpty() ? Set.of() : Set.copyOf(obligations);
    }

    /** Whether the period holds at {@code time} (from inclusive, to exclusive). */
    public boolean validAt(Instant time) {
        return !time.isBefore(validFrom) && validTo.map(time::isBefore).orElse(true);
    }
}
